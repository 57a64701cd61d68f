"""Meetings as records: staff's meetings in the database are what the advice's lead-time
warning reads (the knowledge base's list the fallback for other days); a cancelled or past
meeting is not offered."""

from __future__ import annotations

from datetime import date

from bot.advice.advise import Advisor
from bot.advice.facts import ProjectFacts
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import SteeringGroupMeeting
from bot.procedure.calendar import SOURCE, upcoming_meetings, with_meetings
from bot.procedure.requests import Actor, Schedule, Submit
from bot.procedure.results import Refusal, Refused
from bot.procedure.steps import Role
from bot.storage.stores import Stores
from tests.procedure.conftest import CONTACT, SPONSOR, STAFF, World, recorded


async def test_the_advice_reads_staff_s_meetings_and_falls_back_to_the_knowledge_base(
    world: World, kb: KnowledgeBase
) -> None:
    listed = with_meetings(
        kb,
        [
            SteeringGroupMeeting(date=date(2026, 4, 1), source="rules.yaml"),
            SteeringGroupMeeting(date=date(2026, 9, 1), note="aus rules.yaml", source="rules.yaml"),
            SteeringGroupMeeting(date=date(2025, 9, 1), source="rules.yaml"),
        ],
    )
    await world.meeting(date(2026, 4, 1), note="im Amt")
    await world.meeting(date(2026, 6, 15), deadline=date(2026, 5, 15))
    cancelled = await world.meeting(date(2026, 5, 1))
    async with world.transaction() as connection:
        await world.procedure.cancel_meeting(
            Stores.of(connection, world.clock.now()), Actor(STAFF, Role.STAFF), cancelled
        )
        calendar = await upcoming_meetings(Stores.of(connection, world.clock.now()), listed)
    assert [(m.date, m.deadline, m.note, m.source) for m in calendar] == [
        (date(2026, 4, 1), None, "im Amt", SOURCE),
        (date(2026, 6, 15), date(2026, 5, 15), None, SOURCE),
        (date(2026, 9, 1), None, "aus rules.yaml", "rules.yaml"),
    ]

    advice = Advisor(with_meetings(kb, calendar)).advise(ProjectFacts(), world.clock.today())
    assert advice.eligibility.next_meeting is not None
    assert advice.eligibility.next_meeting.date == date(2026, 4, 1)
    assert kb.rules.steering_group_meetings == [], "the shipped list stays as it is"


async def test_a_meeting_staff_closed_for_submissions_is_not_the_advice_s_reference(
    world: World, kb: KnowledgeBase
) -> None:
    """The clock is 02.03.2026: the meeting on 20.03. took submissions until 01.03., so the
    next meeting that can still take a case is the one in June."""
    await world.meeting(date(2026, 3, 20), deadline=date(2026, 3, 1))
    await world.meeting(date(2026, 6, 15), deadline=date(2026, 5, 15))
    async with world.transaction() as connection:
        calendar = await upcoming_meetings(Stores.of(connection, world.clock.now()), kb)
    advisor = Advisor(with_meetings(kb, calendar))
    advice = advisor.advise(ProjectFacts(), world.clock.today())
    assert advice.eligibility.next_meeting is not None
    assert advice.eligibility.next_meeting.date == date(2026, 6, 15)


async def test_a_cancelled_meeting_s_cases_go_to_another_one_or_it_stays(world: World) -> None:
    draft = await world.draft()
    await world.save_plan(draft)
    handoff, outcome = await world.hand_over(draft)
    case = recorded(outcome).case
    recorded(await world.state(CONTACT, handoff, "supports"))
    recorded(await world.record(SPONSOR, Role.SPONSOR, case.id, Submit()))
    first = await world.meeting(date(2026, 6, 1))
    second = await world.meeting(date(2026, 9, 1))
    recorded(await world.record(STAFF, Role.STAFF, case.id, Schedule(first)))
    staff = Actor(STAFF, Role.STAFF)

    async def cancel(meeting: int, move_to: int | None, actor: Actor = staff) -> object:
        async with world.transaction() as connection:
            return await world.procedure.cancel_meeting(
                Stores.of(connection, world.clock.now()), actor, meeting, move_to
            )

    for move_to, reason in (
        (None, Refusal.MEETING_HAS_AGENDA),
        (first, Refusal.UNKNOWN_MEETING),
        (999, Refusal.UNKNOWN_MEETING),
    ):
        result = await cancel(first, move_to)
        assert isinstance(result, Refused) and result.reason is reason, (move_to, result)
    result = await cancel(first, second, Actor(SPONSOR, Role.STAFF))
    assert isinstance(result, Refused) and result.reason is Refusal.NOT_PERMITTED
    assert world.table("SELECT cancelled_at IS NULL FROM meetings ORDER BY id") == [(1,), (1,)]
    assert (await world.case(case.id)).meeting_id == first, "a refusal moves nothing"

    cancelled = await cancel(first, second)
    assert not isinstance(cancelled, Refused)
    assert (await world.case(case.id)).meeting_id == second
    assert world.table("SELECT meeting_id FROM meeting_cases") == [(second,)]
    assert [k for (k,) in world.table("SELECT kind FROM case_steps")][-2:] == [
        "schedule",
        "schedule",
    ]
