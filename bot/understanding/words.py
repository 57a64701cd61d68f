"""Words as dictionary forms: "Azubis" -> "azubi", "refugees" -> "refugee".

Matching on lemmas of whole words (never on substrings) is what lets "Pflegeschulen" stay a
word about schools of nursing instead of containing "Schüler". simplemma ships its
dictionaries inside the wheel, so nothing is fetched at run time; they are read as tries
(`dictionaries`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.base.normalize import fold
from bot.understanding.dictionaries import LANGUAGES, is_word, lemmatize, load

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def words(text: str) -> list[str]:
    """The words of `text` as typed (letters, hyphenated compounds kept together)."""
    return _WORD.findall(text)


@lru_cache(maxsize=65_536)
def lemmas(word: str) -> frozenset[str]:
    """The folded word and its dictionary forms in German and English (both are tried:
    sponsors mix them, "Azubis im IT-Bereich", "Pflege workers")."""
    forms = {fold(word)}
    for language in LANGUAGES:
        forms.add(fold(lemmatize(word, language)))
        # German nouns are capitalised; people on phones often do not.
        if language == "de" and word.islower():
            forms.add(fold(lemmatize(word.capitalize(), language)))
    forms.discard("")
    return frozenset(forms)


@lru_cache(maxsize=65_536)
def known(word: str) -> bool:
    """Whether a dictionary knows `word` (German or English): then it is a word of its own,
    no typo of a similar one ("Altenpflege" is the field, not "Altenpfleger" misspelt;
    "funders" are not "founders")."""
    return is_word(word)


def lemma_set(text: str) -> frozenset[str]:
    """Every dictionary form of every word of `text`."""
    found: set[str] = set()
    for word in words(text):
        found |= lemmas(word)
    return frozenset(found)


def warm_up() -> None:
    """Open the dictionaries now: milliseconds from their cache files, but the first start on a
    machine builds those (seconds), which would otherwise stall the first sponsor's answer
    (and, on the event loop, everyone else's)."""
    load()
