"""End to end: a real PTB Application polls the fake server while simulated people chat."""

from __future__ import annotations

import asyncio
import html
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.botapi import BotApiServer, application_builder, running_bot

App = Application[Any, Any, Any, Any, Any, Any]


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.effective_user is not None
    name = html.escape(update.effective_user.first_name)
    code = f"\nCode: <code>{html.escape(context.args[0])}</code>" if context.args else ""
    buttons = [
        InlineKeyboardButton("Weiter", callback_data="next"),
        InlineKeyboardButton("Abbrechen", callback_data="cancel"),
    ]
    await update.message.reply_html(
        f"<b>Hallo {name}</b>{code}", reply_markup=InlineKeyboardMarkup([buttons])
    )


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("Gespeichert" if query.data == "next" else None)
    await query.edit_message_text(f"Gewählt: {query.data}")


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


async def on_document(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.document is not None
    data = bytes(await (await update.message.document.get_file()).download_as_bytearray())
    await update.message.reply_document(
        data.upper(), filename="echo.yaml", caption=f"{len(data)} Bytes"
    )


async def boom(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    raise RuntimeError("kaputt")


def echo_app(server: BotApiServer) -> App:
    app = application_builder(server).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler("boom", boom))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(MessageHandler(filters.Document.ALL, on_document))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


@pytest.fixture
async def server() -> AsyncIterator[BotApiServer]:
    async with BotApiServer() as running:
        yield running


async def test_start_tap_and_edit(server: BotApiServer) -> None:
    async with running_bot(echo_app(server), server):
        anna = server.user(42, "Anna")
        anna.send("/start")
        (greeting,) = await anna.expect()
        assert greeting.text == "Hallo Anna"
        assert greeting.buttons == [[("Weiter", "next"), ("Abbrechen", "cancel")]]

        anna.tap("Weiter")
        assert (await anna.expect_answer()).text == "Gespeichert"
        edited = await anna.expect_edit(greeting.message_id)
        assert (edited.text, edited.buttons, edited.edits) == ("Gewählt: next", [], 1)
        assert edited.history[0].text == "Hallo Anna"

    # One update, one answer: the bot made exactly one sendMessage for the chat.
    assert len(server.requests_for("sendMessage", chat_id=42)) == 1
    assert server.unanswered_callback_queries() == []


async def test_deep_link_payload_and_html_escaping(server: BotApiServer) -> None:
    async with running_bot(echo_app(server), server):
        tricky = server.user(43, "<Jörg & Co>")
        tricky.send("/start abc123")
        message = await tricky.expect_message()
    assert message.text == "Hallo <Jörg & Co>\nCode: abc123"
    assert "&lt;Jörg &amp; Co&gt;" in message.html


async def test_echo_and_negative_check(server: BotApiServer) -> None:
    async with running_bot(echo_app(server), server):
        ben = server.user(44, "Ben")
        ben.send("42")
        ben.send("Förderung für 3 Stellen?")
        first, second = await ben.expect(2)
        await ben.settle(idle=0.05)  # nothing else follows
    assert (first.text, second.text) == ("42", "Förderung für 3 Stellen?")
    assert ben.new_messages == []


async def test_document_upload_and_answer(server: BotApiServer) -> None:
    async with running_bot(echo_app(server), server):
        cara = server.user(45, "Cara")
        cara.send_document("wissen.yaml", b"thema: foerderung\n")
        reply = await cara.expect_message()
    assert reply.document is not None
    assert (reply.text, reply.document.name) == ("18 Bytes", "echo.yaml")
    assert reply.document.content == b"THEMA: FOERDERUNG\n"


async def test_many_people_at_once_each_get_their_answer(server: BotApiServer) -> None:
    async with running_bot(echo_app(server), server):
        people = [server.user(1000 + i, f"P{i}") for i in range(30)]
        for person in people:
            person.send(f"Nachricht von {person.first_name}")
        replies = await asyncio.gather(*(person.expect_message() for person in people))
    assert [r.text for r in replies] == [f"Nachricht von {p.first_name}" for p in people]


async def test_handler_error_fails_the_wait_at_once(server: BotApiServer) -> None:
    with pytest.raises(ExceptionGroup) as group:
        async with running_bot(echo_app(server), server):
            dora = server.user(46, "Dora")
            dora.send("/boom")
            with pytest.raises(AssertionError, match="RuntimeError: kaputt"):
                await dora.expect(timeout=30)  # would take 30 s if it waited for a timeout
    assert group.group_contains(RuntimeError, match="kaputt")


async def test_flood_control_inside_the_app(
    server: BotApiServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # else RetryAfter() itself warns (PTB 22.2+)
    server.faults.add("sendMessage", "429", retry_after=3, chat_id=47)
    async with running_bot(echo_app(server), server, raise_errors=False) as run:
        emil = server.user(47, "Emil")
        emil.send("erste")
        await server.wait_until(lambda: run.errors, what="the RetryAfter in the handler")
        assert emil.messages == []
        emil.send("zweite")
        assert (await emil.expect_message()).text == "zweite"
    assert [type(e) for e in run.errors] == [RetryAfter]


async def test_running_bot_refuses_an_app_aimed_at_telegram(server: BotApiServer) -> None:
    app = ApplicationBuilder().token(server.token).build()
    with pytest.raises(ValueError, match="base_url"):
        async with running_bot(app, server):
            pass
