"""What goes wrong around a turn: a message edited afterwards, a database that fails in the
middle (the apology still comes, in the configured language), Telegram's 429 with the rate
limiter on (our retry on the injected clock), and an error log that says what was handled."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.storage.db import Database
from tests.botapi import BotApiServer
from tests.support.bot import StartBot


async def test_an_edited_message_is_answered_and_not_taken(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = server.user(7600)
        user.send("/start")
        await user.expect(2)
        user.send("Sarstedt")
        (organisation,) = await user.expect()
        assert "Welche Art von Organisation" in organisation.text
        # the person corrects the place in the message already sent
        server.inject_raw_update(
            {
                "edited_message": {
                    "message_id": organisation.message_id - 1,
                    "date": 0,
                    "edit_date": 60,
                    "chat": {"id": user.chat_id, "type": "private"},
                    "from": user.user_json,
                    "text": "Hameln",
                }
            }
        )
        (reply,) = await user.expect()
        assert "bearbeitete Nachricht" in reply.text and "neue Nachricht" in reply.text
        # the dialog stayed where it was: the next answer is the organisation
        user.send("Bildungsträger")
        (target,) = await user.expect()
        assert "Wen soll das Projekt erreichen" in target.text


async def test_the_apology_comes_even_when_the_database_fails(
    server: BotApiServer, start_bot: StartBot, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    async with start_bot(raise_errors=False, default_language="en") as (_, runtime):
        user = server.user(7601, language_code=None)
        user.send("/start")
        await user.expect(2)
        # the conversations' database fails (a disk gone, a file broken) for every query
        failing = await Database.open(tmp_path / "failing" / "foerderlotse.sqlite3")
        await failing.close()
        runtime.conversations.database = failing
        caplog.set_level(logging.ERROR, logger="bot.adapters.telegram.app")
        user.send("/hilfe")
        (apology,) = await user.expect()
        assert "Sorry, something went wrong" in apology.text  # BOT_DEFAULT_LANGUAGE
        logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert any("command /hilfe" in line and "7601" in line for line in logged), logged


async def test_a_failing_tap_is_logged_with_its_button(
    server: BotApiServer, start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    async with start_bot(raise_errors=False):
        user = server.user(7602)
        user.send("/start")
        await user.expect(2)
        user.send("Sarstedt")
        await user.expect()
        server.faults.add("sendMessage", "400", chat_id=user.chat_id)  # the reply refused
        caplog.set_level(logging.ERROR, logger="bot.adapters.telegram.app")
        user.tap("Bildungsträger")
        await user.expect_answer()
        (apology,) = await user.expect()
        assert "Entschuldigung" in apology.text
        logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
        assert any("organisation" in line and "pick:0" in line for line in logged), logged
        assert not any("Sarstedt" in line for line in logged)  # no answers in the log


async def test_with_the_rate_limiter_a_429_is_retried_on_the_injected_clock(
    server: BotApiServer, start_bot: StartBot, clock: FixedClock
) -> None:
    """PTB's limiter would wait out a 429 on the wall clock and send again by itself; our
    retry waits on the injected clock (tested instantly) and never duplicates."""
    async with start_bot(rate_limiter=True):
        user = server.user(7603)
        user.send("/start")
        await user.expect(2)
        server.faults.add("sendMessage", "429", times=1, retry_after=7, chat_id=user.chat_id)
        user.send("Rinteln")
        (organisation,) = await user.expect()
        assert "Welche Art von Organisation" in organisation.text
        assert clock.slept == [7.0]
        assert sum("Welche Art" in m.text for m in server.bot_messages(user.chat_id)) == 1
