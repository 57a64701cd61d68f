"""Target groups in a sponsor's own words: "Leute, die nach der Ausbildung wegziehen",
"Maler und Tischler, die sich fortbilden wollen", "refugees", "older workers".

Each group of knowledge/target_groups.yaml brings its label (both languages), synonyms and
everyday `phrases`. They are matched on whole words, never inside other words: "Pflegeschulen"
is a word about schools of nursing, not one containing "Schüler"; "hallo" and "test" match
nothing. Rules:

* Words are compared on their dictionary forms (simplemma, in its wheel) and on common German
  endings: "Geflüchteten" finds "Geflüchtete", "Betrieben" finds "Betriebe", "Malern" finds
  "Maler". A shared dictionary form of three letters counts only when written the same ("alten"
  does not find "ältere"). Hyphenated compounds count as their parts ("Pflege-Azubis").
* Gender forms are the neutral word: "Schüler*innen", "Schüler:innen", "SchülerInnen" are
  "Schüler", and "Abiturientinnen", "Facharbeiterin" the listed masculine word. A feminine
  plural alone ("Schülerinnen", "Migrantinnen") also names women, unless
  the same sentence names the group in another form ("Schülerinnen und Schüler").
* A phrase of several words matches with articles, pronouns and the like between its words
  ("nach ihrer Ausbildung" finds "nach der Ausbildung").
* `not_when`: a group is not read from a sentence that contains one of its not_when phrases.
* Groups of organisations (`organisations: true`: companies, education providers) are partners
  as often as target groups in running text ("Praktika in Betrieben"): there they count only
  after "für", "for" or "Zielgruppe" close before them, or named with their people ("kleine
  Betriebe und deren Beschäftigte"). At the target-group question, where
  the whole answer names groups, they always count (`running_text=False`).
* Typos (at the target-group question only): a word of at least seven letters that matches
  nothing may be one letter off a one-word pattern ("geflüchete"), unless a dictionary knows
  it as a word of its own ("Altenpflege" is the field, not "Altenpfleger"; "funders").
* Compounds: a German word that matches nothing counts as its head, the longest one-word
  pattern of at least five letters it ends in, after at least three letters
  ("Altenpflegehelferinnen" is "Pflegehelferinnen", "Lehramtsstudierende" "Studierende",
  "Industriemechaniker" "Mechaniker"). The project's own staff ("Projektmitarbeiter") are
  no target group; in running text a compound counts only after "für" (like organisations).
* An organisation word inside a longer phrase of a group of people is part of it ("start
  their own business", "Unternehmen gründen" name founders, not companies), one that
  says where the people are ("Lehrer an Berufsschulen", "Azubis in Betrieben") describes
  them, and one named as their partner ("Jugendliche, gemeinsam mit Betrieben") is none.
* Negated groups are none ("Pflegekräfte, nicht an Azubis", "keine Schüler", "not for
  apprentices"); "nicht nur Azubis", "not just apprentices" name them too. Groups a text takes
  back ("Schüler. Ach nein, eher Azubis", "young staff - actually, I mean our apprentices", "oder
  besser gesagt …") are none, unless named again right after.
* People the project works with ("mit Lehrkräften", "with teachers", "together with local
  employers and two teachers") beside another group of their sentence are partners (in
  running text); "Frauen mit Behinderung" describes women.
* Not the target group either, in running text: who the sponsor says they are, up to where the
  project is said ("wir sind ein Meisterbetrieb … und wollen", "we are three teachers …", "Als
  Lehrerin …" opening a sentence); a title before a name ("Frau Meyer"); a group word naming an
  organisation ("women's network", "refugee-led association"); the organisation's size ("mit 40
  Mitarbeitern"), staff as a cost item ("für Personal und Miete") and staff who retire ("fünf
  Gesellen gehen in Rente"); "für unseren Betrieb"; those who go out as ambassadors
  ("Azubi-Botschafter", "apprentice ambassadors"); the signature of an e-mail after its closing
  ("Mit freundlichen Grüßen, …, Schulleiter": `signature_start`); a profession people still train
  for ("angehende Erzieherinnen") beside another group; a group the sponsor serves already beside
  another ("Geflüchtete haben wir schon ein Projekt – diesmal …"). Everywhere: hits inside a
  negated group ("not school kids"), and the role people are trained for ("zur Erzieherin", "as
  bus drivers").
* An activity named for a group by its first part counts ("Schülerpraktika", "Frauenkurse").
* People who carry out the project (in running text): a group named before another group of its
  sentence and a verb of helping or offering, opening the sentence or a clause of it ("Lehrkräfte
  begleiten die Schüler", "zwei unserer Mitarbeiterinnen sollen Geflüchtete vermitteln", "From
  April, our nurses would train unemployed locals", "Unsere Lehrkräfte würden Kurse für
  Beschäftigte anbieten"), or after "durch"/"by" ("coached by retired engineers", "Mentoring durch
  unsere Erzieherinnen"), is the project's staff, not its target group; people companies seek
  ("neue Mitarbeiter finden", "recruit nursing staff") are not either; nor are people given a role
  of doing the work ("Unsere Ausbilder sollen als Lernbegleiter für Jugendliche …", "Die Azubis
  helfen dabei als Tutoren", "act as mentors", "Ansprechpartner im Betrieb wären die Ausbilder")
  beside another group of the text. What people want to become ("die Berufskraftfahrer werden
  wollen") is no group; a message opening with who writes ("founder here, edtech startup") names
  no group.
* An answer to the target-group question (`answer`) is its first sentence that names a group;
  a longer later sentence says something about it and is read as running text ("unsere
  Azubis. Die Ausbilder machen natürlich mit"). Where a text names a group elsewhere, a clause
  about the sponsor's own people ("Our teachers are native speakers", "Unsere Kundinnen sind
  meist ältere Damen") or about who takes part beside it ("teachers and parents are partners",
  "Die Ausbilder machen mit") names none.
* Professions listed right after what people learned ("haben ihren Beruf in Syrien gelernt,
  Elektriker, Friseur", "mit Hochschulabschluss, Lehrerin, Ärztin") are what they were trained
  as, no group of employees or teachers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from bot.base.normalize import transliterate
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import TargetGroup
from bot.understanding.groups.clauses import clause_bounds, ends_clause, introduced, same_clause
from bot.understanding.groups.hits import GroupHit
from bot.understanding.groups.negation import corrected, without_negated
from bot.understanding.groups.partners import with_their_people, without_partners, without_parts
from bot.understanding.groups.patterns import (
    GAP_WORDS,
    Pattern,
    by_first_word,
    candidates,
    make_pattern,
    occurrences,
)
from bot.understanding.groups.readings import (
    MIN_HEAD,
    activities,
    compounds,
    from_abroad,
    own_people,
    typos,
    working,
)
from bot.understanding.groups.roles import learning_trade, trained_as, without_roles
from bot.understanding.groups.sought import sought
from bot.understanding.groups.staff import ambassadors, delivering, volunteering, without_staff
from bot.understanding.groups.tokens import SENTENCE, Word, is_number, split_words, women_too
from bot.understanding.groups.vocabulary import (
    CLAUSE_BREAKS,
    CLAUSE_OPENERS,
    INTRODUCERS,
    JOINERS,
    OWN_PEOPLE,
    POSSESSIVES,
    RELATIVES,
    TARGET_WORDS,
)

WOMEN = "frauen"
"""The group a feminine plural alone also names."""
EMPLOYEES = "beschaeftigte"
"""The group of people who already work ("Leute, die schon arbeiten", "unsere Leute")."""


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
HERE = frozenset({"hier", "here"})
"""A message opening with who writes ("founder here", "Heimleitung hier")."""
_SELF_ENDS = frozenset(marker[-1] for marker in SELF) | HERE
"""The words where a self-description can end: a SELF marker's last word, or the "hier" of
"founder here" (`without_self` looks at no other word)."""
DESCRIBING_GAP = frozenset(
    "fast alle meist meistens mostly all almost nearly most mittlerweile inzwischen oft".split()
)


SHORT_ADDITION = 3
"""A later sentence of an answer with at most this many words beside its groups lists more of
them ("Und Geflüchtete.", "Betriebe auch."); a longer one says something about them."""


def addressed(hit: tuple[str, int, int], words: Sequence[Word], text: str) -> bool:
    """ "Frau Meyer", "Mrs Patel": a title before a capitalised name."""
    _, start, end = hit
    if end - start != 1 or words[start].key not in ADDRESS or end >= len(words):
        return False
    following = words[end]
    return following.sentence == words[start].sentence and text[following.start].isupper()


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


def _uncovered(start: int, end: int, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of text[start:end] outside `spans`."""
    parts = []
    position = start
    for first, last in sorted(spans):
        if first > position:
            parts.append((position, first))
        position = max(position, last)
    if position < end:
        parts.append((position, end))
    return parts


