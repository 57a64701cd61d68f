"""The fake Bot API server, exercised through the real PTB ``Bot`` over HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import AsyncIterator

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonCommands,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from tests.botapi import NOT_MODIFIED, BotApiServer, FaultKind

CHAT = 42


@pytest.fixture
async def server() -> AsyncIterator[BotApiServer]:
    async with BotApiServer() as running:
        running.user(CHAT, "Anna")
        yield running


@pytest.fixture
async def bot(server: BotApiServer) -> AsyncIterator[Bot]:
    async with Bot(
        server.token, base_url=server.base_url, base_file_url=server.base_file_url
    ) as ptb_bot:
        yield ptb_bot


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=label.lower())] for label in labels]
    )


# ---------------------------------------------------------------------- identity, auth


async def test_get_me_has_what_ptb_needs(bot: Bot, server: BotApiServer) -> None:
    assert bot.username == server.bot_username
    assert (await bot.get_me()).is_bot


async def test_wrong_token_is_rejected(server: BotApiServer) -> None:
    wrong = Bot("999:WRONG", base_url=server.base_url)
    try:
        with pytest.raises(InvalidToken):
            await wrong.initialize()
    finally:
        await wrong.shutdown()


async def test_unknown_method_and_stub(bot: Bot, server: BotApiServer) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("frobnicate")
    assert server.unknown_methods == ["frobnicate"]
    server.stub("frobnicate", {"done": True})
    assert await bot.do_api_request("frobnicate") == {"done": True}


async def test_json_and_query_string_requests_are_understood(server: BotApiServer) -> None:
    base = f"{server.base_url}{server.token}"
    async with httpx.AsyncClient() as client:
        sent = await client.post(f"{base}/sendMessage", json={"chat_id": CHAT, "text": "json"})
        got = await client.get(f"{base}/getChat", params={"chat_id": str(CHAT)})
    assert sent.json()["result"]["text"] == "json"
    assert got.json()["result"]["id"] == CHAT


# ---------------------------------------------------------------------- sending and HTML


async def test_html_message_is_stored_as_plain_text_with_entities(
    bot: Bot, server: BotApiServer
) -> None:
    sent = await bot.send_message(CHAT, "<b>Hallo</b> &amp; willkommen", parse_mode=ParseMode.HTML)
    assert sent.text == "Hallo & willkommen"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 0, 5)]
    assert sent.text_html == "<b>Hallo</b> &amp; willkommen"
    stored = server.user(CHAT).last
    assert (stored.text, stored.html, stored.parse_mode) == (
        "Hallo & willkommen",
        "<b>Hallo</b> &amp; willkommen",
        "HTML",
    )


async def test_string_parameters_are_not_json_decoded(bot: Bot) -> None:
    # PTB sends text "42" and chat_id 42 identically; only the parameter type tells them apart.
    assert (await bot.send_message(CHAT, "42")).text == "42"
    assert (await bot.send_message(CHAT, "true")).text == "true"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<b>x</i>", "Can't parse entities"),
        ("1 < 2", "Can't parse entities"),
        ("<script>x</script>", "Can't parse entities"),
        ("x" * 4097, "Message is too long"),
        ("😀" * 2049, "Message is too long"),
        ("   \n ", "Message text is empty"),
    ],
)
async def test_bad_messages_raise_bad_request_and_record_nothing(
    bot: Bot, server: BotApiServer, text: str, message: str
) -> None:
    with pytest.raises(BadRequest, match=message):
        await bot.send_message(CHAT, text, parse_mode=ParseMode.HTML)
    assert server.user(CHAT).messages == []
    assert server.requests_for("sendMessage")[-1].status == 400


async def test_length_limit_counts_utf16_after_parsing(bot: Bot) -> None:
    await bot.send_message(CHAT, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    await bot.send_message(CHAT, "😀" * 2048)
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(CHAT, "😀" * 2048 + "x")


async def test_message_ids_increase_per_chat_and_users_share_the_sequence(
    bot: Bot, server: BotApiServer
) -> None:
    other = server.user(7, "Ben")
    first = await bot.send_message(CHAT, "a")
    server.user(CHAT).send("hi")
    second = await bot.send_message(CHAT, "b")
    elsewhere = await bot.send_message(other.chat_id, "c")
    assert (first.message_id, second.message_id, elsewhere.message_id) == (1, 3, 1)


async def test_unknown_and_blocked_chats(bot: Bot, server: BotApiServer) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(999, "x")
    server.user(CHAT).block()
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(CHAT, "x")


async def test_inline_keyboard_limits(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(
            CHAT,
            "x",
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("b", callback_data="d" * 65)]]
            ),
        )
    many = InlineKeyboardMarkup(
        [[InlineKeyboardButton(str(i), callback_data=str(i))] for i in range(101)]
    )
    with pytest.raises(BadRequest, match="Reply markup is too long"):
        await bot.send_message(CHAT, "x", reply_markup=many)
    await bot.send_message(
        CHAT,
        "x",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="ü" * 32)]]),
    )


async def test_reply_keyboard_is_shown_and_removed(bot: Bot, server: BotApiServer) -> None:
    anna = server.user(CHAT)
    await bot.send_message(CHAT, "Wähle", reply_markup=ReplyKeyboardMarkup([["Ja", "Nein"]]))
    assert anna.keyboard == [["Ja", "Nein"]]
    await bot.send_message(CHAT, "Danke", reply_markup=ReplyKeyboardRemove())
    assert anna.keyboard is None


# ---------------------------------------------------------------------- edits, deletes, taps


async def test_edit_rules(bot: Bot, server: BotApiServer) -> None:
    sent = await bot.send_message(
        CHAT, "<b>Frage</b>", parse_mode=ParseMode.HTML, reply_markup=keyboard("Ja")
    )
    with pytest.raises(BadRequest) as caught:
        await bot.edit_message_text(
            "<b>Frage</b>",
            CHAT,
            sent.message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard("Ja"),
        )
    assert caught.value.message == NOT_MODIFIED.removeprefix("Bad Request: ").capitalize()

    # Same text, but omitting reply_markup removes the keyboard: that is a modification.
    edited = await bot.edit_message_text(
        "<b>Frage</b>", CHAT, sent.message_id, parse_mode=ParseMode.HTML
    )
    assert isinstance(edited, Message) and edited.reply_markup is None
    stored = server.user(CHAT).last
    assert (stored.edits, stored.buttons, stored.history[0].reply_markup is not None) == (
        1,
        [],
        True,
    )

    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", CHAT, 999)
    anna_message_id = server.user(CHAT).send("hi")  # returns update_id; message id is 2
    assert anna_message_id
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("x", CHAT, 2)


async def test_edit_reply_markup_and_delete(bot: Bot, server: BotApiServer) -> None:
    sent = await bot.send_message(CHAT, "x", reply_markup=keyboard("A"))
    await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=keyboard("B"))
    assert server.user(CHAT).last.button_texts() == ["B"]
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=keyboard("B"))
    assert await bot.delete_message(CHAT, sent.message_id)
    assert server.user(CHAT).messages == []
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(CHAT, sent.message_id)


async def test_tap_and_answer(bot: Bot, server: BotApiServer) -> None:
    anna = server.user(CHAT)
    sent = await bot.send_message(CHAT, "Weiter?", reply_markup=keyboard("Ja, bitte", "Nein"))
    update_id = anna.tap("Ja")  # unique substring of a label
    (update,) = await bot.get_updates(offset=update_id)
    query = update.callback_query
    assert query is not None and query.message is not None
    assert (query.data, query.message.message_id, query.from_user.id) == (
        "ja, bitte",
        sent.message_id,
        CHAT,
    )
    await query.answer("Gespeichert")
    with pytest.raises(BadRequest, match="Query is too old"):
        await query.answer("again")
    assert [a.text for a in anna.callback_answers] == ["Gespeichert"]
    assert server.unanswered_callback_queries() == []

    anna.tap("nein")  # callback_data works too
    with pytest.raises(AssertionError, match=r"'Ja, bitte' -> 'ja, bitte'"):
        anna.tap("Vielleicht")


# ---------------------------------------------------------------------- getUpdates


async def test_get_updates_offset_semantics(bot: Bot, server: BotApiServer) -> None:
    anna = server.user(CHAT)
    first, second, third = (anna.send(text) for text in ("eins", "zwei", "drei"))
    assert [u.update_id for u in await bot.get_updates()] == [first, second, third]
    assert [u.update_id for u in await bot.get_updates(limit=1)] == [first]
    # Fetching does not confirm; an offset does, and confirmed updates are gone for good.
    assert [u.update_id for u in await bot.get_updates(offset=second)] == [second, third]
    assert [u["update_id"] for u in server.pending_updates()] == [second, third]
    assert [u.update_id for u in await bot.get_updates(offset=-1)] == [third]
    assert await bot.get_updates(offset=third + 1) == ()
    await server.wait_confirmed(third)


async def test_bot_command_entities(bot: Bot, server: BotApiServer) -> None:
    anna = server.user(CHAT)
    anna.send("/start foerder-abc")
    anna.send(f"/hilfe@{server.bot_username}")
    anna.send("kein /befehl")
    updates = await bot.get_updates()
    entities = [u.message.entities for u in updates if u.message is not None]
    assert [(e[0].type, e[0].offset, e[0].length) for e in entities[:2]] == [
        ("bot_command", 0, 6),
        ("bot_command", 0, 6 + 1 + len(server.bot_username)),
    ]
    assert entities[2] == ()


async def test_long_poll_wakes_on_new_update(server: BotApiServer) -> None:
    server.max_poll_timeout = 30.0  # only the wake-up can end this poll quickly
    async with Bot(server.token, base_url=server.base_url) as patient:
        poll = asyncio.create_task(patient.get_updates(timeout=30, read_timeout=40))
        await server.wait_until(lambda: server.parked_polls == 1, what="a parked poll")
        update_id = server.user(CHAT).send("hallo")
        updates = await asyncio.wait_for(poll, 5)
    assert [u.update_id for u in updates] == [update_id]


async def test_stop_releases_parked_polls(server: BotApiServer, bot: Bot) -> None:
    server.max_poll_timeout = 30.0
    poll = asyncio.create_task(bot.get_updates(timeout=30, read_timeout=40))
    await server.wait_until(lambda: server.parked_polls == 1, what="a parked poll")
    await asyncio.wait_for(server.stop(), 5)
    assert await asyncio.wait_for(poll, 5) == ()


async def test_newer_poll_terminates_older_one_with_conflict(
    server: BotApiServer, bot: Bot
) -> None:
    server.max_poll_timeout = 30.0
    async with Bot(server.token, base_url=server.base_url) as second_instance:
        older = asyncio.create_task(bot.get_updates(timeout=30, read_timeout=40))
        await server.wait_until(lambda: server.parked_polls == 1, what="a parked poll")
        newer = asyncio.create_task(second_instance.get_updates(timeout=0))
        with pytest.raises(Conflict, match="terminated by other getUpdates"):
            await asyncio.wait_for(older, 5)
        assert await newer == ()


async def test_drop_pending_updates_is_recorded(bot: Bot, server: BotApiServer) -> None:
    server.user(CHAT).send("too early")
    await bot.delete_webhook(drop_pending_updates=True)
    assert server.pending_updates() == []
    assert [u["message"]["text"] for u in server.dropped_updates] == ["too early"]


# ---------------------------------------------------------------------- fault injection


async def test_429_raises_retry_after_and_does_nothing(
    bot: Bot, server: BotApiServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # PTB's non-deprecated retry_after type
    server.faults.add("sendMessage", "429", retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT, "x")
    assert caught.value.retry_after == dtm.timedelta(seconds=7)
    assert server.user(CHAT).messages == []
    await bot.send_message(CHAT, "y")  # the fault fired once
    assert [r.outcome for r in server.requests_for("sendMessage")] == ["fault:429", "ok"]


async def test_500_and_drop_raise_network_errors_and_do_nothing(
    bot: Bot, server: BotApiServer
) -> None:
    server.faults.add("sendMessage", "500")
    server.faults.add("sendMessage", "drop")
    with pytest.raises(NetworkError):
        await bot.send_message(CHAT, "x")
    with pytest.raises(NetworkError):  # TimedOut is a NetworkError subclass too
        await bot.send_message(CHAT, "x")
    assert server.user(CHAT).messages == []
    assert server.faults.pending == []


async def test_drop_after_accept_records_the_message_once(bot: Bot, server: BotApiServer) -> None:
    server.faults.add("sendMessage", "drop_after_accept")
    with pytest.raises(NetworkError):
        await bot.send_message(CHAT, "Ihr Antrag")
    assert [m.text for m in server.user(CHAT).messages] == ["Ihr Antrag"]
    await bot.send_message(CHAT, "Ihr Antrag")  # a naive retry duplicates it
    assert [m.text for m in server.user(CHAT).messages] == ["Ihr Antrag", "Ihr Antrag"]


@pytest.mark.parametrize(
    ("kind", "error", "message"),
    [
        ("400", BadRequest, "Refused by an injected fault"),
        ("404", InvalidToken, "Not Found"),
        ("409", Conflict, "terminated by other getUpdates request"),
        ("malformed", TelegramError, "Invalid server response"),
    ],
)
async def test_refusals_raise_what_ptb_makes_of_them_and_do_nothing(
    bot: Bot, server: BotApiServer, kind: FaultKind, error: type[TelegramError], message: str
) -> None:
    server.faults.add("sendMessage", kind)
    with pytest.raises(error, match=message):
        await bot.send_message(CHAT, "x")
    assert server.user(CHAT).messages == []
    assert [r.outcome for r in server.requests_for("sendMessage")] == [f"fault:{kind}"]


async def test_a_poll_whose_connection_closes_is_abandoned(server: BotApiServer, bot: Bot) -> None:
    server.max_poll_timeout = 3600.0
    poll = asyncio.create_task(bot.get_updates(timeout=3600, read_timeout=3600))
    await server.wait_until(lambda: server.parked_polls == 1, what="a parked poll")
    poll.cancel()  # the client gives up: its connection closes
    await server.wait_until(lambda: server.parked_polls == 0, what="the poll forgotten")
    (record,) = server.requests_for("getUpdates")
    assert record.outcome == "abandoned"
    update_id = server.user(CHAT).send("after the poll")
    assert server.handed_out[update_id] == 0  # nobody to hand it to


async def test_faults_can_target_one_chat(bot: Bot, server: BotApiServer) -> None:
    server.user(7, "Ben")
    server.faults.add("sendMessage", "500", times=2, chat_id=7)
    await bot.send_message(CHAT, "unaffected")
    with pytest.raises(NetworkError):
        await bot.send_message(7, "x")
    assert len(server.faults.pending) == 1


# ---------------------------------------------------------------------- documents, settings


async def test_document_round_trip(bot: Bot, server: BotApiServer) -> None:
    content = "projekt: Fachkräfte\n".encode()
    sent = await bot.send_document(
        CHAT,
        content,
        filename="antrag.yaml",
        caption="<b>Ihr Export</b>",
        parse_mode=ParseMode.HTML,
    )
    assert sent.document is not None and sent.caption == "Ihr Export"
    assert (sent.document.file_name, sent.document.file_size) == ("antrag.yaml", len(content))
    file = await bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == content
    again = await bot.send_document(CHAT, sent.document.file_id)
    assert (
        again.document is not None and again.document.file_unique_id == sent.document.file_unique_id
    )
    (document, _) = server.user(CHAT).documents
    assert (document.name, document.content) == ("antrag.yaml", content)


async def test_person_uploads_document_for_the_bot(bot: Bot, server: BotApiServer) -> None:
    server.user(CHAT).send_document("wissen.yaml", b"a: 1\n", caption="Bitte prüfen")
    (update,) = await bot.get_updates()
    assert update.message is not None and update.message.document is not None
    assert update.message.caption == "Bitte prüfen"
    file = await update.message.document.get_file()
    assert bytes(await file.download_as_bytearray()) == b"a: 1\n"
    assert update.message.document.mime_type == "application/x-yaml"


async def test_commands_are_stored_per_scope_and_language(bot: Bot, server: BotApiServer) -> None:
    await bot.set_my_commands([BotCommand("start", "Beginnen")])
    await bot.set_my_commands([BotCommand("start", "Start")], language_code="en")
    await bot.set_my_commands([BotCommand("admin", "Verwalten")], scope=BotCommandScopeChat(CHAT))
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    assert [c.description for c in await bot.get_my_commands(language_code="en")] == ["Start"]
    assert server.commands_for({"type": "chat", "chat_id": CHAT}) == [
        {"command": "admin", "description": "Verwalten"}
    ]
    await bot.delete_my_commands(language_code="en")
    assert await bot.get_my_commands(language_code="en") == ()
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Start!", "x")])


async def test_menu_button_chat_action_and_get_chat(bot: Bot, server: BotApiServer) -> None:
    await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert isinstance(await bot.get_chat_menu_button(), MenuButtonCommands)
    assert await bot.send_chat_action(CHAT, "typing")
    assert server.user(CHAT).chat_actions == ["typing"]
    chat = await bot.get_chat(CHAT)
    assert (chat.id, chat.type, chat.first_name) == (CHAT, "private", "Anna")
    assert await bot.close() and await bot.log_out()


# ---------------------------------------------------------------------- people helpers


async def test_reply_and_raw_updates(bot: Bot, server: BotApiServer) -> None:
    anna = server.user(CHAT)
    question = await bot.send_message(CHAT, "Wie viele Stellen?")
    anna.reply(question.message_id, "drei")
    server.inject_raw_update(
        {
            "edited_message": {
                "message_id": 99,
                "date": 0,
                "edit_date": 1,
                "chat": {"id": 5, "type": "private", "first_name": "Raw"},
                "from": {"id": 5, "is_bot": False, "first_name": "Raw"},
                "text": "korrigiert",
            }
        }
    )
    reply_update, raw_update = await bot.get_updates()
    assert reply_update.message is not None and reply_update.message.reply_to_message is not None
    assert reply_update.message.reply_to_message.text == "Wie viele Stellen?"
    assert raw_update.edited_message is not None and raw_update.edited_message.text == "korrigiert"
    await bot.send_message(5, "the raw update's chat became known")


async def test_expect_consumes_in_order_and_reports_the_transcript_on_timeout(
    bot: Bot, server: BotApiServer
) -> None:
    anna = server.user(CHAT)
    anna.send("hallo")
    await bot.send_message(CHAT, "eins", reply_markup=keyboard("Los"))
    await bot.send_message(CHAT, "zwei")
    assert [m.text for m in await anna.expect(2)] == ["eins", "zwei"]
    assert anna.last.text == "zwei"
    with pytest.raises(AssertionError) as caught:
        await anna.expect(timeout=0.05)  # the failure path: a bounded wait, then a report
    report = str(caught.value)
    assert "user: 'hallo'" in report and "bot: #2 'eins' buttons=['Los']" in report
    anna.tap("Los")  # the latest message *with* a keyboard, not the latest message


async def test_wait_for_wakes_on_bot_requests(bot: Bot, server: BotApiServer) -> None:
    anna = server.user(CHAT)

    async def later() -> None:
        await bot.send_chat_action(CHAT, "typing")
        await bot.send_message(CHAT, "fertig")

    task = asyncio.create_task(later())
    assert await anna.wait_for(lambda: anna.chat_actions or None, what="typing") == ["typing"]
    assert (await anna.expect_message()).text == "fertig"
    await task
    await anna.settle(idle=0.01)
    assert server.counts["sendMessage:ok"] == 1
