"""Run the labelled evaluation set (tests/eval/sponsor_inputs.yaml) through the advisor."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.advice.advise import Advisor

EVAL_FILE = Path(__file__).resolve().parent.parent / "eval" / "sponsor_inputs.yaml"


@dataclass
class Outcome:
    case: str
    district_ok: bool
    referral_ok: bool
    status_ok: bool
    field_ok: bool
    project_ok: bool
    detail: dict[str, Any] = field(default_factory=dict)


def load_cases() -> tuple[date, list[dict[str, Any]]]:
    data = yaml.safe_load(EVAL_FILE.read_text(encoding="utf-8"))
    return data["today"], data["cases"]


def evaluate(advisor: Advisor) -> list[Outcome]:
    today, cases = load_cases()
    outcomes = []
    for case in cases:
        expect = case["expect"]
        facts = advisor.facts_from_text(case["input"], today)
        advice = advisor.advise(facts, today)
        district = advice.district.id if advice.district else None
        referral = advice.referral.id if advice.referral else None
        top_field = advice.matches.action_fields[0].id
        top_projects = [p.id for p in advice.matches.projects[:3]]
        outcomes.append(
            Outcome(
                case=case["id"],
                district_ok=district == expect["district"],
                referral_ok=referral == expect.get("referral"),
                status_ok=advice.eligibility.status.value == expect["status"],
                field_ok=top_field in expect["action_fields"],
                project_ok=bool(set(top_projects) & set(expect["projects"])),
                detail={
                    "district": district,
                    "referral": referral,
                    "status": advice.eligibility.status.value,
                    "field": top_field,
                    "projects": top_projects,
                    "expect": expect,
                },
            )
        )
    return outcomes
