"""Static word vectors distilled from a multilingual sentence-embedding model, read in pure
Python (issue #14, point 4).

`bench/distill_vectors.py` embeds each word of a vocabulary (frequent German and English words
and every word of the knowledge base) alone with multilingual-e5-small, reduces the vectors by
PCA and stores them as int8 in one file (`pack`; its header names the model, the vocabulary's
sources and the script). A text's vector is the mean of its words' vectors, each
weighted by how rare the word is (smooth inverse frequency: "und", "the" and "wir" weigh almost
nothing). That keeps part of what the model knows about which words mean alike things, across
German and English, at a cost of microseconds and no numpy: the bot does not have it.

Measured as a look-alike signal and not adopted (docs/BENCHMARKS.md, "Static vectors (wave
8)"), so it lives with the benchmarks: the bot does not import it; `bench/semantic_lookalikes.py`
does.

A word the table lacks is looked up by its dictionary form (simplemma, through the tries the
understanding already keeps), else as a German compound: its longest known head
("Weiterbildungsangebote" -> "angebote") with the known word before it ("weiterbildungs" ->
"weiterbildung"). A word found in no way is left out.
"""

from __future__ import annotations

import json
import math
import operator
import os
import re
import struct
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import marisa_trie

from bot.understanding.dictionaries import lemmatize

__all__ = ["MAGIC", "StaticVectors", "Vector", "cosine", "default_file", "load", "pack", "words_of"]

FORMAT = 1
MAGIC = b"FLSV1\n"
"""The data file's first bytes (format 1: header, trie, Zipf bytes, int8 rows)."""
SIF = 1e-3
"""Smooth inverse frequency: a word of probability p weighs SIF / (SIF + p). Zipf 7 ("die",
"the") weighs 0.09, Zipf 5 0.9, rare words 1."""
MIN_PART = 4
"""The shortest head or modifier a compound is split into."""
_LINKS = ("s", "es", "n", "en", "e")
_WORD = re.compile(r"[^\W\d_]+")

Vector = tuple[float, ...]


def words_of(text: str) -> list[str]:
    """A text's words, lower case: letters only (hyphens, digits and signs split words), the
    same for the distilled vocabulary and for what is looked up."""
    return _WORD.findall(text.lower())


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    """The dot product of two vectors; those of `StaticVectors.embed` are of unit length."""
    return math.fsum(map(operator.mul, a, b))


@dataclass(frozen=True)
class _Header:
    dims: int
    scale: float
    words: int
    trie_bytes: int


