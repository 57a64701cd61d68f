"""People who carry out the project, not its target group (in running text).

* A group named before another group of its sentence and a verb of helping or offering, opening
  the sentence or a clause of it ("Lehrkräfte begleiten die Schüler", "zwei unserer
  Mitarbeiterinnen sollen Geflüchtete vermitteln", "From April, our nurses would train
  unemployed locals", "Unsere Lehrkräfte würden Kurse für Beschäftigte anbieten"), or after
  "durch"/"by" ("coached by retired engineers", "Mentoring durch unsere Erzieherinnen"), is the
  project's staff, not its target group; what the group's own words go on to say of it is no
  other group ("our Azubis from Vietnam need support").
* Nor are people given a role of doing the work ("Unsere Ausbilder sollen als Lernbegleiter für
  Jugendliche …", "Die Azubis helfen dabei als Tutoren", "act as mentors", "Ansprechpartner im
  Betrieb wären die Ausbilder") beside another group of the text, unless introduced or trained
  for the role ("Lehrkräfte sollen als Multiplikatoren geschult werden").
* Nor are volunteers ("Bei uns engagieren sich viele Rentner ehrenamtlich"), nor those who go
  out as ambassadors ("Azubi-Botschafter", "apprentice ambassadors").
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from bot.understanding.groups.clauses import clause_bounds, introduced
from bot.understanding.groups.patterns import GAP_WORDS
from bot.understanding.groups.tokens import Word, is_number
from bot.understanding.groups.vocabulary import (
    CLAUSE_BREAKS,
    INTRODUCERS,
    JOINERS,
    ROLE_AS,
    ROLE_GAP,
    SUBJECTS,
)

HELPING = frozenset(
    """
    begleiten begleitet begleitete betreuen betreut unterstützen unterstützt coachen coacht
    beraten berät schulen schult anleiten leiten unterrichten vermitteln vermittelt
    mentorieren beibringen beibringt anbieten anbietet
    run runs offer offers
    accompany accompanies support supports coach coaches coached mentor mentors mentored
    guide guides train trains teach teaches
    """.split()
)
"""Verbs of people who do the project's work to others (folded, with dictionary forms)."""

AGENT_MARKERS = frozenset({"durch", "by"})
SUBJECT_REACH = 4
"""The doers open their sentence ("Zwei unserer Mitarbeiterinnen sollen …"); in "Wir wollen
Ältere … qualifizieren" the group is whom it is done to."""

AMBASSADORS = frozenset(
    "botschafter botschafterin botschafterinnen scout scouts ambassador ambassadors".split()
)

VOLUNTEERING = frozenset(
    """
    ehrenamtlich ehrenamtliche ehrenamtlichen ehrenamt volunteer volunteers volunteering
    volunteered engagieren engagiert
    """.split()
)
"""People who volunteer ("Bei uns engagieren sich viele Rentner ehrenamtlich", "retired
volunteers") do the project's work beside whom it is for."""

VOLUNTEER_REACH = 4
"""… up to four words after them ("Studierende geben bei uns ehrenamtlich Nachhilfe")."""

DELIVERING_ROLES = (
    "begleiter begleiterin begleiterinnen tutor tutoren tutorin tutorinnen tutors pate paten"
    " patin patinnen mentor mentoren mentorin mentorinnen mentors coach coaches lotse lotsen"
    " lotsin lotsinnen referent referenten referentin referentinnen multiplikator"
    " multiplikatoren multiplikatorin multiplikatorinnen botschafter botschafterin"
    " botschafterinnen ambassador ambassadors buddy buddies vorbild vorbilder role"
    " ansprechpartner ansprechpartnerin ansprechpartnerinnen"
).split()
"""Roles of people who do the project's work to others ("Unsere Ausbilder sollen als
Lernbegleiter für Jugendliche …", "Studierende sollen als Tutoren …", "retirees act as
mentors"), also as the head of a compound ("Ausbildungsbotschafter")."""

