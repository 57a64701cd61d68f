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
from bot.procedure.requests import Actor
from bot.procedure.steps import Role
from tests.procedure.conftest import STAFF, World


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
    await world.meeting(date(2026, 6, 15))
    cancelled = await world.meeting(date(2026, 5, 1))
    async with world.transaction() as connection:
        await world.procedure.cancel_meeting(
            connection, world.clock.now(), Actor(STAFF, Role.STAFF), cancelled
        )
        calendar = await upcoming_meetings(connection, world.clock.now(), listed)
    assert [(m.date, m.note, m.source) for m in calendar] == [
        (date(2026, 4, 1), "im Amt", SOURCE),
        (date(2026, 6, 15), None, SOURCE),
        (date(2026, 9, 1), "aus rules.yaml", "rules.yaml"),
    ]

    advice = Advisor(with_meetings(kb, calendar)).advise(ProjectFacts(), world.clock.today())
    assert advice.eligibility.next_meeting is not None
    assert advice.eligibility.next_meeting.date == date(2026, 4, 1)
    assert kb.rules.steering_group_meetings == [], "the shipped list stays as it is"
