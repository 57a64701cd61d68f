"""Which action fields fit an idea, through which sub-goal, and which past projects are alike.

The idea's sub-goals are scored first (bot/advice/goals.py: keywords, linked target groups,
kinds of organisation); an action field's evidence is its best sub-goal, a little of its other
sub-goals, its own keywords and typical target groups, and the fields of the real look-alikes
(bot/advice/lookalikes.py). Below a confidence threshold no field is presented as fitting: the
sponsor is told so plainly and pointed to the local alliance's advice.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from bot.advice.goals import ORGANISATION, SUB_GOAL, GoalMatch, GoalScorer
from bot.advice.lookalikes import GROUP, LookAlikes, ProjectMatch
from bot.advice.vocabulary import Hit, Vocabulary, words
from bot.kb.knowledge import KnowledgeBase

__all__ = ["FieldMatch", "Matcher", "Matches", "ProjectMatch"]

SHOWN_FIELDS = 2
CLEAR_FIT = 2.5
"""Evidence the best action field needs to be presented as fitting (one specific keyword of a
sub-goal is about 3; a single general word of a field about 1)."""
SECOND_FIELD = 0.45
"""The second field is presented too if its evidence reaches this share of the first's."""
LEADING_GOALS = 0.5
"""Sub-goals scoring at least this share of the best one lead (for look-alikes and reasons)."""
GOALS_PER_FIELD = 2
TELLING_FIELD_WORD = 2.0
"""A field's own keyword that is not a generic one (Erzieher, Strukturwandel) counts this
much, a generic one (Weiterbildung, gewinnen) 0.8; each further word of the field 0.6 of the
one before."""
LOOKALIKE_VOTE = CLEAR_FIT
"""Evidence the sub-goal a clearly alike project (two shared words or more) is first about
gains: a clear fit's worth, as one specific keyword of it would give. (At 2.0 a project of the
strategy clearly alike an idea whose words no keyword has fell just short of a fit alone, and
the sponsor heard "nothing clearly fits" beside a look-alike of the field.)"""

_FIELD = "af:"
_THEME = "theme:"
_TYPE = "type:"
_WORD = "w:"


@dataclass(frozen=True)
class FieldMatch:
    id: str
    score: float
    sub_goals: tuple[str, ...]
    """The best-fitting sub-goals of this field, best first (the reason names the first)."""
    words: tuple[str, ...]
    """Vocabulary words of the idea that point here, those of the best sub-goal first."""
    target_groups: tuple[str, ...]
    """Target groups of the idea linked to this field's sub-goals or typical for it."""
    projects: tuple[str, ...]
    """Look-alike past projects that belong to this field."""
    evidence: float = 0.0
    """The unsquashed evidence (`score` maps it onto 0..1)."""
    organisations: tuple[str, ...] = ()
    """Kinds of organisation named in the idea that are typical for the best sub-goal."""
    specific: bool = False
    """Some of its words are not generic ones: "IT-Projekt für Unternehmen" fits nothing."""


@dataclass(frozen=True)
class Matches:
    action_fields: tuple[FieldMatch, ...]
    """All four, best first."""
    projects: tuple[ProjectMatch, ...]
    """Real look-alikes only, most alike first; empty when nothing is alike."""
    target_groups: tuple[str, ...]
    """Target groups recognised in the text or chosen."""
    focus_themes: tuple[str, ...]
    further_training_like: bool
    sub_goals: tuple[GoalMatch, ...] = ()
    """Every sub-goal with evidence, best first."""
    fitting: tuple[FieldMatch, ...] = ()
    """The fields presented as fitting (at most two); empty: nothing clearly fits."""

    @property
    def clear_fit(self) -> bool:
        return bool(self.fitting)


def _squash(raw: float, scale: float) -> float:
    """Map a non-negative evidence sum onto 0..1, saturating."""
    return round(1.0 - math.exp(-raw / scale), 3)


