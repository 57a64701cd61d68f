"""Privacy of the procedure: /export holds a sponsor's cases with their history, plans and
reminders (and what a contact recorded); erasing a sponsor removes their cases and every
undelivered notice about them; erasing a contact leaves others' cases without the person;
the retention purge keeps drafts of cases in procedure and takes closed ones in time."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.procedure.dates import months_before
from bot.procedure.requests import (
    Actor,
    AddEvaluation,
    Apply,
    Close,
    Decision,
    DecisionCopy,
    Submit,
    Votum,
)
from bot.procedure.steps import Role
from bot.procedure.views import erase_warning
from bot.storage.drafts import Draft, Drafts
from bot.storage.privacy import (
    Classified,
    cases_in_procedure,
    erase_user,
    export_user,
    purge_stale,
)
from bot.storage.stores import Stores
from tests.procedure.conftest import (
    CONTACT,
    SPONSOR,
    STAFF,
    World,
    recorded,
    text,
)

PROCEDURE_TABLES = ("cases", "case_steps", "evaluations", "meeting_cases", "reminders", "plans")


def classify(draft: Draft) -> Classified:
    return Classified("Landkreis Hildesheim", "III", draft.status, 380_000)


async def case_with_everything(world: World) -> int:
    draft = await world.draft()
    await world.save_plan(draft)
    handoff, outcome = await world.hand_over(draft)
    case_id = recorded(outcome).case.id
    recorded(await world.take(CONTACT, handoff))
    recorded(await world.state(CONTACT, handoff, "supports"))
    await world.reminders_on(case_id)
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_id, Submit()))
    votum = Votum("endorsed", "circulation", "Befürwortet.")
    recorded(await world.record(STAFF, Role.STAFF, case_id, votum))
    interim = AddEvaluation("interim_report", "Zwischenbericht", world.clock.today())
    recorded(await world.record(STAFF, Role.STAFF, case_id, interim))
    return case_id


async def test_the_export_holds_cases_history_plans_and_reminders(world: World) -> None:
    case_id = await case_with_everything(world)
    async with world.transaction() as connection:
        mine = await export_user(connection, SPONSOR)
        theirs = await export_user(connection, CONTACT)
        open_cases = await cases_in_procedure(connection, SPONSOR)
    json.dumps(mine, ensure_ascii=False, default=str)
    (case,) = mine["cases"]
    assert case["id"] == case_id and case["stage"] == "endorsed"
    assert [s["kind"] for s in case["steps"]] == [
        "hand_over",
        "take_over",
        "support",
        "submit",
        "endorse",
        "add_evaluation",
    ]
    assert case["steps"][3]["payload"]["plan"]["financing"][0]["kind"] == "grant"
    assert case["evaluations"][0]["title"] == "Zwischenbericht"
    assert mine["plans"][0]["content"]["costs"][0]["category"] == "personnel"
    assert {r["kind"] for r in mine["reminders"]} >= {"nbank_application", "evaluation_due"}
    assert [s["kind"] for s in theirs["case_steps_recorded"]] == ["take_over", "support"]
    assert theirs["cases_in_charge"] == [
        {"id": case_id, "alliance_id": "farehi", "title": "Pflegebrücke", "stage": "endorsed"}
    ]
    assert "cases" in theirs and theirs["cases"] == []
    assert open_cases == 1, "an erasure warns of it"
    warning = erase_warning(open_cases)
    assert warning is not None and "noch im Verfahren nach der Übergabe: 1 Fall." in text(warning)
    assert erase_warning(0) is None


async def test_erasing_a_sponsor_removes_their_cases_and_the_notices_about_them(
    world: World,
) -> None:
    await case_with_everything(world)
    assert world.table("SELECT COUNT(*) FROM outbox WHERE chat_id = ?", STAFF) != [(0,)]
    async with world.transaction() as connection:
        drafts = Drafts(connection, world.clock.now())
        assert await erase_user(connection, drafts, SPONSOR, classify) == 1
    for table in PROCEDURE_TABLES:
        assert world.table(f"SELECT * FROM {table}") == [], table
    tables = [row[0] for row in world.table("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for row in world.table(f'SELECT * FROM "{table}"'):
            cells = [str(cell) for cell in row]
            assert str(SPONSOR) not in cells, (table, row)
            assert not any("Pflegebrücke" in cell for cell in cells), (table, row)
    assert world.table("SELECT payload FROM outbox WHERE sent_at IS NULL") == [], (
        "no notice about the erased sponsor's case still goes to staff or the alliance"
    )


async def test_erasing_a_contact_keeps_the_case_without_the_person(world: World) -> None:
    case_id = await case_with_everything(world)
    async with world.transaction() as connection:
        drafts = Drafts(connection, world.clock.now())
        await erase_user(connection, drafts, CONTACT, classify)
    case = await world.case(case_id)
    assert (case.contact_id, case.contact_name) == (None, None)
    assert world.table("SELECT COUNT(*) FROM case_steps WHERE actor_id = ?", CONTACT) == [(0,)]
    assert world.table("SELECT role FROM case_steps WHERE kind = 'support'") == [("contact",)]


async def test_retention_keeps_cases_in_procedure_and_takes_closed_ones_in_time(
    world: World,
) -> None:
    in_procedure = await case_with_everything(world)
    rejected = await world.draft(title="Abgelehnt")
    handoff, outcome = await world.hand_over(rejected, title="Abgelehnt")
    closed = recorded(outcome).case.id
    recorded(await world.state(CONTACT, handoff, "rejects"))
    recorded(await world.record(STAFF, Role.STAFF, closed, Close()))
    lonely = await world.draft(title="Nie übergeben")

    async def purge(after: timedelta) -> set[int]:
        world.clock.advance(after)
        async with world.transaction() as connection:
            drafts = Drafts(connection, world.clock.now())
            before = months_before(world.clock.now(), 12)
            await purge_stale(connection, drafts, before, classify)
        return {row[0] for row in world.table("SELECT id FROM drafts")}

    remaining = await purge(timedelta(days=366))
    assert lonely not in remaining and closed not in {
        row[0] for row in world.table("SELECT id FROM cases")
    }, "untouched, and closed a year ago: both go (the case with its draft)"
    assert world.table("SELECT id FROM cases") == [(in_procedure,)]
    await purge(timedelta(days=3000))
    assert world.table("SELECT id FROM cases") == [(in_procedure,)], "in procedure: kept"


async def test_erasing_a_sponsor_takes_an_undelivered_copy_of_the_decision(
    world: World,
) -> None:
    """The copy uploaded in chat lives only in staff's outbox item until it is delivered
    (then its payload is emptied); the case's history keeps its file name and size."""
    case_id = await case_with_everything(world)
    today = world.clock.today()
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_id, Apply(today)))
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_id, Decision(True, today)))
    copy = DecisionCopy("Bescheid.pdf", "application/pdf", b"%PDF-1.4 Bescheid")
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_id, copy))
    async with world.transaction() as connection:
        (exported,) = (await export_user(connection, SPONSOR))["cases"]
    assert exported["steps"][-1]["payload"] == {"filename": "Bescheid.pdf", "size": 17}
    stored = world.table("SELECT payload FROM outbox WHERE payload LIKE '%content_b64%'")
    assert len(stored) == 1
    async with world.transaction() as connection:
        drafts = Drafts(connection, world.clock.now())
        await erase_user(connection, drafts, SPONSOR, classify)
    assert world.table("SELECT payload FROM outbox WHERE payload LIKE '%content_b64%'") == []


async def test_the_escalations_days_staff_set_are_in_their_export_and_leave_with_them(
    world: World,
) -> None:
    async with world.transaction() as connection:
        actor = Actor(STAFF, Role.STAFF)
        assert await world.procedure.set_escalation_days(
            Stores.of(connection, world.clock.now()), actor, 21
        )
        exported = await export_user(connection, STAFF)
    (setting,) = exported["procedure_settings_changed"]
    assert (setting["name"], setting["value"]) == ("escalation_days", "21")
    async with world.transaction() as connection:
        await erase_user(connection, Drafts(connection, world.clock.now()), STAFF, classify)
    assert world.table("SELECT value, changed_by FROM procedure_settings") == [("21", None)], (
        "the setting stays for everyone, without who set it"
    )