class StaticVectors:
    """The distilled table, read once per process (`shipped`); thread-safe to read."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(MAGIC):
            raise ValueError("not a static-vectors file")
        at = len(MAGIC)
        (length,) = struct.unpack_from("<I", data, at)
        at += 4
        self.header = json.loads(data[at : at + length])
        at += length
        header = _Header(
            int(self.header["dims"]),
            float(self.header["scale"]),
            int(self.header["words"]),
            int(self.header["trie_bytes"]),
        )
        self.dims = header.dims
        self._scale = header.scale
        self._trie = marisa_trie.Trie()
        self._trie.frombytes(data[at : at + header.trie_bytes])
        at += header.trie_bytes
        self._zipf = data[at : at + header.words]
        at += header.words
        # A view, not a copy, of the rows: the file's bytes are the table.
        self._rows = memoryview(data)[at : at + header.words * header.dims].cast("b")
        if len(self._rows) != header.words * header.dims or len(self._trie) != header.words:
            raise ValueError("static-vectors file cut short")

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and word in self._trie

    def row(self, word: str) -> int | None:
        """The table's row of a word as written, or None."""
        try:
            return int(self._trie.key_id(word))
        except KeyError:
            return None

    def zipf(self, row: int) -> float:
        return self._zipf[row] / 10

    def weight(self, row: int) -> float:
        probability = 10 ** (self.zipf(row) - 9) if self._zipf[row] else 0.0
        return SIF / (SIF + probability)

    def vector(self, row: int) -> Vector:
        begin = row * self.dims
        scale = self._scale
        return tuple(value * scale for value in self._rows[begin : begin + self.dims])

    @lru_cache(maxsize=20_000)  # noqa: B019 - one table per process, bounded
    def weighted(self, word: str) -> tuple[tuple[int, float], ...]:
        """The rows a word stands for, with their weights: its own, its dictionary form's,
        or its compound parts'; none where it is unknown in every way. (Rows and weights, not
        float vectors, are cached: 128 floats are 4 KB a word.)"""
        return tuple((row, self.weight(row)) for row in self._rows_of(word))

    def _rows_of(self, word: str) -> list[int]:
        if (row := self.row(word)) is not None:
            return [row]
        for language in ("de", "en"):
            candidate = word.capitalize() if language == "de" else word
            lemma = lemmatize(candidate, language).lower()
            if lemma != word and (row := self.row(lemma)) is not None:
                return [row]
        return self._compound(word)

    def _compound(self, word: str) -> list[int]:
        """A German compound's longest known head and the known word before it (with or
        without linking letters); the head alone where the rest is no known word."""
        for start in range(MIN_PART, len(word) - MIN_PART + 1):
            head = self.row(word[start:])
            if head is None:
                continue
            modifier = word[:start]
            for form in (modifier, *(modifier[: -len(k)] for k in _LINKS if modifier.endswith(k))):
                if len(form) >= MIN_PART and (row := self.row(form)) is not None:
                    return [row, head]
            return [head]
        return []

    def embed(self, texts: Iterable[str]) -> Vector | None:
        """The texts' words' weighted mean, of unit length; None where no word is known. (The
        table's scale is left out: one factor for every row, gone with the normalising.)"""
        total = [0.0] * self.dims
        found = False
        rows = self._rows
        dims = self.dims
        for text in texts:
            for word in words_of(text):
                for row, weight in self.weighted(word):
                    begin = row * dims
                    values = map(weight.__mul__, rows[begin : begin + dims])
                    total = list(map(operator.add, total, values))
                    found = True
        norm = math.sqrt(math.fsum(v * v for v in total))
        if not found or norm == 0.0:
            return None
        return tuple(v / norm for v in total)


def pack(
    header: dict[str, object],
    words: Sequence[str],
    zipf: Sequence[float],
    rows: Sequence[Sequence[int]],
    scale: float,
) -> bytes:
    """A table in this module's format: `rows` are int8 values (one row a word, all of one
    length), `scale` turns them back into floats, `zipf` is each word's Zipf frequency. The
    trie numbers the words its own way; the rows are stored in its order."""
    trie = marisa_trie.Trie(words)
    position = {word: index for index, word in enumerate(words)}
    order = [position[trie.restore_key(key_id)] for key_id in range(len(words))]
    trie_bytes = bytes(trie.tobytes())
    dims = len(rows[0]) if rows else 0
    full = {
        **header,
        "words": len(words),
        "dims": dims,
        "scale": scale,
        "trie_bytes": len(trie_bytes),
    }
    encoded = json.dumps(full, sort_keys=True).encode()
    frequencies = bytes(min(255, max(0, round(zipf[i] * 10))) for i in order)
    table = array("b", (value for i in order for value in rows[i])).tobytes()
    return MAGIC + struct.pack("<I", len(encoded)) + encoded + trie_bytes + frequencies + table


def default_file() -> Path:
    """Where `bench/distill_vectors.py` writes the table and the bench reads it: beside the
    bot's other caches ($XDG_CACHE_HOME/foerderlotse, else ~/.cache/foerderlotse). The table is
    no package data: the bot does not use it (docs/BENCHMARKS.md, wave 8)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "foerderlotse" / f"static-vectors-{FORMAT}.bin"


def load(path: Path | None = None) -> StaticVectors:
    return StaticVectors((path or default_file()).read_bytes())