class GroupFinder:
    """Built once per knowledge base; `find` is cheap."""

    def __init__(self, groups: Iterable[TargetGroup]) -> None:
        self._groups = tuple(groups)
        self._organisations = {group.id for group in self._groups if group.organisations}
        self._patterns: list[Pattern] = []
        self._not_when: dict[str, list[Pattern]] = {}
        for group in self._groups:
            for text in (group.label, group.label_en, *group.synonyms, *group.phrases):
                pattern = make_pattern(group.id, text)
                if pattern is not None:
                    self._patterns.append(pattern)
            self._not_when[group.id] = [
                pattern
                for text in group.not_when
                if (pattern := make_pattern(group.id, text)) is not None
            ]
        self._index = by_first_word(self._patterns)
        self._first_forms = frozenset(self._index)
        self._not_when_index = {
            group: by_first_word(patterns) for group, patterns in self._not_when.items()
        }
        self._not_when_firsts = {
            group: frozenset(index) for group, index in self._not_when_index.items()
        }
        self._single = {
            transliterate(p.words[0].key): p.group
            for p in self._patterns
            if len(p.words) == 1 and len(p.words[0].key) >= 7
        }
        self._single_keys = sorted(self._single)
        self._heads: dict[str, str] = {}
        for pattern in self._patterns:
            if len(pattern.words) == 1:
                only = pattern.words[0]
                for form in {only.key, *only.forms}:
                    if len(form) >= MIN_HEAD:
                        self._heads.setdefault(form, pattern.group)
        self._women = WOMEN if any(g.id == WOMEN for g in self._groups) else None
        self._employees = EMPLOYEES if any(g.id == EMPLOYEES for g in self._groups) else None

    def find(
        self, text: str, *, running_text: bool = False, named_elsewhere: bool = False
    ) -> tuple[GroupHit, ...]:
        """Every mention of a target group in `text`, in order (see the module's rules).

        `running_text`: a message that says more than target groups (organisations then need
        a "für" before them, and typos are not guessed). `named_elsewhere`: `text` is part of
        a message whose other sentences name groups too.
        """
        words = split_words(text)
        found: list[tuple[str, int, int]] = []
        matched: set[int] = set()
        for start, word in enumerate(words):
            if word.key not in self._index and self._first_forms.isdisjoint(word.forms):
                continue  # no pattern begins with any form of it (most words of a text)
            for pattern in candidates(self._index, word):
                end = occurrences(pattern, words, start)
                if end is not None:
                    found.append((pattern.group, start, end))
                    matched.update(range(start, end))
        guessed = compounds(words, matched, self._heads)
        if running_text:
            # in running text a guessed reading counts only where it is introduced ("für …"):
            # "eine Sozialpädagogin begleitet sie" names the project's staff
            guessed = [hit for hit in guessed if introduced(hit[1], words)]
        found += guessed
        matched.update(start for _, start, _ in found)
        # an activity named for a group counts in running text too: "Schülerpraktika"
        found += activities(words, matched, self._heads, self._organisations)
        matched.update(start for _, start, _ in found)
        if not running_text:
            found += typos(words, matched, text, self._single, self._single_keys)
            found += own_people(words, self._employees)
        found += working(words, text, self._employees)
        found += from_abroad(found, words, text, self._groups, self._organisations)
        if not found:
            return ()  # what every step below makes of no hit (most typed answers name none)
        named = [*found, *([("", -1, -1)] if named_elsewhere else [])]
        people = [hit for hit in found if hit[0] not in self._organisations]
        found = [
            hit
            for hit in found
            # organisations named with their people count like their people (not_when aside)
            if not self._excluded(
                hit, words, running_text and not with_their_people(hit, people, words)
            )
        ]
        found = without_parts(found, words, self._organisations)
        found = without_roles(found, words, text, self._organisations)
        found = without_negated(found, words)
        found = [hit for hit in found if not trained_as(hit, words, text)]
        found = [
            hit
            for hit in found
            if hit[0] != self._employees or not learning_trade(hit, words, text)
        ]
        if running_text:
            found = [hit for hit in found if not ambassadors(hit, words, text)]
        found = [hit for hit in found if not addressed(hit, words, text)]
        found = [hit for hit in found if not names_organisation(hit, words, self._organisations)]
        if running_text:
            found = without_self(found, words, text)
            found = [
                hit for hit in found if not organisation_detail(hit, words, self._organisations)
            ]
            found = [hit for hit in found if not retiring(hit, words, text)]
            found = [hit for hit in found if not averaged(hit, words, text)]
            found = [hit for hit in found if not broken_down(hit, words)]
            found = [hit for hit in found if not own_described(hit, found, words, text)]
            found = [hit for hit in found if not volunteering(hit, words)]
            found = [hit for hit in found if not delivering(hit, named, words)]
            found = [
                hit
                for hit in found
                if not (
                    already_served(hit, words)
                    and any(e <= hit[1] or s >= hit[2] for _, s, e in named)
                )
            ]
            found = [hit for hit in found if not said_of_others(hit, named, words, text)]
        if running_text:
            found = without_partners(found, words, self._organisations)
            found = without_staff(found, words, text, self._organisations)
            found = [hit for hit in found if not sought(hit, words, text, self._organisations)]
        found += women_too(found, words, self._women)
        hits: dict[tuple[str, int, int], GroupHit] = {}
        for group, start, end in sorted(found, key=lambda hit: (hit[1], -hit[2])):
            first, last = words[start].start, words[end - 1].end
            hits.setdefault((group, first, last), GroupHit(group, first, last, text[first:last]))
        return corrected(tuple(hits.values()), text)

    def groups(self, text: str, *, running_text: bool = False) -> tuple[str, ...]:
        """The ids of the groups `text` names, in the order first named."""
        return tuple(dict.fromkeys(hit.group for hit in self.find(text, running_text=running_text)))

    def answer(self, text: str) -> tuple[GroupHit, ...]:
        """The groups an answer to the target-group question names. The answer is the first
        sentence that names a group (and what comes before it); a later sentence that says
        more than a few words is said about it and read as running text: "unsere Azubis. Die
        Ausbilder machen natürlich mit", "school leavers. Our funders are a bank foundation;
        our staff are two social workers" name no trainers, founders or staff. A short one
        adds to the list ("Azubis. Betriebe auch.")."""
        whole = self.find(text)
        if not whole:
            return whole
        ends = [match.end() for match in SENTENCE.finditer(text) if match.start() >= whole[0].end]
        if not ends:
            return whole
        first_end = ends[0]
        running = self.find(text, running_text=True)
        hits = [hit for hit in whole if hit.start < first_end]
        for start, end in zip([first_end, *ends], [*ends[1:], len(text)], strict=False):
            if start >= len(text):
                break
            listed = [hit for hit in whole if start <= hit.start < end]
            said = [hit for hit in running if start <= hit.start < end]
            covered = "".join(
                text[a:b] for a, b in _uncovered(start, end, [(h.start, h.end) for h in listed])
            )
            hits += listed if len(split_words(covered)) <= SHORT_ADDITION else said
        return corrected(tuple(hits), text)

    def answer_groups(self, text: str) -> tuple[str, ...]:
        """The ids of `answer`'s groups, in the order first named."""
        return tuple(dict.fromkeys(hit.group for hit in self.answer(text)))

    def _excluded(
        self, hit: tuple[str, int, int], words: Sequence[Word], running_text: bool
    ) -> bool:
        group, start, _ = hit
        sentence = words[start].sentence
        index_of_group = self._not_when_index.get(group)
        if index_of_group:
            firsts = self._not_when_firsts[group]
            for index, word in enumerate(words):
                if word.sentence != sentence:
                    continue
                if word.key not in index_of_group and firsts.isdisjoint(word.forms):
                    continue  # no exclusion of the group begins with it
                for pattern in candidates(index_of_group, word):
                    if occurrences(pattern, words, index) is not None:
                        return True
        if running_text and group in self._organisations:
            return not introduced(start, words)
        return False


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


_FINDERS: dict[int, tuple[KnowledgeBase, GroupFinder]] = {}
"""One finder per knowledge base in use (by identity: a knowledge base is not hashable)."""


def group_finder(kb: KnowledgeBase) -> GroupFinder:
    """The finder for `kb`'s target groups, built once."""
    known = _FINDERS.get(id(kb))
    if known is None or known[0] is not kb:
        if len(_FINDERS) >= 8:
            _FINDERS.clear()
        known = _FINDERS[id(kb)] = (kb, GroupFinder(kb.target_groups))
    return known[1]
