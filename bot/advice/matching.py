"""Which action fields fit an idea, and which past projects are similar, each with a why.

Action fields are scored from the vocabulary of their sub-goals (weighted by how specific a word
is), from the target groups typical for them, and from the action fields of the most similar
past projects. Similar projects are ranked by cosine similarity of weighted features (shared
words, sub-goals, target groups) through an inverted index, so a knowledge base of thousands of
projects stays fast.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.advice.vocabulary import Hit, Vocabulary
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import Project

SIMILAR_LIMIT = 5
DUPLICATE_THRESHOLD = 0.45
"""A project in the same district this similar is flagged: the strategy wants no
Doppelstrukturen."""

_SUB_GOAL = "sg:"
_FIELD = "af:"
_GROUP = "tg:"
_THEME = "theme:"
_TYPE = "type:"
_WORD = "w:"


@dataclass(frozen=True)
class FieldMatch:
    id: str
    score: float
    sub_goals: tuple[str, ...]
    """The best-fitting sub-goals of this field, best first."""
    words: tuple[str, ...]
    """Vocabulary words of the idea that point here."""
    target_groups: tuple[str, ...]
    projects: tuple[str, ...]
    """Similar past projects that belong to this field."""


@dataclass(frozen=True)
class ProjectMatch:
    id: str
    score: float
    shared_words: tuple[str, ...]
    shared_sub_goals: tuple[str, ...]
    shared_target_groups: tuple[str, ...]
    same_district: bool

    @property
    def possible_duplicate(self) -> bool:
        """Very similar and in the sponsor's own district: a Doppelstruktur to rule out."""
        return self.same_district and self.score >= DUPLICATE_THRESHOLD


@dataclass(frozen=True)
class Matches:
    action_fields: tuple[FieldMatch, ...]
    projects: tuple[ProjectMatch, ...]
    target_groups: tuple[str, ...]
    """Target groups recognised in the text or chosen."""
    focus_themes: tuple[str, ...]
    further_training_like: bool


def _squash(raw: float, scale: float) -> float:
    """Map a non-negative evidence sum onto 0..1, saturating."""
    return round(1.0 - math.exp(-raw / scale), 3)


