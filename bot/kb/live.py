"""Which knowledge base is live: the newest version staff applied, else the shipped one.

`load_live` is for start-up and one-shot commands. A long-running bot keeps a `LiveKnowledge`
and asks it per update: that reads the small `LIVE` pointer and re-validates only when it
changed, so a `python -m bot kb apply` from the command line reaches a running bot.
"""

from __future__ import annotations

import hashlib
import logging
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from bot.clock import Clock, SystemClock
from bot.kb.knowledge import KnowledgeBase
from bot.kb.store import KnowledgeStore
from bot.kb.theme_groups import ThemeGroupCheck

log = logging.getLogger(__name__)

T = TypeVar("T")

_BUILT: OrderedDict[tuple[Callable[[KnowledgeBase], Any], str], Any] = OrderedDict()
"""What `Derived` built, by builder and content of the knowledge files, for the whole process:
an Advisor takes ~0.2 s to build, and several bots in one process (the tests, the evaluation,
the benchmarks) live on the same files. The newest few are kept."""
_KEPT = 4


def load_live(data_dir: Path) -> KnowledgeBase:
    store = KnowledgeStore(data_dir, SystemClock())
    warn_if_shipped_changed(store)
    return store.live()


def warn_if_shipped_changed(store: KnowledgeStore) -> None:
    """An update of the program brought new knowledge files, but staff's versions stay live:
    said at start-up, so staff know to apply them."""
    if store.shipped_changed():
        log.warning(
            "the shipped knowledge base differs from the one staff's versions started from; "
            "live stays %s until staff apply the new files",
            store.live_version(),
        )


class LiveKnowledge:
    """The current knowledge base of a data directory, for a process that runs for long."""

    def __init__(
        self, data_dir: Path, clock: Clock | None = None, check: ThemeGroupCheck | None = None
    ) -> None:
        self.store = KnowledgeStore(data_dir, clock or SystemClock(), check=check)
        """Also the store to apply and roll back with: its own changes are seen at once."""

    def current(self) -> KnowledgeBase:
        return self.store.live()

    def digest(self) -> str:
        """The content of the live version's files (equal files, equal knowledge)."""
        digest = hashlib.sha256()
        for name, content in sorted(self.store.current().files.items()):
            digest.update(name.encode() + b"\0" + hashlib.sha256(content).digest())
        return digest.hexdigest()

    @property
    def version(self) -> str:
        return self.store.live_version()

    def derived(self, build: Callable[[KnowledgeBase], T]) -> Derived[T]:
        """Something built from the knowledge base (an Advisor), rebuilt when it changes."""
        return Derived(self, build)


class Derived(Generic[T]):
    def __init__(self, live: LiveKnowledge, build: Callable[[KnowledgeBase], T]) -> None:
        self._live = live
        self._build = build
        self._source: KnowledgeBase | None = None
        self._value: T | None = None

    def get(self) -> T:
        kb = self._live.current()
        if self._source is not kb or self._value is None:
            key = (self._build, self._live.digest())
            value: T | None = _BUILT.get(key)
            if value is None:
                value = self._build(kb)
                _BUILT[key] = value
                while len(_BUILT) > _KEPT:
                    _BUILT.popitem(last=False)
            self._value = value
            self._source = kb
        return self._value
