"""The fallback of the look-alike search (bot/advice/lookalikes.py) where an idea meets none of
the projects' themes whole: projects sharing telling terms with it, not a generic word.

A project is shown as alike only if it serves one of the idea's leading sub-goals and also
shares with it a target group and telling terms, or at least two telling terms (how telling: how
few projects use a term, or are for a target group); or if the texts are strongly similar: their
terms overall, or one rare term of the sub-goal the project is first about ("Kreislauf-
wirtschaft"). Terms are the vocabulary's entries and the texts' other longer nouns (in German
texts only); a project's text is its title, the team's description and what the strategy itself
says about it (`strategy_text`); words that begin alike ("Mentoren", "Mentoringprogramm") are
one term. Target groups are compared on their hierarchy: a project for immigrants shares, less
closely, an idea's refugees. Generic words never count: those listed (IT, Werkstatt, Projekt,
...), in whatever form a text has them ("Unternehmens", "Regionen": `Vocabulary.listed`), and,
by a rule, every term found in more than a sixth or so of the projects (document
frequency); nor do place names. Each project carries its theme and approach in a few words
(`Project.themes`, written from the strategy's sentences about it): generic evidence never makes
a look-alike alone — a target group with no shared word counts only where the themes name it, a
single shared word only where it is one of the themes or a target group is shared besides — and
what an idea shares of the themes ranks it first. A broad sub-goal (I.7: care and IT) counts
only where a shared term of that sub-goal says which half of it is meant. Candidates come from an
inverted index, so thousands of projects stay fast; the bar is checked on the best few only.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.advice.generic import on_one_word
from bot.advice.goals import ORGANISATION, SUB_GOAL, GoalMatch
from bot.advice.lexicon import german_nouns
from bot.advice.match import ProjectMatch
from bot.advice.themes import GROUP
from bot.advice.vocabulary import Hit, Vocabulary, is_stop_word, languages, root, tokens
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import Project, ProjectState

LIMIT = 5
SAME_DISTRICT = 0.5
"""How much a look-alike in the sponsor's own district is preferred in the ranking."""
CANDIDATES = 30
"""How many of the best-ranked projects are checked against the bar."""
THEME = 0.7
"""How telling what a project shares with the idea beside a sub-goal must be, where a target
group is shared: the specificity (idf relative to a term of a single project) of the shared
words, plus that of the shared groups (the second counting half). A rare group with another
(Lehrkräfte and Schüler*innen) reaches it, a group every fourth project names (Schüler*innen)
needs telling words besides."""
GENERIC_SHARE = 0.15
"""A term found in more than this share of the projects is generic..."""
GENERIC_MIN = 4
"""...and in more than this many at least (in a small knowledge base)."""
TWO_WORDS = 1.2
"""Specificity two or more shared words need together without a shared target group."""
STRICT_WORDS = 2
"""Where the search is strict (the fallback where no project's theme is met): how many telling
words a project must share beside a sub-goal, together as telling as `TWO_WORDS`; a target
group shared beside one word does not stand in for the second."""
KIN = 0.5
"""How much a shared broader or narrower target group tells, against the same group."""
_RAW = 100_000
"""Word numbers from here on are the text's own words (below: its vocabulary hits)."""
RAW_MIN = 6
"""Shortest word (stem) of a text compared as it stands, beside the vocabulary's entries."""
RARE = 0.55
"""Specificity of a term found in at most three projects (in a knowledge base of this size)."""
STRONG_TEXT = 0.5
"""Term similarity (cosine of idf-weighted shared terms) that makes a project alike on its own."""
RELATIVE = 0.85
"""Look-alikes are ranked by how much theme they share (telling words, a shared target group,
the sub-goal the project is first about, further shared sub-goals); one sharing less than this
share of the best one's is left out: it is alike only in the way every project of the theme is.
"""

THEME_WEIGHT = 0.5
"""How much each shared theme (word or target group of `Project.themes`) adds to the ranking."""

_TERM = "w:"
_GOAL = "sg:"


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
    themes: frozenset[tuple[str, ...]] = frozenset()
    """The terms of the project's themes (`Project.themes`), generic ones left out."""
    theme_groups: frozenset[str] = frozenset()
    """The target groups its themes name."""


