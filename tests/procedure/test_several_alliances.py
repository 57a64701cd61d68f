"""A project in several sub-regions: each local alliance concerned gets its own handoff of every
revision and states on it; the case is supported once all of them support it, one asking for
changes sends it back to the sponsor; each untaken handoff is escalated on its own; every
alliance concerned hears of the later steps and sees the case; staff's overview counts it in
each sub-region."""

from __future__ import annotations

from datetime import timedelta

from bot.kb.knowledge import KnowledgeBase
from bot.procedure.requests import Submit
from bot.procedure.results import Refusal
from bot.procedure.steps import Role, Stage
from bot.procedure.views import overview, subregions
from bot.storage.cases import Cases
from tests.procedure.conftest import (
    CONTACT,
    HANNOVER,
    HILDESHEIM,
    SPONSOR,
    STAFF,
    World,
    recorded,
    refused,
)

HANNOVER_CONTACT = 601


async def two_alliances(world: World) -> tuple[int, int]:
    await world.contact(HANNOVER_CONTACT, HANNOVER)
    draft = await world.draft()
    await world.save_plan(draft)
    _, outcome = await world.hand_over(draft, also=(HANNOVER,))
    case = recorded(outcome).case
    assert case.alliances == (HILDESHEIM, HANNOVER) and case.alliance_id == HILDESHEIM
    return case.id, draft


async def test_supported_once_every_alliance_concerned_supports(
    world: World, kb: KnowledgeBase
) -> None:
    case_id, _ = await two_alliances(world)
    first, second = world.handoffs[HILDESHEIM], world.handoffs[HANNOVER]
    assert refused(await world.state(HANNOVER_CONTACT, first, "supports")).reason is (
        Refusal.NOT_PERMITTED
    ), "each alliance states on its own handoff"
    recorded(await world.take(HANNOVER_CONTACT, second))
    assert (await world.case(case_id)).contact_id is None, "the first alliance's contact leads"
    half = recorded(await world.state(CONTACT, first, "supports"))
    assert half.stage is Stage.TAKEN_OVER, "still waiting for Hannover"
    assert recorded(await world.state(HANNOVER_CONTACT, second, "supports")).stage is (
        Stage.SUPPORTED
    )
    await world.outbox()
    recorded(await world.record(SPONSOR, Role.SPONSOR, case_id, Submit()))
    told = {item.chat_id for item in await world.outbox()}
    assert told == {STAFF, CONTACT, HANNOVER_CONTACT}

    async with world.transaction() as connection:
        cases = Cases(connection, world.clock.now())
        assert [c.id for c in await cases.of_alliance(HANNOVER)] == [case_id]
        everyone = await cases.everyone()
    rows = {(r.stage, r.subregion): r.cases for r in overview(everyone, subregions(kb)).rows}
    assert rows == {
        (Stage.SUBMITTED, kb.subregion("hildesheim").name): 1,
        (Stage.SUBMITTED, kb.subregion("hannover").name): 1,
    }


async def test_one_alliance_asking_for_changes_sends_it_back_to_all(world: World) -> None:
    case_id, draft = await two_alliances(world)
    old_first, old_second = world.handoffs[HILDESHEIM], world.handoffs[HANNOVER]
    recorded(await world.state(CONTACT, old_first, "supports"))
    back = recorded(await world.state(HANNOVER_CONTACT, old_second, "changes"))
    assert back.stage is Stage.CHANGES_WANTED

    recorded((await world.hand_over(draft, also=(HANNOVER,)))[1])
    assert (await world.case(case_id)).revision == 2
    assert refused(await world.state(CONTACT, old_first, "supports")).reason is (
        Refusal.STALE_REVISION
    )
    # The earlier support was for the earlier revision: both state again.
    half = recorded(await world.state(HANNOVER_CONTACT, world.handoffs[HANNOVER], "supports"))
    assert half.stage is Stage.HANDED_OVER
    both = recorded(await world.state(CONTACT, world.handoffs[HILDESHEIM], "supports"))
    assert both.stage is Stage.SUPPORTED


async def test_a_support_then_a_rejection_means_not_supported(world: World) -> None:
    _, _ = await two_alliances(world)
    recorded(await world.state(CONTACT, world.handoffs[HILDESHEIM], "supports"))
    rejected = recorded(await world.state(HANNOVER_CONTACT, world.handoffs[HANNOVER], "rejects"))
    assert rejected.stage is Stage.NOT_SUPPORTED


async def test_each_untaken_handoff_is_escalated_on_its_own(world: World) -> None:
    case_id, _ = await two_alliances(world)
    recorded(await world.take(CONTACT, world.handoffs[HILDESHEIM]))
    await world.outbox()
    world.clock.advance(timedelta(days=15))
    await world.restart()
    assert await world.scheduler().due_escalations() == 1
    told = {item.chat_id: item.text for item in await world.outbox()}
    assert set(told) == {STAFF, SPONSOR}
    assert "Fachkräfteallianz Region Hannover" in told[STAFF]
    assert "Hildesheim" not in told[STAFF]
    assert await world.scheduler().due_escalations() == 0
    assert (await world.case(case_id)).stage == Stage.TAKEN_OVER
