"""Over the real Bot API (#12, wave 8, understand12i): people given a role of doing the
project's work ("als Lernbegleiter", "as mentors") are not shown as its target group, and a
target group taken back in the same answer ("Schüler. Ach nein, eher Azubis") is replaced, in
German and English."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_roles_and_groups_taken_back_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        german = server.user(8121)
        german.send("/start")
        await german.expect(2)
        read = await answer(
            german,
            "Wir sind ein Metallbaubetrieb in Stadthagen. Unsere Ausbilder sollen als"
            " Lernbegleiter für Jugendliche ohne Ausbildungsplatz eingesetzt werden.",
        )
        assert "Schüler*innen" in read.text and "Beschäftigte" not in read.text

        english = server.user(8122)
        english.send("/start")
        await english.expect(2)
        read = await answer(
            english,
            "Hi, we're a care home in Rinteln. Our nurses would act as mentors for unemployed"
            " locals who want to become care assistants.",
        )
        assert "Unemployed people" in read.text and "Employees" not in read.text

        corrected = server.user(8123)
        corrected.send("/start")
        await corrected.expect(2)
        asked = await answer(corrected, "Wir sind ein Autohaus in Hildesheim.")
        assert "Wen soll das Projekt erreichen?" in asked.text
        read = await answer(corrected, "Schüler. Ach nein, eher Azubis.")
        assert "Zielgruppe: Auszubildende" in read.text and "Schüler" not in read.text

        again = server.user(8124)
        again.send("/start")
        await again.expect(2)
        asked = await answer(again, "Hi, we're a logistics company in Nienburg.")
        assert "Whom should the project reach?" in asked.text
        read = await answer(again, "young people - actually, I mean our apprentices.")
        assert "Apprentices" in read.text and "School pupils" not in read.text
