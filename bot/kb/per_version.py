"""What is built once per knowledge base in use (finders, compiled word lists).

A knowledge base is immutable and not hashable; the readers built from it are kept by its
identity, so a version staff apply is read with its own finders while the old version's are
dropped with the next few versions. Eight is more than the versions alive at once (the live
one, one being checked, one being shown for confirmation).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from bot.kb.knowledge import KnowledgeBase

T = TypeVar("T")

KEPT = 8


def once_per_knowledge_base(build: Callable[[KnowledgeBase], T]) -> Callable[[KnowledgeBase], T]:
    """`build`, called once for each knowledge base (by identity) among the last `KEPT`."""
    built: dict[int, tuple[KnowledgeBase, T]] = {}
    lock = threading.Lock()

    def get(kb: KnowledgeBase) -> T:
        known = built.get(id(kb))
        if known is None or known[0] is not kb:
            value = build(kb)
            with lock:
                if len(built) >= KEPT:
                    built.clear()
                known = built[id(kb)] = (kb, value)
        return known[1]

    get.__doc__ = build.__doc__
    return get
