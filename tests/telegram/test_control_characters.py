"""Over the real Bot API: text is cleaned where every transport comes in, so a Telegram message
of control characters is asked again, never stored, and a command behind a direction mark
(right-to-left keyboards put one there) still works."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot


async def test_control_characters_are_asked_again_and_a_marked_command_works(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot() as (_, runtime):
        user = server.user(7700)
        user.send("/start")
        await user.expect(2)
        user.send("\x00\x01\u202e")
        (again,) = await user.expect()
        assert "Bitte nennen Sie den Ort oder Landkreis" in again.text
        assert "Wo soll das Projekt stattfinden?" in again.text
        user.send("Sar\u200bstedt\x07")
        (organisation,) = await user.expect()
        assert "Welche Art von Organisation" in organisation.text
        user.send("\u200e/zurueck")
        (back,) = await user.expect()
        assert "Wo soll das Projekt stattfinden?" in back.text
        async with runtime.database.transaction() as connection:
            rows = await connection.execute_fetchall("SELECT state FROM drafts")
        [(state,)] = list(rows)
        assert '"region":{"text":"Sarstedt"' in state
        assert "\\u0000" not in state and "\\u200b" not in state