_DELIVERING_ENDINGS = tuple(DELIVERING_ROLES)
TRAINED = frozenset(
    """
    schulen geschult schult ausbilden ausgebildet bilden qualifizieren qualifiziert fortbilden
    fortgebildet weiterbilden weitergebildet vorbereiten vorbereitet train trained prepare
    prepared qualify qualified
    """.split()
)

TRAINED_REACH = 10
DELIVERING_REACH = 3
"""Words between such people and their "als"/"as" ("sollen", "gehen", "helfen dabei")."""

ROLE_COPULAS = frozenset("ist sind wäre wären waere waeren is are".split())
"""… or between the role and them ("Ansprechpartner im Betrieb wären jeweils die Ausbilder")."""

_GAPS_OR_JOINERS = GAP_WORDS | JOINERS
"""A union the rule tests word by word, built once."""


def delivering_role(word: Word) -> bool:
    return word.key.endswith(_DELIVERING_ENDINGS)


def _in_delivering_role(end: int, words: Sequence[Word]) -> bool:
    """Whether "als"/"as" (or "sind"/"are") and a role of doing the work follow the words before
    `end` in their sentence ("… sollen als Lernbegleiter", "… act as mentors", "… als
    ehrenamtliche Paten", "Die Studierenden sind Mentoren")."""
    sentence = words[end - 1].sentence
    for index in range(end, min(len(words), end + DELIVERING_REACH + 1)):
        word = words[index]
        if word.sentence != sentence or word.key in CLAUSE_BREAKS:
            return False
        if word.key in ROLE_AS or word.key in ROLE_COPULAS:  # "… sind Mentoren"
            after = words[index + 1 : index + 2 + ROLE_GAP]
            if not any(w.sentence == sentence and delivering_role(w) for w in after):
                return False
            # trained for the role, they are whom the project is for ("Lehrkräfte sollen als
            # Multiplikatoren geschult werden")
            rest = words[index + 1 : index + 1 + TRAINED_REACH]
            return not any(
                w.sentence == sentence and (w.key in TRAINED or bool(w.forms & TRAINED))
                for w in rest
            )
    return False


def _given_a_delivering_role(start: int, words: Sequence[Word]) -> bool:
    """Whether a role of doing the work is said of the people at `start` ("Ansprechpartner im
    Betrieb wären jeweils die Ausbilder", "Mentoren sind Studierende")."""
    sentence = words[start].sentence
    before = [
        w for w in words[max(0, start - 2 * DELIVERING_REACH) : start] if w.sentence == sentence
    ]
    copulas = [i for i, w in enumerate(before) if w.key in ROLE_COPULAS]
    return bool(copulas) and any(delivering_role(w) for w in before[: copulas[-1]])


def ambassadors(hit: tuple[str, int, int], words: Sequence[Word], text: str) -> bool:
    """ "Azubi-Botschafter", "apprentice ambassadors": the group does the project's work (they
    go into schools), it is not whom the project is for."""
    _, start, end = hit
    if end >= len(words) or words[end].sentence != words[start].sentence:
        return False
    joined = text[words[end - 1].end : words[end].start] in ("-", " ")
    return joined and words[end].key in AMBASSADORS


def volunteering(hit: tuple[str, int, int], words: Sequence[Word]) -> bool:
    """People named as volunteers do the project's work ("Bei uns engagieren sich viele
    Rentner ehrenamtlich", "retired volunteers"), unless introduced ("Ehrenamt für
    Geflüchtete") or the ones the volunteers help ("ehrenamtliche Lotsen begleiten
    Zugewanderte")."""
    _, start, end = hit
    sentence = words[start].sentence

    def volunteers(word: Word) -> bool:
        return word.sentence == sentence and bool(
            word.key in VOLUNTEERING or word.forms & VOLUNTEERING
        )

    if any(w.key in INTRODUCERS for w in words[max(0, start - 2) : start]):
        return False
    if any(volunteers(w) for w in words[end : end + VOLUNTEER_REACH]):
        return True
    for index in range(max(0, start - VOLUNTEER_REACH), start):
        if volunteers(words[index]):
            between = words[index + 1 : start]
            return not any(w.key in HELPING or w.forms & HELPING for w in between)
    return False


