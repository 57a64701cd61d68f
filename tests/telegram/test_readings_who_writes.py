"""Over the real Bot API (#12, wave 6): a first message that says who writes in passing, with
partners and staff beside whom the project is for, is read without a question too many; a
question about what a question means is explained, and a title naming a language is stored."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_wave_6_readings_over_http(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot():
        user = server.user(7962)
        user.send("/start")
        await user.expect(2)
        read = await answer(
            user,
            "hallo also wir sind der caritasverband in hildesheim und wollen ab august 27 für "
            "2 jahre zusammen mit betrieben und zwei sozialpädagoginnen geflüchtete ohne "
            "schulabschluss auf die ausbildung vorbereiten, kosten so um die 170.000, "
            "eigenanteil zahlt das bistum",
        )
        assert "Pflege- oder Sozialdienst" in read.text, "who writes, said in passing"
        assert "Geflüchtete" in read.text and "Unternehmen" not in read.text
        assert "170.000 €" in read.text and "eigenanteil zahlt das bistum" in read.text
        assert "Titel" in read.text, "only the title is left to ask"
        explained = await answer(user, "Was meinen Sie mit Titel?")
        assert "Ein Arbeitstitel genügt" in explained.text
        assert "Titel" in explained.text
        stored = await answer(user, "Deutsch für die Pflege")
        assert "To continue in English" not in stored.text, "no request to switch"
        assert "Deutsch für die Pflege" in stored.text, "the title is shown back"
