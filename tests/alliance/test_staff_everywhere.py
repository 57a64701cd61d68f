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
from bot.delivery.worker import Failed, OutboxWorker, SendOutcome, Sent
from bot.procedure.requests import Actor
from bot.procedure.results import Refused
from bot.procedure.steps import Role
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from bot.storage.meetings import MeetingRow
from bot.storage.outbox import OutboxItem
from tests.dialogs.conftest import ChatDriver, key_text

OFFICE = 900
COLLEAGUE = 950
SPONSOR = 1001


@pytest.fixture
async def runtime(tmp_path: Path, clock: FixedClock) -> AsyncIterator[Runtime]:
    settings = Settings(data_dir=tmp_path, telegram_bot_token=None, admin_ids=frozenset({OFFICE}))
    built = await build_runtime(settings, clock)
    try:
        yield built
    finally:
        await built.close()


class Recording:
    """Telegram as far as the worker sees it; refuses the chats in `unknown`."""

    def __init__(self, unknown: frozenset[int] = frozenset()) -> None:
        self.unknown = unknown
        self.sent: list[OutboxItem] = []

    async def send(self, item: OutboxItem) -> SendOutcome:
        if item.chat_id in self.unknown:
            return Failed("BadRequest: Chat not found")
        self.sent.append(item)
        return Sent(len(self.sent))

    def texts_to(self, chat_id: int) -> list[str]:
        return [str(i.payload.get("text")) for i in self.sent if i.chat_id == chat_id]


async def _deliver(runtime: Runtime, transport: Recording) -> None:
    desks = runtime.conversations.desks
    worker = OutboxWorker(
        runtime.database, runtime.clock, transport, settled=desks.delivery.settled
    )
    while await worker.deliver_due():
        pass


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
    transport = Recording(unknown=frozenset({OFFICE}))  # the office's chat refuses
    await _deliver(runtime, transport)
    to_colleague = transport.texts_to(COLLEAGUE)
    assert any("0511 123456" in text for text in to_colleague), "the request itself"
    assert any("Nicht zugestellt" in text for text in to_colleague), "the alert for 900"

    await _remove_colleague(chat)
    await chat.command("human", user=SPONSOR + 1)
    await chat.text("0511 654321", user=SPONSOR + 1)
    later = Recording(unknown=frozenset({OFFICE}))
    await _deliver(runtime, later)
    assert later.texts_to(COLLEAGUE) == [], "neither the request nor the alert"


async def test_a_colleague_records_staff_steps_until_removed(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    await _add_colleague(chat)
    held_on = date(runtime.clock.today().year + 1, 3, 10)
    added = await chat.command("meeting", held_on.strftime("%d.%m.%Y"), user=COLLEAGUE)
    assert key_text("cases.meeting_added", date=held_on.strftime("%d.%m.%Y")) in added

    await _remove_colleague(chat)
    procedure = runtime.conversations.desks.alliance.procedure
    async with runtime.database.transaction() as connection:
        refused = await procedure.add_meeting(
            connection,
            runtime.clock.now(),
            Actor(COLLEAGUE, Role.STAFF),
            date(held_on.year, 4, 10),
            None,
            "",
        )
        kept = await procedure.add_meeting(
            connection,
            runtime.clock.now(),
            Actor(OFFICE, Role.STAFF),
            date(held_on.year, 5, 10),
            None,
            "",
        )
    assert isinstance(refused, Refused)
    assert isinstance(kept, MeetingRow), "the configured office still may"
