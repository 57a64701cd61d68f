"""Over the real Bot API (#12, wave 3): what was read from a typed answer is shown with a ✏️
button that corrects it; "siehe Projektidee" before the idea asks the idea first and reads the
target groups from it; "english please" as the very first text (no /start, no draft) starts
the conversation in English."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_a_typed_title_is_shown_and_corrected_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = server.user(7901)
        user.send("/start")
        await user.expect(2)
        await answer(user, "Hameln")
        await answer(user, "Verein")
        groups = await answer(user, "siehe Projektidee")
        assert "Projektidee" in groups.text and "zuerst" in groups.text, "the idea first"
        title_prompt = await answer(
            user,
            "Wir wollen Berufsrückkehrerinnen und Ältere, die länger arbeitslos sind, als "
            "Betreuungskräfte in Kitas und Pflege qualifizieren",
        )
        assert "Berufsrückkehrende" in title_prompt.text, "the groups read from the idea"
        assert "✏️ Zielgruppe" in str(title_prompt.buttons)
        costs_prompt = await answer(user, "da sind wir noch am überlegen")
        assert "übersprungen" in costs_prompt.text, "no title stored"
        await answer(user, "/zurueck")
        shown = await answer(user, "ja, „Fahr los“")
        assert "Projekttitel Fahr los" in shown.text
        assert "✏️ Projekttitel" in str(shown.buttons)


async def test_english_please_as_the_very_first_text_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = server.user(7902)
        user.send("Good morning, could we do this in English?")
        replies = await user.expect(2)
        text = "\n".join(r.text for r in replies)
        assert "Welcome" in text and "Where will the project take place?" in text
