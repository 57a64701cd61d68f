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

from bot.base.normalize import transliterate
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import TargetGroup
from bot.understanding.groups.clauses import introduced
from bot.understanding.groups.hits import GroupHit
from bot.understanding.groups.introductions import without_self
from bot.understanding.groups.negation import corrected, without_negated
from bot.understanding.groups.partners import with_their_people, without_partners, without_parts
from bot.understanding.groups.patterns import (
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
from bot.understanding.groups.sponsor import (
    addressed,
    already_served,
    averaged,
    broken_down,
    names_organisation,
    organisation_detail,
    own_described,
    retiring,
    said_of_others,
)
from bot.understanding.groups.staff import ambassadors, delivering, volunteering, without_staff
from bot.understanding.groups.tokens import SENTENCE, Word, split_words, women_too

WOMEN = "frauen"
"""The group a feminine plural alone also names."""
EMPLOYEES = "beschaeftigte"
"""The group of people who already work ("Leute, die schon arbeiten", "unsere Leute")."""


SHORT_ADDITION = 3
"""A later sentence of an answer with at most this many words beside its groups lists more of
them ("Und Geflüchtete.", "Betriebe auch."); a longer one says something about them."""


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
