"""One case from the handoff to "closed", every step recorded by its role, with a restart
(the database file closed and opened again) between every two steps; each step is told to
the other roles through the outbox in its own transaction, never to the one who recorded it."""

from __future__ import annotations

from datetime import date, timedelta

from bot.procedure.requests import (
    Actor,
    AddEvaluation,
    Apply,
    Close,
    Decision,
    DecisionCopy,
    EvaluationReceived,
    ReportReceived,
    Schedule,
    Start,
    Submit,
    Votum,
    Withdraw,
)
from bot.procedure.results import Refusal
from bot.procedure.steps import Role, Stage, StepKind
from bot.procedure.views import case_view
from bot.storage.cases import Cases
from bot.storage.meetings import Meetings
from bot.storage.stores import Stores
from tests.procedure.conftest import (
    CONTACT,
    SPONSOR,
    STAFF,
    World,
    recorded,
    refused,
    text,
)

VOTUM_TEXT = (
    "Die Lenkungsgruppe befürwortet das Projekt; bitte die Kooperation mit der Pflegeschule "
    "Alfeld darlegen."
)
PDF = b"%PDF-1.4 decision"


async def told(world: World) -> dict[int, list[str]]:
    """Who got which texts since the last look (by chat)."""
    by_chat: dict[int, list[str]] = {}
    for item in await world.outbox():
        by_chat.setdefault(item.chat_id, []).append(item.text)
    return by_chat