class Matcher:
    """Built once per knowledge base (a fraction of a second), then used for every advice."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        entries: list[tuple[str, str]] = []
        for field, goal in kb.sub_goals():
            entries += [(word, _SUB_GOAL + goal.id) for word in (goal.title, *goal.keywords)]
            entries += [(word, _FIELD + field.id) for word in field.keywords]
        for group in kb.target_groups:
            entries += [(word, _GROUP + group.id) for word in (group.label, *group.synonyms)]
        for theme in kb.rules.focus_themes:
            entries += [(word, _THEME + theme.id) for word in (theme.title, *theme.keywords)]
        for strand in kb.rules.project_types:
            entries += [(word, _TYPE + strand.id) for word in strand.keywords]
        for project in kb.projects:
            entries += [(word, _WORD + "project") for word in project.keywords]
        self.vocabulary = Vocabulary(entries)
        self._goal_weight = self._specificity(_SUB_GOAL)
        self._field_targets = {
            field.id: frozenset(field.target_groups) for field in kb.action_fields
        }
        self._projects = kb.projects
        features = [self._project_features(project) for project in kb.projects]
        self._features = [frozenset(f) for f in features]
        document_frequency = Counter(feature for f in features for feature in f)
        total = len(features)
        self._idf = {
            feature: math.log((total + 1) / (count + 0.5))
            for feature, count in document_frequency.items()
        }
        # Postings as parallel lists with weights already divided by the project's norm: the
        # scoring loop is the hot path for large knowledge bases (thousands of postings per
        # query), and plain list indexing and zip are the cheapest it gets in Python.
        self._postings: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for position, project_features in enumerate(features):
            weights = {f: w * self._idf[f] for f, w in project_features.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            for feature, weight in weights.items():
                positions, values = self._postings[feature]
                positions.append(position)
                values.append(weight / norm)
        self._postings = dict(self._postings)

    def _specificity(self, prefix: str) -> dict[tuple[str, ...], float]:
        """A word naming few sub-goals says more than one naming many."""
        weights: dict[tuple[str, ...], float] = {}
        goals = sum(1 for _ in self.kb.sub_goals())
        for key, concepts in self.vocabulary.concepts.items():
            named = sum(1 for concept in concepts if concept.startswith(prefix))
            if named:
                weights[key] = math.log(1 + goals / named) * (1.0 + 0.5 * (len(key) - 1))
        return weights

    def _project_features(self, project: Project) -> dict[str, float]:
        text = " ".join((project.title, project.description, *project.keywords))
        features: dict[str, float] = {}
        for hit in self.vocabulary.find(text):
            features[_WORD + " ".join(hit.key)] = 1.0
        for goal in project.sub_goals:
            features[_SUB_GOAL + goal] = 1.5
        for group in project.target_groups:
            features[_GROUP + group] = 1.0
        return features

    def match(
        self,
        description: str,
        target_group_text: str = "",
        target_groups: Iterable[str] = (),
        district_id: str | None = None,
    ) -> Matches:
        hits = self.vocabulary.find(f"{description}\n{target_group_text}")
        concepts = self.vocabulary.concepts
        groups = list(dict.fromkeys(target_groups))
        for hit in hits:
            for concept in concepts[hit.key]:
                if concept.startswith(_GROUP) and concept[3:] not in groups:
                    groups.append(concept[3:])

        goal_scores: dict[str, float] = defaultdict(float)
        goal_words: dict[str, list[str]] = defaultdict(list)
        field_words: dict[str, list[str]] = defaultdict(list)
        field_bonus: dict[str, float] = defaultdict(float)
        themes: list[str] = []
        strands: set[str] = set()
        for hit in hits:
            for concept in concepts[hit.key]:
                kind, _, value = concept.partition(":")
                if kind == "sg":
                    goal_scores[value] += self._goal_weight.get(hit.key, 1.0)
                    goal_words[value].append(hit.surface)
                elif kind == "af":
                    field_bonus[value] += 0.8
                    field_words[value].append(hit.surface)
                elif kind == "theme" and value not in themes:
                    themes.append(value)
                elif kind == "type":
                    strands.add(value)

        projects = self._similar(hits, goal_scores, groups, district_id)
        fields = self._rank_fields(
            goal_scores, goal_words, field_words, field_bonus, groups, projects
        )
        further_training = "further_training" in strands and bool(
            {"beschaeftigte", "unternehmen"} & set(groups)
        )
        return Matches(
            action_fields=fields,
            projects=tuple(projects),
            target_groups=tuple(groups),
            focus_themes=tuple(themes),
            further_training_like=further_training,
        )

    def _similar(
        self,
        hits: Sequence[Hit],
        goal_scores: dict[str, float],
        groups: Sequence[str],
        district_id: str | None,
    ) -> list[ProjectMatch]:
        query: dict[str, float] = {_WORD + " ".join(hit.key): 1.0 for hit in hits}
        best_goal = max(goal_scores.values(), default=0.0)
        for goal, score in goal_scores.items():
            if score >= 0.5 * best_goal:
                query[_SUB_GOAL + goal] = 1.5 * score / best_goal
        for group in groups:
            query[_GROUP + group] = 1.0
        weights = {f: w * self._idf[f] for f, w in query.items() if f in self._idf}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        cosines = [0.0] * len(self._projects)
        for feature, weight in weights.items():
            positions, values = self._postings[feature]
            for position, value in zip(positions, values, strict=True):
                cosines[position] += weight * value
        # Ties go to the project listed first; at least three are offered, even for an idea
        # that shares nothing with the past projects.
        top = heapq.nlargest(SIMILAR_LIMIT, range(len(cosines)), key=cosines.__getitem__)
        top = [position for index, position in enumerate(top) if index < 3 or cosines[position]]
        matches = []
        for position in top:
            project = self._projects[position]
            shared = [f for f in weights if f in self._features[position]]
            matches.append(
                ProjectMatch(
                    id=project.id,
                    score=round(min(1.0, cosines[position] / norm), 3),
                    shared_words=tuple(
                        self.vocabulary.surfaces[tuple(f[2:].split(" "))]
                        for f in shared
                        if f.startswith(_WORD)
                    ),
                    shared_sub_goals=tuple(f[3:] for f in shared if f.startswith(_SUB_GOAL)),
                    shared_target_groups=tuple(f[3:] for f in shared if f.startswith(_GROUP)),
                    same_district=district_id is not None and district_id in project.districts,
                )
            )
        return matches

    def _rank_fields(
        self,
        goal_scores: dict[str, float],
        goal_words: dict[str, list[str]],
        field_words: dict[str, list[str]],
        field_bonus: dict[str, float],
        groups: Sequence[str],
        projects: Sequence[ProjectMatch],
    ) -> tuple[FieldMatch, ...]:
        ranked = []
        for field in self.kb.action_fields:
            goals = sorted(
                (goal.id for goal in field.sub_goals if goal_scores.get(goal.id)),
                key=lambda g: -goal_scores[g],
            )
            scores = [goal_scores[g] for g in goals]
            evidence = (scores[0] if scores else 0.0) + 0.35 * sum(scores[1:])
            evidence += field_bonus.get(field.id, 0.0)
            typical = [g for g in groups if g in self._field_targets[field.id]]
            evidence += 0.6 * len(typical)
            voters = []
            for rank, project in enumerate(projects[:3]):
                stored = self.kb.project(project.id).action_fields
                if field.id in stored and project.score > 0:
                    weight = 1.0 if stored[0] == field.id else 0.5
                    evidence += 3.0 * project.score * weight / (1 + 0.5 * rank)
                    voters.append(project.id)
            words = list(dict.fromkeys(w for g in goals for w in goal_words[g]))
            words += [w for w in dict.fromkeys(field_words.get(field.id, [])) if w not in words]
            ranked.append(
                FieldMatch(
                    id=field.id,
                    score=_squash(evidence, 4.0),
                    sub_goals=tuple(goals[:2]),
                    words=tuple(words[:5]),
                    target_groups=tuple(typical),
                    projects=tuple(voters),
                )
            )
        order = {field.id: index for index, field in enumerate(self.kb.action_fields)}
        ranked.sort(key=lambda m: (-m.score, order[m.id]))
        return tuple(ranked)