class Matcher:
    """Built once per knowledge base (a fraction of a second), then used for every advice."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        entries: list[tuple[str, str]] = []
        for field, goal in kb.sub_goals():
            entries += [(word, SUB_GOAL + goal.id) for word in (goal.title, *goal.keywords)]
            entries += [(word, ORGANISATION + goal.id) for word in goal.organisations]
            entries += [(word, _FIELD + field.id) for word in field.keywords]
        for group in kb.target_groups:
            entries += [(word, GROUP + group.id) for word in (group.label, *group.synonyms)]
        for theme in kb.rules.focus_themes:
            entries += [(word, _THEME + theme.id) for word in (theme.title, *theme.keywords)]
        for strand in kb.rules.project_types:
            entries += [(word, _TYPE + strand.id) for word in strand.keywords]
        for project in kb.projects:
            entries += [(word, _WORD + "project") for word in project.keywords]
        for term in kb.matching.terms:
            entries.append((term.de, _WORD + "glossary"))
        english = [(other, term.de) for term in kb.matching.terms for other in term.en]
        german = [(other, term.de) for term in kb.matching.terms for other in term.also]
        self.vocabulary = Vocabulary(entries, english, german)
        self.goals = GoalScorer(kb, self.vocabulary)
        self.lookalikes = LookAlikes(kb, self.vocabulary)
        self._within = {group.id: frozenset(group.within) for group in kb.target_groups}
        self._goal_field = {goal.id: field.id for field, goal in kb.sub_goals()}
        self._goal_groups = {goal.id: tuple(goal.target_groups) for _, goal in kb.sub_goals()}
        self._goal_order = {goal.id: index for index, (_, goal) in enumerate(kb.sub_goals())}
        self._field_targets = {
            field.id: frozenset(field.target_groups) for field in kb.action_fields
        }
        self._goal_targets = {
            field.id: frozenset(g for goal in field.sub_goals for g in goal.target_groups)
            for field in kb.action_fields
        }
        self._generic_groups = frozenset(kb.matching.generic_target_groups)
        self._group_labels = {group.id: group.label for group in kb.target_groups}
        self._context = self.vocabulary.listed(kb.matching.context_terms)
        self._work = _work_pattern(kb.matching.work_terms)

    def match(
        self,
        description: str,
        target_group_text: str = "",
        target_groups: Iterable[str] = (),
        district_id: str | None = None,
    ) -> Matches:
        concepts = self.vocabulary.concepts
        hits = self.vocabulary.find(f"{description}\n{target_group_text}")
        target_groups = tuple(target_groups)
        stated = list(dict.fromkeys(target_groups))
        for hit in self.vocabulary.find(target_group_text):
            stated += [c[3:] for c in concepts[hit.key] if c.startswith(GROUP)]
        stated = list(dict.fromkeys(stated))
        groups = list(stated)
        for hit in hits:
            for concept in concepts[hit.key]:
                if concept.startswith(GROUP) and concept[3:] not in groups:
                    groups.append(concept[3:])
        # A keyword of a sub-goal of its own of a narrower group names that group where the
        # broader one is there: students who "quit their degree" are dropouts (III.4, not the
        # students' I.4). (Refugees and immigrants share III.6: a language course says neither.)
        for hit in hits:
            for concept in concepts[hit.key]:
                if not concept.startswith(SUB_GOAL) or hit.key in self._context:
                    continue
                linked = self._goal_groups.get(concept[len(SUB_GOAL) :], ())
                for narrower in linked:
                    wider = self._within.get(narrower, frozenset()) - set(linked)
                    if narrower not in groups and wider & set(groups):
                        groups.append(narrower)
                        if wider & set(stated):
                            stated.append(narrower)
        # A group and a broader one it belongs to (refugees, immigrants): the idea is about the
        # narrower one ("students thinking of dropping out" are dropouts, not students at large).
        # (Both chosen from the buttons: both are meant. Typed, the answer's text is there and
        # its groups were read from it, as "students thinking of dropping out" names both.)
        chosen = set() if target_group_text.strip() else set(target_groups)
        broader = {b for g in groups for b in self._within.get(g, ()) if b not in chosen}
        stated = [g for g in stated if g not in broader]
        groups = [g for g in groups if g not in broader]
        described = [g for g in groups if g not in stated]

        field_words: dict[str, list[str]] = defaultdict(list)
        specific_fields: set[str] = set()
        telling_words: dict[str, list[str]] = defaultdict(list)
        themes: list[str] = []
        strands: set[str] = set()
        for hit in hits:
            for concept in concepts[hit.key]:
                kind, _, value = concept.partition(":")
                if kind == "af":
                    field_words[value].append(hit.surface)
                    if hit.key not in self.goals.generic:
                        specific_fields.add(value)
                        telling_words[value].append(hit.surface)
                elif kind == "theme" and value not in themes:
                    themes.append(value)
                elif kind == "type":
                    strands.add(value)

        # A general word of a field ("Weiterbildung", "training") for the target group the
        # sponsor names, where one of its sub-goals serves that group (employees: II.2), is a
        # clear enough pointer where nothing more telling is there: the two agree.
        agreeing = {
            field_id
            for field_id in field_words
            if self._goal_targets[field_id] & set(stated) - self._generic_groups
        }
        # The people the description names ("training staff for ...") agree less: only where
        # nothing else would be presented ("a directory of courses for their staff": II).
        described_agreeing = {
            field_id
            for field_id in field_words
            if self._goal_targets[field_id] & set(groups) - self._generic_groups
        }
        goals = self.goals.score(hits, frozenset(stated), described)
        best = goals[0].score if goals else 0.0
        # Only sub-goals the description speaks of lead: a target group alone ("Jugendliche")
        # says whom an idea is for, not what it is about.
        leading = [
            g for g in goals if g.score >= LEADING_GOALS * best and (g.words or g.organisations)
        ][:4]
        fields = {g.field for g in leading} | set(field_words)
        projects = self.lookalikes.find(
            hits, leading, groups, district_id, fields, f"{description}\n{target_group_text}"
        )
        goals = self._with_lookalikes(goals, projects)
        ranked = self._rank_fields(
            goals, field_words, specific_fields, groups, projects, telling_words
        )
        # The target groups chosen from the buttons count as said: companies are working life.
        chosen_labels = " ".join(self._group_labels.get(g, "") for g in target_groups)
        working = self._working(f"{description}\n{target_group_text}\n{chosen_labels}", hits)
        further_training = "further_training" in strands and bool(
            {"beschaeftigte", "unternehmen"} & set(groups)
        )
        return Matches(
            action_fields=ranked,
            # An idea that is no project of working life (a playground, a solar park) has no
            # look-alike among the strategy's projects either, whatever word it shares.
            projects=tuple(projects) if working else (),
            target_groups=tuple(groups),
            focus_themes=tuple(themes),
            further_training_like=further_training,
            sub_goals=goals,
            fitting=_fitting(ranked, agreeing, described_agreeing) if working else (),
        )

    def _working(self, text: str, hits: Sequence[Hit]) -> bool:
        """Whether the idea speaks of working life: a word of work, training or employment, or
        a keyword of the strategy that is one in any context. A skilled-labour strategy has no
        action field for a playground, a solar park or flats for the elderly, even where a
        keyword ("Eltern", "Solar", "ältere Menschen") would point to a sub-goal."""
        for hit in hits:
            # A generic word ("Kurse", "Workshops", "Plattform") is said of hobbies too; the
            # words of working life among them are work terms ("Weiterbildung").
            if hit.key in self._context or hit.key in self.goals.generic:
                continue
            # A phrase of context words only ("alleinerziehende Mütter") is one too.
            if len(hit.key) > 1 and all((word,) in self._context for word in hit.key):
                continue
            if any(
                c.startswith((SUB_GOAL, ORGANISATION, _FIELD))
                for c in self.vocabulary.concepts[hit.key]
            ):
                return True
        return self._work.search(" " + " ".join(words(text)) + " ") is not None

    def _with_lookalikes(
        self, goals: tuple[GoalMatch, ...], projects: Sequence[ProjectMatch]
    ) -> tuple[GoalMatch, ...]:
        """The sub-goal the most alike of the strategy's projects is first about gains evidence,
        where the two share at least two telling words: an idea on CO2 and Agroforst like
        "Zukunftsforum Nienburg" serves I.3 even where none of its words is a keyword of I.3.
        (The strategy's projects stand for their sub-goals in words the keywords lack.)"""
        if not projects or len(projects[0].shared_words) < 2:
            return goals
        stored = self.kb.project(projects[0].id).sub_goals
        if not stored:
            return goals
        goal_id = stored[0]
        old = next((g for g in goals if g.id == goal_id), None)
        if old is None:
            old = GoalMatch(
                goal_id, self._goal_field[goal_id], 0.0, projects[0].shared_words, (), ()
            )
        voted = dataclasses.replace(old, score=round(old.score + LOOKALIKE_VOTE, 3), specific=True)
        updated = [g for g in goals if g.id != goal_id] + [voted]
        updated.sort(key=lambda m: (-m.score, self._goal_order[m.id]))
        return tuple(updated)

    def _rank_fields(
        self,
        goals: Sequence[GoalMatch],
        field_words: dict[str, list[str]],
        specific_fields: set[str],
        groups: Sequence[str],
        projects: Sequence[ProjectMatch],
        telling_words: dict[str, list[str]],
    ) -> tuple[FieldMatch, ...]:
        ranked = []
        for field in self.kb.action_fields:
            own = [g for g in goals if g.field == field.id]
            evidence = (own[0].score if own else 0.0) + 0.35 * sum(g.score for g in own[1:])
            words = list(dict.fromkeys(field_words.get(field.id, [])))
            telling = set(telling_words.get(field.id, ()))
            weights = sorted(
                (TELLING_FIELD_WORD if w in telling else 0.8 for w in words), reverse=True
            )
            evidence += sum(weight * 0.6**i for i, weight in enumerate(weights))
            typical = [g for g in groups if g in self._field_targets[field.id]]
            evidence += 0.3 * len(typical)
            voters = []
            for rank, project in enumerate(projects[:3]):
                stored = self.kb.project(project.id).action_fields
                if field.id in stored:
                    weight = 1.0 if stored[0] == field.id else 0.5
                    evidence += 0.0 * project.score * weight / (1 + 0.5 * rank)
                    voters.append(project.id)
            named = [g for g in own if g.score >= LEADING_GOALS * own[0].score][:GOALS_PER_FIELD]
            first = named[0] if named else None
            reasons = list(first.words) if first else []
            reasons += [w for g in named[1:] for w in g.words if w not in reasons]
            reasons += [w for w in words if w not in reasons]
            linked = list(first.target_groups) if first else []
            linked += [g for g in typical if g not in linked and g in self._goal_targets[field.id]]
            ranked.append(
                FieldMatch(
                    id=field.id,
                    score=_squash(evidence, 4.0),
                    sub_goals=tuple(g.id for g in named),
                    words=tuple(reasons[:5]),
                    target_groups=tuple(linked),
                    projects=tuple(voters),
                    evidence=round(evidence, 3),
                    organisations=first.organisations if first else (),
                    specific=field.id in specific_fields or any(g.specific for g in own),
                )
            )
        order = {field.id: index for index, field in enumerate(self.kb.action_fields)}
        ranked.sort(key=lambda m: (-m.evidence, order[m.id]))
        return tuple(ranked)


def _work_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """One search over an idea's stems for the words of working life. Stems of five letters or
    more are found inside longer words too ("Metallbetrieb", "Berufsorientierung",
    "employees"); shorter ones only as whole words ("work" is not found in "workshop" or
    "network", "job" stands alone)."""
    whole: set[str] = set()
    inner: set[str] = set()
    for term in terms:
        for stemmed in words(term):
            (inner if len(stemmed) >= 5 else whole).add(stemmed)
    parts = [rf" {re.escape(w)} " for w in sorted(whole)] + [re.escape(w) for w in sorted(inner)]
    return re.compile("|".join(parts) or "(?!)")


def _fitting(
    fields: Sequence[FieldMatch],
    agreeing: Collection[str] = (),
    described_agreeing: Collection[str] = (),
) -> tuple[FieldMatch, ...]:
    """The fields to present as fitting. The best must have enough evidence, and some of it
    from a word of the idea that is not generic: a target group alone ("Jugendliche") or "IT"
    alone is no fit."""
    # A field whose evidence is all generic words ("training", "IT") is not presented; the
    # best field with a telling word is, if it has enough evidence of its own.
    # A field whose general word agrees with the target group the sponsor names counts as
    # telling too ("Sprachkurse Englisch" for employees: II, not the migrants' III.6).
    telling = [f for f in fields if f.specific or f.id in agreeing]
    if not telling or telling[0].evidence < CLEAR_FIT:
        # Where nothing tells, a general word for the people the description names does.
        telling = [f for f in fields if f.id in described_agreeing]
    fields = telling
    if not fields or fields[0].evidence < CLEAR_FIT:
        return ()
    first, *rest = fields
    second = [f for f in rest[:1] if f.evidence >= SECOND_FIELD * first.evidence]
    return (first, *second)[:SHOWN_FIELDS]