class SharedTerms:
    """Built once per knowledge base, with the matcher's vocabulary."""

    def __init__(self, kb: KnowledgeBase, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary
        self._generic_terms = vocabulary.listed(kb.matching.generic_terms)
        self._generic_groups = frozenset(kb.matching.generic_target_groups)
        self._group_words = frozenset(
            key
            for key, concepts in vocabulary.concepts.items()
            if any(c.startswith(GROUP) for c in concepts)
        )
        self._within: dict[str, frozenset[str]] = defaultdict(frozenset)
        self._within.update({g.id: frozenset(g.within) for g in kb.target_groups})
        self._broad = frozenset(goal.id for _, goal in kb.sub_goals() if goal.broad)
        # Place names are where a project is, not what it is about.
        self._places = frozenset(
            root(stemmed)
            for district in kb.regions.districts
            for name in (
                district.name,
                *district.aliases,
                *(n for m in district.municipalities for n in (m.name, *m.aliases)),
            )
            for _, stemmed in tokens(name)
        )
        features: list[dict[str, float]] = []
        terms: list[frozenset[tuple[str, ...]]] = []
        found = []
        themes: list[tuple[frozenset[tuple[str, ...]], frozenset[str]]] = []
        for project in kb.projects:
            themes.append(self._themes(project))
            # The keywords are written in lower case: read apart from the capitalised text.
            # The strategy's own words about the project count beside the team's description.
            prose = "\n".join((project.title, project.description, project.strategy_text or ""))
            listed = "\n".join(project.keywords)
            hits = vocabulary.find(f"{prose}\n{listed}", dictionary=False)
            found.append(self._terms(hits, prose, listed))
        # A term most projects use says nothing about any one of them: beyond the listed
        # generic words, every term found in more than a share of the projects is generic.
        spread = Counter(key for own in found for key in own)
        limit = max(GENERIC_MIN, GENERIC_SHARE * len(found))
        self._common = frozenset(key for key, count in spread.items() if count > limit)
        for project, own_terms in zip(kb.projects, found, strict=True):
            own = frozenset(key for key in own_terms if key not in self._common)
            terms.append(own)
            # Candidates are ranked on the vocabulary's terms; the texts' other words are only
            # compared in the bar (they would dilute the ranking of short project texts).
            weights = {_TERM + " ".join(k): 1.0 for k in own if own_terms[k][1] < _RAW}
            weights.update({_GOAL + goal: 1.5 for goal in project.sub_goals})
            weights.update(
                {GROUP + g: 1.0 for g in project.target_groups if g not in self._generic_groups}
            )
            features.append(weights)
        frequency = Counter(f for weights in features for f in weights if f[:2] != _TERM)
        frequency.update(_TERM + " ".join(key) for own in terms for key in own)
        total = len(features)
        self._idf = {
            feature: math.log((total + 1) / (count + 0.5)) for feature, count in frequency.items()
        }
        self._max_idf = math.log((total + 1) / 0.5)
        self._unique = math.log((total + 1) / 1.5) / self._max_idf - 1e-9
        """The specificity of a term of one project only."""
        self._goal_projects = Counter(g for p in kb.projects for g in p.sub_goals[:1])
        self._goal_groups = Counter(
            (g, t) for p in kb.projects for g in p.sub_goals[:1] for t in p.target_groups
        )
        self._entries: list[_Entry] = []
        # Postings as parallel lists with weights already divided by the project's norm: the
        # scoring loop is the hot path for large knowledge bases (thousands of postings per
        # query), and plain list indexing and zip are the cheapest it gets in Python.
        postings: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for position, (project, weights, own, (theme_terms, theme_groups)) in enumerate(
            zip(kb.projects, features, terms, themes, strict=True)
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
                    themes=theme_terms,
                    theme_groups=theme_groups,
                )
            )
        self._postings = dict(postings)
        # Words that begin alike are one theme ("Mentoren" / "Mentoringprogramm",
        # "Personalbedarf" / "Personalbedarfsplanung"): each one-word term under its beginnings.
        self._known = frozenset(key for own in terms for key in own) | frozenset(
            key for theme_terms, _ in themes for key in theme_terms
        )
        self._by_start: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for key in self._known:
            if len(key) == 1 and len(key[0]) >= RAW_MIN:
                for end in range(RAW_MIN, len(key[0])):
                    self._by_start[key[0][:end]].add(key)

    def _themes(self, project: Project) -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
        """A project's themes as terms (generic words left out) and the target groups they
        name (of those the project is for)."""
        text = "\n".join(project.themes)
        hits = self._vocabulary.find(text, dictionary=False)
        groups = frozenset(
            concept[len(GROUP) :]
            for hit in hits
            for concept in self._vocabulary.concepts.get(hit.key, ())
            if concept.startswith(GROUP)
        )
        groups &= frozenset(project.target_groups)
        return frozenset(self._terms(hits, text)), groups - self._generic_groups

    def _terms(
        self, hits: Sequence[Hit], text: str, listed: str = ""
    ) -> dict[tuple[str, ...], tuple[str, int]]:
        """The substantive terms of a text: its vocabulary entries (with their parts), and
        its other longer words as they stand, so two texts can share a word the vocabulary
        does not list ("Exkursion", "Anpassungsqualifizierung"). `listed`: further words in
        lower case (keywords)."""
        terms = self.substantive(hits)
        group_words = self._group_words
        capitalised = text != text.lower()
        # An English text's words are no German nouns ("lots of" is no "Lotse"): only its
        # vocabulary entries (the glossary's English words) count.
        german = "de" in languages(text)
        words = [(w, s, capitalised) for w, s in tokens(text)] if german else []
        words += [(w, s, False) for w, s in tokens(listed)] if listed else []
        # A word of a phrase the vocabulary found is that phrase's word: "Intelligenz" beside
        # "künstliche Intelligenz" is no second word shared.
        in_phrase = {
            stem: index for key, (_, index) in terms.items() if len(key) > 1 for stem in key
        }
        for index, (written, stemmed, capitalised) in enumerate(words, start=_RAW):
            key = self._vocabulary.canonical((stemmed,))
            if len(stemmed) < RAW_MIN or key in terms or is_stop_word(stemmed):
                continue
            index = in_phrase.get(stemmed, index)
            if key in self._generic_terms or key in group_words or root(stemmed) in self._places:
                continue
            # A verb or adjective ("berufsbezogenen") names no theme: a text's own word counts
            # if it is a noun, written so where the text capitalises its nouns.
            if key == (stemmed,) and (
                (capitalised and not written[:1].isupper()) or not _noun(stemmed)
            ):
                continue
            terms[key] = (written, index)
        return terms

    def terms(self, text: str) -> list[tuple[str, ...]]:
        """The terms of an idea's text that a project can share (`find` reads them so)."""
        return list(self._terms(self._vocabulary.find(text), text))

    def substantive(self, hits: Iterable[Hit]) -> dict[tuple[str, ...], tuple[str, int]]:
        """The terms that may make two projects alike: not generic, and not a target group's
        name (target groups are compared as groups). Each with its surface and the number of
        the word it comes from: a compound counts with its parts ("Fachinformatiker" meets
        "Informatik"), but as one word."""
        terms: dict[tuple[str, ...], tuple[str, int]] = {}
        generic, group_words = self._generic_terms, self._group_words
        for index, hit in enumerate(hits):
            for key in (hit.key, *self._vocabulary.parts(hit.key)):
                if key not in terms and key not in group_words and key not in generic:
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
        text: str = "",
        *,
        strict: bool = False,
    ) -> list[ProjectMatch]:
        """The idea's look-alikes, most alike first. `goals`: the idea's leading sub-goals;
        `fields`: the action fields its words point to (for projects without sub-goals);
        `text`: the idea's text, whose other words may be shared too. `strict`: only a shared
        sub-goal with two telling words counts (`STRICT_WORDS`)."""
        every = self._terms(hits, text)
        terms = {k: v for k, v in every.items() if k not in self._common}
        own_groups = [g for g in groups if g not in self._generic_groups]
        best = goals[0].score if goals else 0.0
        query: dict[str, float] = {_TERM + " ".join(key): 1.0 for key in terms}
        for goal in goals:
            query[_GOAL + goal.id] = 1.5 * goal.score / best
        query.update({GROUP + g: 1.0 for g in own_groups})
        weights = {f: w * self._idf[f] for f, w in query.items() if f in self._postings}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        cosines = [0.0] * len(self._entries)
        for feature, weight in weights.items():
            positions, values = self._postings[feature]
            for position, value in zip(positions, values, strict=True):
                cosines[position] += weight * value
        top = heapq.nlargest(CANDIDATES, range(len(cosines)), key=cosines.__getitem__)
        top = [position for position in top if cosines[position] > 0]
        # Per word of the idea, its most specific term: a compound and its part are one word.
        per_word: dict[int, float] = {}
        for key, (_, word) in terms.items():
            per_word[word] = max(per_word.get(word, 0.0), self._term_idf(key))
        query_term_norm = math.sqrt(sum(v * v for v in per_word.values())) or 1.0
        goal_ids = [goal.id for goal in goals]
        related = self._related(terms)
        for key, others in related.items():
            for other in others:
                terms.setdefault(other, terms[key])
        # A theme may name a word most projects use too ("Berufsorientierung").
        theme_keys = {**every, **terms}
        matches: list[ProjectMatch] = []
        ranked: list[tuple[bool, float, float, float]] = []
        for position in top:
            entry = self._entries[position]
            # (`terms` holds the words related to the idea's too, under the idea's word.)
            shared_terms = [key for key in terms if key in entry.terms]
            if not shared_terms and entry.goals.isdisjoint(goal_ids) and entry.goals:
                continue  # nothing shared the bar could count
            shared_groups = [g for g in own_groups if g in entry.groups]
            shared_goals = [
                g
                for g in goal_ids
                if g in entry.goals and (g not in self._broad or self._names(g, shared_terms))
            ]
            if not entry.project.sub_goals:  # the strategy names none: its fields stand in
                shared_goals = [f for f in fields if f in entry.fields]
            # A shared sub-goal is the theme's frame, not the theme: it takes a shared term
            # besides (what the projects are about), and a target group or a second term.
            # How telling the shared words are: per word of the idea, its most specific shared
            # term (idf relative to the largest possible, so 1 is a term of one project only).
            telling: dict[int, float] = {}
            for key in shared_terms:
                word = terms[key][1]
                telling[word] = max(telling.get(word, 0.0), self._term_idf(key) / self._max_idf)
            words = sum(telling.values())
            similarity = sum((v * self._max_idf) ** 2 for v in telling.values()) / (
                query_term_norm * entry.term_norm
            )
            # A shared target group tells as much as few projects are for it, overall or among
            # those of the project's own sub-goal. It counts where that sub-goal is shared: a
            # project about the transition from school (III.3, then I.5) is not alike an
            # apprentices' hostel (I.5) for its target group.
            primary = bool(entry.primary & set(shared_goals))
            # A group the project serves more broadly or more narrowly (refugees, immigrants)
            # is shared too, telling half as much.
            kin = [
                g
                for g in own_groups
                if g not in entry.groups
                and (
                    self._within[g] & entry.groups
                    or any(g in self._within[h] for h in entry.groups)
                )
            ]
            told = sorted(
                (
                    max(self._group_within(goal, g), self._idf[GROUP + g] / self._max_idf)
                    * (KIN if g in kin else 1.0)
                    for g in (*shared_groups, *kin)
                    if GROUP + g in self._idf
                    for goal in entry.primary
                ),
                reverse=True,
            )
            groups_telling = primary * sum(value * 0.5**rank for rank, value in enumerate(told))
            # The bar: a shared sub-goal, and a shared target group or at least two
            # substantive shared words.
            themed = bool(shared_goals) and (
                (len(telling) >= 2 and words >= TWO_WORDS)
                or (groups_telling > 0 and words + groups_telling >= THEME)
            )
            if strict and not (
                shared_goals and len(telling) >= STRICT_WORDS and words >= TWO_WORDS
            ):
                continue
            if (
                not themed
                and similarity < STRONG_TEXT
                and not self._rare_theme(goal_ids, entry, shared_terms)
            ):
                continue
            # What the idea shares of the project's themes (`Project.themes`): their words, and a
            # rare target group they name (or its kin).
            theme_words = {theme_keys[k][1] for k in theme_keys if k in entry.themes}
            theme_groups = [
                g
                for g in own_groups
                if self._rare_group(g)
                and (
                    g in entry.theme_groups
                    or self._within[g] & entry.theme_groups
                    or any(g in self._within[h] for h in entry.theme_groups)
                )
            ]
            theme = len(theme_words) + len(theme_groups)
            # Generic evidence never alone: a target group with no shared word is a theme only
            # where the project's themes name it ("Studienabbruch"), and a single shared word
            # only where it says a theme (bot/advice/generic.py): one of the project's themes,
            # a rare target group besides, or the same first sub-goal and a target group.
            if not telling and not theme_groups:
                continue
            if on_one_word(
                len(telling),
                theme=bool(theme_words) and primary,
                rare_group=any(self._rare_group(g) for g in (*shared_groups, *kin)),
                same_first=bool(shared_groups or kin) and goal_ids[:1] == sorted(entry.primary),
                goal_word=any(
                    self._names(g, [key])
                    for key in shared_terms
                    if self._term_idf(key) / self._max_idf >= self._unique
                    for g in entry.primary
                    if g in shared_goals
                ),
            ):
                continue
            same_district = district_id is not None and district_id in entry.project.districts
            # A look-alike in the sponsor's own district matters most: there the local alliance
            # must tell them apart (or rule out a Doppelstruktur).
            strength = (
                words
                + groups_telling
                + 0.5 * primary
                + 0.25 * len(shared_goals)
                + SAME_DISTRICT * same_district
            )
            # A project the strategy gives no sub-goal shares only an action field with the idea:
            # it comes after those that share a sub-goal.
            # What it shares of the project's themes puts it first; how much it shares besides
            # decides whether it is alike only as every project of the theme is (`RELATIVE`).
            ranked.append(
                (
                    bool(entry.project.sub_goals),
                    strength + THEME_WEIGHT * theme,
                    cosines[position],
                    strength,
                )
            )
            matches.append(
                ProjectMatch(
                    id=entry.project.id,
                    score=round(min(1.0, cosines[position] / norm), 3),
                    # One surface per word of the idea (a compound, not also its part).
                    shared_words=tuple(
                        dict.fromkeys({terms[k][1]: terms[k][0] for k in shared_terms}.values())
                    ),
                    shared_sub_goals=tuple(shared_goals),
                    shared_target_groups=tuple(shared_groups),
                    same_district=same_district,
                    running=entry.project.state is not ProjectState.FINISHED,
                )
            )
        if not matches:
            return []
        order = sorted(range(len(matches)), key=lambda i: ranked[i], reverse=True)
        best = max(rank[3] for rank in ranked)
        return [matches[i] for i in order if ranked[i][3] >= RELATIVE * best][:LIMIT]

    def _rare_group(self, group: str) -> bool:
        """Whether few projects are for the group (not pupils, not companies)."""
        return self._idf.get(GROUP + group, 0.0) / self._max_idf >= RARE

    def _group_within(self, goal: str, group: str) -> float:
        """How telling a target group is among the projects of a sub-goal: one nearly every
        project of the sub-goal is for (migrants in III.6) adds nothing to sharing it."""
        among = self._goal_projects.get(goal, 0)
        count = self._goal_groups.get((goal, group), 0)
        if not among:
            return 0.0
        return math.log((among + 1) / (count + 0.5)) / math.log((among + 1) / 0.5)

    def _related(
        self, terms: Mapping[tuple[str, ...], tuple[str, int]]
    ) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
        """The projects' one-word terms that begin with an idea's word, or that an idea's
        word begins with, each at least `RAW_MIN` letters long."""
        related: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for key in terms:
            if len(key) != 1 or len(key[0]) < RAW_MIN:
                continue
            word = key[0]
            found = set(self._by_start.get(word, ()))
            found.update((word[:end],) for end in range(RAW_MIN, len(word)))
            # The shorter of the two must be a word of its own (a noun), not a verb's stem
            # inside a noun ("ausbild" in "Ausbilder").
            nouns = german_nouns()
            found = {
                k
                for k in found & self._known
                if k != key
                and k not in self._common
                and k not in self._generic_terms
                and min(k[0], word, key=len) in nouns
            }
            if found:
                related[key] = sorted(found)
        return related

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
        return any(wanted & concepts.get(key, frozenset()) for key in keys)


_NOUN_ENDINGS = ("", "e", "en", "n", "er", "s", "ung")


def _noun(stemmed: str) -> bool:
    """Whether a word's stem is that of a German noun (the lexicon's, with a lost ending)."""
    nouns = german_nouns()
    return any(stemmed + ending in nouns for ending in _NOUN_ENDINGS)
