"""Nobody forgotten: a handoff no contact took within the days staff set goes to the
coordination office and the sponsor is told, once per revision and across restarts; staff
move a departing contact's open cases to another contact of the same alliance."""

from __future__ import annotations

from datetime import timedelta

from bot.procedure.requests import Actor, Withdraw
from bot.procedure.results import Recorded, Refusal, Refused
from bot.procedure.service import ESCALATION_DAYS
from bot.procedure.steps import Role, StepKind
from bot.storage.cases import Cases
from bot.storage.handoffs import Handoffs
from bot.storage.stores import Stores
from tests.procedure.conftest import (
    CONTACT,
    HANNOVER,
    SECOND_CONTACT,
    SPONSOR,
    STAFF,
    World,
    recorded,
)


async def round_after(world: World, delta: timedelta) -> dict[int, list[str]]:
    world.clock.advance(delta)
    await world.restart()
    await world.scheduler().due_escalations()
    told: dict[int, list[str]] = {}
    for item in await world.outbox():
        told.setdefault(item.chat_id, []).append(item.text)
    return told


async def test_an_untaken_handoff_goes_to_the_office_after_the_days_staff_set(
    world: World,
) -> None:
    async with world.transaction() as connection:
        assert await world.procedure.escalation_days(Stores.of(connection, world.clock.now())) == (
            ESCALATION_DAYS
        )
        wrong = await world.procedure.set_escalation_days(
            Stores.of(connection, world.clock.now()), Actor(STAFF, Role.STAFF), 0
        )
        assert isinstance(wrong, Refused) and wrong.reason is Refusal.DAYS
        not_staff = await world.procedure.set_escalation_days(
            Stores.of(connection, world.clock.now()), Actor(CONTACT, Role.STAFF), 5
        )
        assert isinstance(not_staff, Refused) and not_staff.reason is Refusal.NOT_PERMITTED
        assert (
            await world.procedure.set_escalation_days(
                Stores.of(connection, world.clock.now()), Actor(STAFF, Role.STAFF), 5
            )
            == 5
        )
    draft = await world.draft()
    handoff, outcome = await world.hand_over(draft)
    case_id = recorded(outcome).case.id

    assert await round_after(world, timedelta(days=4, hours=23)) == {}
    told = await round_after(world, timedelta(hours=1))
    assert set(told) == {STAFF, SPONSOR}
    assert "Übergabe seit 5 Tagen nicht übernommen" in told[STAFF][0]
    assert "Fachkräfte für die Region Hildesheim" in told[STAFF][0]
    assert "Koordinierungsstelle ist informiert" in told[SPONSOR][0]
    assert await round_after(world, timedelta(days=1)) == {}, "once"
    assert await round_after(world, timedelta(days=30)) == {}

    # A new revision that nobody takes is escalated again.
    async with world.transaction() as connection:
        steps = await Cases(connection, world.clock.now()).steps(case_id)
    assert steps[-1].kind == StepKind.ESCALATE and steps[-1].payload["handoff"] == handoff
    assert steps[-1].role == Role.SYSTEM
    recorded((await world.hand_over(draft))[1])
    assert set(await round_after(world, timedelta(days=5, minutes=1))) == {STAFF, SPONSOR}


async def test_a_taken_handoff_is_not_escalated(world: World) -> None:
    draft = await world.draft()
    handoff, outcome = await world.hand_over(draft)
    recorded(outcome)
    recorded(await world.take(CONTACT, handoff))
    assert await round_after(world, timedelta(days=ESCALATION_DAYS + 1)) == {}


async def test_a_departing_contact_s_open_cases_move_to_another_contact(world: World) -> None:
    await world.contact(SECOND_CONTACT, name="Kontakt Zwei")
    await world.contact(601, HANNOVER)
    cases = []
    for title in ("Pflegebrücke", "Kita-Fachkräfte", "Zurückgezogen"):
        draft = await world.draft(title=title)
        handoff, outcome = await world.hand_over(draft, title=title)
        cases.append((recorded(outcome).case.id, handoff))
        recorded(await world.take(CONTACT, handoff))
    recorded(await world.record(SPONSOR, Role.SPONSOR, cases[2][0], Withdraw()))
    await world.outbox()

    staff = Actor(STAFF, Role.STAFF)

    async def reassign(successor: int, actor: Actor = staff) -> tuple[Recorded, ...] | Refused:
        async with world.transaction() as connection:
            return await world.procedure.reassign(
                Stores.of(connection, world.clock.now()), actor, "farehi", CONTACT, successor
            )

    def reason(answer: tuple[Recorded, ...] | Refused) -> Refusal:
        assert isinstance(answer, Refused), answer
        return answer.reason

    assert reason(await reassign(601)) is Refusal.UNKNOWN_CONTACT, "another alliance's"
    assert reason(await reassign(CONTACT)) is Refusal.UNKNOWN_CONTACT
    assert reason(await reassign(SECOND_CONTACT, Actor(CONTACT, Role.STAFF))) is (
        Refusal.NOT_PERMITTED
    )

    moved = await reassign(SECOND_CONTACT)
    assert isinstance(moved, tuple)
    assert sorted(r.case.id for r in moved) == [cases[0][0], cases[1][0]], "open cases only"
    assert all(r.case.contact_id == SECOND_CONTACT for r in moved)
    assert (await world.case(cases[2][0])).contact_id == CONTACT, "a withdrawn case stays"
    told = await world.outbox()
    assert sorted(item.chat_id for item in told) == sorted([SECOND_CONTACT, SPONSOR] * 2)
    assert any("ist Ihnen übertragen worden" in item.text for item in told)
    # Answers to the sponsor's messages now reach the successor (bot/alliance/desk.py).
    async with world.transaction() as connection:
        taken = await Handoffs(connection, world.clock.now()).get(cases[0][1])
    assert taken is not None and taken.taken_by == SECOND_CONTACT
    assert taken.taken_by_name == "Kontakt Zwei"
    # The successor records the alliance's statement on them.
    supported = recorded(await world.state(SECOND_CONTACT, cases[0][1], "supports"))
    assert supported.case.contact_id == SECOND_CONTACT
