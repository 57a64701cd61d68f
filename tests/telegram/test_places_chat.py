"""Places as sponsors type them, over the Bot API server: a town of the region taken over a
small namesake far away (with the note and the way back), a registration code, an Ortsteil of
two districts asked back, and a place abroad answered politely."""

from __future__ import annotations

from tests.botapi import BotApiServer, BotMessage, TelegramUser
from tests.support.bot import StartBot, answer


async def started(user: TelegramUser) -> None:
    user.send("/start")
    await user.expect(2)


async def tap(user: TelegramUser, label: str) -> BotMessage:
    user.tap(label)
    await user.expect_answer()
    return (await user.expect())[-1]


async def test_nienburg_is_taken_with_a_note_and_corrected_with_back(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        nina = server.user(3001, "Nina")
        await started(nina)
        organisation = await answer(nina, "Nienburg")
        assert "„Nienburg“ verstehe ich als Nienburg/Weser" in organisation.text
        assert "nicht als Nienburg (Saale)" in organisation.text
        assert "/zurueck" in organisation.text
        assert "Fachkräfte-Initiative Weserbergland+" in organisation.text
        assert "Welche Art von Organisation" in organisation.text
        assert "⬅️ Zurück" in organisation.button_texts()

        again = await tap(nina, "⬅️ Zurück")
        assert "Wo soll das Projekt stattfinden" in again.text
        elsewhere = await answer(nina, "Nienburg (Saale)")
        assert "Nienburg (Saale) liegt außerhalb Niedersachsens" in elsewhere.text
        assert "Bündnisse des Landes Niedersachsen" in elsewhere.text


async def test_the_namesake_note_in_english(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot():
        alex = server.user(3002, "Alex", language_code="en")
        await started(alex)
        organisation = await answer(alex, "Burgdorf")
        assert "I take “Burgdorf” to be Burgdorf (Region Hannover)" in organisation.text
        assert "Burgdorf (Landkreis Wolfenbüttel)" in organisation.text
        assert "/back" in organisation.text


async def test_landkreis_ni_is_nienburg_and_an_ortsteil_of_two_districts_is_asked_back(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        olaf = server.user(3003, "Olaf")
        await started(olaf)
        asked = await answer(olaf, "Osterwald")
        assert "„Osterwald“ gibt es mehrfach" in asked.text
        choices = asked.button_texts()
        assert "Osterwald (Garbsen, Region Hannover)" in choices
        assert "Osterwald (Salzhemmendorf, Landkreis Hameln-Pyrmont)" in choices
        organisation = await tap(olaf, "Osterwald (Salzhemmendorf, Landkreis Hameln-Pyrmont)")
        assert "Fachkräfte-Initiative Weserbergland+" in organisation.text

        back = await answer(olaf, "/zurueck")
        assert "Wo soll das Projekt stattfinden" in back.text
        organisation = await answer(olaf, "Landkreis NI")
        assert "„Landkreis NI“ verstanden als Landkreis Nienburg/Weser" in organisation.text


async def test_vienna_gets_the_polite_answer(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot():
        wilma = server.user(3004, "Wilma")
        await started(wilma)
        reply = await answer(wilma, "Wien")
        assert "kenne ich nicht" not in reply.text
        assert "Wien liegt nicht in Deutschland" in reply.text
        assert "Programm der regionalen Fachkräftebündnisse des Landes Niedersachsen" in reply.text
        assert "Welche Art von Organisation" in reply.text

        zoe = server.user(3005, "Zoe", language_code="en")
        await started(zoe)
        reply = await answer(zoe, "Zurich")
        assert "Zürich is not in Germany" in reply.text
        assert "Lower Saxony" in reply.text
