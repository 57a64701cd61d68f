"""Past projects that are really alike an idea: the same approach for the same people.

A careful adviser calls two projects alike when they do the same thing (mentoring, recognition
advice, a job fair, teachers visiting companies, ...) for the same people. Each project carries
that in a few words (`Project.themes`, German and English, written from the strategy's
sentences about it), and a project is alike an idea only where one of its themes is met whole:
its words and the target groups it names (bot/advice/themes.py). Generic words ("Betriebe",
"Mentoring", "IT", "Werkstatt") and words most projects' texts use weigh half, so they never
make a look-alike alone; a broad sub-goal (I.7: care and IT) counts for nothing by itself.

A theme must tell enough (`BAR`: two telling words, or one with a target group it names, or a
generic word with both); a theme of one telling word only, where the project is for the idea's
people too (a shared target group, or a project for companies with an idea for companies or
their staff). A theme that names no group makes no look-alike of a project for other people
than the idea's (`_same_people`). The look-alikes are ranked by the best theme met, further
themes met, shared target groups and sub-goals, and the sponsor's own district; those far below
the best are left out (`RELATIVE`).

Where no theme is met at all, the shared-terms search of before decides on a strict bar
(bot/advice/shared_terms.py, `STRICT`: a shared sub-goal and two telling words), so an idea
whose words no theme has is still compared with the projects' texts; it shows the one project
sharing most (`FALLBACK`). Recall is the themes' job: one telling word beside a shared target
group is no longer enough there. A project without themes (added by staff, themes not yet
written) is compared on its text always, on the bar of before, after those met by theme.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.advice.goals import GoalMatch
from bot.advice.match import ProjectMatch
from bot.advice.shared_terms import SharedTerms
from bot.advice.themes import GROUP, ThemeIndex
from bot.advice.vocabulary import Hit, Vocabulary, root, tokens
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import Project, ProjectState

__all__ = ["GROUP", "LookAlikes", "ProjectMatch"]

LIMIT = 5
BAR = 1.5
"""What the best theme met must weigh: two telling words, a telling word and a target group it
names, or a generic word with both (a telling word weighs 1, a generic one half)."""
SINGLE = 1.0
"""What a theme may weigh where the project is for the idea's people as well (one telling
word: "Anpassungsqualifizierung", "Kreislaufwirtschaft")."""
FURTHER_THEME = 0.5
"""What a further theme met adds to the ranking..."""
FURTHER_THEMES = 1
"""...for this many further themes at most: a project's themes say the same approach in several
wordings (German, English, everyday words), so meeting three of them tells no more than two;
counting them all ranked a project with many wordings of one theme above one really alike."""
SHARED_GROUP = 0.5
"""What each target group both are for adds to the ranking (a broader or narrower one half)."""
SHARED_GOAL = 0.25
"""What each of the idea's leading sub-goals the project serves adds to the ranking."""
SAME_DISTRICT = 0.5
"""How much a look-alike in the sponsor's own district is preferred in the ranking: there the
local alliance must tell them apart (or rule out a Doppelstruktur)."""
RELATIVE = 0.9
"""A look-alike ranked below this share of the best one is left out: it is alike only in the
way every project of the theme is."""
FALLBACK = 1
"""How many projects the fallback shows: the one sharing most, as it is less sure."""
STRICT = True
"""The fallback shows a project only on a shared sub-goal with two telling words (no longer on
one word beside a shared target group): that bar let in most false look-alikes, and the
projects' themes now say in more words what each one does for whom."""
STAFF = "beschaeftigte"
"""The target group of a company's own staff: an idea for them meets a project for companies."""


@dataclass(frozen=True)
class _Entry:
    project: Project
    groups: frozenset[str]
    """The target groups the project is for, generic ones (companies) left out."""


