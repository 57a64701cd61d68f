"""Who is staff has one answer (`bot.storage.staff.is_staff`): the configured ids and those
added in the bot with /team. A colleague added in the bot receives what goes to the office
(the /mensch fallback, the alert of an undelivered notification) and may record staff's steps
of the procedure; once removed, none of it. In process, on a real SQLite file."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.procedure.requests import Actor
from bot.procedure.results import Refused
from bot.procedure.steps import Role
from bot.runtime import Runtime
from bot.storage.meetings import MeetingRow
from bot.storage.stores import Stores
from tests.dialogs.conftest import ChatDriver, Refusing, deliver, key_text, runtime_for

OFFICE = 900
COLLEAGUE = 950
SPONSOR = 1001


@pytest.fixture
async def runtime(tmp_path: Path, clock: FixedClock) -> AsyncIterator[Runtime]:
    async with runtime_for(tmp_path, clock, frozenset({OFFICE})) as built:
        yield built


async def _add_colleague(chat: ChatDriver) -> None:
    link = re.search(r"start=(stf_\S+)", await chat.press("staff:team:invite_yes", user=OFFICE))
    assert link is not None
    joined = await chat.command("start", link.group(1), user=COLLEAGUE)
    assert "gehören jetzt zur Koordinierungsstelle" in joined


async def _remove_colleague(chat: ChatDriver) -> None:
    removed = await chat.press(f"staff:team:remove_yes:{COLLEAGUE}", user=OFFICE)
    assert "gehört nicht mehr zur Koordinierungsstelle" in removed


async def test_a_colleague_gets_the_office_fallback_and_alerts_until_removed(
    runtime: Runtime,
) -> None:
    chat = ChatDriver.of(runtime)
    await _add_colleague(chat)
    # /mensch before any answer: no alliance known, so the coordination office is asked
    await chat.command("human", user=SPONSOR)
    await chat.text("0511 123456", user=SPONSOR)
    transport = Refusing(frozenset({OFFICE}))  # the office's chat refuses
    await deliver(runtime, transport)
    to_colleague = transport.texts_to(COLLEAGUE)
    assert any("0511 123456" in text for text in to_colleague), "the request itself"
    assert any("Nicht zugestellt" in text for text in to_colleague), "the alert for 900"

    await _remove_colleague(chat)
    await chat.command("human", user=SPONSOR + 1)
    await chat.text("0511 654321", user=SPONSOR + 1)
    later = Refusing(frozenset({OFFICE}))
    await deliver(runtime, later)
    assert later.texts_to(COLLEAGUE) == [], "neither the request nor the alert"


async def test_a_colleague_records_staff_steps_until_removed(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    await _add_colleague(chat)
    held_on = date(runtime.clock.today().year + 1, 3, 10)
    added = await chat.command("meeting", held_on.strftime("%d.%m.%Y"), user=COLLEAGUE)
    assert key_text("cases.meeting_added", date=held_on.strftime("%d.%m.%Y")) in added

    await _remove_colleague(chat)
    procedure = runtime.conversations.desks.alliance.procedure

    async def meeting(by: int, month: int) -> object:
        async with runtime.database.transaction() as connection:
            day = date(held_on.year, month, 10)
            actor = Actor(by, Role.STAFF)
            return await procedure.add_meeting(
                Stores.of(connection, runtime.clock.now()), actor, day, None, ""
            )

    assert isinstance(await meeting(COLLEAGUE, 4), Refused)
    assert isinstance(await meeting(OFFICE, 5), MeetingRow), "the configured office still may"
