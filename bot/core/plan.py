"""The cost and financing plan and the work steps of a Projektskizze, as data with checks.

Chapter 5 asks for "aussagefähige Unterlagen inkl. eines Kosten- und Finanzierungsplans":
cost items by category must add up to the total costs, and the financing (the grant
requested, the sponsor's own contribution, third parties) must cover exactly the same sum.
Every mismatch is said in plain words with the amounts, so a sponsor sees what to change.
Pure: no storage, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from bot.advice.sources import source_note
from bot.texts.catalog import Escape, Language, Msg, verbatim
from bot.texts.formats import Count, Eur

K = TypeVar("K")


class CostCategory(StrEnum):
    PERSONNEL = "personnel"
    FEES = "fees"
    """Fees and services bought in (Honorare, Fremdleistungen)."""
    MATERIAL = "material"
    TRAVEL = "travel"
    PARTICIPANTS = "participants"
    OVERHEAD = "overhead"
    """Overheads and flat rates (Gemeinkosten, Pauschalen)."""
    OTHER = "other"


class SourceKind(StrEnum):
    GRANT = "grant"
    """The grant requested from the programme (through NBank)."""
    OWN = "own"
    THIRD_PARTY = "third_party"


class CostItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    category: CostCategory
    amount_eur: int = Field(ge=0)
    description: str = ""


class FinancingSource(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: SourceKind
    amount_eur: int = Field(ge=0)
    name: str = ""
    """Who gives it (required for third parties)."""


class WorkStep(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=1)
    first_month: int = Field(ge=1)
    """Project months, counted from the start (1 = the first month)."""
    last_month: int = Field(ge=1)


class Plan(BaseModel):
    """A draft's cost and financing plan with its work steps, stored as JSON."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    costs: tuple[CostItem, ...] = ()
    financing: tuple[FinancingSource, ...] = ()
    work_steps: tuple[WorkStep, ...] = ()

    @property
    def cost_sum(self) -> int:
        return sum(item.amount_eur for item in self.costs)

    @property
    def financing_sum(self) -> int:
        return sum(source.amount_eur for source in self.financing)

    @property
    def grant(self) -> int:
        return sum(s.amount_eur for s in self.financing if s.kind is SourceKind.GRANT)

    def by_category(self) -> dict[CostCategory, int]:
        return _sums((item.category, item.amount_eur) for item in self.costs)

    def by_source(self) -> dict[SourceKind, int]:
        return _sums((source.kind, source.amount_eur) for source in self.financing)


def _sums(pairs: Iterable[tuple[K, int]]) -> dict[K, int]:
    totals: dict[K, int] = {}
    for key, amount in pairs:
        totals[key] = totals.get(key, 0) + amount
    return totals


@dataclass(frozen=True)
class Percent:
    """A share written the reader's way: "70,5 %" or "70.5%"."""

    value: float

    def localize(self, language: Language, escape: Escape = verbatim) -> str:
        text = f"{self.value:.1f}".removesuffix(".0")
        return escape(f"{text.replace('.', ',')} %" if language == "de" else f"{text}%")


@dataclass(frozen=True)
class FundingRate:
    """The highest grant rate with where it comes from: a rate is never shown without its
    source (#13)."""

    max_percent: int
    source: str


@dataclass(frozen=True)
class PlanCheck:
    problems: tuple[Msg, ...]
    """To be fixed before the plan can be submitted."""
    notes: tuple[Msg, ...]
    """Worth a look, not blocking."""

    @property
    def complete(self) -> bool:
        return not self.problems


def check_plan(
    plan: Plan | None,
    total_costs_eur: int | None,
    duration_months: int | None,
    rate: FundingRate | None = None,
) -> PlanCheck:
    """The plan against the draft's total costs and duration.

    Without a total in the draft the cost items' sum is the total (nothing to compare the
    items with, the financing still must match it)."""
    plan = plan or Plan()
    problems: list[Msg] = []
    notes: list[Msg] = []
    total = total_costs_eur if total_costs_eur is not None else plan.cost_sum

    if not plan.costs:
        problems.append(Msg("procedure.plan.costs_missing"))
    elif total_costs_eur is not None and plan.cost_sum != total_costs_eur:
        problems.append(_mismatch("costs", plan.cost_sum, total_costs_eur))
    for item in plan.costs:
        if item.amount_eur == 0:
            label = Msg(f"procedure.plan.category.{item.category.value}")
            notes.append(Msg("procedure.plan.item_zero", {"category": label}))

    if not plan.financing:
        problems.append(Msg("procedure.plan.financing_missing"))
    else:
        if plan.financing_sum != total:
            problems.append(_mismatch("financing", plan.financing_sum, total))
        if plan.grant == 0:
            problems.append(Msg("procedure.plan.grant_missing"))
        for source in plan.financing:
            if source.kind is SourceKind.THIRD_PARTY and not source.name.strip():
                problems.append(
                    Msg("procedure.plan.third_party_unnamed", {"amount": Eur(source.amount_eur)})
                )
        if rate is not None and total > 0 and plan.grant * 100 > rate.max_percent * total:
            notes.append(
                Msg(
                    "procedure.plan.grant_rate",
                    {
                        "percent": Percent(plan.grant * 100 / total),
                        "max": Percent(rate.max_percent),
                        "source": source_note(rate.source),
                    },
                )
            )

    if not plan.work_steps:
        problems.append(Msg("procedure.plan.steps_missing"))
    for step in plan.work_steps:
        if step.last_month < step.first_month:
            problems.append(
                Msg(
                    "procedure.plan.step_order",
                    {"title": step.title, "first": step.first_month, "last": step.last_month},
                )
            )
        elif duration_months is not None and step.last_month > duration_months:
            problems.append(
                Msg(
                    "procedure.plan.step_beyond",
                    {
                        "title": step.title,
                        "last": step.last_month,
                        "months": Count(duration_months, "months"),
                    },
                )
            )
    return PlanCheck(tuple(problems), tuple(notes))


def _mismatch(part: str, given: int, total: int) -> Msg:
    """ "The items add up to X, the total is Y: Z missing" (or Z too much)."""
    direction = "short" if given < total else "over"
    return Msg(
        f"procedure.plan.{part}_{direction}",
        {"sum": Eur(given), "total": Eur(total), "difference": Eur(abs(total - given))},
    )
