"""The target-group finder: the package's rules put together, in one pass over a text.

`GroupFinder` is built once per knowledge base (`group_finder`): the patterns of
knowledge/target_groups.yaml indexed by their first word, their `not_when` phrases, the one-word
patterns a typo or a compound's head may stand for. `find` reads the groups a text names:

1. the patterns that match (patterns.py), then words no pattern matches whole: compounds (in
   running text only where introduced), activities, at the target-group question typos and
   the sponsor's own people, people said to work or to come from abroad (readings.py);
   students in a school year are pupils (school_years.py);
2. it leaves out, everywhere: a group whose `not_when` phrase its sentence contains;
   organisations that are part of, place or partner a group of people (partners.py); roles
   people take or are trained for (roles.py); negated groups (negation.py); the children of
   the people named (families.py); a title before a name and a group word naming an
   organisation (sponsor.py);
3. in running text (`running_text=True`, a message that says more than target groups) also:
   organisations neither introduced by "für", "for" or "Zielgruppe" (clauses.py) nor named
   with their people (partners.py); who the sponsor says they are (introductions.py); what it
   says about its own organisation and people, and the writer's colleague (sponsor.py); the
   project's staff (staff.py); people named as partners (partners.py); people companies seek
   (sought.py);
4. it adds women where a feminine plural alone names a group (tokens.py), and drops the groups
   the text takes back (negation.py).

Rules of the finder itself:

* `not_when`: a group is not read from a sentence that contains one of its not_when phrases.
* Groups of organisations (`organisations: true`) count in running text only where introduced or
  named with their people; at the target-group question, where the whole answer names groups,
  they always count (`running_text=False`).
* An answer to the target-group question (`answer`) is its first sentence that names a group;
  a longer later sentence says something about it and is read as running text ("unsere
  Azubis. Die Ausbilder machen natürlich mit"); a short one adds to the list ("Azubis.
  Betriebe auch.").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.base.normalize import transliterate
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import TargetGroup
from bot.kb.per_version import once_per_knowledge_base
from bot.understanding.groups.clauses import introduced
from bot.understanding.groups.families import children_of_others
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
from bot.understanding.groups.school_years import pupils_by_year
from bot.understanding.groups.sought import sought
from bot.understanding.groups.sponsor import (
    a_colleague,
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
from bot.understanding.groups.tokens import (
    SENTENCE,
    Word,
    completes_compound,
    split_words,
    women_too,
)

WOMEN = "frauen"
"""The group a feminine plural alone also names."""
EMPLOYEES = "beschaeftigte"
"""The group of people who already work ("Leute, die schon arbeiten", "unsere Leute")."""

STUDENTS = "studierende"
PUPILS = "schueler"
"""Students in a school year ("year 11 students") are pupils (school_years.py)."""

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
        self._students = STUDENTS if any(g.id == STUDENTS for g in self._groups) else None
        self._pupils = PUPILS if any(g.id == PUPILS for g in self._groups) else None

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
        found = pupils_by_year(found, words, self._students, self._pupils)
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
        found = [hit for hit in found if not children_of_others(hit, words)]
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
            found = [hit for hit in found if not a_colleague(hit, words)]
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
            found = without_partners(found, words, text, self._organisations)
            found = without_staff(found, words, text, self._organisations)
            found = [hit for hit in found if not sought(hit, words, text, self._organisations)]
        found = [hit for hit in found if not completes_compound(hit[1], words, text)]
        found += women_too(found, words, self._women, text)
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


@once_per_knowledge_base
def group_finder(kb: KnowledgeBase) -> GroupFinder:
    """The finder for `kb`'s target groups, built once."""
    return GroupFinder(kb.target_groups)
