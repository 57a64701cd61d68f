"""Organisations and people a text names as partners or places of a group, not as a target
group (in running text, except where said).

* Groups of organisations (`organisations: true`: companies, education providers) are partners
  as often as target groups in running text ("Praktika in Betrieben"): there they count only
  after "für", "for" or "Zielgruppe" close before them (clauses.py), or named with their people
  ("kleine Betriebe und deren Beschäftigte"). At the target-group question, where the whole
  answer names groups, they always count.
* An organisation word inside a longer phrase of a group of people is part of it ("start
  their own business", "Unternehmen gründen" name founders, not companies), one that
  says where the people are ("Lehrer an Berufsschulen", "Azubis in Betrieben") describes
  them, and one named as their partner ("Jugendliche, gemeinsam mit Betrieben") is none.
* People the project works with ("mit Lehrkräften", "with teachers", "together with local
  employers and two social workers", "mit erfahrenen Handwerkern") beside another group of
  their sentence are partners (in running text); "Frauen mit Behinderung" describes women, but
  "Azubis mit ihren Praxisanleitern" names people who come with them.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from bot.understanding.groups.patterns import GAP_WORDS
from bot.understanding.groups.tokens import Word, is_number
from bot.understanding.groups.vocabulary import JOINERS, RELATIVES

LOCATIONS = frozenset(
    {"an", "in", "im", "bei", "beim", "aus", "at", "from", "within", "von", "vom", "of"}
)
"""Prepositions that place a group of people in organisations ("Lehrer an Berufsschulen",
"Beschäftigte von KMU")."""

PARTNERS = frozenset({"mit", "with", "gemeinsam", "zusammen", "together"})
"""… and words that make organisations partners of a group of people named before them
("Jugendliche, gemeinsam mit Betrieben"), also at the target-group question."""

PARTNER_GAP = frozenset({"anderen", "other", "weiteren", "further", "local", "lokalen"})
PARTNER_REACH = 4
THEIR = frozenset({"deren", "ihre", "ihren", "their"})
"""… "kleine Betriebe und deren Beschäftigte", "SMEs and their staff": the organisations are
named as whom the project is for together with their people."""
DESCRIBING = 1
"""Words that may describe the partners between "mit"/"with" (or a number) and them."""
_PARTNER_GAPS = GAP_WORDS | PARTNER_GAP
_BEFORE = _PARTNER_GAPS | {"mit", "with"} | set("zwei drei vier two three four".split())
"""What may stand before such a describing word."""


def with_their_people(
    hit: tuple[str, int, int], people: Sequence[tuple[str, int, int]], words: Sequence[Word]
) -> bool:
    """Whether an organisation is joined to its people ("kleine Betriebe und deren
    Beschäftigte", "SMEs and their staff"); `people`: the hits of groups of people."""
    _, _, end = hit
    joined = words[end : end + 2]
    return (
        any(start == end + len(joined) for _, start, _ in people)
        and all(w.sentence == words[end - 1].sentence for w in joined)
        and [w.key in JOINERS for w in joined] == [True, False]
        and joined[1].key in THEIR
    )


def _describing(index: int, words: Sequence[Word], text: str) -> bool:
    """Whether the word at `index` may describe the people after it: an adjective, written in
    lower case in a text that has capitals ("two social workers", "mit erfahrenen
    Handwerkern"; not "mit einem Träger Langzeitarbeitslosen")."""
    word = words[index]
    return (
        words[index - 1].key in _BEFORE
        and text[word.start].islower()
        and any(c.isupper() for c in text)
    )


def _partner_marker(start: int, words: Sequence[Word], text: str | None) -> int | None:
    """The index of the "mit"/"with" that makes the people at `start` partners: right before
    them ("mit anderen Senioren", "with two of our teachers") or before an earlier partner they
    are joined to ("together with local employers and two social workers")."""
    sentence = words[start].sentence
    index = start - 1
    described = 0
    while index > 0 and (
        words[index].key in _PARTNER_GAPS
        or is_number(words[index])
        # one word that describes them ("two social workers", "mit erfahrenen Handwerkern")
        or (
            text is not None
            and described < DESCRIBING
            and index == start - 1
            and _describing(index, words, text)
        )
    ):
        described += index == start - 1 and words[index].key not in _PARTNER_GAPS
        index -= 1
    if words[index].key in ("mit", "with"):
        return index
    if words[index].key not in JOINERS:
        return None
    for earlier in range(index - 1, max(-1, index - 1 - PARTNER_REACH), -1):
        if words[earlier].sentence != sentence:
            return None
        if words[earlier].key in ("mit", "with"):
            return earlier
    return None


def without_partners(
    found: list[tuple[str, int, int]],
    words: Sequence[Word],
    text: str,
    organisations: AbstractSet[str],
) -> list[tuple[str, int, int]]:
    """People the project works with ("mit Lehrkräften der BBS Azubis unterstützen",
    "work with teachers to help pupils") beside another group of their sentence are its
    partners; "Frauen mit Behinderung" describes the women (a group ends before "mit")."""
    people = [(g, s, e) for g, s, e in found if g not in organisations]

    def partner(group: str, start: int, end: int) -> bool:
        if group in organisations or start == 0:
            return False
        sentence = words[start].sentence
        index = _partner_marker(start, words, text)
        if index is None or words[index].sentence != sentence:
            return False
        accompanied = words[index + 1].key in THEIR and not any(
            w.key in JOINERS for w in words[index + 1 : start]
        )
        if any(e == index for _, _, e in found) and not accompanied:
            return False  # "Frauen mit …": what the people named before have, not "Azubis
            # mit ihren Praxisanleitern" (people who come with them)
        if any(index < s < start for _, s, _ in people):
            return False  # "with teachers and pupils": both are the project's people
        if end < len(words) and words[end].key in RELATIVES:
            return False  # "working with women who …": the groups after describe them
        return any(
            g != group and words[s].sentence == sentence and (e <= start - 1 or s >= end)
            for g, s, e in people
        )

    return [hit for hit in found if not partner(*hit)]


def without_parts(
    found: list[tuple[str, int, int]], words: Sequence[Word], organisations: AbstractSet[str]
) -> list[tuple[str, int, int]]:
    """Organisation words inside a longer phrase of another group are part of it, those
    saying where a group of people is ("Lehrer an Berufsschulen") describe it, and those
    the project works with beside a group of people are partners ("mit Schulen und
    Betrieben Langzeitarbeitslose in Ausbildung bringen")."""

    def part(group: str, start: int, end: int) -> bool:
        if group not in organisations:
            return False
        if any(
            other != group and s <= start and end <= e and e - s > end - start
            for other, s, e in found
        ):
            return True
        sentence = words[start].sentence
        marker = _partner_marker(start, words, None)
        if (
            marker is not None
            and words[marker].sentence == sentence
            and not any(e == marker or s <= marker < e for _, s, e in found)
            and any(
                other not in organisations and words[s].sentence == sentence
                for other, s, _ in found
            )
        ):
            return True  # "mit Schulen und Betrieben Langzeitarbeitslose …": partners
        between = [
            w
            for index, w in enumerate(words[max(0, start - 3) : start], max(0, start - 3))
            if not any(s <= index < e for _, s, e in found)  # "Menschen mit Behinderung"
        ]
        located = any(w.key in LOCATIONS or w.key in PARTNERS for w in between)
        return located and any(
            other not in organisations
            and start - 3 <= e <= start
            and words[e - 1].sentence == words[start].sentence
            for other, _, e in found
        )

    return [hit for hit in found if not part(*hit)]
