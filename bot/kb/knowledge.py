"""The knowledge base in memory: the validated files plus lookups by id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, TypeVar

from bot.kb.models import (
    ActionField,
    AlliancesFile,
    District,
    FaqEntry,
    LocalAlliance,
    MatchingAids,
    OrganisationKind,
    Project,
    RegionalAlliance,
    RegionsFile,
    RulesFile,
    SubGoal,
    SubRegion,
    TargetGroup,
)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


E = TypeVar("E", bound=_HasId)


def _by_id(entries: Iterable[E]) -> Mapping[str, E]:
    return {entry.id: entry for entry in entries}


@dataclass(frozen=True)
class KnowledgeBase:
    action_fields: tuple[ActionField, ...]
    target_groups: tuple[TargetGroup, ...]
    regions: RegionsFile
    alliances: AlliancesFile
    projects: tuple[Project, ...]
    rules: RulesFile
    faq: tuple[FaqEntry, ...] = ()
    """Answers to questions sponsors ask mid-dialog (faq.yaml)."""
    organisation_kinds: tuple[OrganisationKind, ...] = ()
    """The words sponsors use for each kind of organisation (organisation_kinds.yaml)."""
    version: str = "shipped"
    """Which version of the knowledge base this is (staff see it with /kb_version)."""
    version_day: date | None = None
    """When that version was applied (the store's metadata); None for the shipped files."""
    matching: MatchingAids = field(default_factory=MatchingAids)
    """Vocabulary aids for matching (generic words, English glossary): action_fields.yaml."""

    _fields: Mapping[str, ActionField] = field(init=False, repr=False, compare=False)
    _goals: Mapping[str, SubGoal] = field(init=False, repr=False, compare=False)
    _groups: Mapping[str, TargetGroup] = field(init=False, repr=False, compare=False)
    _districts: Mapping[str, District] = field(init=False, repr=False, compare=False)
    _subregions: Mapping[str, SubRegion] = field(init=False, repr=False, compare=False)
    _local: Mapping[str, LocalAlliance] = field(init=False, repr=False, compare=False)
    _regional: Mapping[str, RegionalAlliance] = field(init=False, repr=False, compare=False)
    _projects: Mapping[str, Project] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        indexes = {
            "_fields": _by_id(self.action_fields),
            "_goals": _by_id(goal for _, goal in self.sub_goals()),
            "_groups": _by_id(self.target_groups),
            "_districts": _by_id(self.regions.districts),
            "_subregions": _by_id(self.regions.subregions),
            "_local": _by_id(self.regions.local_alliances),
            "_regional": _by_id(self.alliances.regional_alliances),
            "_projects": _by_id(self.projects),
        }
        for name, index in indexes.items():
            object.__setattr__(self, name, index)

    def action_field(self, id_: str) -> ActionField:
        return self._fields[id_]

    def sub_goal(self, id_: str) -> SubGoal:
        return self._goals[id_]

    def target_group(self, id_: str) -> TargetGroup:
        return self._groups[id_]

    def district(self, id_: str) -> District:
        return self._districts[id_]

    def subregion(self, id_: str) -> SubRegion:
        return self._subregions[id_]

    def local_alliance(self, id_: str) -> LocalAlliance:
        return self._local[id_]

    def regional_alliance(self, id_: str) -> RegionalAlliance:
        return self._regional[id_]

    def referrals(self, place_name: str, alliance_id: str) -> tuple[RegionalAlliance, ...]:
        """The regional alliances a place outside Leine-Weser belongs to: `alliance_id` (the
        one it was resolved to) first, then every other listing the same name. Sources differ
        on some districts (Landkreis Wittmund: Ems-Achse or JadeBay); a sponsor from there is
        referred to all of them."""
        first = self.regional_alliance(alliance_id)
        name = place_name.casefold()
        others = tuple(
            alliance
            for alliance in self.alliances.regional_alliances
            if alliance.id != first.id
            and any(listed.casefold() == name for listed in (*alliance.districts, *alliance.places))
        )
        return (first, *others)

    def project(self, id_: str) -> Project:
        return self._projects[id_]

    def alliance_for_subregion(self, subregion_id: str) -> LocalAlliance:
        return self.local_alliance(self.subregion(subregion_id).alliance)

    def alliance_for_district(self, district_id: str) -> LocalAlliance:
        return self.alliance_for_subregion(self.district(district_id).subregion)

    def sub_goals(self) -> Iterator[tuple[ActionField, SubGoal]]:
        for action_field in self.action_fields:
            for goal in action_field.sub_goals:
                yield action_field, goal

    def counts(self) -> dict[str, int]:
        return {
            "action_fields": len(self.action_fields),
            "sub_goals": len(self._goals),
            "target_groups": len(self.target_groups),
            "subregions": len(self.regions.subregions),
            "districts": len(self.regions.districts),
            "municipalities": sum(
                1 for d in self.regions.districts for m in d.municipalities if not m.members
            ),
            "samtgemeinden": sum(
                1 for d in self.regions.districts for m in d.municipalities if m.members
            ),
            "localities": sum(
                len(m.localities) for d in self.regions.districts for m in d.municipalities
            ),
            "local_alliances": len(self.regions.local_alliances),
            "regional_alliances": len(self.alliances.regional_alliances),
            "projects": len(self.projects),
            "steering_group_meetings": len(self.rules.steering_group_meetings),
            "faq": len(self.faq),
        }
