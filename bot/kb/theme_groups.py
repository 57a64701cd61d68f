"""A project's theme that names a target group names one the project serves (staff's changes).

The look-alike ranking reads the target groups a theme names ("Geflüchtete in Ausbildung
bringen": refugees) as the people the project does that for: an idea for refugees meets the
theme, one for others does not. A theme naming people the project is not for ("Azubis in der
Pflege" on a project for pupils and staff) makes it a look-alike for ideas for those people,
kept out only by the ranking's cut. So a change that brings such a theme is refused, naming the
project, the theme and the group, and what to do: add the group to the project's
`target_groups` where the project is for them, or word the theme without them.

Which groups a theme names is read by the advice's own reading (`ThemeReading`, given by the
composition root: this layer is below the advice), so the check and the ranking agree. A
knowledge base that already carries such themes stays valid, the live one included: a change is
refused only where it brings a new one (a theme added or reworded, a group taken from a
project, a word given to a group that a theme then names). `kb check` lists them all, as
warnings.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import MAX_ERRORS_PER_FILE, KbError, Loc, content_key
from bot.kb.yamlsafe import YamlProblem, line_of, load
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Choice, Count

FILE = "projects.yaml"


@dataclass(frozen=True)
class StrayTheme:
    """A theme naming a target group its project does not serve."""

    project: str
    """The project's id."""
    position: int
    """The project's place in `projects` (for the line in the file)."""
    index: int
    """The theme's place in the project's `themes`."""
    theme: str
    group: str
    """The target group's id."""

    @property
    def key(self) -> tuple[str, str, str]:
        """The same stray in another version of the files (positions may have moved)."""
        return self.project, self.theme, self.group


ThemeReading = Callable[[KnowledgeBase], Sequence[StrayTheme]]
"""Every stray theme of a knowledge base, as the advice reads the themes."""

_KEPT = 4


class ThemeGroupCheck:
    """The check staff's changes pass (`KnowledgeStore`), with what it read of the last few
    sets kept by content: a change is shown, then applied, against the same live version."""

    def __init__(self, read: ThemeReading) -> None:
        self._read = read
        self._seen: OrderedDict[str, tuple[StrayTheme, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def strays(self, kb: KnowledgeBase, files: Mapping[str, bytes]) -> tuple[StrayTheme, ...]:
        """Every stray theme of `kb`, read from `files`."""
        key = content_key(files)
        with self._lock:
            found = self._seen.get(key)
        if found is None:
            found = tuple(self._read(kb))
            with self._lock:
                self._seen[key] = found
                while len(self._seen) > _KEPT:
                    self._seen.popitem(last=False)
        return found

    def refusals(
        self,
        live: tuple[KnowledgeBase, Mapping[str, bytes]],
        new: tuple[KnowledgeBase, Mapping[str, bytes]],
    ) -> list[KbError]:
        """What `new` would bring that `live` does not have, as problems of projects.yaml."""
        known = {stray.key for stray in self.strays(*live)}
        brought = [stray for stray in self.strays(*new) if stray.key not in known]
        return problems(new[0], new[1].get(FILE), brought)


def problems(
    kb: KnowledgeBase, content: bytes | None, strays: Sequence[StrayTheme]
) -> list[KbError]:
    """The strays as problems with their lines in `content` (projects.yaml as sent), at most
    as many as the loader reports for a file, the rest counted."""
    root = None
    if content is not None and strays:
        try:
            root = load(content).root
        except YamlProblem:  # it was validated; without lines, the problems still name entries
            root = None
    errors = []
    for stray in strays[:MAX_ERRORS_PER_FILE]:
        loc: Loc = ("projects", stray.position, "themes", stray.index)
        line = line_of(root, loc)
        errors.append(
            KbError(file=FILE, message=message(kb, stray), loc=loc, entry=stray.project, line=line)
        )
    if len(strays) > MAX_ERRORS_PER_FILE:
        more = Count(len(strays) - MAX_ERRORS_PER_FILE, "more_problems")
        errors.append(KbError(file=FILE, message=Msg("kb.error.more", {"count": more})))
    return errors


def message(kb: KnowledgeBase, stray: StrayTheme) -> Msg:
    """What is wrong and what to do, in the words of the file."""
    return Msg("kb.fix.theme_names_other_group", params(kb, stray))


def params(kb: KnowledgeBase, stray: StrayTheme) -> dict[str, Param]:
    """The theme, the project (title and id), the group (label and id), the groups it lists."""
    group = next((g for g in kb.target_groups if g.id == stray.group), None)
    project = next(p for p in kb.projects if p.id == stray.project)
    listed = ", ".join(project.target_groups)
    return {
        "theme": stray.theme,
        "group": Choice(group.label, group.label_en) if group else stray.group,
        "group_id": stray.group,
        "project": project.title,
        "project_id": project.id,
        "listed": listed or Msg("kb.fix.theme_group_none_listed"),
    }
