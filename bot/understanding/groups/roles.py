"""Professions named as what people become, are trained for or learned: no group of their own.

* Everywhere, the role people are trained for ("zur Erzieherin", "as bus drivers") is none;
  "als"/"as" need another group of the sentence ("als Mutter …" is who someone is), and "such
  as", "als auch" list groups.
* In running text, a profession people still train for ("angehende Erzieherinnen") beside
  another group, and what people want to become ("die Berufskraftfahrer werden wollen"), are
  none.
* Professions listed right after what people learned ("haben ihren Beruf in Syrien gelernt,
  Elektriker, Friseur", "mit Hochschulabschluss, Lehrerin, Ärztin") are what they were trained
  as, no group of employees or teachers; a trade joined to learners ("Berufskraftfahrer-
  Nachwuchs") is what they learn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from bot.understanding.groups.clauses import ends_clause
from bot.understanding.groups.staff import delivering_role
from bot.understanding.groups.tokens import Word, split_words
from bot.understanding.groups.vocabulary import INTRODUCERS, MODALS, ROLE_AS, ROLE_GAP

ROLE_MARKERS = frozenset({"als", "as", "zu", "zum", "zur", "become", "becoming"})
"""What people are to become ("Frauen aus der Ukraine als Erzieherinnen", "Langzeitarbeitslose
zu Pflegehelfern qualifizieren") is their goal, not another target group."""

BECOMING = frozenset({"werden", "become"})
"""What people want to become ("junge Leute, die Berufskraftfahrer werden wollen") is their goal,
no other target group."""

PROFESSIONS = frozenset({"beschaeftigte", "lehrkraefte"})
QUALIFIED = frozenset(
    """
    gelernt erlernt studiert abschluss abschluessen abschlusses beruf berufe degree degrees
    qualification qualifications qualified trained learned learnt background
    """.split()
)
"""Professions listed after what people learned ("haben ihren Beruf in Syrien gelernt,
Elektriker, Friseur, Bäcker", "Ukrainerinnen mit Hochschulabschluss, Lehrerin, Ärztin") say what
they were trained as, no group of employees or teachers."""

_LIST_BREAK = re.compile(r",|\b(?:und|oder|and|or|sowie)\b", re.IGNORECASE)
LIST_ITEM_WORDS = 2
NOT_HAVING = frozenset({"ohne", "kein", "keine", "keinen", "without", "no"})
"""… not what people lack ("ohne Berufsabschluss, …": see QUALIFIED)."""

ROLE_ALWAYS = frozenset({"zum", "zur"})
"""What people are trained to become ("zur Erzieherin ausgebildet") is a role even without
another group in the sentence; "als"/"as" need one ("als Mutter …" is who someone is)."""

NOT_ROLE_BEFORE = frozenset({"such", "well", "sowohl"})
""""such as", "as well as", "sowohl als" list groups: the marker names no role."""

_ROLE_OR_INTRODUCER = ROLE_MARKERS | INTRODUCERS
"""A union the rule tests word by word, built once."""

PROSPECTIVE = frozenset(
    """
    angehende angehenden angehender künftige künftigen zukünftige zukünftigen kuenftige
    kuenftigen zukuenftige zukuenftigen future aspiring prospective would-be
    """.split()
)
"""Words that make a profession one people are to take up ("angehende Erzieherinnen", "future
teachers")."""

LEARNERS = frozenset(
    "nachwuchs azubi azubis auszubildende lehrling lehrlinge trainee trainees apprentices".split()
)
"""Heads of a compound whose first part is the trade people learn ("Berufskraftfahrer-
Nachwuchs", "Elektriker-Azubis")."""


def learning_trade(hit: tuple[str, int, int], words: Sequence[Word], text: str) -> bool:
    """A trade joined by a hyphen to learners ("Berufskraftfahrer-Nachwuchs") is what they
    learn, not people who work in it."""
    _, _, end = hit
    if end >= len(words) or words[end].sentence != words[end - 1].sentence:
        return False
    joined = text[words[end - 1].end : words[end].start] == "-"
    return joined and words[end].key in LEARNERS


def trained_as(hit: tuple[str, int, int], words: Sequence[Word], text: str) -> bool:
    """A profession in a list right after what people learned (see QUALIFIED)."""
    group, start, _ = hit
    if group not in PROFESSIONS:
        return False
    sentence = words[start].sentence
    first = start
    while first > 0 and words[first - 1].sentence == sentence:
        first -= 1
    parts = _LIST_BREAK.split(text[words[first].start : words[start].start])
    if len(parts) < 2 or parts[-1].strip(" .:()"):
        return False  # not an item of a list
    for part in reversed(parts[:-1]):
        keys = [w.key for w in split_words(part)]
        if not keys:
            continue
        if any(key in NOT_HAVING for key in keys):
            return False  # "ohne Berufsabschluss, …": not what they learned
        last = keys[-1]
        if last in QUALIFIED or last.endswith(("abschluss", "abschluessen", "gelernt")):
            return True
        if len(keys) > LIST_ITEM_WORDS:
            return False
    return False


def without_roles(
    found: list[tuple[str, int, int]],
    words: Sequence[Word],
    text: str,
    organisations: AbstractSet[str],
) -> list[tuple[str, int, int]]:
    """Groups named as the role other people of the sentence are to take ("… als
    Erzieherinnen", "… zu Pflegehelfern", "die Berufskraftfahrer werden wollen"); "als
    auch" joins, it names no role."""

    def role(group: str, start: int, end: int) -> bool:
        if start == 0:
            return False
        if (
            group in PROFESSIONS
            and words[start - 1].key in PROSPECTIVE
            and any(g != group for g, _, _ in found)
        ):
            return True  # "PiA-Azubis, also angehende Erzieherinnen": trainees, no staff
        sentence = words[start].sentence
        if (
            end < len(words)
            and words[end].sentence == sentence
            and words[end].key in BECOMING
            and (ends_clause(words, end, text) or words[end + 1].key in MODALS)
        ):
            return True  # "die Erzieher werden wollen": not "Ältere werden übersehen"
        index = start - 1
        while (
            index > 0
            and start - index <= ROLE_GAP
            and words[index].key not in _ROLE_OR_INTRODUCER
            and not any(s <= index < e for _, s, e in found)
        ):
            index -= 1  # "as bus drivers", "zur examinierten Fachkraft"
        marker = words[index]
        if marker.key not in ROLE_MARKERS or marker.sentence != sentence:
            return False
        if group in organisations and marker.key not in ROLE_AS:
            return False  # "Kontakte zu Betrieben" are partners, no role
        if index >= 1 and words[index - 1].key in NOT_ROLE_BEFORE:
            return False
        if any(delivering_role(w) for w in words[index + 1 : start]):
            return False  # "Senioren sollen als Paten Azubis begleiten": the role is "Paten"
        if index + 1 < start and words[index + 1].key in ("auch", "also"):
            return False  # "sowohl Arbeitslose als auch Beschäftigte" joins them
        if marker.key in ROLE_ALWAYS:
            return True
        return any(g != group and e <= index and words[s].sentence == sentence for g, s, e in found)

    return [hit for hit in found if not role(*hit)]
