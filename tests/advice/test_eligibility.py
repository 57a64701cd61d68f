"""The pre-check rules of chapter 5, each boundary and the precedence of statuses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.advice.eligibility import Status, check
from bot.advice.facts import ProjectFacts
from bot.advice.timing import earliest_realistic
from bot.base.yearmonth import YearMonth
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import SteeringGroupMeeting
from bot.texts.catalog import render
from bot.understanding.places import Elsewhere, InRegion

TODAY = date(2026, 11, 25)
HILDESHEIM = InRegion("hildesheim", "hildesheim", "Sarstedt")

COMPLETE = ProjectFacts(
    place=HILDESHEIM,
    description="Praktikum mit Sprachkurs für Geflüchtete in der Pflege",
    costs_eur=400_000,
    start=YearMonth(2027, 3),
    duration_months=22,
)


def _status(kb: KnowledgeBase, facts: ProjectFacts) -> Status:
    return check(facts, kb, TODAY).status


def _reasons(kb: KnowledgeBase, facts: ProjectFacts) -> list[str]:
    return [render(r, "de") for r in check(facts, kb, TODAY).reasons]


def test_a_complete_idea_within_the_rules_is_eligible(kb: KnowledgeBase) -> None:
    result = check(COMPLETE, kb, TODAY)
    assert result.status is Status.ELIGIBLE
    assert result.reasons == ()
    assert result.end == YearMonth(2028, 12)
    assert result.report_due == YearMonth(2029, 1)
    hints = [render(h, "de") for h in result.hints]
    assert any("kein Votum der Lenkungsgruppe" in h for h in hints)


@pytest.mark.parametrize(
    ("costs", "status"),
    [(500_000, Status.ELIGIBLE), (500_001, Status.NEEDS_JUSTIFICATION)],
)
def test_cost_cap_is_inclusive(kb: KnowledgeBase, costs: int, status: Status) -> None:
    assert _status(kb, replace(COMPLETE, costs_eur=costs)) is status


@pytest.mark.parametrize(
    ("start", "months", "status"),
    [
        (YearMonth(2026, 1), 36, Status.ELIGIBLE),  # exactly 36 months ending 12/2028
        (YearMonth(2026, 1), 37, Status.NOT_ELIGIBLE),
        (YearMonth(2027, 1), 24, Status.ELIGIBLE),  # ends 12/2028
        (YearMonth(2027, 3), 23, Status.NOT_ELIGIBLE),  # ends 01/2029
        (YearMonth(2029, 1), 6, Status.NOT_ELIGIBLE),  # starts after the deadline
    ],
)
def test_duration_and_latest_end(
    kb: KnowledgeBase, start: YearMonth, months: int, status: Status
) -> None:
    assert _status(kb, replace(COMPLETE, start=start, duration_months=months)) is status


def test_every_reason_says_how_to_fix_it(kb: KnowledgeBase) -> None:
    late = _reasons(kb, replace(COMPLETE, start=YearMonth(2027, 3), duration_months=24))
    assert late == [
        "Bei Start 03/2027 und 24 Monaten endet das Projekt 02/2029 – nach dem 31.12.2028. "
        "Bei Start 03/2027 darf das Projekt höchstens 22 Monate laufen."
    ]
    long = _reasons(kb, replace(COMPLETE, start=YearMonth(2026, 1), duration_months=40))
    assert any("höchstens 36 Monate" in reason for reason in long)
    expensive = _reasons(kb, replace(COMPLETE, costs_eur=750_000))
    assert any("gesonderte Begründung" in r and "500.000 €" in r for r in expensive)


def test_out_of_region_comes_first_and_names_the_alliance(kb: KnowledgeBase) -> None:
    facts = replace(
        COMPLETE,
        place=Elsewhere("Celle", "nordost-niedersachsen"),
        costs_eur=900_000,
        duration_months=48,
    )
    result = check(facts, kb, TODAY)
    assert result.status is Status.OUT_OF_REGION
    reasons = [render(r, "de") for r in result.reasons]
    assert "Nordost" in reasons[0]
    assert [r.key for r in result.reasons] == [
        "advice.reason.other_alliance",
        "advice.reason.too_long",
        "advice.reason.ends_too_late_shorten",  # 48 months: no later start would help
        "advice.reason.over_cap",
    ]
    assert reasons[0] == (
        "Celle liegt nicht im Gebiet des Fachkräftebündnisses Leine-Weser, sondern gehört zum "
        "Fachkräftebündnis Nordost-Niedersachsen. Bitte wenden Sie sich an dieses Bündnis."
    )


def test_precedence_not_eligible_over_incomplete_over_justification(kb: KnowledgeBase) -> None:
    incomplete_and_expensive = replace(COMPLETE, start=None, costs_eur=900_000)
    assert _status(kb, incomplete_and_expensive) is Status.INCOMPLETE
    too_long_and_incomplete = replace(COMPLETE, start=None, duration_months=48)
    assert _status(kb, too_long_and_incomplete) is Status.NOT_ELIGIBLE
    reasons = _reasons(kb, too_long_and_incomplete)
    assert any("Startmonat" in r for r in reasons) and any("36 Monate" in r for r in reasons)


def test_missing_and_unclear_answers_are_incomplete_with_what_is_missing(
    kb: KnowledgeBase,
) -> None:
    reasons = _reasons(kb, ProjectFacts())
    assert len(reasons) == 5
    assert reasons[0] == "Es fehlt noch: Ort bzw. Landkreis."


def test_start_in_the_past_is_only_a_hint(kb: KnowledgeBase) -> None:
    result = check(replace(COMPLETE, start=YearMonth(2026, 6), duration_months=12), kb, TODAY)
    assert result.status is Status.ELIGIBLE
    assert any("vor Projektbeginn" in render(h, "de") for h in result.hints)


def test_next_steering_group_meeting_is_the_first_after_today(kb: KnowledgeBase) -> None:
    meetings = [
        SteeringGroupMeeting(date=date(2026, 6, 1), source="test"),
        SteeringGroupMeeting(date=date(2027, 5, 12), source="test"),
        SteeringGroupMeeting(date=date(2027, 2, 3), source="test"),
    ]
    rules = kb.rules.model_copy(update={"steering_group_meetings": meetings})
    dated = replace(kb, rules=rules)
    result = check(COMPLETE, dated, TODAY)
    assert result.next_meeting is not None and result.next_meeting.date == date(2027, 2, 3)
    assert any("03.02.2027" in render(h, "de") for h in result.hints)


def test_a_meeting_whose_submission_deadline_has_passed_cannot_take_the_case(
    kb: KnowledgeBase,
) -> None:
    """Issue #15, point 6: the reference is the next meeting that can still take the case."""
    meetings = [
        # Held after today, but submissions closed before it (TODAY is 25.11.2026).
        SteeringGroupMeeting(date=date(2026, 12, 10), deadline=date(2026, 11, 20), source="test"),
        SteeringGroupMeeting(date=date(2027, 3, 10), deadline=date(2027, 2, 10), source="test"),
    ]
    dated = replace(kb, rules=kb.rules.model_copy(update={"steering_group_meetings": meetings}))

    result = check(replace(COMPLETE, start=YearMonth(2027, 1)), dated, TODAY)
    assert result.next_meeting == meetings[1]
    warnings = [render(h, "de") for h in result.hints if h.key == "trust.lead.before_meeting"]
    assert len(warnings) == 1 and "10.03.2027" in warnings[0], warnings

    # The pre-check suggests no start before that meeting: 22 months would have to start by
    # 03/2027, the month of the meeting, so no start is offered.
    late = check(replace(COMPLETE, start=YearMonth(2029, 1)), dated, TODAY)
    assert [r.key for r in late.reasons] == ["advice.reason.starts_too_late_plain"]

    # A deadline that is today still takes the case.
    still = meetings[0].model_copy(update={"deadline": TODAY})
    open_today = dated.rules.model_copy(update={"steering_group_meetings": [still]})
    assert check(COMPLETE, replace(kb, rules=open_today), TODAY).next_meeting == still


