"""Which sub-goals of the strategy an idea serves, each with its evidence.

A sub-goal gathers evidence from the words of the idea (its keywords, weighted by how specific a
word is), from the target groups linked to it in the knowledge base (refugees -> III.6, dropouts
-> III.4) and from the kinds of organisation typical for it (a Pflegedienst -> I.7). The target
group a sponsor names is strong evidence: it says whom the project is for, where a single word
("Jobcenter", "Coaching") says only how it is done.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from bot.advice.vocabulary import Hit, Vocabulary, meaningful
from bot.kb.knowledge import KnowledgeBase

SUB_GOAL = "sg:"
ORGANISATION = "org:"

STATED_GROUP = 3.0
"""A linked target group the sponsor named as the target group (chosen, or in that answer)."""
DESCRIBED_GROUP = 1.5
"""A linked target group found only in the description."""
ORGANISATION_SHARE = 0.5
"""An organisation word counts half as much as a keyword of the same specificity."""
GENERIC_SHARE = 0.5
"""A word of the generic list counts half."""
GROUP_SPREAD = 0.5
"""A target group linked to n sub-goals adds 1/n**GROUP_SPREAD of its weight to each."""
OTHER_PEOPLE = 0.5
"""The words of a sub-goal for particular people (I.6: pupils, I.4: students) count this much
where the sponsor names other people as the target group and the idea never names its own:
"Roboter" is a word of MINT for pupils, and employees learning to work with robots are no
pupils."""
DECAY = 0.6
"""Each further piece of evidence for the same sub-goal counts this much of the one before: a
description listing five words of one sub-goal does not outweigh the target group it names."""


@dataclass(frozen=True)
class GoalMatch:
    id: str
    field: str
    score: float
    words: tuple[str, ...]
    """Keywords of the idea pointing here, as the vocabulary writes them."""
    target_groups: tuple[str, ...]
    """Linked target groups of the idea (ids)."""
    organisations: tuple[str, ...]
    """Kinds of organisation named in the idea that are typical here."""
    specific: bool = False
    """Some of the words are not generic: more than "IT" or "Ausbildung" points here."""


class GoalScorer:
    """Built once per knowledge base, with the matcher's vocabulary."""

    def __init__(self, kb: KnowledgeBase, vocabulary: Vocabulary) -> None:
        self._field = {goal.id: field.id for field, goal in kb.sub_goals()}
        self._order = {goal.id: index for index, (_, goal) in enumerate(kb.sub_goals())}
        self._groups: dict[str, list[str]] = defaultdict(list)
        for _, goal in kb.sub_goals():
            for group in goal.target_groups:
                self._groups[group].append(goal.id)
        # Whom most action fields serve (employees, companies) are no particular people: a
        # sub-goal for them (IV.2) is not one for other people than a sponsor's founders.
        served = Counter(g for field in kb.action_fields for g in field.target_groups)
        everyone = {g for g, n in served.items() if n > len(kb.action_fields) // 2}
        self._people = {
            goal.id: frozenset(goal.target_groups)
            for _, goal in kb.sub_goals()
            if everyone.isdisjoint(goal.target_groups)
        }
        # A group and those it lies within or that lie within it (refugees, immigrants) are
        # the same people for this.
        self._kin: dict[str, set[str]] = defaultdict(set)
        for people in kb.target_groups:
            for wider in people.within:
                self._kin[people.id].add(wider)
                self._kin[wider].add(people.id)
        goals = len(self._field)
        self._weight: dict[tuple[str, ...], float] = {}
        for key, concepts in vocabulary.concepts.items():
            named = {c.split(":", 1)[1] for c in concepts if c.startswith((SUB_GOAL, ORGANISATION))}
            if named:
                # Each further word of a phrase makes it more specific; the small words of a
                # phrase kept whole ("bis zur Rente", "in der Region") do not.
                size = max(1, sum(1 for word in key if meaningful(word)))
                self._weight[key] = math.log(1 + goals / len(named)) * (1.0 + 0.5 * (size - 1))
        # A generic word ("Digitalisierung", "Ausbildung") says something, but less.
        self.generic = vocabulary.listed(kb.matching.generic_terms)
        for key in self._weight:
            if key in self.generic:
                self._weight[key] *= GENERIC_SHARE
        self._vocabulary = vocabulary
        self._generic_groups = frozenset(kb.matching.generic_target_groups)

    def score(
        self, hits: Sequence[Hit], stated: Collection[str], described: Iterable[str]
    ) -> tuple[GoalMatch, ...]:
        """The sub-goals with any evidence, best first. `stated`: target group ids the sponsor
        gave as the target group; `described`: further ones found in the description."""
        described = tuple(described)
        evidence: dict[str, list[float]] = defaultdict(list)
        words: dict[str, list[str]] = defaultdict(list)
        organisations: dict[str, list[str]] = defaultdict(list)
        groups: dict[str, list[str]] = defaultdict(list)
        specific: set[str] = set()
        concepts = self._vocabulary.concepts
        for hit in hits:
            weight = self._weight.get(hit.key, 0.0)
            # A sub-goal's own keyword first: the same word as an organisation of it then adds
            # nothing (in whatever order the set holds them, so the advice is reproducible).
            for concept in sorted(concepts[hit.key], key=_keywords_first):
                if concept.startswith((SUB_GOAL, ORGANISATION)) and hit.key not in self.generic:
                    specific.add(concept.split(":", 1)[1])
                if concept.startswith(SUB_GOAL):
                    goal = concept[len(SUB_GOAL) :]
                    evidence[goal].append(weight)
                    words[goal].append(hit.surface)
                elif concept.startswith(ORGANISATION):
                    goal = concept[len(ORGANISATION) :]
                    if hit.surface not in words[goal]:
                        evidence[goal].append(ORGANISATION_SHARE * weight)
                        organisations[goal].append(hit.surface)
        named = {*stated, *described}
        named |= {kin for group in named for kin in self._kin.get(group, ())}
        # The people the sponsor names; where the answer names none, those of the description.
        people = set(stated) - self._generic_groups or set(described) - self._generic_groups
        for goal, values in evidence.items():
            own = self._people.get(goal, frozenset())
            if people and own and own.isdisjoint(named):
                evidence[goal] = [OTHER_PEOPLE * value for value in values]
        for group in dict.fromkeys((*stated, *described)):
            linked = self._groups.get(group, [])
            # A group several sub-goals serve (pupils: MINT and the way into work) says less
            # about which one an idea is for; its words have to tell.
            share = 1.0 / len(linked) ** GROUP_SPREAD if linked else 0.0
            for goal in linked:
                weight = STATED_GROUP if group in stated else DESCRIBED_GROUP
                evidence[goal].append(weight * share)
                groups[goal].append(group)
                # A general word ("training") for the sub-goal of the group the sponsor names
                # as theirs (employees: II.2) is a clear enough pointer: the two agree.
                if group in stated and group not in self._generic_groups and words[goal]:
                    specific.add(goal)
        matches = [
            GoalMatch(
                id=goal,
                field=self._field[goal],
                score=round(_decayed(values), 3),
                words=tuple(dict.fromkeys(words[goal])),
                target_groups=tuple(groups[goal]),
                organisations=tuple(dict.fromkeys(organisations[goal])),
                specific=goal in specific,
            )
            for goal, values in evidence.items()
            if goal in self._field
        ]
        matches.sort(key=lambda m: (-m.score, self._order[m.id]))
        return tuple(matches)


def _keywords_first(concept: str) -> tuple[bool, str]:
    return (not concept.startswith(SUB_GOAL), concept)


def _decayed(values: Iterable[float]) -> float:
    total, factor = 0.0, 1.0
    for value in sorted(values, reverse=True):
        total += factor * value
        factor *= DECAY
    return total
