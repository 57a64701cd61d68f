"""Who the sponsor says they are: the people named there are not the target group (in running
text).

* Who the sponsor says they are, up to where the project is said ("wir sind ein Meisterbetrieb
  … und wollen", "we are three teachers …", "Als Lehrerin …" opening a sentence), names no
  target group, unless introduced ("ein Verein für Frauen").
* A message opening with who writes ("founder here, edtech startup") names no group there.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.understanding.groups.clauses import ends_clause
from bot.understanding.groups.tokens import Word
from bot.understanding.groups.vocabulary import CLAUSE_OPENERS, INTRODUCERS, RELATIVES

SELF = (
    ("bin",),
    ("i", "am"),
    ("i", "m"),
    ("wir", "sind"),
    ("we", "are"),
    ("we", "re"),
    ("hier", "ist"),
    ("this", "is"),
)
"""Who the sponsor is ("wir sind ein Meisterbetrieb …", "we are three teachers …"): the people
named in that description are the organisation or its carriers, not the target group."""

SELF_STOPS = frozenset(
    """
    und and aber but sowie weil because da denn deshalb daher so
    wollen möchten moechten planen plant will want wants would plan plans planning like need
    brauchen suchen möchte moechte mit with
    """.split()
)
"""Where the self-description ends: the project comes after ("… und wollen Schülern zeigen")."""

SELF_REACH = 12
HERE = frozenset({"hier", "here"})
"""A message opening with who writes ("founder here", "Heimleitung hier")."""

_SELF_ENDS = frozenset(marker[-1] for marker in SELF) | HERE
"""The words where a self-description can end: a SELF marker's last word, or the "hier" of
"founder here" (`without_self` looks at no other word)."""


def without_self(
    found: list[tuple[str, int, int]], words: Sequence[Word], text: str
) -> list[tuple[str, int, int]]:
    """Groups named where the sponsor says who they are ("wir sind ein Meisterbetrieb",
    "we are three teachers at …", "we're a women's network (mostly retired teachers)",
    "Als Mutter von drei Kindern …" opening a sentence), up to where the project is said
    ("… und wollen Schülern zeigen"), unless introduced ("ein Verein für Frauen")."""
    own: set[int] = set()
    for index, word in enumerate(words):
        if word.key not in _SELF_ENDS:
            continue
        keys = tuple(w.key for w in words[max(0, index - 1) : index + 1])
        if _signed(index, words, text):
            # "founder here, edtech startup, based in …": who writes, and what follows
            own.update(i for i in range(index) if words[i].sentence == word.sentence)
        elif not any(keys[-len(marker) :] == marker for marker in SELF):
            continue
        if len(keys) == 2 and words[index - 1].sentence != word.sentence:
            continue
        for later in range(index + 1, min(len(words), index + 1 + SELF_REACH)):
            current = words[later]
            if current.sentence != word.sentence or current.key in SELF_STOPS:
                break
            if len(current.key) > 5 and current.key.endswith("ing"):
                break  # "we're a charity working with women …"
            if current.key in INTRODUCERS or current.key in RELATIVES:
                break
            between = text[words[later - 1].end : current.start]
            if "," in between and current.key in CLAUSE_OPENERS:
                break
            own.add(later)
    for _, start, _ in found:
        word = words[start]
        if start >= 1 and words[start - 1].key in ("als", "as"):
            opening = start == 1 or words[start - 2].sentence != word.sentence
            if opening and words[start - 1].sentence == word.sentence:
                own.add(start)
    return [hit for hit in found if hit[1] not in own]


def _signed(index: int, words: Sequence[Word], text: str) -> bool:
    """Whether the word at `index` is the "hier"/"here" of a message opening with who
    writes ("founder here,", "Heimleitung hier.", "Stadt Springe hier"): one to three words
    before it open the sentence, and it ends its clause."""
    word = words[index]
    if word.key not in HERE or not ends_clause(words, index, text):
        return False
    before = [w for w in words[max(0, index - 3) : index] if w.sentence == word.sentence]
    opening = index - len(before) == 0 or words[index - len(before) - 1].sentence != (word.sentence)
    return bool(before) and opening
