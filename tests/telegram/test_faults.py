"""Replies arrive although the Bot API answers 429, 500 or drops the connection; a 429 never
leads to a duplicate; a handler error ends in an apology, never in silence or internals.
Replies refused for longer go through the outbox: tests/telegram/test_deferred_replies.py."""

from __future__ import annotations

import pytest

from bot.clock import FixedClock
from tests.botapi import BotApiServer
from tests.support.bot import StartBot


def _delivered(server: BotApiServer, chat_id: int, needle: str) -> int:
    return sum(1 for m in server.bot_messages(chat_id) if needle in m.text)


@pytest.mark.parametrize("kind", ["429", "500", "drop"])
async def test_a_refused_reply_is_sent_again_exactly_once(
    server: BotApiServer, start_bot: StartBot, clock: FixedClock, kind: str
) -> None:
    async with start_bot():
        user = server.user(3001)
        user.send("/start")
        await user.expect(2)
        server.faults.add("sendMessage", kind, times=2, retry_after=3, chat_id=user.chat_id)  # type: ignore[arg-type]
        user.send("Rinteln")
        (reply,) = await user.expect()
        assert "Welche Art von Organisation" in reply.text
        assert _delivered(server, user.chat_id, "Welche Art von Organisation") == 1
        if kind == "429":
            assert clock.slept[:2] == [3.0, 3.0]  # retry_after honoured, on the injected clock


async def test_accepted_then_dropped_duplicates_at_most_once(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = server.user(3002)
        user.send("/start")
        await user.expect(2)
        server.faults.add("sendMessage", "drop_after_accept", chat_id=user.chat_id)
        user.send("Rinteln")
        await user.expect()
        await user.settle()
        assert 1 <= _delivered(server, user.chat_id, "Welche Art von Organisation") <= 2


async def test_a_failing_handler_apologises_and_keeps_the_answer(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(raise_errors=False) as (run, _):
        user = server.user(3003)
        user.send("/start")
        await user.expect(2)
        # Telegram refuses the reply itself: sending it again (or later) cannot help
        server.faults.add("sendMessage", "400", chat_id=user.chat_id)
        user.send("Hameln")
        (apology,) = await user.expect()
        assert "Entschuldigung" in apology.text
        assert "Traceback" not in apology.text and "Error" not in apology.text
        assert run.application is not None
        user.send("/start")
        (question,) = await user.expect()
        assert "Welche Art von Organisation" in question.text  # the answer was kept


async def test_an_update_delivered_twice_is_applied_once(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = server.user(3004)
        user.send("/start")
        await user.expect(2)
        user.send("Rinteln")
        (organisation,) = await user.expect()
        # Telegram redelivers an update (as after a crash before the offset was confirmed)
        update = {
            "update_id": 999_999,
            "message": {
                "message_id": 77,
                "date": 0,
                "chat": {"id": user.chat_id, "type": "private"},
                "from": {"id": user.user_id, "is_bot": False, "first_name": "X"},
                "text": "Hameln",
            },
        }
        server.inject_raw_update(update)
        (target,) = await user.expect()
        assert "Wen soll das Projekt erreichen" in target.text
        # Hand it out again to the poll that confirmed it (a later poll's offset would drop it)
        await server.wait_until(lambda: server.is_confirmed(999_999) and server.parked_polls)
        server.inject_raw_update(update)
        (repeated,) = await user.expect()
        # not applied again (that would have taken "Hameln" as the target group): the current
        # question is only repeated, without the first delivery's "eingeordnet als" line
        assert repeated.text.startswith("Wen soll das Projekt erreichen")
        assert target.text.endswith(repeated.text) and "eingeordnet als" in target.text
        assert repeated.message_id not in (organisation.message_id, target.message_id)