def test_further_training_hint(kb: KnowledgeBase) -> None:
    result = check(COMPLETE, kb, TODAY, further_training_like=True)
    assert any("Weiterbildung von Beschäftigten" in render(h, "de") for h in result.hints)


def test_a_latest_start_in_the_past_is_not_offered_as_a_fix(kb: KnowledgeBase) -> None:
    # 36 months from 01/2027 end 12/2029; starting 01/2026 instead lies before today.
    reasons = _reasons(kb, replace(COMPLETE, start=YearMonth(2027, 1), duration_months=36))
    assert reasons == [
        "Bei Start 01/2027 und 36 Monaten endet das Projekt 12/2029 – nach dem 31.12.2028. "
        "Bei Start 01/2027 darf das Projekt höchstens 24 Monate laufen."
    ]


@pytest.mark.parametrize("start", [YearMonth(2027, 3), YearMonth(2027, 6)])
def test_no_start_earlier_than_the_earliest_realistic_one_is_suggested(
    kb: KnowledgeBase, start: YearMonth
) -> None:
    """Review 11: without meeting dates the dialog calls a start realistic from one interval
    of the meetings' rhythm on (05/2027 from 11/2026); "or it starts by 01/2027" would
    contradict it: only the shorter duration is offered."""
    assert not kb.rules.steering_group_meetings
    assert earliest_realistic(kb, TODAY) == YearMonth(2027, 5)
    result = check(replace(COMPLETE, start=start, duration_months=24), kb, TODAY)
    (reason,) = result.reasons
    allowed = start.months_until(YearMonth(2028, 12))
    assert render(reason, "de").endswith(f"darf das Projekt höchstens {allowed} Monate laufen.")
    assert render(reason, "en").endswith(f"it may run at most {allowed} months.")
    for language in ("de", "en"):
        assert "01/2027" not in render(reason, language)


