"""The outbox across a restart: a notification Telegram refused (429) waits in the database
while the bot is down and goes out once, after the restart, when Telegram's wait is over."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    NOW,
    ManualClock,
    hand_over,
    people,
    register_contacts,
    tap,
    to_summary,
)
from tests.botapi import BotApiServer
from tests.support.bot import StartBot

CONTACT = 501


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


def pending_outbox(data_dir: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(data_dir / "foerderlotse.sqlite3") as connection:
        return list(
            connection.execute(
                "SELECT chat_id, attempts FROM outbox WHERE sent_at IS NULL AND failed IS NULL"
            )
        )


async def test_a_refused_notification_survives_a_restart_and_arrives_once(
    server: BotApiServer, start_bot: StartBot, clock: ManualClock, tmp_path: Path
) -> None:
    staff, contact, sponsor = people(server, contact=CONTACT)
    async with start_bot(admin_ids=ADMINS):
        await register_contacts(staff, HILDESHEIM, contact)
        await to_summary(sponsor)
        await hand_over(
            sponsor,
            arm=lambda: server.faults.add("sendMessage", "429", retry_after=120, chat_id=CONTACT),
        )
        # Telegram refused; the worker now waits the two minutes Telegram asked for ...
        await clock.sleeper(at_least=119)
    # ... when the bot is stopped
    assert [f.kind for f in server.faults.fired] == ["429"]
    assert [chat for chat, _ in pending_outbox(tmp_path)] == [CONTACT, CONTACT]  # text, PDF
    assert not [m for m in contact.all_outputs if "Übergabe Nr." in m.text]

    async with start_bot(admin_ids=ADMINS):
        # after the restart, the worker still honours Telegram's wait
        await clock.sleeper(at_least=100)
        await contact.settle()
        assert not [m for m in contact.all_outputs if "Übergabe Nr." in m.text]
        clock.advance(timedelta(seconds=121))
        await contact.wait_for(
            lambda: [m for m in contact.all_outputs if m.document is not None] or None,
            what="the PDF after the notification",
        )
        await contact.settle()
        texts = [m for m in contact.all_outputs if "Übergabe Nr. 1" in m.text]
        documents = [m for m in contact.all_outputs if m.document is not None]
        assert len(texts) == 1 and len(documents) == 1
        assert pending_outbox(tmp_path) == []
        # and the buttons of the delivered notification work after the restart
        contact.mark()
        (taken,) = await tap(contact, "Übernehmen", texts[0].message_id)
        assert "übernommen" in taken.text
        # the sponsor first learns it was delivered (after the restart), then who took it
        report, taken_note = await sponsor.expect(2)
        assert "hat 1 Person erreicht" in report.text
        assert "übernommen" in taken_note.text
