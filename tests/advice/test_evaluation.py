"""The labelled evaluation set: district and pre-check exact, matching above its goals."""

from __future__ import annotations

import pytest

from bot.advice.advise import Advisor
from tests.advice.evaluation import Outcome, evaluate, load_cases


@pytest.fixture(scope="module")
def outcomes(advisor: Advisor) -> list[Outcome]:
    return evaluate(advisor)


def _failures(outcomes: list[Outcome], attribute: str) -> list[str]:
    return [f"{o.case}: {o.detail}" for o in outcomes if not getattr(o, attribute)]


def test_the_set_is_large_and_varied_enough() -> None:
    _, cases = load_cases()
    assert len(cases) >= 40
    statuses = {case["expect"]["status"] for case in cases}
    assert statuses == {
        "eligible",
        "needs_justification",
        "not_eligible",
        "incomplete",
        "out_of_region",
    }
    assert {case["expect"]["district"] for case in cases} >= {
        "region-hannover",
        "hildesheim",
        "hameln-pyrmont",
        "holzminden",
        "nienburg",
        "schaumburg",
    }


def test_district_and_referral_are_always_right(outcomes: list[Outcome]) -> None:
    assert _failures(outcomes, "district_ok") == []
    assert _failures(outcomes, "referral_ok") == []


def test_eligibility_is_always_right(outcomes: list[Outcome]) -> None:
    assert _failures(outcomes, "status_ok") == []


def test_top_action_field_is_acceptable_in_at_least_90_percent(outcomes: list[Outcome]) -> None:
    hits = sum(o.field_ok for o in outcomes)
    assert hits / len(outcomes) >= 0.90, _failures(outcomes, "field_ok")


def test_an_acceptable_project_is_in_the_top_three_in_at_least_80_percent(
    outcomes: list[Outcome],
) -> None:
    hits = sum(o.project_ok for o in outcomes)
    assert hits / len(outcomes) >= 0.80, _failures(outcomes, "project_ok")