def test_a_start_suggested_lies_after_the_earliest_realistic_one(kb: KnowledgeBase) -> None:
    # 12 months from 06/2028 end 05/2029; starting 01/2028 instead is after 05/2027.
    result = check(replace(COMPLETE, start=YearMonth(2028, 6), duration_months=12), kb, TODAY)
    (reason,) = result.reasons
    assert render(reason, "de").endswith("oder es beginnt spätestens 01/2028.")
    assert render(reason, "en").endswith("or it starts 01/2028 at the latest.")


def test_a_start_after_the_deadline_says_when_to_start_instead(kb: KnowledgeBase) -> None:
    reasons = _reasons(kb, replace(COMPLETE, start=YearMonth(2029, 1), duration_months=6))
    assert reasons == [
        "Ein Start 01/2029 ist zu spät: Projekte müssen bis spätestens 31.12.2028 abgeschlossen "
        "sein. Bei 6 Monaten Laufzeit muss das Projekt spätestens 07/2028 beginnen."
    ]
    without_duration = _reasons(
        kb, replace(COMPLETE, start=YearMonth(2029, 1), duration_months=None)
    )
    assert without_duration[0].endswith(
        "Planen Sie einen früheren Start, mit dem das Projekt bis dahin endet."
    )
    assert without_duration[1] == "Es fehlt noch: Laufzeit."


def test_a_given_justification_is_acknowledged_while_the_status_stays(kb: KnowledgeBase) -> None:
    """Whether the justification carries is the steering group's call: the status stays, but
    the reason no longer asks for what the sponsor already gave."""
    over = replace(COMPLETE, costs_eur=900_000)
    justified = replace(over, justification="Wirkt in allen vier Landkreisen mit vier Coaches.")
    assert _status(kb, justified) is Status.NEEDS_JUSTIFICATION
    [asked] = _reasons(kb, over)
    [acknowledged] = _reasons(kb, justified)
    assert "gesonderte Begründung nötig" in asked
    assert "Ihre Begründung liegt vor" in acknowledged
    assert "nötig" not in acknowledged
    assert "900.000 €" in acknowledged and "500.000 €" in acknowledged
