"""kill -9 right after the consent's commit, before the sponsor's confirmation went out: after
the restart the sponsor is told that the draft was handed over, the alliance is notified once,
and consenting again hands nothing over a second time."""

from __future__ import annotations

import sqlite3

from tests.botapi import BotApiServer, TelegramUser
from tests.reliability.process import REPLY_TIMEOUT, STARTUP_TIMEOUT, BotProcess
from tests.reliability.test_kill import IDEA_TEXT, crash_and_restart
from tests.support.bot import STAND

STAFF = 900
"""The coordination office: no contact is registered, so the office gets the notification."""
HANDED_OVER = "📨 Übergeben an die Fachkräfte für die Region Hildesheim"


async def say(bot: BotProcess, user: TelegramUser, text: str) -> str:
    user.send(text)
    return "\n".join(m.text for m in await bot.alive(user.expect(timeout=REPLY_TIMEOUT)))


async def press(bot: BotProcess, user: TelegramUser, label: str) -> str:
    user.tap(label)
    await bot.alive(user.expect_answer(REPLY_TIMEOUT))
    return "\n".join(m.text for m in await bot.alive(user.expect(timeout=REPLY_TIMEOUT)))


async def until(bot: BotProcess, user: TelegramUser, text: str) -> str:
    """All the user got until a message with `text` arrived (after a restart: slow)."""

    def arrived() -> str | None:
        got = "\n".join(m.text for m in user.new_messages)
        return got if text in got else None

    got = await bot.alive(user.wait_for(arrived, REPLY_TIMEOUT, text))
    user.mark()
    return got


def notifications(staff: TelegramUser) -> int:
    return sum("Übergabe Nr." in m.text for m in staff.all_outputs)


async def test_killed_after_the_consent_was_stored(
    server: BotApiServer, bot_process: BotProcess
) -> None:
    bot = bot_process
    bot.settings["BOT_ADMIN_IDS"] = str(STAFF)
    staff, sponsor = server.user(STAFF, "Koordination"), server.user(4201, "Träger")
    await bot.start()
    sponsor.send("/start")
    await bot.alive(sponsor.expect(2, timeout=STARTUP_TIMEOUT))
    for text in (
        "Sarstedt",
        "Bildungsträger",
        "Geflüchtete Frauen",
        IDEA_TEXT,
        "Pflegebrücke Hildesheim",
        "380.000 €",
        "01/2027",
        "2 Jahre",
    ):
        await say(bot, sponsor, text)
    sponsor.send("/ueberspringen")
    # a long summary comes in several messages: its buttons are under the last one
    assert "Zusammenfassung" in await until(bot, sponsor, STAND[0])
    await press(bot, sponsor, "An Allianz übergeben")
    await say(bot, sponsor, "Bildungswerk Sarstedt e. V.")
    await say(bot, sponsor, "Projektleitung Pflege")
    preview = await say(bot, sponsor, "pflege@bildungswerk.example")
    assert "stimmen Sie zu" in preview

    # The handoff is committed; the process dies while the confirmation is on its way.
    held = server.hold("sendMessage", chat_id=sponsor.chat_id)
    consent = sponsor.tap("Einverstanden")
    confirmation = str((await bot.alive(held.wait_arrived(REPLY_TIMEOUT)))["text"])
    assert "Ihr Entwurf geht" in confirmation and "✅" not in confirmation
    await crash_and_restart(server, bot, held, consent)

    # The update comes again: the sponsor learns what it did, and where things stand.
    told = await until(bot, sponsor, HANDED_OVER)
    if STAND[0] not in told:  # the rest of the summary, with its buttons
        told += await until(bot, sponsor, STAND[0])
    assert "📨 Ihr Entwurf für die Fachkräfte für die Region Hildesheim ist gespeichert." in told
    assert "(Übergabe Nr. 1)" in told
    await bot.alive(staff.wait_for(lambda: notifications(staff) or None, REPLY_TIMEOUT))

    # Handing over again sends nothing, and says why.
    again = await press(bot, sponsor, "An Allianz übergeben")
    assert "Dieser Entwurf ist bereits übergeben" in again and "Übergabe Nr. 1" in again
    assert await bot.stop() == 0
    assert notifications(staff) == 1, staff.transcript
    with sqlite3.connect(bot.data_dir / "foerderlotse.sqlite3") as connection:
        assert connection.execute("SELECT COUNT(*) FROM handoffs").fetchone() == (1,)
    assert not any("Entschuldigung" in m.text for m in sponsor.all_outputs), sponsor.transcript
