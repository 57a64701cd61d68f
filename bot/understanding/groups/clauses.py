"""Clauses of a sentence, and what introduces a group as a target group.

* Where a clause ends: a comma, the sentence's end, a joining word ("und", "aber", "weil"), or
  "und"/"and" before a new subject ("… und wir …").
* A group is introduced as a target group by "für", "for" or "Zielgruppe" close before it in its
  sentence (not "Lernen für die Berufsschule"), or in a sentence that says it names the target
  groups ("Zielgruppe sind …"). Organisations, and the compounds guessed in running text, count
  only so (finder.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.understanding.groups.tokens import Word
from bot.understanding.groups.vocabulary import (
    CLAUSE_BREAKS,
    INTRODUCERS,
    JOINERS,
    POSSESSIVES,
    SUBJECTS,
    TARGET_WORDS,
)

INTRODUCER_REACH = 4
LEARNING = frozenset("lernen lernt üben ueben study studying revise revising".split())
"""Words before a "für" that says what people learn for ("Lernen für die Berufsschule")."""


def same_clause(words: Sequence[Word], one: int, other: int, text: str) -> bool:
    """Whether two words of a sentence stand in one clause (no comma or joining word between)."""
    low, high = sorted((one, other))
    for index in range(low + 1, high + 1):
        if "," in text[words[index - 1].end : words[index].start]:
            return False
        if words[index].key in CLAUSE_BREAKS and index != low:
            return False
    return True


def clause_bounds(words: Sequence[Word], index: int, text: str) -> tuple[int, int]:
    """The clause of the word at `index` as [first, last): up to a comma, the sentence's end, a
    joining word other than "und"/"and", or "und"/"and" before a new subject ("und wir …");
    "Die Studierenden und Dozenten bringen …" stays one clause."""

    def breaks(at: int) -> bool:
        key = words[at].key
        if "," in text[words[at - 1].end : words[at].start]:
            return True
        if key in ("und", "and"):
            return at + 1 < len(words) and words[at + 1].key in SUBJECTS | POSSESSIVES
        return key in CLAUSE_BREAKS

    sentence = words[index].sentence
    first = index
    while first > 0 and words[first - 1].sentence == sentence and not breaks(first):
        first -= 1
    last = index + 1
    while last < len(words) and words[last].sentence == sentence and not breaks(last):
        last += 1
    return first, last


def ends_clause(words: Sequence[Word], index: int, text: str) -> bool:
    """Whether the word at `index` is the last of its clause (the sentence ends, a comma or a
    joining word follows)."""
    if index + 1 >= len(words) or words[index + 1].sentence != words[index].sentence:
        return True
    between = text[words[index].end : words[index + 1].start]
    return "," in between or words[index + 1].key in JOINERS


def introduced(start: int, words: Sequence[Word]) -> bool:
    """ "für", "for" or "Zielgruppe" close before the word, in its sentence, or a sentence
    that says it names the target groups ("Zielgruppe sind Menschen mit Behinderung … und
    die Betriebe, die sie einstellen")."""
    sentence = words[start].sentence
    first = max(0, start - INTRODUCER_REACH)
    if any(
        words[i].key in INTRODUCERS
        and words[i].sentence == sentence
        # what people learn for is no target ("beim Lernen für die Berufsschule")
        and not (i > 0 and words[i - 1].key in LEARNING)
        for i in range(first, start)
    ):
        return True
    return any(w.key in TARGET_WORDS and w.sentence == sentence for w in words[:start])