async def test_a_case_goes_all_the_way_across_restarts(world: World) -> None:
    clock = world.clock
    draft = await world.draft()
    await world.save_plan(draft)

    handoff, outcome = await world.hand_over(draft)
    case = recorded(outcome).case
    assert (case.stage, case.revision, case.handoff_id) == ("handed_over", 1, handoff)
    assert await told(world) == {}, "the alliance desk tells of handoffs, statements, take-overs"
    await world.restart()

    assert recorded(await world.take(CONTACT, handoff)).stage is Stage.TAKEN_OVER
    await world.restart()
    assert recorded(await world.state(CONTACT, handoff, "supports")).stage is Stage.SUPPORTED
    await world.restart()

    submitted = recorded(await world.record(SPONSOR, Role.SPONSOR, case.id, Submit()))
    assert submitted.stage is Stage.SUBMITTED
    assert submitted.case.grant_eur == 266_000
    assert "266.000 €" in text(submitted.messages[0])
    news = await told(world)
    assert set(news) == {STAFF, CONTACT}
    assert "Eingereicht: Fall Nr. 1" in news[STAFF][0] and "266.000 €" in news[STAFF][0]
    await world.restart()

    meeting_id = await world.meeting(date(2026, 5, 20), date(2026, 4, 30), "Sitzung im Amt")
    scheduled = recorded(await world.record(STAFF, Role.STAFF, case.id, Schedule(meeting_id)))
    assert scheduled.case.meeting_id == meeting_id
    news = await told(world)
    assert set(news) == {SPONSOR, CONTACT}
    assert "Tagesordnung der Lenkungsgruppe am 20.05.2026" in news[SPONSOR][0]
    await world.restart()

    # In the meeting: only once it has taken place.
    votum = Votum("endorsed", "meeting", VOTUM_TEXT)
    early = refused(await world.record(STAFF, Role.STAFF, case.id, votum))
    assert early.reason is Refusal.MEETING_AHEAD
    clock.set(clock.now().replace(month=5, day=21))
    endorsed = recorded(await world.record(STAFF, Role.STAFF, case.id, votum))
    assert endorsed.stage is Stage.ENDORSED
    news = await told(world)
    assert VOTUM_TEXT in news[SPONSOR][0] and "befürwortet (in der Sitzung)" in news[SPONSOR][0]
    assert VOTUM_TEXT not in news[CONTACT][0], "the text is the sponsor's"
    await world.restart()

    # The NBank track: the decision needs the application first.
    too_soon = refused(
        await world.record(SPONSOR, Role.SPONSOR, case.id, Decision(True, date(2026, 5, 21)))
    )
    assert too_soon.reason is Refusal.NOT_APPLIED
    applied = recorded(await world.record(SPONSOR, Role.SPONSOR, case.id, Apply(date(2026, 5, 21))))
    assert applied.stage is Stage.ENDORSED and applied.case.nbank_applied_on == date(2026, 5, 21)
    assert set(await told(world)) == {STAFF, CONTACT}
    await world.restart()

    clock.advance(timedelta(days=90))
    decision = Decision(True, clock.today(), 266_000)
    granted = recorded(await world.record(SPONSOR, Role.SPONSOR, case.id, decision))
    assert granted.stage is Stage.GRANTED
    assert "Kopie der Förderentscheidung" in text(granted.messages[1]), "the copy is asked for"
    assert "bewilligt" in (await told(world))[STAFF][0]
    await world.restart()

    copy = DecisionCopy("bescheid.pdf", "application/pdf", PDF)
    recorded(await world.record(SPONSOR, Role.SPONSOR, case.id, copy))
    (item,) = await world.outbox()
    assert item.chat_id == STAFF and item.payload["document"]["filename"] == "bescheid.pdf"
    await world.restart()

    start = Start(date(2027, 3, 1), date(2028, 12, 31))
    running = recorded(await world.record(SPONSOR, Role.SPONSOR, case.id, start))
    assert running.stage is Stage.RUNNING
    assert running.case.report_due == date(2029, 1, 31), "a month after the end (chapter 5)"
    await told(world)
    await world.restart()

    interim = AddEvaluation("interim_report", "Zwischenbericht 2027", date(2027, 12, 31))
    added = recorded(await world.record(STAFF, Role.STAFF, case.id, interim))
    number = added.case.id
    async with world.transaction() as connection:
        (evaluation,) = await Cases(connection, clock.now()).evaluations(number)
    assert "Zwischenbericht 2027" in (await told(world))[SPONSOR][0]
    await world.restart()
    recorded(await world.record(STAFF, Role.STAFF, case.id, EvaluationReceived(evaluation.id)))
    await told(world)
    await world.restart()

    clock.set(clock.now().replace(year=2029, month=1, day=2))
    assert await world.scheduler().due_reports() == 1
    assert (await world.case(case.id)).stage == Stage.REPORT_DUE
    assert "bis 31.01.2029" in (await told(world))[STAFF][0]
    await world.restart()

    recorded(await world.record(STAFF, Role.STAFF, case.id, ReportReceived()))
    assert "eingegangen" in (await told(world))[SPONSOR][0]
    await world.restart()
    closed = recorded(await world.record(STAFF, Role.STAFF, case.id, Close()))
    assert closed.case.closed_at is not None
    await world.restart()

    async with world.transaction() as connection:
        steps = await Cases(connection, clock.now()).steps(case.id)
        meeting_row = await Meetings(connection, clock.now()).get(meeting_id)
    assert [(s.kind, s.role) for s in steps] == [
        (StepKind.HAND_OVER, Role.SPONSOR),
        (StepKind.TAKE_OVER, Role.CONTACT),
        (StepKind.SUPPORT, Role.CONTACT),
        (StepKind.SUBMIT, Role.SPONSOR),
        (StepKind.SCHEDULE, Role.STAFF),
        (StepKind.ENDORSE, Role.STAFF),
        (StepKind.APPLY, Role.SPONSOR),
        (StepKind.GRANT, Role.SPONSOR),
        (StepKind.DECISION_COPY, Role.SPONSOR),
        (StepKind.START, Role.SPONSOR),
        (StepKind.ADD_EVALUATION, Role.STAFF),
        (StepKind.EVALUATION_RECEIVED, Role.STAFF),
        (StepKind.REPORT_DUE, Role.SYSTEM),
        (StepKind.REPORT_RECEIVED, Role.STAFF),
        (StepKind.CLOSE, Role.STAFF),
    ]
    assert steps[-1].stage_after == Stage.CLOSED
    assert all(s.actor_id is None for s in steps if s.role == Role.SYSTEM)
    assert steps[8].payload == {"filename": "bescheid.pdf", "size": len(PDF)}, "no copy kept"

    view = text(case_view(await world.case(case.id), steps, meeting=meeting_row))
    assert "Stand: abgeschlossen" in view
    assert "Bericht fällig: 31.01.2029" in view
    assert "02.03.2026 · Übergabe an die lokale Fachkräfteallianz (Projektträger)" in view

    after = refused(await world.record(SPONSOR, Role.SPONSOR, case.id, Apply(clock.today())))
    assert after.reason is Refusal.FINISHED
    assert "abgeschlossen" in text(after.message)


