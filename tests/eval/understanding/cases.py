"""The evaluation set of tuning.yaml and heldout.yaml as typed, validated cases.

The format is described in the header of tuning.yaml. Loading validates every case, so a typo in
a label fails loudly instead of silently lowering a figure.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

HERE = Path(__file__).resolve().parent
Part = Literal["tuning", "heldout"]
PARTS: tuple[Part, ...] = ("tuning", "heldout")

MAIN_STEPS = (
    "region",
    "organisation",
    "target_group",
    "idea",
    "title",
    "costs",
    "justification",
    "start",
    "duration",
    "cofinancing",
)
"""The questions of the sponsor dialog before the summary (bot/dialogs/sponsor.py)."""
ORGANISATION_KINDS = frozenset(
    {"education", "chamber", "university", "care", "municipality", "employment", "company"}
    | {"other", "none"}
)
NO_ENTRY = "none"
"""The topic of a question no FAQ entry answers: the reply must say it has no reliable answer
and point to the coordination office or /mensch (sponsor.reply.unanswered), never make one up."""
FAQ_TOPICS = frozenset(
    {
        "own_share",
        "total_costs",
        "who_decides",
        "local_alliance",
        "region",
        "applicants",
        "procedure_time",
        "duration_rules",
        "sketch",
        "criteria",
        "start_before_approval",
        NO_ENTRY,
    }
)
"""Ids of knowledge/faq.yaml, and NO_ENTRY for a question the FAQ has no answer to."""


def _listed(value: object) -> object:
    """A single value or a list of acceptable values: always a list."""
    return value if isinstance(value, list) else [value]


def _month(value: object) -> object:
    return str(value)


Months = Annotated[list[Annotated[str, BeforeValidator(_month)]], BeforeValidator(_listed)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Place(Strict):
    """One reading of a place; exactly one key is set, or `kind` for the keyword forms."""

    district: str | None = None
    districts: tuple[str, ...] = ()
    subregion: str | None = None
    referral: str | None = None
    kind: Literal["ask", "abroad", "outside", "none"] | None = None

    @model_validator(mode="before")
    @classmethod
    def _keyword(cls, value: object) -> object:
        return {"kind": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one(self) -> Place:
        set_keys = [self.district, self.districts or None, self.subregion, self.referral, self.kind]
        if sum(v is not None for v in set_keys) != 1:
            raise ValueError(f"a place names exactly one reading: {self}")
        return self

    @property
    def label(self) -> str:
        if self.district:
            return self.district
        if self.districts:
            return "+".join(self.districts)
        if self.subregion:
            return f"sub-region {self.subregion}"
        if self.referral:
            return f"referral {self.referral}"
        return str(self.kind)


Places = Annotated[list[Place], BeforeValidator(_listed)]


class Costs(Strict):
    total: int = Field(gt=0)
    per: Literal["year", "month"] | None = None
    amount: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, value: object) -> object:
        return {"total": value} if isinstance(value, int) else value


class Question(Strict):
    step: str
    text: str
    topic: str

    @model_validator(mode="after")
    def _known(self) -> Question:
        if self.topic not in FAQ_TOPICS:
            raise ValueError(f"unknown FAQ topic {self.topic!r}")
        return self


class Expect(Strict):
    place: Places
    organisation: Annotated[list[str], BeforeValidator(_listed)] = ["none"]
    target_groups: list[str]
    target_groups_ok: list[str] = []
    costs: Costs
    start: Months
    duration: Annotated[list[int], BeforeValidator(_listed)]
    cofinancing: Literal["given", "none"] = "none"
    title: str = "none"
    language: Literal["de", "en"] = "de"
    questions: list[Question] = []

    @model_validator(mode="after")
    def _kinds(self) -> Expect:
        unknown = set(self.organisation) - ORGANISATION_KINDS
        if unknown:
            raise ValueError(f"unknown organisation kinds {unknown}")
        return self


Answers = Annotated[list[str], BeforeValidator(_listed)]


class Case(Strict):
    id: str
    today: date
    say: list[str] = []
    persona: dict[str, Answers]
    given: list[str] = []
    expect: Expect
    part: Part = "tuning"

    @model_validator(mode="after")
    def _steps(self) -> Case:
        unknown = (set(self.persona) | set(self.given)) - set(MAIN_STEPS)
        if unknown:
            raise ValueError(f"{self.id}: unknown steps {unknown}")
        for question in self.expect.questions:
            if question.text not in [*self.persona.get(question.step, []), *self.say]:
                raise ValueError(f"{self.id}: question {question.text!r} is never asked")
        return self


class PlaceInput(Strict):
    id: str
    text: str
    expect: Places
    part: Part = "tuning"


class EvalSet(Strict):
    cases: tuple[Case, ...]
    places: tuple[PlaceInput, ...]

    def of(self, part: Part) -> tuple[tuple[Case, ...], tuple[PlaceInput, ...]]:
        return (
            tuple(c for c in self.cases if c.part == part),
            tuple(p for p in self.places if p.part == part),
        )


def _load_part(part: Part) -> tuple[list[Case], list[PlaceInput]]:
    """`<part>.yaml` and then its further batches, `<part>-<batch>.yaml` in name order: a new
    batch is a file of its own, so batches written side by side merge without conflicts."""
    cases: list[Case] = []
    places: list[PlaceInput] = []
    for path in [HERE / f"{part}.yaml", *sorted(HERE.glob(f"{part}-*.yaml"))]:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        cases += [Case.model_validate({**c, "part": part}) for c in raw.get("cases", [])]
        places += [PlaceInput.model_validate({**p, "part": part}) for p in raw.get("places", [])]
    return cases, places


@cache
def load() -> EvalSet:
    cases: list[Case] = []
    places: list[PlaceInput] = []
    for part in ("tuning", "heldout"):
        more_cases, more_places = _load_part(part)
        cases += more_cases
        places += more_places
    ids = [c.id for c in cases] + [p.id for p in places]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"ids used twice: {duplicates}")
    return EvalSet(cases=tuple(cases), places=tuple(places))
