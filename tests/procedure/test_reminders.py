"""Reminders live in the database: each fires once on the injected clock, also when the
database is closed and opened again between the rounds (a restart), in the sponsor's language,
only when the sponsor asked for them, and never for something already done."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.procedure.requests import (
    Actor,
    AddEvaluation,
    Apply,
    Decision,
    Schedule,
    Start,
    Submit,
    Votum,
)
from bot.procedure.steps import Role
from bot.storage.stores import Stores
from tests.procedure.conftest import (
    CONTACT,
    SPONSOR,
    STAFF,
    Sent,
    World,
    recorded,
)


def at(day: date, hour: int = 7) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


async def fire(world: World, moment: datetime, to: int | None = SPONSOR) -> list[Sent]:
    """Move the clock, restart, run a round; return what went to the outbox for `to` (the
    sponsor, whom reminders are for; None: for anyone)."""
    world.clock.set(moment)
    await world.restart()
    await world.scheduler().tick()
    return [item for item in await world.outbox() if to is None or item.chat_id == to]


async def supported_case(world: World) -> int:
    draft = await world.draft()
    await world.save_plan(draft)
    handoff, outcome = await world.hand_over(draft)
    case_id = recorded(outcome).case.id
    recorded(await world.state(CONTACT, handoff, "supports"))
    await world.reminders_on(case_id)
    await world.outbox()
    return case_id


async def test_the_nbank_application_is_recalled_six_weeks_before_the_start_once(
    world: World,
) -> None:
    await world.user(SPONSOR, "en")
    await supported_case(world)
    due = at(date(2027, 3, 1) - timedelta(days=42))
    assert await fire(world, due - timedelta(minutes=1)) == []
    (reminder,) = await fire(world, due)
    assert reminder.chat_id == SPONSOR
    assert "NBank application must be submitted before the start" in reminder.text
    assert "2027-03-01" in reminder.text, "in the sponsor's language and date format"
    assert await fire(world, due + timedelta(hours=1)) == []
    assert await fire(world, due + timedelta(days=30)) == []
    (row,) = world.table("SELECT enqueued_at, outbox_id FROM reminders")
    assert row[0] is not None and row[1] is not None


async def test_a_recorded_application_cancels_its_reminder(world: World) -> None:
    case_id = await supported_case(world)
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_id, Apply(world.clock.today())))
    await world.outbox()
    assert await fire(world, at(date(2027, 2, 1))) == []
    assert world.table("SELECT cancel_reason FROM reminders") == [("obsolete",)]


async def test_a_scheduled_meeting_is_recalled_a_week_before(world: World) -> None:
    case_id = await supported_case(world)
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_id, Apply(world.clock.today())))
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_id, Submit()))
    meeting_id = await world.meeting(date(2026, 6, 10))
    recorded(await world.record(STAFF, Role.STAFF, case_id, Schedule(meeting_id)))
    await world.outbox()

    # Staff move the meeting: the reminder follows, and the sponsor hears of it.
    async with world.transaction() as connection:
        await world.procedure.move_meeting(
            Stores.of(connection, world.clock.now()),
            Actor(STAFF, Role.STAFF),
            meeting_id,
            date(2026, 6, 17),
        )
    moved = await world.outbox()
    assert {m.chat_id for m in moved} == {SPONSOR, CONTACT}
    assert "verlegt auf den 17.06.2026" in moved[0].text

    assert await fire(world, at(date(2026, 6, 3))) == [], "the old date's reminder is gone"
    (reminder,) = await fire(world, at(date(2026, 6, 10)))
    assert "Tagesordnung der Lenkungsgruppe am 17.06.2026" in reminder.text
    assert await fire(world, at(date(2026, 6, 17))) == []


async def running_case(world: World) -> int:
    case_id = await supported_case(world)
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_id, Submit()))
    recorded(
        await world.record(
            STAFF,
            Role.STAFF,
            case_id,
            Votum("endorsed", "circulation", "Befürwortet."),
        )
    )
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_id, Apply(world.clock.today())))
    recorded(
        await world.record(SPONSOR, Role.SPONSOR, case_id, Decision(True, world.clock.today()))
    )
    start = Start(date(2027, 3, 1), date(2028, 6, 30))
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_id, start))
    await world.outbox()
    return case_id


async def test_the_report_is_recalled_a_week_before_and_on_its_day(world: World) -> None:
    await running_case(world)
    due = date(2028, 7, 30)
    assert await fire(world, at(due - timedelta(days=8))) == []
    (week,) = await fire(world, at(due - timedelta(days=7)))
    assert "in einer Woche fällig, am 30.07.2028" in week.text
    assert "Fortsetzung" in week.text, "what the report must say (chapter 5)"
    assert await fire(world, at(due - timedelta(days=1))) == []
    on_the_day = await fire(world, at(due))
    assert [m.text for m in on_the_day] == [
        "⏰ Heute, am 30.07.2028, ist der Bericht zu „Pflegebrücke“ (Fall Nr. 1) fällig."
    ]
    assert await fire(world, at(due + timedelta(days=3))) == []
    assert len(world.table("SELECT 1 FROM reminders WHERE enqueued_at IS NOT NULL")) == 2


async def test_agreed_interim_reports_are_recalled(world: World) -> None:
    case_id = await running_case(world)
    interim = AddEvaluation("interim_report", "Zwischenbericht 2027", date(2027, 9, 30))
    recorded(await world.record(STAFF, Role.STAFF, case_id, interim))
    await world.outbox()
    (week,) = await fire(world, at(date(2027, 9, 23)))
    assert "„Zwischenbericht 2027“ ist in einer Woche fällig, am 30.09.2027" in week.text
    (day,) = await fire(world, at(date(2027, 9, 30)))
    assert "Heute, am 30.09.2027, ist „Zwischenbericht 2027“" in day.text


async def test_switched_off_nothing_comes_and_nothing_comes_late(world: World) -> None:
    case_id = await running_case(world)
    await world.reminders_on(case_id, on=False)
    due = date(2028, 7, 30)
    assert await fire(world, at(due - timedelta(days=7))) == []
    await world.reminders_on(case_id)
    assert await fire(world, at(due - timedelta(days=6))) == [], "the missed one stays missed"
    (day,) = await fire(world, at(due))
    assert "Heute" in day.text
    assert world.table("SELECT cancel_reason FROM reminders WHERE cancel_reason = 'off'") == [
        ("off",)
    ]


async def test_reminders_are_opt_in(world: World) -> None:
    draft = await world.draft()
    handoff, outcome = await world.hand_over(draft)
    recorded(outcome)
    recorded(await world.take(CONTACT, handoff))
    assert await fire(world, at(date(2027, 1, 18)), to=None) == []


async def test_a_failed_round_enqueues_nothing_and_the_next_one_everything_once(
    world: World,
) -> None:
    """Marking and writing to the outbox are one transaction: a round that breaks half way
    leaves neither behind (the second outbox item fails here on a real SQLite trigger)."""
    first = await running_case(world)
    interim = AddEvaluation("interim_report", "Zwischenbericht", date(2028, 7, 30))
    recorded(await world.record(STAFF, Role.STAFF, first, interim))
    await world.outbox()
    with sqlite3.connect(world.path) as connection:
        connection.execute(
            "CREATE TRIGGER broken BEFORE INSERT ON outbox "
            "WHEN (SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL) >= 1 "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    world.clock.set(at(date(2028, 7, 23)))
    await world.restart()
    with pytest.raises(sqlite3.IntegrityError):
        await world.scheduler().due_reminders()
    assert world.table("SELECT 1 FROM reminders WHERE enqueued_at IS NOT NULL") == []
    assert world.table("SELECT 1 FROM outbox WHERE sent_at IS NULL") == []
    with sqlite3.connect(world.path) as connection:
        connection.execute("DROP TRIGGER broken")
    sent = await fire(world, at(date(2028, 7, 23), 8))
    assert len(sent) == 2
    assert await fire(world, at(date(2028, 7, 23), 9)) == []


async def test_a_draft_about_to_be_purged_is_mentioned_once(world: World) -> None:
    await world.user(SPONSOR, "en")
    await world.draft(title="Altes Vorhaben")
    touched = world.clock.now()
    # Twelve months of retention: purged after 2 March 2027, 9:00, mentioned two weeks before.
    assert await fire(world, touched + timedelta(days=351)) == []
    (notice,) = await fire(world, touched + timedelta(days=351, seconds=1))
    assert "“Altes Vorhaben” has not changed for 12 months" in notice.text
    assert "deleted from 2027-03-02" in notice.text
    assert await fire(world, touched + timedelta(days=360)) == []


async def test_drafts_of_cases_in_procedure_are_not_mentioned(world: World) -> None:
    draft = await world.draft()
    handoff, outcome = await world.hand_over(draft)
    recorded(outcome)
    recorded(await world.take(CONTACT, handoff))
    assert await fire(world, world.clock.now() + timedelta(days=400)) == []