async def test_changes_wanted_sends_the_case_back_for_a_new_revision(world: World) -> None:
    draft = await world.draft()
    first, outcome = await world.hand_over(draft)
    case = recorded(outcome).case
    recorded(await world.take(CONTACT, first))
    assert recorded(await world.state(CONTACT, first, "changes")).stage is Stage.CHANGES_WANTED
    await world.restart()

    # The sponsor cannot submit what the alliance has not supported.
    early = refused(await world.record(SPONSOR, Role.SPONSOR, case.id, Submit()))
    assert early.reason is Refusal.OUT_OF_ORDER
    assert "Übergabe an die lokale Fachkräfteallianz" in text(early.message), "what comes next"

    second, outcome = await world.hand_over(draft, costs=350_000)
    revised = recorded(outcome)
    assert (revised.stage, revised.case.revision, revised.case.handoff_id) == (
        Stage.HANDED_OVER,
        2,
        second,
    )
    assert revised.case.costs_eur == 350_000
    assert revised.case.id == case.id, "one case per draft"

    # The old handoff's buttons reach nothing any more.
    stale = refused(await world.state(CONTACT, first, "supports"))
    assert stale.reason is Refusal.STALE_REVISION
    assert "Fassung 2" in text(stale.message)
    assert recorded(await world.state(CONTACT, second, "supports")).stage is Stage.SUPPORTED

    # Once supported, the revision stands.
    third = refused((await world.hand_over(draft))[1])
    assert third.reason is Refusal.OUT_OF_ORDER


async def test_a_rejected_case_can_come_back_or_be_closed(world: World) -> None:
    draft = await world.draft()
    handoff, outcome = await world.hand_over(draft)
    case = recorded(outcome).case
    assert recorded(await world.state(CONTACT, handoff, "rejects")).stage is Stage.NOT_SUPPORTED
    closed = recorded(await world.record(STAFF, Role.STAFF, case.id, Close("ohne Rückmeldung")))
    assert closed.stage is Stage.CLOSED
    assert "abgeschlossen" in (await told(world))[SPONSOR][0]


async def test_the_votum_by_circulation_needs_no_meeting_and_a_deferral_comes_back(
    world: World,
) -> None:
    draft = await world.draft()
    await world.save_plan(draft)
    handoff, outcome = await world.hand_over(draft)
    case = recorded(outcome).case
    recorded(await world.state(CONTACT, handoff, "supports"))
    recorded(await world.record(SPONSOR, Role.SPONSOR, case.id, Submit()))

    in_meeting = refused(
        await world.record(STAFF, Role.STAFF, case.id, Votum("endorsed", "meeting", "Gut."))
    )
    assert in_meeting.reason is Refusal.NOT_SCHEDULED
    no_text = refused(
        await world.record(STAFF, Role.STAFF, case.id, Votum("deferred", "circulation", "  "))
    )
    assert no_text.reason is Refusal.TEXT_MISSING

    deferred = Votum("deferred", "circulation", "Bitte Finanzierung durch Dritte belegen.")
    assert recorded(await world.record(STAFF, Role.STAFF, case.id, deferred)).stage is (
        Stage.DEFERRED
    )
    news = await told(world)
    assert "zurückgestellt (im Umlaufverfahren)" in news[SPONSOR][-1]
    # The NBank application may come before the Votum, or after a deferral.
    recorded(await world.record(SPONSOR, Role.SPONSOR, case.id, Apply(world.clock.today())))
    again = refused(await world.record(SPONSOR, Role.SPONSOR, case.id, Apply(world.clock.today())))
    assert again.reason is Refusal.ALREADY_RECORDED
    endorsed = Votum("endorsed", "circulation", "Befürwortet.")
    assert recorded(await world.record(STAFF, Role.STAFF, case.id, endorsed)).stage is (
        Stage.ENDORSED
    )


async def test_a_sponsor_withdraws_at_any_stage_and_leaves_the_agenda(world: World) -> None:
    draft = await world.draft()
    await world.save_plan(draft)
    handoff, outcome = await world.hand_over(draft)
    case = recorded(outcome).case
    recorded(await world.state(CONTACT, handoff, "supports"))
    recorded(await world.record(SPONSOR, Role.SPONSOR, case.id, Submit()))
    meeting_id = await world.meeting(date(2026, 6, 1))
    recorded(await world.record(STAFF, Role.STAFF, case.id, Schedule(meeting_id)))
    await told(world)

    withdrawn = recorded(
        await world.record(SPONSOR, Role.SPONSOR, case.id, Withdraw("Kein Personal gefunden"))
    )
    assert withdrawn.stage is Stage.WITHDRAWN and withdrawn.case.closed_at is not None
    news = await told(world)
    assert set(news) == {STAFF, CONTACT}
    assert world.table("SELECT * FROM meeting_cases") == []
    # The meeting can go now: no case waits for it.
    async with world.transaction() as connection:
        cancelled = await world.procedure.cancel_meeting(
            Stores.of(connection, world.clock.now()), Actor(STAFF, Role.STAFF), meeting_id
        )
    assert getattr(cancelled, "cancelled", False)
