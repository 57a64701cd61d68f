"""Over the real Bot API (#12, wave 4): "alle eigentlich" at the target-group question and a
description at the title question are asked back; a start without a month gets the realistic
months as buttons, and a second answer without one moves on with a provisional start shown
with its ✏️ button."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_everyone_a_description_and_an_unknown_start_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = server.user(7951)
        user.send("/start")
        await user.expect(2)
        await answer(user, "Hameln")
        await answer(user, "Verein")
        everyone = await answer(user, "alle eigentlich")
        assert "zu breit" in everyone.text, "everyone is no target group"
        await answer(user, "Azubis im Handwerk")
        title_prompt = await answer(
            user, "Lernpaten und ein Azubi-Treff, damit weniger Azubis im Handwerk abbrechen"
        )
        assert "Titel" in title_prompt.text
        described = await answer(user, "wir wollen halt azubis in der ausbildung halten")
        assert "Beschreibung" in described.text, "a description is no title"
        await answer(user, "nein")
        await answer(user, "80.000")
        months = await answer(user, "nach der Bewilligung")
        assert "Weiß ich noch nicht" in str(months.buttons)
        assert "frühestmöglich" in str(months.buttons)
        moved_on = await answer(user, "nach der Bewilligung")
        assert "vorläufig" in moved_on.text and "Wie lange" in moved_on.text
        assert "✏️ Start" in str(moved_on.buttons)
