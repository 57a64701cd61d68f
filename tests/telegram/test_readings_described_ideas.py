"""Over the real Bot API (#12, wave 8, understand12k): a first message that describes the
project without a verb of intent (notes, "The project is …") is read as the idea, shown with
the rest of what was understood, and the idea is not asked for; a first message that only says
who writes leaves the idea to its question, in German and English."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_a_described_project_is_the_idea_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        german = server.user(8131)
        german.send("/start")
        await german.expect(2)
        read = await answer(
            german,
            "Mentoringprogramm für Azubis im Handwerk, Landkreis Hameln-Pyrmont, 2 Jahre,"
            " 150.000 €",
        )
        assert "Projektidee Mentoringprogramm für Azubis im Handwerk" in read.text
        asked = await answer(german, "Kreishandwerkerschaft")
        assert "Beschreiben Sie Ihre Projektidee" not in asked.text

        english = server.user(8132)
        english.send("/start")
        await english.expect(2)
        read = await answer(
            english,
            "The project is a mobile careers bus that visits rural schools in the district of"
            " Nienburg with local employers on board.",
        )
        assert "Project idea The project is a mobile careers bus" in read.text

        who = server.user(8133)
        who.send("/start")
        await who.expect(2)
        read = await answer(who, "Hello, Maria Schulz here, from Nienburg.")
        assert "Project idea" not in read.text
