"""Nobody records another role's step, and a step out of order gets a clear reason.

The table itself is checked for what the procedure needs (every stage reachable, no dead end,
withdrawing always open to the sponsor); then a case is walked through every stage, and at
each one every step of every role that the table does not allow there is tried: each is
refused with the right reason, in both languages, and writes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.procedure.requests import (
    AddEvaluation,
    Apply,
    Close,
    Decision,
    DecisionCopy,
    EvaluationReceived,
    ReportReceived,
    Request,
    Schedule,
    Start,
    Submit,
    Votum,
    Withdraw,
    kind_of,
)
from bot.procedure.results import Refusal, Refused
from bot.procedure.service import Procedure
from bot.procedure.steps import (
    FINISHED,
    OPEN_STAGES,
    OWNER,
    STAGES,
    TRANSITIONS,
    Role,
    Stage,
    StepKind,
    possible,
    target,
)
from bot.texts.catalog import LANGUAGES
from tests.procedure.conftest import (
    CONTACT,
    HANNOVER,
    SPONSOR,
    STAFF,
    STRANGER,
    World,
    recorded,
    refused,
    text,
)

# --- the table ---------------------------------------------------------------------------------


def _reachable() -> set[Stage]:
    seen: set[Stage] = set()
    frontier: list[Stage | None] = [None]
    while frontier:
        stage = frontier.pop()
        for role in Role:
            for following in TRANSITIONS[role].get(stage, {}).values():
                if following not in seen:
                    seen.add(following)
                    frontier.append(following)
    return seen


def test_every_stage_can_be_reached_from_the_first_handoff() -> None:
    assert _reachable() == set(STAGES)


def test_every_step_belongs_to_exactly_one_role() -> None:
    assert set(OWNER) == set(StepKind)
    for kind, owner in OWNER.items():
        others = [
            r for r in Role if r is not owner and any(kind in s for s in TRANSITIONS[r].values())
        ]
        assert others == [], kind


def test_the_issue_s_order_is_a_path_through_the_table() -> None:
    path = [
        (None, Role.SPONSOR, StepKind.HAND_OVER, Stage.HANDED_OVER),
        (Stage.HANDED_OVER, Role.CONTACT, StepKind.ASK_FOR_CHANGES, Stage.CHANGES_WANTED),
        (Stage.CHANGES_WANTED, Role.SPONSOR, StepKind.HAND_OVER, Stage.HANDED_OVER),
        (Stage.HANDED_OVER, Role.CONTACT, StepKind.SUPPORT, Stage.SUPPORTED),
        (Stage.SUPPORTED, Role.SPONSOR, StepKind.SUBMIT, Stage.SUBMITTED),
        (Stage.SUBMITTED, Role.STAFF, StepKind.SCHEDULE, Stage.SCHEDULED),
        (Stage.SCHEDULED, Role.STAFF, StepKind.ENDORSE, Stage.ENDORSED),
        (Stage.ENDORSED, Role.SPONSOR, StepKind.APPLY, Stage.ENDORSED),
        (Stage.ENDORSED, Role.SPONSOR, StepKind.GRANT, Stage.GRANTED),
        (Stage.GRANTED, Role.SPONSOR, StepKind.START, Stage.RUNNING),
        (Stage.RUNNING, Role.SYSTEM, StepKind.REPORT_DUE, Stage.REPORT_DUE),
        (Stage.REPORT_DUE, Role.STAFF, StepKind.REPORT_RECEIVED, Stage.REPORT_RECEIVED),
        (Stage.REPORT_RECEIVED, Role.STAFF, StepKind.CLOSE, Stage.CLOSED),
    ]
    for stage, role, kind, following in path:
        assert target(stage, role, kind) is following, (stage, kind)
    # The NBank application also before the Votum (chapter 5: "before or after").
    assert target(Stage.SUBMITTED, Role.SPONSOR, StepKind.APPLY) is Stage.SUBMITTED


def test_the_sponsor_can_withdraw_at_every_open_stage_and_nothing_follows_the_end() -> None:
    for stage in OPEN_STAGES:
        assert target(stage, Role.SPONSOR, StepKind.WITHDRAW) is Stage.WITHDRAWN
    for stage in FINISHED:
        assert possible(stage) == ()


def test_no_open_stage_is_a_dead_end() -> None:
    """From every stage a case can still reach "closed" (else it would wait for ever and the
    retention purge would never take it)."""
    for start in OPEN_STAGES:
        seen, frontier = {start}, [start]
        while frontier:
            stage = frontier.pop()
            for role in (Role.SPONSOR, Role.CONTACT, Role.STAFF, Role.SYSTEM):
                for kind, following in TRANSITIONS[role].get(stage, {}).items():
                    if kind is not StepKind.WITHDRAW and following not in seen:
                        seen.add(following)
                        frontier.append(following)
        assert Stage.CLOSED in seen, start


@pytest.mark.parametrize("language", LANGUAGES)
def test_refusals_say_whose_step_it_is_and_what_comes_next(language: str) -> None:
    wrong = Procedure.decide(Stage.SUBMITTED, Role.SPONSOR, StepKind.SCHEDULE)
    assert isinstance(wrong, Refused) and wrong.reason is Refusal.WRONG_ROLE
    order = Procedure.decide(Stage.HANDED_OVER, Role.SPONSOR, StepKind.SUBMIT)
    assert isinstance(order, Refused) and order.reason is Refusal.OUT_OF_ORDER
    if language == "de":
        assert text(wrong.message) == (
            "„Aufnahme in eine Sitzung der Lenkungsgruppe“ trägt die Koordinierungsstelle ein, "
            "nicht Sie."
        )
        assert "Stellungnahme: unterstützt" in text(order.message)
    else:
        assert "recorded by the coordination office" in text(wrong.message, "en")
        assert "statement: supported" in text(order.message, "en")


# --- the service: every step not allowed is refused and writes nothing --------------------------

ACTORS = {Role.SPONSOR: SPONSOR, Role.CONTACT: CONTACT, Role.STAFF: STAFF}
TABLES = ("case_steps", "outbox", "reminders", "evaluations", "meeting_cases", "cases")


def samples(today: date, meeting_id: int) -> list[Request]:
    """One valid request of every kind (valid as to what it carries)."""
    return [
        Submit(),
        Schedule(meeting_id),
        Votum("endorsed", "circulation", "Befürwortet."),
        Votum("not_endorsed", "circulation", "Nicht befürwortet."),
        Votum("deferred", "circulation", "Zurückgestellt."),
        Apply(today),
        Decision(True, today),
        Decision(False, today),
        DecisionCopy("bescheid.pdf", "application/pdf", b"%PDF"),
        Start(date(2027, 3, 1), date(2028, 12, 31)),
        ReportReceived(),
        Close(),
        Withdraw(),
        AddEvaluation("interim_report", "Zwischenbericht", today + timedelta(days=200)),
        EvaluationReceived(1),
    ]


def snapshot(world: World) -> dict[str, list[tuple[object, ...]]]:
    return {name: world.table(f"SELECT * FROM {name} ORDER BY 1") for name in TABLES}


async def refuses_all_but_the_table(world: World, case_id: int, meeting_id: int) -> int:
    """Try every step the table does not allow here; returns how many were tried."""
    stage = Stage((await world.case(case_id)).stage)
    before = snapshot(world)
    tried = 0
    for role, user in ACTORS.items():
        for request in samples(world.clock.today(), meeting_id):
            kind = kind_of(request)
            if target(stage, role, kind) is not None:
                continue
            answer = refused(await world.record(user, role, case_id, request))
            if stage in FINISHED:
                expected = Refusal.FINISHED
            elif OWNER[kind] is not role:
                expected = Refusal.WRONG_ROLE
            else:
                expected = Refusal.OUT_OF_ORDER
            assert answer.reason is expected, (stage, role, kind, answer)
            for language in LANGUAGES:
                assert text(answer.message, language).strip()
            tried += 1
    assert snapshot(world) == before, f"a refused step wrote something at {stage}"
    return tried


async def test_at_every_stage_only_the_table_s_steps_go_through(world: World) -> None:
    draft = await world.draft()
    await world.save_plan(draft)
    meeting_id = await world.meeting(date(2026, 4, 15))
    handoff, outcome = await world.hand_over(draft)
    case_id = recorded(outcome).case.id
    tried = await refuses_all_but_the_table(world, case_id, meeting_id)
    recorded(await world.take(CONTACT, handoff))
    tried += await refuses_all_but_the_table(world, case_id, meeting_id)
    recorded(await world.state(CONTACT, handoff, "supports"))

    journey: list[tuple[Role, Request]] = [
        (Role.SPONSOR, Submit()),
        (Role.STAFF, Schedule(meeting_id)),
        (Role.STAFF, Votum("deferred", "circulation", "Später.")),
        (Role.STAFF, Votum("endorsed", "circulation", "Gut.")),
        (Role.SPONSOR, Apply(world.clock.today())),
        (Role.SPONSOR, Decision(True, world.clock.today())),
        (Role.SPONSOR, Start(date(2027, 3, 1), date(2028, 12, 31))),
    ]
    for role, request in journey:
        tried += await refuses_all_but_the_table(world, case_id, meeting_id)
        recorded(await world.record(ACTORS[role], role, case_id, request))
    world.clock.set(world.clock.now().replace(year=2029, month=1, day=5))
    assert await world.scheduler().due_reports() == 1
    ending: list[tuple[Role, Request]] = [(Role.STAFF, ReportReceived()), (Role.STAFF, Close())]
    for role, request in ending:
        tried += await refuses_all_but_the_table(world, case_id, meeting_id)
        recorded(await world.record(ACTORS[role], role, case_id, request))
    tried += await refuses_all_but_the_table(world, case_id, meeting_id)
    assert tried > 300


async def test_only_the_case_s_own_people_may_act(world: World) -> None:
    await world.contact(601, HANNOVER)
    await world.user(STRANGER)
    draft = await world.draft()
    handoff, outcome = await world.hand_over(draft)
    case_id = recorded(outcome).case.id

    stranger = refused(await world.record(STRANGER, Role.SPONSOR, case_id, Withdraw()))
    assert stranger.reason is Refusal.NOT_PERMITTED
    other_alliance = refused(await world.state(601, handoff, "supports"))
    assert other_alliance.reason is Refusal.NOT_PERMITTED
    posing = refused(await world.record(SPONSOR, Role.STAFF, case_id, Close()))
    assert posing.reason is Refusal.NOT_PERMITTED
    # Staff stand in for an alliance only while it has nobody registered.
    standing_in = refused(await world.state(STAFF, handoff, "supports", role=Role.CONTACT))
    assert standing_in.reason is Refusal.NOT_PERMITTED
    nobody = refused(await world.record(SPONSOR, Role.SPONSOR, 999, Withdraw()))
    assert nobody.reason is Refusal.UNKNOWN_CASE


async def test_the_office_stands_in_for_an_alliance_without_contacts(world: World) -> None:
    draft = await world.draft()
    handoff, outcome = await world.hand_over(draft, alliance=HANNOVER)
    recorded(outcome)
    stated = recorded(await world.state(STAFF, handoff, "supports", role=Role.CONTACT))
    assert stated.stage is Stage.SUPPORTED
