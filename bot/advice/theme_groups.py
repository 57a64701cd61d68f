"""The themes that name a target group their project does not serve, read as the look-alike
ranking reads them (bot/kb/theme_groups.py refuses staff's changes that bring one).

A theme's target groups are those `ThemeIndex` finds in it with the matcher's vocabulary
(`themes.groups_named`). A project serves, as the ranking (bot/advice/lookalikes.py) has it:
the groups it lists; a broader or narrower one of those (`within`: a project for immigrants
serves refugees, one for university dropouts speaks of students); companies, which the ranking
never takes as whom a project is for (`generic_target_groups`); and, where it is for
companies, their staff (`STAFF`: a project advising employers speaks of their workers).
"""

from __future__ import annotations

from bot.advice.lookalikes import STAFF
from bot.advice.matching import vocabulary_of
from bot.advice.themes import groups_named
from bot.advice.vocabulary import Vocabulary
from bot.kb.knowledge import KnowledgeBase
from bot.kb.theme_groups import StrayTheme, ThemeGroupCheck


def stray_themes(kb: KnowledgeBase, vocabulary: Vocabulary | None = None) -> list[StrayTheme]:
    """Every theme naming a target group its project does not serve, in the files' order
    (`vocabulary`: the matcher's, where already built)."""
    vocabulary = vocabulary or vocabulary_of(kb)
    within = {group.id: frozenset(group.within) for group in kb.target_groups}
    generic = frozenset(kb.matching.generic_target_groups)
    found: list[StrayTheme] = []
    for position, project in enumerate(kb.projects):
        listed = frozenset(project.target_groups)
        served = listed | generic
        served |= {broader for group in listed for broader in within.get(group, ())}
        served |= {group for group, broader in within.items() if broader & listed}
        if listed & generic:
            served |= {STAFF}
        for index, theme in enumerate(project.themes):
            for group in sorted(groups_named(theme, vocabulary) - served):
                found.append(StrayTheme(project.id, position, index, theme, group))
    return found


def theme_check() -> ThemeGroupCheck:
    """The check for a knowledge store that takes staff's changes."""
    return ThemeGroupCheck(stray_themes)
