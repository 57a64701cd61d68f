"""Buttons as sponsors tap them: a keyboard that a newer question took over is removed, a
tap Telegram delivers late (after downtime) is still handled, "Zurück" works as a button, and
the slow answers (export, Projektskizze) show that something is on its way."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

from bot.core.outputs import Document
from bot.core.state import DialogState
from tests.botapi import BotApiServer, BotMessage, TelegramUser
from tests.support.bot import StartBot, answer, draft_answers, summary_messages, type_draft


async def tap(user: TelegramUser, label: str, message_id: int) -> BotMessage:
    user.tap(label, message_id)
    await user.expect_answer()
    return (await user.expect())[-1]


def now(user: TelegramUser, message: BotMessage) -> BotMessage:
    """The message as the person sees it now (after the bot's edits)."""
    return next(m for m in user.messages if m.message_id == message.message_id)


async def to_summary(user: TelegramUser) -> BotMessage:
    summary = (await type_draft(user, *draft_answers(title="Pflegebrücke")))[-1]
    assert "Angabe ändern" in " ".join(summary.button_texts()), user.transcript
    return summary


async def test_a_keyboard_a_newer_question_took_over_is_removed(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = server.user(7400)
        user.send("/start")
        await user.expect(2)
        organisation = await answer(user, "Sarstedt")
        # "Zurück" as a button: the place is asked again, the organisation keyboard is gone
        place = await tap(user, "Zurück", organisation.message_id)
        assert "Wo soll das Projekt stattfinden" in place.text
        assert now(user, organisation).buttons == []
        keep = next(label for label in place.button_texts() if "Beibehalten" in label)
        again = await tap(user, keep, place.message_id)
        assert "Welche Art von Organisation" in again.text
        assert now(user, place).buttons == []
        await user.settle()

        other = server.user(7401)
        summary = await to_summary(other)
        menu = await tap(other, "Angabe ändern", summary.message_id)
        assert now(other, summary).buttons == []
        costs = await tap(other, "Gesamtkosten", menu.message_id)
        assert "Gesamtkosten" in costs.text
        assert now(other, menu).buttons == []
        other.send("420.000 €")
        fresh = (await summary_messages(other))[-1]  # the summary's buttons are on its last part
        # the Projektskizze asks nothing new: the summary's buttons stay for the next step
        other.tap("Projektskizze", fresh.message_id)
        await other.expect_answer()
        await other.expect(3)  # the note, the PDF, the Markdown copy
        assert "Angabe ändern" in " ".join(now(other, fresh).button_texts())
        assert not server.bot_errors


async def test_a_tap_telegram_delivers_after_downtime_is_still_handled(
    server: BotApiServer, start_bot: StartBot
) -> None:
    """Telegram refuses to answer a callback query older than a few minutes ("query is too
    old"); the tap itself must still count."""
    async with start_bot():
        user = server.user(7500)
        user.send("/start")
        await user.expect(2)
        organisation = await answer(user, "Sarstedt")
        data = organisation.buttons[0][0].data
        server.inject_raw_update(
            {
                "callback_query": {
                    "id": "tapped-while-the-bot-was-down",
                    "from": user.user_json,
                    "chat_instance": "1",
                    "message": organisation.to_api(),
                    "data": data,
                }
            }
        )
        (target,) = await user.expect()
        assert "Wen soll das Projekt erreichen" in target.text
        await user.settle()
        assert not server.bot_errors


def request_order(server: BotApiServer, chat_id: int, since: int) -> list[str]:
    wanted = {"sendMessage", "sendDocument", "sendChatAction"}
    return [
        r.method
        for r in server.requests[since:]
        if r.chat_id == chat_id and r.method in wanted and r.outcome == "ok"
    ]


async def test_export_and_projektskizze_show_the_upload_first(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = server.user(7300)
        summary = await to_summary(user)
        since = len(server.requests)
        user.tap("Projektskizze", summary.message_id)
        await user.expect_answer()
        note, pdf, _markdown = await user.expect(3)
        assert pdf.document is not None and pdf.document.name.endswith(".pdf")
        assert request_order(server, user.chat_id, since) == [
            "sendChatAction",
            "sendMessage",
            "sendDocument",
            "sendDocument",
        ]
        assert user.chat_actions[-1] == "upload_document"

        since = len(server.requests)
        user.send("/export")
        _, data = await user.expect(2)
        assert data.document is not None and data.document.name.endswith(".json")
        assert request_order(server, user.chat_id, since)[0] == "sendChatAction"

        # only a courtesy: when Telegram fails it, the data still comes
        server.faults.add("sendChatAction", "500", chat_id=user.chat_id)
        user.send("/export")
        note, data = await user.expect(2)
        assert data.document is not None and "Entschuldigung" not in note.text
        await user.settle()
        assert not server.bot_errors


async def test_the_pdf_is_rendered_while_other_sponsors_get_their_answers(
    server: BotApiServer, start_bot: StartBot
) -> None:
    """The Projektskizze is rendered off the event loop and outside the database's write
    transaction: here it takes as long as another sponsor needs for an answer."""
    rendering = threading.Event()
    may_finish = threading.Event()
    async with start_bot() as (_, runtime):
        conversations = runtime.conversations
        real = conversations.desks.sketch_export.sketch
        assert real is not None

        def slow_sketch(
            state: DialogState, advisor: object, language: str, plan: object = None
        ) -> Sequence[Document]:
            rendering.set()
            assert may_finish.wait(10), "never released: the answer below did not come"
            return real(state, advisor, language, plan)  # type: ignore[arg-type]

        conversations.desks.sketch_export.sketch = slow_sketch
        first, second = server.user(7310), server.user(7311)
        summary = await to_summary(first)
        second.send("/start")
        await second.expect(2)
        first.tap("Projektskizze", summary.message_id)
        await first.expect_answer()
        assert await asyncio.to_thread(rendering.wait, 10)
        second.send("Rinteln")  # answered while the PDF is being rendered
        (organisation,) = await second.expect()
        assert "Welche Art von Organisation" in organisation.text
        may_finish.set()
        *_, pdf, _markdown = await first.expect(3)
        assert pdf.document is not None
