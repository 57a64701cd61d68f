"""The knowledge base's vocabulary, and finding it in free German text.

Sponsors write compounds ("Pflegekräftegewinnung"), plurals, gendered forms and typos. Words are
reduced to light stems, and a vocabulary stem is found anywhere inside a word (so compounds
match their parts); within one word only the longest matches count ("ausbildung", not also
"bildung"). Words that match nothing are compared with rapidfuzz against the vocabulary to
catch typos. No model is downloaded: the vocabulary is the knowledge base.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

MAX_TEXT = 4000
"""Descriptions beyond this length add little to matching and would only cost time."""

MIN_PART = 4
"""Shortest vocabulary stem that may match inside a longer word."""

_WORD = re.compile(r"[a-zäöüß0-9]+(?:[*:/_-]innen)?")
_UMLAUT = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "s"})
_SPELLED_UMLAUT = re.compile(r"(?<=[a-z])([aou])e")
_GENDER = re.compile(r"[*:/_-]innen$")
_SUFFIXES = ("innen", "ern", "en", "er", "es", "e", "n", "s")

STOPWORDS = frozenset(
    """
    aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bis
    bzw da damit dann das dass dem den denen der deren des die dies diese diesem diesen dieser
    dieses doch dort durch ein eine einem einen einer eines einige er es etwa euch fur gegen
    hat hatte haben hier ihr ihre ihrem ihren im in ins ist je jede jedem jeden jeder jedes
    kann konnen man mehr mit muss nach nicht noch nur ob oder ohne sehr sein seine sich sie
    sind so soll sollen sowie uber um und uns unser unsere unter viel vom von vor wahrend war
    was weil welche wenn werden wie wieder wir wird wo wollen zu zum zur zwischen
    the and for with our of to in on a an is are be we will this that from by as at it
    projekt projekte projekten idee ziel ziele wollen mochten geplant plan planen region
    """.split()
)


def stem(word: str) -> str:
    """A light German stem: umlauts folded, gender suffix and common endings removed."""
    # "Gefluechtete" and "Geflüchtete" must meet; folding "ue" everywhere is harmless because
    # vocabulary and text are folded alike.
    word = _SPELLED_UMLAUT.sub(r"\1", _GENDER.sub("", word.casefold()).translate(_UMLAUT))
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


_VERBS = {"schulen": "schulung", "schult": "schulung", "geschult": "schulung"}
"""Verbs whose stem collides with a noun of another meaning: "Mitarbeitende schulen" (train)
must not read as "Schulen"/"Schüler" (schools, pupils). Only applied to words written in lower
case in a text that capitalises its nouns, where the case tells the verb from the noun."""


def words(text: str) -> list[str]:
    """Stems of the meaningful words of a text, in order.

    Short words are noise, except acronyms written in capitals ("KI", "IT", "PV"): those carry
    meaning, while a lower-case "it" is an English pronoun.
    """
    text = text[:MAX_TEXT]
    stems = []
    capitalised = any(char.isupper() for char in text)
    # lower(), unlike casefold(), keeps offsets aligned with the original text.
    for match in _WORD.finditer(text.lower()):
        word = match.group()
        if capitalised and word in _VERBS and text[match.start()].islower():
            word = _VERBS[word]
        word = stem(word)
        acronym = 2 <= len(word) <= 4 and text[match.start() : match.end()].isupper()
        if acronym or (len(word) >= 3 and word not in STOPWORDS):
            stems.append(word)
    return stems


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(words(phrase))


@dataclass(frozen=True)
class Hit:
    key: tuple[str, ...]
    """The vocabulary entry found (one stem, or the stems of a phrase)."""
    surface: str
    """How the vocabulary writes it, for explanations."""


class Vocabulary:
    """Vocabulary entries (words and phrases) with the concepts each stands for."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        """`entries` are (phrase as written, concept id) pairs."""
        concepts: dict[tuple[str, ...], set[str]] = defaultdict(set)
        surfaces: dict[tuple[str, ...], str] = {}
        for phrase, concept in entries:
            key = phrase_key(phrase)
            if key:
                concepts[key].add(concept)
                surfaces.setdefault(key, phrase.strip())
        self.concepts: Mapping[tuple[str, ...], frozenset[str]] = {
            key: frozenset(value) for key, value in concepts.items()
        }
        self.surfaces = surfaces
        self._singles = {key[0] for key in self.concepts if len(key) == 1}
        self._single_list = sorted(self._singles)
        self._phrase_lengths = sorted({len(key) for key in self.concepts if len(key) > 1})
        self._prefixes = {s[:end] for s in self._singles for end in range(1, len(s) + 1)}

    def find(self, text: str) -> list[Hit]:
        """Every vocabulary entry in `text`, each once, in order of first appearance."""
        stems = words(text)
        found: dict[tuple[str, ...], Hit] = {}
        for size in self._phrase_lengths:
            for start in range(len(stems) - size + 1):
                key = tuple(stems[start : start + size])
                if key in self.concepts and key not in found:
                    found[key] = Hit(key, self.surfaces[key])
        for word in stems:
            for part in self._parts(word):
                key = (part,)
                if key not in found:
                    found[key] = Hit(key, self.surfaces[key])
        return list(found.values())

    def _parts(self, word: str) -> list[str]:
        if word in self._singles:
            return [word]
        parts = _parts_of(word, self._singles, self._prefixes)
        if parts:
            return parts
        corrected = self._correct(word)
        return [corrected] if corrected else []

    @lru_cache(maxsize=4096)  # noqa: B019 - one Vocabulary per knowledge base, bounded
    def _correct(self, word: str) -> str | None:
        """A typo of a vocabulary word ("Pflegkräfte"), only for longer words."""
        if len(word) < 7:
            return None
        match = process.extractOne(word, self._single_list, scorer=fuzz.ratio, score_cutoff=88)
        return str(match[0]) if match else None


def _parts_of(word: str, singles: set[str], prefixes: set[str]) -> list[str]:
    """Vocabulary stems inside a compound; a part inside a longer found part is dropped.

    Walking only along known prefixes keeps this linear in practice.
    """
    spans: list[tuple[int, int]] = []
    length = len(word)
    for start in range(length - MIN_PART + 1):
        longest = 0
        end = start + 1
        while end <= length and word[start:end] in prefixes:
            if end - start >= MIN_PART and word[start:end] in singles:
                longest = end
            end += 1
        if longest:
            spans.append((start, longest))
    kept = [
        span
        for span in spans
        if not any(o != span and o[0] <= span[0] and span[1] <= o[1] for o in spans)
    ]
    return [word[start:end] for start, end in kept]
