"""The words of a text as the target-group finder compares them (see the package's rules).

* Words are compared on their dictionary forms (simplemma, in its wheel) and on common German
  endings: "Geflüchteten" finds "Geflüchtete", "Betrieben" finds "Betriebe", "Malern" finds
  "Maler". A shared dictionary form of three letters counts only when written the same ("alten"
  does not find "ältere": patterns.py). Hyphenated compounds count as their parts
  ("Pflege-Azubis").
* Gender forms are the neutral word: "Schüler*innen", "Schüler:innen", "SchülerInnen" are
  "Schüler", and "Abiturientinnen", "Facharbeiterin" the listed masculine word. A feminine
  plural alone ("Schülerinnen", "Migrantinnen") also names women, unless
  the same sentence names the group in another form ("Schülerinnen und Schüler",
  "Pflegeschülerinnen und -schüler": `women_too`).
* "Pflegeschülerinnen und -schüler": a word with a leading hyphen after "und" completes the
  compound before it and is read as that compound (`completes_compound`).
* A text is split into sentences: most rules look no further than the sentence of a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.base.normalize import fold, transliterate
from bot.understanding.numbers import parse_number_word
from bot.understanding.words import lemmas

MAX_TEXT = 4000
"""Longer texts are cut: the groups a message names are said early."""

MIN_STEM = 6
"""Endings are only compared on words with at least this many letters left."""

_ENDINGS = ("en", "es", "e", "n", "s")
_TOKEN = re.compile(r"[^\W_]+(?:[*:_/·](?:innen|in)(?![^\W_]))?\+?")
_GENDER = re.compile(r"(?:[*:_/·](?:innen|in)|(?<=[a-zäöüß])In(?:nen)?)$")
SENTENCE = re.compile(
    r"[.!?;\n]+(?=\s|$)"
    r"|\n(?=[ \t]*(?:[-•*·–][ \t]*)?[^\W\d_][^\W_]*(?:[ /-][^\W\d_][^\W_]*){0,2}[ \t]*:)"
)
"""Where a sentence ends: its punctuation or a line's end before a space, or a new line that
starts with a label ("- Zielgruppe: …\n- Inhalt: Praktika in Betrieben": the content names no
target group); the points of a list under one label stay its sentence ("Zielgruppe:\n-
Jugendliche\n- kleine Betriebe")."""
_FEMININE = re.compile(r"[a-zäöüß]{3,}innen$")


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    key: str
    """Folded, gender forms neutral."""
    forms: frozenset[str]
    feminine: bool
    sentence: int


def stem(key: str) -> str:
    for ending in _ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= MIN_STEM:
            return key[: -len(ending)]
    return key


_FEMININE_ENDING = re.compile(r"(?<=[a-zäöüß]{5})(?:innen|(?<=er)in)$")
"""German feminine forms ("Abiturientinnen", "Facharbeiterin"): they are the word the
masculine form is listed as, too."""


@lru_cache(maxsize=65_536)
def word_forms(word: str) -> frozenset[str]:
    key = fold(word)
    found = set(lemmas(word)) | {key, stem(key), transliterate(key)}
    found.add(_FEMININE_ENDING.sub("", key))
    found |= {stem(form) for form in found}
    found.discard("")
    return frozenset(found)


def neutral_key(raw: str) -> tuple[str, bool]:
    """The neutral form of a word as typed, and whether it is a feminine plural."""
    if raw.endswith("+"):
        return fold(raw[:-1]) + "plus", False
    neutral = _GENDER.sub("", raw)
    feminine = neutral == raw and bool(_FEMININE.search(raw.casefold()))
    return neutral, feminine


def split_words(text: str) -> list[Word]:
    text = text[:MAX_TEXT]
    breaks = [match.end() for match in SENTENCE.finditer(text)]
    words: list[Word] = []
    sentence = 0
    for match in _TOKEN.finditer(text):
        while sentence < len(breaks) and breaks[sentence] <= match.start():
            sentence += 1
        neutral, feminine = neutral_key(match.group())
        key = fold(neutral)
        if not key:
            continue
        words.append(Word(match.start(), match.end(), key, word_forms(neutral), feminine, sentence))
    return words


def is_number(word: Word) -> bool:
    return word.key.isdigit() or parse_number_word(word.key) is not None


JOINED = frozenset({"und", "oder", "and", "or", "bzw", "sowie"})


def completes_compound(index: int, words: Sequence[Word], text: str) -> bool:
    """ "Pflegeschülerinnen und -schüler": a word with a leading hyphen after "und" completes
    the compound before it; it is that compound in another form, not a word of its own."""
    word = words[index]
    return (
        index >= 2
        and text[word.start - 1 : word.start] == "-"
        and text[word.start - 2 : word.start - 1].isspace()
        and words[index - 1].key in JOINED
        and words[index - 1].sentence == word.sentence
    )


def _one_word_in_two_forms(start: int, words: Sequence[Word], text: str) -> bool:
    """ "Pflegeschülerinnen und -schüler": the feminine and the completed compound after it."""
    return start + 2 < len(words) and completes_compound(start + 2, words, text)


def women_too(
    found: Sequence[tuple[str, int, int]], words: Sequence[Word], women: str | None, text: str
) -> list[tuple[str, int, int]]:
    """ "Schülerinnen", "Migrantinnen" alone: the group and women."""
    if women is None:
        return []
    added = []
    for group, start, end in found:
        if group == women or end - start != 1 or not words[start].feminine:
            continue
        if _one_word_in_two_forms(start, words, text):
            continue
        sentence = words[start].sentence
        other_forms = any(
            g == group
            and s != start
            and e - s == 1
            and words[s].sentence == sentence
            and not words[s].feminine
            # the same word in another form ("Schülerinnen und Schüler"), not another word
            and words[start].key.startswith(words[s].key[:4])
            for g, s, e in found
        )
        if not other_forms:
            added.append((women, start, end))
    return added