def without_staff(
    found: list[tuple[str, int, int]],
    words: Sequence[Word],
    text: str,
    organisations: AbstractSet[str],
) -> list[tuple[str, int, int]]:
    """Hits that name the people doing the work to another group of their sentence."""
    people = [(g, s, e) for g, s, e in found if g not in organisations]

    def agent(start: int) -> bool:
        before = words[max(0, start - 3) : start]
        return any(w.key in AGENT_MARKERS and w.sentence == words[start].sentence for w in before)

    def staff(group: str, start: int, end: int) -> bool:
        sentence = words[start].sentence
        others = [
            s
            for g, s, e in people
            if g != group and words[s].sentence == sentence and not (s < end and start < e)
        ]
        if agent(start):
            return True  # "Mentoring durch unsere erfahrenen Erzieherinnen"
        if not others:
            return False
        if any(agent(s) for s in others):
            return False  # the doers are named with "by": the rest are who it is for
        # another group later in the sentence, not the same people named further
        # ("junge Leute ohne Ausbildungsplatz", "Frauen und Geflüchtete") nor the doers
        # of a passive ("refugees get coached by …")
        # … nor what the group's own words go on to say of them ("our Azubis from Vietnam
        # need …": "from Vietnam" says where the apprentices come from)
        end = _attached_end(end, people)
        later = [
            s
            for s in others
            if s >= end and not agent(s) and any(w.key not in JOINERS for w in words[end:s])
        ]
        opening = [w for w in words[:start] if w.sentence == sentence]
        # the doers may be several ("zwei Sozialpädagoginnen und eine Lehrerin")
        counted = [w for w in opening if w.key not in _GAPS_OR_JOINERS and not is_number(w)]
        if later and len(counted) >= SUBJECT_REACH:
            # … or open a clause of their sentence ("From April 2027, our nurses would
            # train unemployed locals", "…, in dem Rentner Jugendlichen … beibringen")
            opening = list(words[clause_bounds(words, start, text)[0] : start])
            counted = [w for w in opening if w.key not in _GAPS_OR_JOINERS and not is_number(w)]
        if not later or len(counted) >= SUBJECT_REACH:
            return False
        if any(w.key in SUBJECTS for w in opening):
            return False
        after = [w for w in words[end:] if w.sentence == sentence]
        # the verb is theirs, not that of a clause with its own subject ("Viele unserer
        # Lagerhelfer sprechen kaum Deutsch, wir wollen Deutsch am Arbeitsplatz anbieten")
        subject = next((i for i, w in enumerate(after) if w.key in SUBJECTS), len(after))
        return any(w.key in HELPING or w.forms & HELPING for w in after[:subject])

    return [hit for hit in found if hit[0] in organisations or not staff(*hit)]


def _attached_end(end: int, people: Sequence[tuple[str, int, int]]) -> int:
    """The end of a group and the hits that continue it without a word between ("Azubis" +
    "from Vietnam" + …): they name the same people further."""
    extended = end
    while True:
        following = [e for _, s, e in people if s == extended and e > extended]
        if not following:
            return extended
        extended = max(following)


def delivering(
    hit: tuple[str, int, int], named: Sequence[tuple[str, int, int]], words: Sequence[Word]
) -> bool:
    """People who take a role of doing the project's work ("Unsere Ausbilder sollen als
    Lernbegleiter für Jugendliche …", "Die Azubis helfen dabei als Tutoren", "retired
    engineers would act as mentors") beside another group of the text are its staff, not
    its target group; introduced ("für Studierende, die als Tutoren …") or trained for the
    role ("Lehrkräfte als Multiplikatoren … schulen") they are."""
    _, start, end = hit
    if introduced(start, words):
        return False
    if not any(e <= start or s >= end for _, s, e in named):
        return False  # the only group the text names
    return _in_delivering_role(end, words) or _given_a_delivering_role(start, words)
