"""What is known about one project idea: parsed values, or why a value is missing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.base.yearmonth import YearMonth
from bot.texts.catalog import Msg
from bot.understanding.places import Place

REQUIRED = ("region", "description", "costs", "start", "duration")
"""Without these the pre-check cannot be complete; the target group sharpens matching only."""


@dataclass(frozen=True)
class ProjectFacts:
    place: Place | None = None
    target_groups: tuple[str, ...] = ()
    """Target group ids recognised or chosen."""
    target_group_text: str = ""
    description: str = ""
    title: str = ""
    costs_eur: int | None = None
    start: YearMonth | None = None
    duration_months: int | None = None
    justification: str = ""
    """Why higher costs than the cap are needed, if the sponsor said so."""
    cap_raises_grant: str | None = None
    """Above the cap: whether the excess raises the grant ("yes", "no", "unknown"; None when
    not asked). Chapter 5 asks for a separate justification only where it does."""
    problems: Mapping[str, Msg] = field(default_factory=dict)
    """Why a given answer could not be used, by field name (region, costs, ...)."""

    @property
    def end(self) -> YearMonth | None:
        if self.start is None or self.duration_months is None:
            return None
        return self.start.end_month(self.duration_months)

    def missing(self) -> list[str]:
        values = {
            "region": self.place,
            "description": self.description.strip() or None,
            "costs": self.costs_eur,
            "start": self.start,
            "duration": self.duration_months,
        }
        return [name for name in REQUIRED if values[name] is None]
