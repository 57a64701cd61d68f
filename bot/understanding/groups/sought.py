"""People companies seek as staff, not the project's target group (in running text).

* People companies seek ("neue Mitarbeiter finden", "recruit nursing staff", "wir finden seit
  zwei Jahren kaum noch Personal") are what the project seeks for them, not whom it is for;
  those who find something themselves open their sentence ("Arbeitslose finden wieder Arbeit").
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from bot.understanding.groups.tokens import Word
from bot.understanding.groups.vocabulary import CLAUSE_OPENERS, INTRODUCERS, RELATIVES

SEEKING_AFTER = frozenset(
    "finden gewinnen suchen rekrutieren anwerben einstellen akquirieren".split()
)
"""German puts the verb after whom companies seek ("neue Mitarbeiter zu finden")."""

SEEKING_BEFORE = frozenset(
    """
    recruit recruiting hire hiring attract attracting gewinnung suche
    rekrutierung anwerbung akquise recruitment
    find finding suchen sucht brauchen braucht benötigen benötigt looking searching
    fehlen fehlt lack lacking need needs
    """.split()
)
"""… and English before them ("recruit nursing staff", "can't find staff", "looking for
apprentices"), as German nouns do
("Suche nach") and main clauses ("wir suchen dringend Azubis")."""

SEEKING_REACH = 2
SOUGHT = frozenset({"beschaeftigte", "auszubildende"})
"""The groups companies seek as staff. Others a project helps companies to hire ("Menschen
mit Behinderung einstellen", "recruit nurses from abroad") are its target group."""

SCARCE_SUBJECTS = frozenset({"wir", "we"})
SCARCE_VERBS = frozenset({"finden", "find", "bekommen", "get", "kriegen", "suchen", "sucht"})
"""A main clause "wir finden seit zwei Jahren kaum noch Personal", "wir suchen seit Jahren
Azubis": staff the company seeks."""

SCARCE_REACH = 8
_OPENING_A_CLAUSE = INTRODUCERS | CLAUSE_OPENERS | RELATIVES
"""A union the rule tests word by word, built once."""


def sought(
    hit: tuple[str, int, int], words: Sequence[Word], text: str, organisations: AbstractSet[str]
) -> bool:
    """People companies want to find ("neue Mitarbeiter zu finden", "recruit nursing
    staff") are what the project seeks for them, not its target group; those who find
    something themselves open their sentence ("Arbeitslose finden wieder Arbeit")."""
    group, start, end = hit
    if group in organisations or group not in SOUGHT:
        return False
    sentence = words[start].sentence
    after = [w.key for w in words[end : end + 2] if w.sentence == sentence]
    opening = start == 0 or words[start - 1].sentence != sentence
    if after[:1] and after[0] in SEEKING_AFTER and not opening:
        return True
    if after[:2] and after[0] == "zu" and after[1:2] and after[1] in SEEKING_AFTER:
        return True
    before = [w for w in words[max(0, start - SEEKING_REACH) : start] if w.sentence == sentence]
    if any(w.key in SEEKING_BEFORE for w in before):
        return True
    return _scarce(start, words, text)


def _scarce(start: int, words: Sequence[Word], text: str) -> bool:
    """ "wir … finden seit zwei Jahren kaum noch Personal", "we can't get staff": a verb of
    finding of the sponsor's main clause before the group, nothing introducing it."""
    sentence = words[start].sentence
    for index in range(max(0, start - SCARCE_REACH), start):
        word = words[index]
        if word.sentence != sentence or word.key not in SCARCE_VERBS:
            continue
        subject = any(w.key in SCARCE_SUBJECTS for w in words[:index] if w.sentence == sentence)
        between = words[index + 1 : start]
        if (
            subject
            and not any(w.key in _OPENING_A_CLAUSE for w in between)
            and "," not in text[words[index].end : words[start].start]
        ):
            return True
    return False