class LookAlikes:
    """Built once per knowledge base, with the matcher's vocabulary."""

    def __init__(self, kb: KnowledgeBase, vocabulary: Vocabulary) -> None:
        self._generic_groups = frozenset(kb.matching.generic_target_groups)
        self._within: dict[str, frozenset[str]] = defaultdict(frozenset)
        self._within.update({g.id: frozenset(g.within) for g in kb.target_groups})
        # Place names are where a project is, not what it is about.
        places = frozenset(
            root(stemmed)
            for district in kb.regions.districts
            for name in (
                district.name,
                *district.aliases,
                *(n for m in district.municipalities for n in (m.name, *m.aliases)),
            )
            for _, stemmed in tokens(name)
        )
        self._entries = [
            _Entry(project, frozenset(project.target_groups) - self._generic_groups)
            for project in kb.projects
        ]
        self.shared_terms = SharedTerms(kb, vocabulary)
        self._unthemed = frozenset(p.id for p in kb.projects if not p.themes)
        self.themes = ThemeIndex(
            [project.themes for project in kb.projects],
            vocabulary,
            vocabulary.listed(kb.matching.generic_terms),
            places,
            self._within,
            self._generic_groups,
            texts=[
                "\n".join((p.title, p.description, p.strategy_text or "", *p.keywords))
                for p in kb.projects
            ],
            aliases=[(other, term.de) for term in kb.matching.terms for other in term.en],
            variants=[(other, term.de) for term in kb.matching.terms for other in term.also],
        )

    def find(
        self,
        hits: Sequence[Hit],
        goals: Sequence[GoalMatch],
        groups: Collection[str],
        district_id: str | None,
        fields: Collection[str] = (),
        text: str = "",
    ) -> list[ProjectMatch]:
        """The idea's look-alikes, most alike first. `text`: the idea's text, where the
        projects' themes are looked for; `groups`: its target groups (found in the text or
        chosen); `goals`: its leading sub-goals (they rank); `hits` (the vocabulary's reading
        of the text) and `fields` (the action fields its words point to) for the fallback."""
        found = self.themes.read(text)
        themed = self.themed(found, goals, groups, district_id)
        if not self._unthemed:
            return themed or self._fallback(hits, goals, groups, district_id, fields, text)
        # A project no one has written themes for yet (added by staff) can only be found on
        # its text, on the bar of before: it follows those met by theme (or by the fallback).
        first = themed or self._fallback(hits, goals, groups, district_id, fields, text)
        shown = {match.id for match in first}
        plain = self.shared_terms.find(hits, goals, groups, district_id, fields, text)
        extra = [m for m in plain if m.id in self._unthemed and m.id not in shown]
        return (first + extra)[:LIMIT]

    def _fallback(
        self,
        hits: Sequence[Hit],
        goals: Sequence[GoalMatch],
        groups: Collection[str],
        district_id: str | None,
        fields: Collection[str],
        text: str,
    ) -> list[ProjectMatch]:
        """Where no theme is met: the project sharing most telling terms with the idea's text
        (bot/advice/shared_terms.py), on a strict bar (`STRICT`), and only one (`FALLBACK`).
        The themes are where look-alikes are found; a word or two of a project's text is weak
        evidence, and showing a project for it is what made most false look-alikes."""
        shown = self.shared_terms.find(
            hits, goals, groups, district_id, fields, text, strict=STRICT
        )
        return [m for m in shown if m.id not in self._unthemed][:FALLBACK]

    def themed(
        self,
        found: frozenset[tuple[str, ...]],
        goals: Sequence[GoalMatch],
        groups: Collection[str],
        district_id: str | None,
    ) -> list[ProjectMatch]:
        """The look-alikes by their themes alone (`found`: the themes' words the idea's text
        has, `ThemeIndex.read`)."""
        met = self.themes.find(found, groups)
        own = set(groups)
        specific = own - self._generic_groups
        leading = {goal.id for goal in goals}
        scored: list[tuple[float, int, set[str], tuple[str, ...], bool]] = []
        for position, theirs in met.items():
            entry = self._entries[position]
            shared = specific & entry.groups
            kin = {
                g
                for g in specific - entry.groups
                if self._within[g] & entry.groups or any(g in self._within[h] for h in entry.groups)
            }
            people = self._same_people(own, entry, bool(shared or kin))
            if theirs.best < BAR and not (people and theirs.best >= SINGLE):
                continue
            # A theme naming the idea's people has met them; one that names nobody, or only
            # companies (every idea has employers), needs the project to be for them too.
            if not (theirs.groups - self._generic_groups) and not people:
                continue
            same_district = district_id is not None and district_id in entry.project.districts
            shared_goals = tuple(g for g in entry.project.sub_goals if g in leading)
            score = (
                theirs.best
                + FURTHER_THEME * min(theirs.count - 1, FURTHER_THEMES)
                + SHARED_GROUP * (len(shared) + 0.5 * len(kin))
                + SHARED_GOAL * len(shared_goals)
                + SAME_DISTRICT * same_district
            )
            scored.append((score, position, shared, shared_goals, same_district))
        if not scored:
            return []
        best = max(item[0] for item in scored)
        kept = sorted(
            (item for item in scored if item[0] >= RELATIVE * best), key=lambda i: (-i[0], i[1])
        )
        matches = []
        for score, position, shared, shared_goals, same_district in kept[:LIMIT]:
            project = self._entries[position].project
            matches.append(
                ProjectMatch(
                    id=project.id,
                    score=round(min(1.0, score / 5), 3),
                    shared_words=met[position].words,
                    shared_sub_goals=shared_goals,
                    shared_target_groups=tuple(g for g in project.target_groups if g in shared),
                    same_district=same_district,
                    running=project.state is not ProjectState.FINISHED,
                )
            )
        return matches

    def _same_people(self, groups: set[str], entry: _Entry, shared: bool) -> bool:
        """Whether the idea is for the people the project is for: a target group both are for
        (or a broader or narrower one); where either names none, nothing speaks against it. A
        project for companies only meets an idea for companies or their staff."""
        if shared:
            return True
        theirs = set(entry.project.target_groups)
        if not groups or not theirs:
            return True
        if entry.groups:  # the project is for people of its own, and the idea for others
            return not (groups - self._generic_groups)
        return bool(groups & (theirs | {STAFF}))
