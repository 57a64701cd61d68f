"""German nouns, to tell a compound ("Pflegedoku": Pflege + Doku) from a word that merely
contains a vocabulary word ("Wirtschaft" is no "Haft").

The nouns come from simplemma's German dictionary (in its wheel). Loading that dictionary takes
well over a second, too long for every start of the bot, so the nouns it holds (about 250,000,
folded) are kept in a cache file after the first load: reading it takes some 40 ms. The cache
lives in $XDG_CACHE_HOME/foerderlotse (else ~/.cache/foerderlotse), named after the simplemma
version; where it cannot be written, the nouns are simply built in memory each time.
"""

from __future__ import annotations

import marshal
import os
import re
import tempfile
import threading
from importlib.metadata import version
from pathlib import Path

FORMAT = 1
"""Bumped when what the cache holds changes (its name carries it)."""

_UMLAUT = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "s"})
_SPELLED_UMLAUT = re.compile(r"(?<=[a-z])([aou])e")
_lock = threading.Lock()
_nouns: frozenset[str] | None = None


def fold(word: str) -> str:
    """Case and umlauts folded, spelled-out umlauts too: "Geflüchtete" and "Gefluechtete"
    meet (folding "ue" everywhere is harmless where both sides are folded alike)."""
    return _SPELLED_UMLAUT.sub(r"\1", word.casefold().translate(_UMLAUT))


def cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    name = f"de-nouns-{FORMAT}-simplemma-{version('simplemma')}.marshal"
    return Path(base) / "foerderlotse" / name


def german_nouns() -> frozenset[str]:
    """Every German noun simplemma knows, folded (`fold`)."""
    global _nouns
    with _lock:
        if _nouns is None:
            _nouns = _read() or _build()
        return _nouns


def _read() -> frozenset[str] | None:
    try:
        loaded = marshal.loads(cache_file().read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return loaded if isinstance(loaded, frozenset) else None


def _build() -> frozenset[str]:
    # Imported here: only a machine without the cache file needs simplemma's dictionary.
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    dictionary = DefaultDictionaryFactory().get_dictionary("de")
    nouns = set()
    for lemma in dictionary.values():
        word = lemma.decode() if isinstance(lemma, bytes) else str(lemma)
        if word[:1].isupper() and word.isalpha() and len(word) >= 3:
            nouns.add(fold(word))
    built = frozenset(nouns)
    _write(built)
    return built


def _write(nouns: frozenset[str]) -> None:
    """Atomically, so a bot starting meanwhile reads the old file or the new, never half."""
    target = cache_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
            handle.write(marshal.dumps(nouns))
        os.chmod(handle.name, 0o644)  # readable by the bot's user where built in an image
        os.replace(handle.name, target)
    except OSError:
        return
