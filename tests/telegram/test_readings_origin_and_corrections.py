"""Over the real Bot API (#12, wave 7): a country people come from beside the place costs no
question, a correction sent at the title question is not stored as the title, and a dash there
skips it."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_wave_7_readings_over_http(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot():
        user = server.user(7971)
        user.send("/start")
        await user.expect(2)
        read = await answer(
            user,
            "Hallo, wir sind ein Verpackungsbetrieb bei Nienburg und wollen für unsere Kollegen"
            " aus Polen Deutschkurse am Arbeitsplatz anbieten.",
        )
        assert "Nienburg" in read.text and "Polen (Polen)" not in read.text
        assert "Titel" in read.text, "only the title is left to ask before the costs"
        corrected = await answer(user, "Korrektur: nicht aus Polen, sondern aus Rumänien")
        assert "Korrektur einer früheren Angabe" in corrected.text
        skipped = await answer(user, "–")
        assert "Gesamtkosten" in skipped.text
