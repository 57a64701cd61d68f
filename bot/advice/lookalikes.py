"""Past projects that are really alike an idea: a shared theme, not a shared word.

A project is shown as alike only if it serves one of the idea's leading sub-goals and also
shares with it a target group and a telling term, or telling terms worth two specific ones
(how telling a term is: how few projects use it); or if the texts are strongly similar: their
terms overall, or one rare term of the sub-goal the project is first about ("Kreislauf-
wirtschaft"). Generic words (IT, Werkstatt, Projekt, ...) and target groups nearly every project
names (companies) never count, and a broad sub-goal (I.7: care and IT) counts only where a
shared term of that sub-goal says which half of it is meant. Candidates come from an inverted
index, so thousands of projects stay fast; the bar is checked on the best few only.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.advice.goals import ORGANISATION, SUB_GOAL, GoalMatch
from bot.advice.vocabulary import Hit, Vocabulary
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import Project, ProjectState

LIMIT = 5
CANDIDATES = 30
"""How many of the best-ranked projects are checked against the bar."""
ONE_WORD = 0.5
"""Telling words needed beside a shared target group (one term in about a sixth of the
projects or fewer; specificity is idf relative to a term of a single project)..."""
TWO_WORDS = 1.2
"""...and without one: two specific terms at least."""
RARE = 0.55
"""Specificity of a term found in at most three projects (in a knowledge base of this size)."""
STRONG_TEXT = 0.5
"""Term similarity (cosine of idf-weighted shared terms) that makes a project alike on its own."""
RELATIVE = 0.85
"""Look-alikes are ranked by how much theme they share (telling words, a shared target group,
the sub-goal the project is first about, further shared sub-goals); one sharing less than this
share of the best one's is left out: it is alike only in the way every project of the theme is.
"""

_TERM = "w:"
_GOAL = "sg:"
GROUP = "tg:"
"""Concept prefix of a target group in the vocabulary (and of its feature here)."""


@dataclass(frozen=True)
class ProjectMatch:
    id: str
    score: float
    shared_words: tuple[str, ...]
    """Substantive terms both texts use, as the vocabulary writes them."""
    shared_sub_goals: tuple[str, ...]
    shared_target_groups: tuple[str, ...]
    same_district: bool
    running: bool = True
    """Running, or not known to be finished."""

    @property
    def possible_duplicate(self) -> bool:
        """Alike, in the sponsor's own district and not finished: a Doppelstruktur the local
        alliance is to rule out (strategy, chapter 5)."""
        return self.same_district and self.running


@dataclass(frozen=True)
class _Entry:
    project: Project
    terms: frozenset[tuple[str, ...]]
    goals: frozenset[str]
    primary: frozenset[str]
    """The sub-goal the project is first about (listed first)."""
    fields: frozenset[str]
    groups: frozenset[str]
    term_norm: float


class LookAlikes:
    """Built once per knowledge base, with the matcher's vocabulary."""

    def __init__(self, kb: KnowledgeBase, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary
        self._generic_terms = frozenset(
            vocabulary.key_of(term) for term in kb.matching.generic_terms
        )
        self._generic_groups = frozenset(kb.matching.generic_target_groups)
        self._broad = frozenset(goal.id for _, goal in kb.sub_goals() if goal.broad)
        features: list[dict[str, float]] = []
        terms: list[frozenset[tuple[str, ...]]] = []
        for project in kb.projects:
            text = " ".join((project.title, project.description, *project.keywords))
            own = frozenset(self.substantive(vocabulary.find(text, dictionary=False)))
            terms.append(own)
            weights = {_TERM + " ".join(key): 1.0 for key in own}
            weights.update({_GOAL + goal: 1.5 for goal in project.sub_goals})
            weights.update(
                {GROUP + g: 1.0 for g in project.target_groups if g not in self._generic_groups}
            )
            features.append(weights)
        frequency = Counter(feature for f in features for feature in f)
        total = len(features)
        self._idf = {
            feature: math.log((total + 1) / (count + 0.5)) for feature, count in frequency.items()
        }
        self._max_idf = math.log((total + 1) / 0.5)
        self._entries: list[_Entry] = []
        # Postings as parallel lists with weights already divided by the project's norm: the
        # scoring loop is the hot path for large knowledge bases (thousands of postings per
        # query), and plain list indexing and zip are the cheapest it gets in Python.
        postings: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for position, (project, weights, own) in enumerate(
            zip(kb.projects, features, terms, strict=True)
        ):
            weighted = {f: w * self._idf[f] for f, w in weights.items()}
            norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
            for feature, weight in weighted.items():
                positions, values = postings[feature]
                positions.append(position)
                values.append(weight / norm)
            term_norm = math.sqrt(sum(self._term_idf(key) ** 2 for key in own)) or 1.0
            self._entries.append(
                _Entry(
                    project=project,
                    terms=own,
                    goals=frozenset(project.sub_goals),
                    primary=frozenset(project.sub_goals[:1]),
                    fields=frozenset(project.action_fields),
                    groups=frozenset(project.target_groups) - self._generic_groups,
                    term_norm=term_norm,
                )
            )
        self._postings = dict(postings)

    def substantive(self, hits: Iterable[Hit]) -> dict[tuple[str, ...], tuple[str, int]]:
        """The terms that may make two projects alike: not generic, and not a target group's
        name (target groups are compared as groups). Each with its surface and the number of
        the word it comes from: a compound counts with its parts ("Fachinformatiker" meets
        "Informatik"), but as one word."""
        concepts = self._vocabulary.concepts
        terms: dict[tuple[str, ...], tuple[str, int]] = {}
        for index, hit in enumerate(hits):
            for key in (hit.key, *self._vocabulary.parts(hit.key)):
                if key in terms or key in self._generic_terms:
                    continue
                if not any(c.startswith(GROUP) for c in concepts[key]):
                    surface = hit.surface if key == hit.key else self._vocabulary.surfaces[key]
                    terms[key] = (surface, index)
        return terms

    def _term_idf(self, key: tuple[str, ...]) -> float:
        return self._idf.get(_TERM + " ".join(key), 0.0)

    def find(
        self,
        hits: Sequence[Hit],
        goals: Sequence[GoalMatch],
        groups: Collection[str],
        district_id: str | None,
        fields: Collection[str] = (),
    ) -> list[ProjectMatch]:
        """The idea's look-alikes, most alike first. `goals`: the idea's leading sub-goals;
        `fields`: the action fields its words point to (for projects without sub-goals)."""
        terms = self.substantive(hits)
        own_groups = [g for g in groups if g not in self._generic_groups]
        best = goals[0].score if goals else 0.0
        query: dict[str, float] = {_TERM + " ".join(key): 1.0 for key in terms}
        for goal in goals:
            query[_GOAL + goal.id] = 1.5 * goal.score / best
        query.update({GROUP + g: 1.0 for g in own_groups})
        weights = {f: w * self._idf[f] for f, w in query.items() if f in self._idf}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        cosines = [0.0] * len(self._entries)
        for feature, weight in weights.items():
            positions, values = self._postings[feature]
            for position, value in zip(positions, values, strict=True):
                cosines[position] += weight * value
        top = heapq.nlargest(CANDIDATES, range(len(cosines)), key=cosines.__getitem__)
        top = [position for position in top if cosines[position] > 0]
        query_term_norm = math.sqrt(sum(self._term_idf(k) ** 2 for k in terms)) or 1.0
        goal_ids = [goal.id for goal in goals]
        matches: list[ProjectMatch] = []
        ranked: list[tuple[float, float]] = []
        for position in top:
            entry = self._entries[position]
            shared_terms = [key for key in terms if key in entry.terms]
            shared_groups = [g for g in own_groups if g in entry.groups]
            shared_goals = [
                g
                for g in goal_ids
                if g in entry.goals and (g not in self._broad or self._names(g, shared_terms))
            ]
            if not entry.project.sub_goals:  # the strategy names none: its fields stand in
                shared_goals = [f for f in fields if f in entry.fields]
            text = sum(self._term_idf(k) ** 2 for k in shared_terms) / (
                query_term_norm * entry.term_norm
            )
            # A shared sub-goal is the theme's frame, not the theme: it takes a shared term
            # besides (what the projects are about), and a target group or a second term.
            # How telling the shared words are: per word of the idea, its most specific shared
            # term (idf relative to the largest possible, so 1 is a term of one project only).
            telling: dict[int, float] = {}
            for key in shared_terms:
                word = terms[key][1]
                telling[word] = max(telling.get(word, 0.0), self._term_idf(key) / self._max_idf)
            words = sum(telling.values())
            themed = bool(shared_goals) and (
                words >= TWO_WORDS or (words >= ONE_WORD and bool(shared_groups))
            )
            if (
                not themed
                and text < STRONG_TEXT
                and not self._rare_theme(goal_ids, entry, shared_terms)
            ):
                continue
            strength = (
                words
                + 0.5 * bool(shared_groups)
                + 0.5 * bool(entry.primary & set(shared_goals))
                + 0.25 * len(shared_goals)
            )
            ranked.append((strength, cosines[position]))
            matches.append(
                ProjectMatch(
                    id=entry.project.id,
                    score=round(min(1.0, cosines[position] / norm), 3),
                    shared_words=tuple(dict.fromkeys(terms[key][0] for key in shared_terms)),
                    shared_sub_goals=tuple(shared_goals),
                    shared_target_groups=tuple(shared_groups),
                    same_district=district_id is not None
                    and district_id in entry.project.districts,
                    running=entry.project.state is not ProjectState.FINISHED,
                )
            )
        if not matches:
            return []
        order = sorted(range(len(matches)), key=lambda i: ranked[i], reverse=True)
        best = ranked[order[0]][0]
        return [matches[i] for i in order if ranked[i][0] >= RELATIVE * best][:LIMIT]

    def _rare_theme(
        self, leading: Sequence[str], entry: _Entry, shared: Sequence[tuple[str, ...]]
    ) -> bool:
        """Strong similarity on one word: a rare term (in a few projects only) of a sub-goal
        the idea leads with and the project is first about, and no broad one
        ("Kreislaufwirtschaft" for a project on it; never "Pflege" for I.7)."""
        goals = [g for g in leading if g in entry.primary and g not in self._broad]
        return any(
            self._term_idf(key) / self._max_idf >= RARE and self._names(goal, [key])
            for goal in goals
            for key in shared
        )

    def _names(self, goal: str, keys: Collection[tuple[str, ...]]) -> bool:
        """Whether one of the terms belongs to the sub-goal's own vocabulary."""
        wanted = {SUB_GOAL + goal, ORGANISATION + goal}
        concepts: Mapping[tuple[str, ...], frozenset[str]] = self._vocabulary.concepts
        return any(wanted & concepts[key] for key in keys)
