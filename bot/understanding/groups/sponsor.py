"""What a sponsor says about its own organisation and people: no target group (in running
text, except where said).

* Not the target group: a title before a name ("Frau Meyer", everywhere); the writer's
  colleague ("mein Kollege hat mich gebeten", "my colleague"); a group word naming
  an organisation ("women's network", "refugee-led association", everywhere); the
  organisation's size ("mit 40 Mitarbeitern"), staff as a cost item ("für Personal und Miete")
  and staff who retire ("fünf Gesellen gehen in Rente"); "für unseren Betrieb"; an average or a
  breakdown of the staff ("im Schnitt über 50", "davon viele Frauen"); a group the sponsor
  serves already beside another ("Geflüchtete haben wir schon ein Projekt – diesmal …").
* Where a text names a group elsewhere, a clause about the sponsor's own people ("Our teachers
  are native speakers", "Unsere Kundinnen sind meist ältere Damen") or about who takes part
  beside it ("teachers and parents are partners", "Die Ausbilder machen mit") names none.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from bot.understanding.groups.clauses import clause_bounds, ends_clause, same_clause
from bot.understanding.groups.patterns import GAP_WORDS
from bot.understanding.groups.tokens import Word, is_number
from bot.understanding.groups.vocabulary import (
    CLAUSE_BREAKS,
    INTRODUCERS,
    JOINERS,
    OWN_PEOPLE,
    POSSESSIVES,
    TARGET_WORDS,
)

ORGANISATION_NOUNS = frozenset(
    """
    network networks charity charities association associations club clubs centre center
    council union forum foundation office agency organisation organization
    netzwerk verein verband zentrum büro buero beirat stiftung organisation initiative
    """.split()
)
"""A group word right before one of these names an organisation ("women's network", "youth
charity", "refugee-led association", "Senioren-Netzwerk"), not whom a project is for."""

ORGANISATION_LINKS = frozenset({"s", "led", "run", "based", "geführte", "gefuehrte"})
ADDRESS = frozenset({"frau", "herr", "mrs", "ms", "mr"})
"""A title before a name ("Frau Meyer") names a person, no group."""

SIZE_MARKERS = frozenset({"mit", "with"})
APPROXIMATELY = frozenset(
    "rund ca etwa knapp über ueber gut fast about around over some nearly almost".split()
)

SIZE_GROUPS = frozenset({"beschaeftigte"})
""""ein Metallbetrieb mit 40 Mitarbeitern", "with 120 employees": the organisation's size."""

COST_ITEMS = frozenset(
    """
    miete raummiete sachkosten sachmittel material materialien honorare fahrtkosten reisekosten
    ausstattung technik rent equipment materials travel overheads
    """.split()
)
"""Staff named beside what costs are for ("4000 € im Monat für Personal und Miete") is a cost
item, not a target group."""

RETIREMENT = frozenset({"rente", "ruhestand", "pension"})
RETIRING_VERBS = frozenset({"retire", "retires", "retiring", "verrenten"})
RETIRING_REACH = 5
RETIRING_EXEMPT = "aeltere"
"""Older people are often whom a project is for until they retire ("Ältere bis in die Rente
begleiten"); the sponsor's own older staff who retire ("unsere älteren Kollegen hören auf")
are not."""

STOPPING = frozenset({"hören", "hoeren", "horen"})
"""German "… hören in zwei Jahren auf": the verb's particle ends the clause."""

AVERAGES = frozenset(
    "schnitt durchschnitt durchschnittlich durchschnittsalter altersdurchschnitt average".split()
)
"""A clause with an average ("Unsere Belegschaft ist im Schnitt über 50", "our staff's average
age is 52") states a figure about people, not whom the project is for."""

BREAKDOWN = frozenset({"davon", "darunter", "whom"})
"""A count of staff broken down ("mit 80 Beschäftigten, davon viele Frauen in Teilzeit", "40
staff, of whom 10 are women") describes the organisation further."""

COPULAS = frozenset("ist sind war waren is are was were".split())
SPONSOR_PEOPLE = OWN_PEOPLE | frozenset(
    """
    kunden kundinnen kundschaft bewohner bewohnerinnen mitglieder kameraden kameradinnen
    patienten patientinnen geldgeber förderer foerderer sponsoren partner
    customers clients residents members patients funders sponsors partners
    """.split()
)
"""People a sponsor calls its own beside its staff: customers, residents, members, funders."""

TAKING_PART = frozenset({"partner", "partners", "partnerin", "partnerinnen", "join", "joins"})
"""A clause that says people are partners or join in ("teachers and parents are partners",
"their trainers will join in") names who takes part beside the target group."""

PARTICLES = frozenset({"mit", "dabei"})
"""… as German says it with the particle that ends the clause ("Die Ausbilder machen natürlich
mit", "Die Studierenden bringen das Wissen mit", "die Kammern sind dabei")."""

DESCRIBING_GAP = frozenset(
    "fast alle meist meistens mostly all almost nearly most mittlerweile inzwischen oft".split()
)


def addressed(hit: tuple[str, int, int], words: Sequence[Word], text: str) -> bool:
    """ "Frau Meyer", "Mrs Patel": a title before a capitalised name."""
    _, start, end = hit
    if end - start != 1 or words[start].key not in ADDRESS or end >= len(words):
        return False
    following = words[end]
    return following.sentence == words[start].sentence and text[following.start].isupper()


COLLEAGUE = frozenset({"kollege", "kollegin", "colleague"})
MY = frozenset({"mein", "meine", "meinen", "meinem", "meiner", "my"})


def a_colleague(hit: tuple[str, int, int], words: Sequence[Word]) -> bool:
    """ "mein Kollege hat mich gebeten …", "on behalf of my colleague": one person the writer
    works with, no group (the plural, "unsere Kollegen", may be whom a project trains)."""
    _, start, end = hit
    return (
        end - start == 1
        and words[start].key in COLLEAGUE
        and start > 0
        and (words[start - 1].key in MY)
    )


ALREADY = frozenset({"schon", "bereits", "already"})
ALREADY_VERBS = frozenset(
    "haben hatten erreichen betreuen machen fördern foerdern have reach cover serve".split()
)

ALREADY_REACH = 4
"""Up to this many words after a group: "Geflüchtete haben wir schon ein Projekt", "die
Schüler haben wir schon über die Schulen"."""


def already_served(hit: tuple[str, int, int], words: Sequence[Word]) -> bool:
    """Whether the group is said to be served already, by what the sponsor has ("Geflüchtete
    haben wir schon ein Projekt – diesmal geht es um …", "die Schüler erreichen wir bereits")."""
    _, _, end = hit
    after = [w for w in words[end : end + ALREADY_REACH] if w.sentence == words[end - 1].sentence]
    keys = [w.key for w in after]
    for index, key in enumerate(keys[:-2]):
        if key in ALREADY_VERBS and keys[index + 1] in ("wir", "we") and keys[index + 2] in ALREADY:
            return True
    return False


def retiring(hit: tuple[str, int, int], words: Sequence[Word], text: str) -> bool:
    """People who retire ("fünf Gesellen gehen in Rente", "staff retiring", "unsere älteren
    Kollegen hören in den nächsten Jahren auf") are why a project is needed, not whom it is
    for (older people themselves may be: "Rentner, die …", "Ältere bis in die Rente")."""
    group, start, end = hit
    sentence = words[start].sentence
    if end - start == 1 and words[start].key in RETIRING_VERBS:
        return True  # "… and will retire soon": the verb, though "retirees" shares its stem
    if group == RETIRING_EXEMPT:
        before = [w.key for w in words[max(0, start - 2) : start] if w.sentence == sentence]
        if not any(key in POSSESSIVES for key in before):
            return False
    following = [w for w in words[end : end + RETIRING_REACH + 3] if w.sentence == sentence]
    after = [w.key for w in following[:RETIRING_REACH]]
    for index, key in enumerate(after):
        if key in RETIRING_VERBS:
            return True
        if key == "in" and any(k in RETIREMENT for k in after[index + 1 : index + 3]):
            return index == 0 or after[index - 1] != "bis"
    stopping = [index for index, w in enumerate(following[:2]) if w.key in STOPPING]
    return bool(stopping) and any(
        w.key == "auf" and ends_clause(words, end + index, text)
        for index, w in enumerate(following)
        if index > stopping[0]
    )


def broken_down(hit: tuple[str, int, int], words: Sequence[Word]) -> bool:
    """ "mit 80 Beschäftigten, davon viele Frauen in Teilzeit": a count broken down."""
    _, start, _ = hit
    sentence = words[start].sentence
    before = [w for w in words[max(0, start - 3) : start] if w.sentence == sentence]
    marked = [i for i, w in enumerate(before) if w.key in BREAKDOWN]
    if not marked:
        return False
    earlier = [w for w in words[: start - len(before) + marked[0]] if w.sentence == sentence]
    return any(is_number(w) for w in earlier)


def averaged(hit: tuple[str, int, int], words: Sequence[Word], text: str) -> bool:
    """A hit in a clause that states an average ("Unsere Belegschaft ist im Schnitt über 50")."""
    _, start, end = hit
    first = start
    while first > 0 and words[first - 1].sentence == words[start].sentence:
        if "," in text[words[first - 1].end : words[first].start]:
            break
        if words[first - 1].key in CLAUSE_BREAKS:
            break
        first -= 1
    last = end
    while last < len(words) and words[last].sentence == words[start].sentence:
        if "," in text[words[last - 1].end : words[last].start] or words[last].key in CLAUSE_BREAKS:
            break
        last += 1
    return any(w.key in AVERAGES or w.key.startswith("durchschnitt") for w in words[first:last])


def own_described(
    hit: tuple[str, int, int],
    found: Sequence[tuple[str, int, int]],
    words: Sequence[Word],
    text: str,
) -> bool:
    """An age said of the sponsor's own people ("Most of my guys are over 55", "unsere
    Mitarbeiter sind fast alle über 50"), and those people: the organisation described,
    not whom the project is for (a sentence that names the target group is left)."""
    _, start, _ = hit
    sentence = words[start].sentence
    if not any(w.key in POSSESSIVES and w.sentence == sentence for w in words[: start + 1]):
        return False  # no owner can be found below: the clause is not worth marking out
    clause = [
        i
        for i in range(len(words))
        if words[i].sentence == sentence and same_clause(words, i, start, text)
    ]
    if any(words[i].key in TARGET_WORDS for i in clause):
        return False
    owner = next((i for i in clause if words[i].key in POSSESSIVES and i < start + 1), None)
    if owner is None:
        return False
    own = [
        i
        for i in clause
        if i > owner
        and i <= owner + 4
        and (
            words[i].key in OWN_PEOPLE or any(g == "beschaeftigte" and s == i for g, s, _ in found)
        )
    ]
    if not own:
        return False
    copula = next((i for i in clause if i > own[0] and words[i].key in COPULAS), None)
    if copula is None:
        return False
    ages = [
        s
        for g, s, _ in found
        if g == RETIRING_EXEMPT
        and s in clause
        and s > copula
        and all(words[i].key in DESCRIBING_GAP for i in range(copula + 1, s))
    ]
    if not ages:
        return False
    return start in ages or start in own


def said_of_others(
    hit: tuple[str, int, int],
    named: Sequence[tuple[str, int, int]],
    words: Sequence[Word],
    text: str,
) -> bool:
    """Where a text names its target group elsewhere, a clause about the sponsor's own
    people ("Our teachers are native speakers", "Unsere Kundinnen sind meist ältere Damen",
    "unsere Kameraden sind fast alle über 50") or about who takes part beside it ("Die
    Ausbilder machen natürlich mit", "teachers and parents are partners") names no target
    group (unless it says it does: "Zielgruppe", "für"). `named`: every group word of the
    text before any was ruled out ((_, -1, -1): one in another sentence)."""
    _, start, end = hit
    first, last = clause_bounds(words, start, text)
    if any(words[i].key in TARGET_WORDS | INTRODUCERS for i in range(first, last)):
        return False
    if not any(not first <= s < last for _, s, _ in named):
        return False  # the only group the text names
    owner = first + (words[first].key in JOINERS)
    if owner + 1 < last and words[owner].key in POSSESSIVES:
        noun = words[owner + 1]
        person = (
            noun.key in SPONSOR_PEOPLE
            or bool(noun.forms & SPONSOR_PEOPLE)
            or any(s == owner + 1 for _, s, _ in named)
        )
        if person and any(words[i].key in COPULAS for i in range(owner + 2, min(last, owner + 5))):
            return True
    lead = [i for i in range(first, start) if not any(s <= i < e for _, s, e in named)]
    if not all(words[i].key in GAP_WORDS | POSSESSIVES | JOINERS for i in lead):
        return False  # not the clause's subject
    after = words[end:last]
    return any(w.key in TAKING_PART for w in after) or (
        bool(after) and after[-1].key in PARTICLES and last - 1 > end
    )


def names_organisation(
    hit: tuple[str, int, int], words: Sequence[Word], organisations: AbstractSet[str]
) -> bool:
    """ "women's network", "youth charity", "refugee-led association": an organisation."""
    group, start, end = hit
    if group in organisations:
        return False
    following = [w for w in words[end : end + 3] if w.sentence == words[start].sentence]
    while following and following[0].key in ORGANISATION_LINKS:
        following = following[1:]
    return bool(following) and following[0].key in ORGANISATION_NOUNS


def organisation_detail(
    hit: tuple[str, int, int], words: Sequence[Word], organisations: AbstractSet[str]
) -> bool:
    """Staff that give the organisation's size ("ein Betrieb mit 40 Mitarbeitern") or are a
    cost item ("für Personal und Miete"), and an organisation that is the sponsor's own
    ("Azubis für unseren Betrieb")."""
    group, start, end = hit
    sentence = words[start].sentence
    before = [w for w in words[max(0, start - 3) : start] if w.sentence == sentence]
    if group in organisations:
        return bool(before) and before[-1].key in POSSESSIVES
    if group in SIZE_GROUPS:
        index = len(before) - 1
        while index >= 0 and before[index].key in APPROXIMATELY:
            index -= 1
        if index >= 1 and is_number(before[index]):
            index -= 1
            while index >= 0 and before[index].key in APPROXIMATELY:
                index -= 1
            if index >= 0 and before[index].key in SIZE_MARKERS:
                return True
    near = [
        w
        for w in (*words[max(0, start - 2) : start], *words[end : end + 2])
        if w.sentence == sentence
    ]
    return group in SIZE_GROUPS and any(w.key in COST_ITEMS for w in near)
