"""No turn lost to the Bot API: a reply Telegram refuses longer than the direct retries last
(seven 429s in a row, a malformed answer) goes through the durable outbox, arrives once, in
order, with its buttons, also across a restart; and a failed edit of the pressed message
(the "✓" mark, the ticks of a multiple choice, the keyboard a newer question took over)
never keeps the next question back."""

from __future__ import annotations

import pytest

from bot.clock import FixedClock
from tests.botapi import BotApiServer, FaultKind, TelegramUser
from tests.support.bot import StartBot, answer

ORGANISATION = "Welche Art von Organisation"
TARGET = "Wen soll das Projekt erreichen"


def count(user: TelegramUser, needle: str) -> int:
    return sum(1 for message in user.all_outputs if needle in message.text)


async def started(server: BotApiServer, chat_id: int) -> TelegramUser:
    user = server.user(chat_id)
    user.send("/start")
    await user.expect(2)
    return user


async def test_a_reply_refused_seven_times_arrives_through_the_outbox(
    server: BotApiServer, start_bot: StartBot, clock: FixedClock
) -> None:
    async with start_bot():
        user = await started(server, 3101)
        server.faults.add("sendMessage", "429", times=7, retry_after=3, chat_id=user.chat_id)
        user.send("Rinteln")
        (organisation,) = await user.expect()
        assert ORGANISATION in organisation.text
        assert "Bildungsträger" in organisation.button_texts()  # with its keyboard
        await user.settle()
        assert count(user, ORGANISATION) == 1 and count(user, "Entschuldigung") == 0
        assert not server.faults.pending
        assert clock.slept.count(3.0) == 6  # retry_after honoured each time, on the clock
        # the deferred keyboard is the prompt's: a tap on it is an answer
        user.tap("Bildungsträger", organisation.message_id)
        await user.expect_answer()
        (target,) = await user.expect()
        assert TARGET in target.text


async def test_a_malformed_answer_costs_no_reply(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot():
        user = await started(server, 3102)
        server.faults.add("sendMessage", "malformed", chat_id=user.chat_id)
        user.send("Rinteln")
        (organisation,) = await user.expect()
        assert ORGANISATION in organisation.text
        await user.settle()
        assert count(user, ORGANISATION) == 1 and count(user, "Entschuldigung") == 0


async def test_later_replies_wait_behind_a_deferred_one_and_survive_a_restart(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = await started(server, 3103)
        server.faults.add("sendMessage", "500", times=6, chat_id=user.chat_id)
        held = server.hold("sendMessage", chat_id=user.chat_id)  # the outbox's first try
        user.send("Rinteln")
        await held.wait_arrived()
        user.send("Bildungsträger")  # typed: the next answer, before the question arrived
        await server.wait_until(lambda: not server.pending_updates(), what="both handled")
        await user.settle()
        assert count(user, ORGANISATION) == 0 and count(user, TARGET) == 0
    held.drop()  # the bot stopped with both replies in the outbox
    async with start_bot():
        organisation, target = await user.expect(2)
        assert ORGANISATION in organisation.text and TARGET in target.text  # in order
        await user.settle()
        assert count(user, ORGANISATION) == 1 and count(user, TARGET) == 1
        reply = await answer(user, "Geflüchtete Frauen")  # and the dialog goes on directly
        assert "Beschreiben Sie Ihre Projektidee" in reply.text


@pytest.mark.parametrize("kind", ["500", "drop"])
async def test_a_failed_mark_of_the_pressed_message_keeps_no_question_back(
    server: BotApiServer, start_bot: StartBot, kind: FaultKind
) -> None:
    async with start_bot():
        user = await started(server, 3104)
        organisation = await answer(user, "Rinteln")
        server.faults.add("editMessageText", kind, times=20, chat_id=user.chat_id)
        user.tap("Bildungsträger", organisation.message_id)
        await user.expect_answer()
        (target,) = await user.expect()
        assert TARGET in target.text
        # a multiple choice ticks in the pressed message; it cannot: the ticks come anew
        user.tap("Geflüchtete", target.message_id)
        await user.expect_answer()
        (ticked,) = await user.expect()
        assert "✓ Geflüchtete" in ticked.button_texts()
        server.faults.clear()
        user.tap("Fertig", ticked.message_id)
        await user.expect_answer()
        (idea,) = await user.expect()
        assert "Beschreiben Sie Ihre Projektidee" in idea.text
        assert count(user, "Entschuldigung") == 0
        assert not [m for m in user.messages if "✓ Bildungsträger" in m.text]  # never marked


async def test_a_keyboard_that_cannot_be_removed_keeps_no_question_back(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = await started(server, 3105)
        organisation = await answer(user, "Rinteln")
        server.faults.add("editMessageReplyMarkup", "500", times=20, chat_id=user.chat_id)
        user.tap("Zurück", organisation.message_id)
        await user.expect_answer()
        (place,) = await user.expect()
        assert "Wo soll das Projekt stattfinden" in place.text
        assert count(user, "Entschuldigung") == 0
