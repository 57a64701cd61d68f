"""The cost and financing plan: items by category must add up to the total costs, the
financing to the same sum; each mismatch is said with its amounts; work steps fit the
project's months; a grant rate is named only with its source. And the sponsor cannot submit
an incomplete one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.plan import (
    CostCategory,
    CostItem,
    FinancingSource,
    FundingRate,
    Plan,
    SourceKind,
    WorkStep,
    check_plan,
)
from bot.core.state import Answer
from bot.procedure.requests import Submit
from bot.procedure.results import Refusal
from bot.procedure.steps import Role, Stage
from bot.storage.cases import Cases
from bot.storage.drafts import Drafts
from bot.texts.catalog import LANGUAGES, Language
from tests.procedure.conftest import (
    CONTACT,
    COSTS,
    GOOD_PLAN,
    MONTHS,
    SPONSOR,
    World,
    recorded,
    refused,
    text,
)

RATE = FundingRate(70, "Förderdatenbank des Bundes")


def texts(plan: Plan, total: int | None = COSTS, language: Language = "de") -> list[str]:
    check = check_plan(plan, total, MONTHS, RATE)
    return [text(m, language) for m in (*check.problems, *check.notes)]


def test_a_complete_plan_passes() -> None:
    check = check_plan(GOOD_PLAN, COSTS, MONTHS, RATE)
    assert check.complete and check.notes == ()
    assert GOOD_PLAN.cost_sum == GOOD_PLAN.financing_sum == COSTS
    assert GOOD_PLAN.grant == 266_000
    assert GOOD_PLAN.by_category()[CostCategory.PERSONNEL] == 300_000
    assert GOOD_PLAN.by_source() == {
        SourceKind.GRANT: 266_000,
        SourceKind.OWN: 84_000,
        SourceKind.THIRD_PARTY: 30_000,
    }


def test_an_empty_plan_names_every_part_missing() -> None:
    check = check_plan(None, COSTS, MONTHS)
    assert [m.key for m in check.problems] == [
        "procedure.plan.costs_missing",
        "procedure.plan.financing_missing",
        "procedure.plan.steps_missing",
    ]


def test_cost_items_short_of_the_total_say_how_much_is_missing() -> None:
    plan = GOOD_PLAN.model_copy(update={"costs": GOOD_PLAN.costs[:2]})
    assert texts(plan)[0] == (
        "Die Kostenpositionen ergeben 350.000 €, die Gesamtkosten betragen 380.000 €: "
        "Es fehlen 30.000 €."
    )
    assert texts(plan, language="en")[0] == (
        "The cost items add up to EUR 350,000, the total costs are EUR 380,000: "
        "EUR 30,000 is missing."
    )


def test_financing_over_the_total_and_an_unnamed_third_party() -> None:
    plan = GOOD_PLAN.model_copy(
        update={
            "financing": (
                FinancingSource(kind=SourceKind.GRANT, amount_eur=266_000),
                FinancingSource(kind=SourceKind.OWN, amount_eur=100_000),
                FinancingSource(kind=SourceKind.THIRD_PARTY, amount_eur=30_000),
            )
        }
    )
    assert texts(plan) == [
        "Die Finanzierung ergibt 396.000 €, das sind 16.000 € mehr als die Gesamtkosten von "
        "380.000 €.",
        "Bei Drittmitteln von 30.000 € fehlt, von wem sie kommen.",
    ]


def test_no_grant_and_a_rate_above_the_programme_s_are_said() -> None:
    own_only = GOOD_PLAN.model_copy(
        update={"financing": (FinancingSource(kind=SourceKind.OWN, amount_eur=COSTS),)}
    )
    assert texts(own_only) == ["Es ist keine beantragte Zuwendung angegeben."]
    greedy = GOOD_PLAN.model_copy(
        update={
            "financing": (
                FinancingSource(kind=SourceKind.GRANT, amount_eur=300_000),
                FinancingSource(kind=SourceKind.OWN, amount_eur=80_000),
            )
        }
    )
    check = check_plan(greedy, COSTS, MONTHS, RATE)
    assert check.complete, "a note, not a blocker: the rate is NBank's to decide"
    (note,) = check.notes
    assert text(note) == (
        "Die beantragte Zuwendung beträgt 78,9 % der Gesamtkosten; gefördert werden höchstens "
        "70 % (Quelle: Förderdatenbank des Bundes). Bitte prüfen Sie die Finanzierung."
    )
    assert "78.9% of the total costs; at most 70% are funded (Source:" in text(note, "en")
    # the source as staff wrote it in rules.yaml: shown as everywhere else, staff's marks out
    marked = FundingRate(
        70, "DOMAIN-NOTES: Förderdatenbank des Bundes, NBank (Fördersätze; vor Zitat prüfen)"
    )
    (note,) = check_plan(greedy, COSTS, MONTHS, marked).notes
    assert "DOMAIN-NOTES" not in text(note) and "vor Zitat" not in text(note)
    assert (
        "(Quelle: Förderdatenbank des Bundes, NBank "
        "(nicht in der Strategie – bitte bei der NBank prüfen))" in text(note)
    )


def test_work_steps_must_fit_the_project() -> None:
    plan = GOOD_PLAN.model_copy(
        update={
            "work_steps": (
                WorkStep(title="Konzept", first_month=3, last_month=1),
                WorkStep(title="Auswertung", first_month=20, last_month=30),
            )
        }
    )
    assert texts(plan) == [
        "Der Arbeitsschritt „Konzept“ endet in Monat 1, vor seinem Beginn in Monat 3.",
        "Der Arbeitsschritt „Auswertung“ reicht bis Monat 30, das Projekt läuft aber nur "
        "24 Monate.",
    ]


def test_without_a_total_in_the_draft_the_items_are_the_total() -> None:
    check = check_plan(GOOD_PLAN, None, None)
    assert check.complete


amounts = st.integers(min_value=0, max_value=2_000_000)


@given(
    st.lists(amounts, min_size=1, max_size=6),
    st.lists(amounts, min_size=1, max_size=4),
    amounts,
)
def test_the_plan_is_complete_exactly_when_both_sums_match(
    costs: list[int], sources: list[int], total: int
) -> None:
    plan = Plan(
        costs=tuple(CostItem(category=CostCategory.OTHER, amount_eur=a) for a in costs),
        financing=tuple(
            FinancingSource(kind=SourceKind.GRANT if i == 0 else SourceKind.OWN, amount_eur=a)
            for i, a in enumerate(sources)
        ),
        work_steps=(WorkStep(title="Alles", first_month=1, last_month=1),),
    )
    check = check_plan(plan, total, 12)
    matches = sum(costs) == total == sum(sources) and sources[0] > 0
    assert check.complete is matches
    for language in LANGUAGES:
        for problem in check.problems:
            assert text(problem, language)


def test_a_plan_round_trips_through_json() -> None:
    assert Plan.model_validate(GOOD_PLAN.model_dump(mode="json")) == GOOD_PLAN
    with pytest.raises(ValueError):
        Plan.model_validate({"costs": [{"category": "personnel", "amount_eur": -1}]})


async def test_submission_needs_a_complete_plan_and_the_sketch_s_criteria(world: World) -> None:
    draft = await world.draft(sketch=False)
    handoff, outcome = await world.hand_over(draft)
    case_id = recorded(outcome).case.id
    recorded(await world.state(CONTACT, handoff, "supports"))

    bare = refused(await world.record(SPONSOR, Role.SPONSOR, case_id, Submit()))
    assert bare.reason is Refusal.PLAN_INCOMPLETE
    details = [text(d) for d in bare.details]
    assert details[0].startswith("Es ist noch keine Kostenposition angegeben.")
    assert "In der Projektskizze fehlt noch: Räumliche Wirkung." in details

    await world.save_plan(draft)
    gaps = refused(await world.record(SPONSOR, Role.SPONSOR, case_id, Submit()))
    assert gaps.reason is Refusal.SKETCH_INCOMPLETE
    assert len(gaps.details) == 3
    assert world.table("SELECT COUNT(*) FROM case_steps") == [(2,)], "refusals write nothing"

    other = await world.draft(title="Zweiter Entwurf")
    second, outcome = await world.hand_over(other, title="Zweiter Entwurf")
    second_case = recorded(outcome).case.id
    recorded(await world.state(CONTACT, second, "supports"))
    await world.save_plan(other)
    submitted = recorded(await world.record(SPONSOR, Role.SPONSOR, second_case, Submit()))
    assert submitted.stage is Stage.SUBMITTED
    (step,) = [s for s in world.table("SELECT kind, payload FROM case_steps") if s[0] == "submit"]
    assert '"grant"' in step[1], "the plan as submitted is kept with the step"


async def test_the_case_s_plan_starts_from_the_sketch_s_guided_answers(world: World) -> None:
    """Answered in the sketch before the handoff (each part as its question stores it), the
    plan is the case's without being typed again; one typed from the case menu replaces it."""
    draft = await world.draft()
    parts = {
        step: Answer(text=step, value=GOOD_PLAN.model_dump(mode="json", include={field}))
        for step, field in (
            ("plan_costs", "costs"),
            ("plan_financing", "financing"),
            ("plan_work_steps", "work_steps"),
        )
    }
    async with world.transaction() as connection:
        drafts = Drafts(connection, world.clock.now())
        stored = await drafts.get(SPONSOR, draft)
        assert stored is not None
        answers = {**stored.state.answers, **parts}
        await drafts.save(stored, stored.state.model_copy(update={"answers": answers}))
    handoff, outcome = await world.hand_over(draft)
    case_id = recorded(outcome).case.id
    recorded(await world.state(CONTACT, handoff, "supports"))
    async with world.transaction() as connection:
        assert await Cases(connection, world.clock.now()).plan(draft) == GOOD_PLAN

    submitted = recorded(await world.record(SPONSOR, Role.SPONSOR, case_id, Submit()))
    assert submitted.stage is Stage.SUBMITTED

    typed = Plan(costs=GOOD_PLAN.costs[:1])
    await world.save_plan(draft, typed)
    async with world.transaction() as connection:
        assert await Cases(connection, world.clock.now()).plan(draft) == typed
