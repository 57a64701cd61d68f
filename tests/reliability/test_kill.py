"""kill -9 of the bot process in the middle of a dialog, then a restart on the same data.

Telegram keeps an update until a later getUpdates offset confirms it, and delivers it again
otherwise. The bot must confirm an update only once it is handled; then a crash at any moment
loses no answer, the update delivered again is recognised by its update_id (never applied
twice), and the sponsor sees at most one repeated reply.

One sponsor goes through the dialog while the process is killed four times, each at another
moment, always while the server holds one of the bot's requests (so the moment is exact and
nothing waits on the wall clock). Starting a process costs seconds, so they share one dialog.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.core.state import DialogState
from tests.botapi import BotApiServer, HeldRequest, TelegramUser
from tests.reliability.process import REPLY_TIMEOUT, STARTUP_TIMEOUT, BotProcess

ORGANISATION = "Welche Art von Organisation"
TARGET = "Wen soll das Projekt erreichen"
IDEA = "Beschreiben Sie Ihre Projektidee"
TITLE = "Hat das Projekt schon einen Titel"
COSTS = "Wie hoch sind die geplanten Gesamtkosten"
START = "Wann soll das Projekt beginnen"

IDEA_TEXT = (
    "Geflüchtete Frauen machen ein bezahltes Praktikum in Pflegeheimen und bekommen dazu einen "
    "berufsbezogenen Deutschkurs, zusammen mit dem Jobcenter."
)


def draft_of(data_dir: Path, user_id: int) -> DialogState:
    with sqlite3.connect(data_dir / "foerderlotse.sqlite3") as connection:
        rows = connection.execute(
            "SELECT state FROM drafts WHERE owner_id = ?", (user_id,)
        ).fetchall()
    assert len(rows) == 1, rows
    return DialogState.model_validate_json(rows[0][0])


def seen(user: TelegramUser, needle: str) -> int:
    """How often the sponsor received a message containing ``needle``."""
    return sum(1 for message in user.all_outputs if needle in message.text)


async def crash_and_restart(
    server: BotApiServer, bot: BotProcess, held: HeldRequest, update_id: int
) -> None:
    """The bot is in the middle of ``update_id`` (its request is held): kill -9, restart, and
    wait until Telegram handed the update out again."""
    await bot.alive(held.wait_arrived(REPLY_TIMEOUT))
    assert not server.is_confirmed(update_id), "confirmed before it was handled"
    await bot.kill()
    # while the handler was stuck, polls may have fetched the update again (and left it alone)
    before = server.handed_out[update_id]
    assert before >= 1
    held.drop()  # the connection of a dead process: the request never took effect
    await bot.start()
    await server.wait_handed_out(update_id, times=before + 1, timeout=STARTUP_TIMEOUT)


async def test_four_crashes_in_one_dialog(server: BotApiServer, bot_process: BotProcess) -> None:
    bot = bot_process
    user = server.user(4001)
    user.send("/start")  # sent while the bot is down: the start must not drop it
    await bot.start()
    await bot.alive(user.expect(2, timeout=STARTUP_TIMEOUT))
    user.send("Rinteln")
    (organisation,) = await bot.alive(user.expect(timeout=REPLY_TIMEOUT))
    assert ORGANISATION in organisation.text

    # 1. A tap is stored; the process dies while sending the next question.
    held = server.hold("sendMessage", chat_id=user.chat_id)
    tapped = user.tap("Bildungsträger")
    await bot.alive(user.expect_answer(REPLY_TIMEOUT))
    assert TARGET in str((await bot.alive(held.wait_arrived(REPLY_TIMEOUT)))["text"])
    await crash_and_restart(server, bot, held, tapped)
    (target,) = await bot.alive(user.expect(timeout=REPLY_TIMEOUT))
    assert TARGET in target.text, user.transcript
    assert seen(user, TARGET) == 1
    assert "✓ Bildungsträger" in organisation.text  # acknowledged before the crash

    # 2. A tap is fetched and the process dies answering it: nothing was stored yet. A tick
    # applied twice would untick again.
    held = server.hold("answerCallbackQuery", chat_id=user.chat_id)
    ticked = user.tap("Geflüchtete", target.message_id)
    await crash_and_restart(server, bot, held, ticked)
    await bot.alive(user.expect_answer(REPLY_TIMEOUT))
    edited = await bot.alive(user.expect_edit(target.message_id, REPLY_TIMEOUT))
    assert "✓ Geflüchtete" in edited.button_texts()
    user.tap("Fertig", target.message_id)
    await bot.alive(user.expect_answer(REPLY_TIMEOUT))
    (idea,) = await bot.alive(user.expect(timeout=REPLY_TIMEOUT))
    assert IDEA in idea.text

    # 3. A typed answer is stored; the next question is lost with the process.
    held = server.hold("sendMessage", chat_id=user.chat_id)
    typed = user.send(IDEA_TEXT)
    assert TITLE in str((await bot.alive(held.wait_arrived(REPLY_TIMEOUT)))["text"])
    await crash_and_restart(server, bot, held, typed)
    (title,) = await bot.alive(user.expect(timeout=REPLY_TIMEOUT))
    assert TITLE in title.text and seen(user, TITLE) == 1

    # 4. Telegram took the next question, the bot died before it learnt so: the one case of a
    # repeated reply.
    held = server.hold("sendMessage", chat_id=user.chat_id, accept=True)
    named = user.send("Pflegebrücke Weserbergland")
    await crash_and_restart(server, bot, held, named)
    first, repeated = await bot.alive(user.expect(2, timeout=REPLY_TIMEOUT))
    assert COSTS in first.text and COSTS in repeated.text
    assert seen(user, COSTS) == 2

    user.send("380.000 €")
    (start,) = await bot.alive(user.expect(timeout=REPLY_TIMEOUT))
    assert START in start.text
    last = len(server.requests_for("getUpdates"))
    assert await bot.stop() == 0  # SIGTERM: finish, confirm what was handled, exit
    assert len(server.requests_for("getUpdates")) > last
    assert not server.pending_updates(), "a clean stop leaves nothing to deliver again"

    state = draft_of(bot.data_dir, user.user_id)
    # every answer stored once, in order; nothing lost, nothing applied twice
    assert state.step == "start"
    assert state.history == ["region", "organisation", "target_group", "idea", "title", "costs"]
    assert "Bildungsträger" in state.answers["organisation"].text
    assert state.answers["target_group"].text.count("Geflüchtete") == 1
    assert state.answers["idea"].text == IDEA_TEXT
    assert state.answers["title"].text == "Pflegebrücke Weserbergland"
    assert not server.bot_errors
    assert not any(seen(user, needle) for needle in ("Entschuldigung", "Traceback"))
