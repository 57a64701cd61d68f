"""Over the real Bot API (#12): a first message that says everything fills every answer it
carries, says so in one message with a button per answer, and the bot asks only what is
missing; a tapped button corrects one answer and the dialog goes on where it was."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer

EVERYTHING = (
    "Wir sind ein Jugendhilfeträger aus Hameln und wollen ab Herbst 2027 zwei Jahre lang junge "
    "Leute ohne Ausbildungsplatz in Betriebe vermitteln, Kosten rund 240.000 €"
)


async def test_several_answers_from_one_message_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot() as (_, runtime):
        user = server.user(7901)
        user.send("/start")
        await user.expect(2)
        reply = await answer(user, EVERYTHING)
        assert reply.text.count("Verstanden:") == 1
        for said in ("Hameln", "240.000 €", "09/2027", "24 Monate"):
            assert said in reply.text, said
        labels = [button.text for row in reply.buttons for button in row]
        assert any("Gesamtkosten" in label for label in labels), labels
        assert "Titel" in reply.text, "the next question still open is asked"
        assert "Wie hoch sind" not in reply.text

        user.tap("✏️ Gesamtkosten")
        await user.expect_answer()
        (costs,) = await user.expect()
        assert "Gesamtkosten" in costs.text and "240.000" in costs.text
        title = await answer(user, "250.000 €")
        assert "Titel" in title.text, "back to the question that was open"

        async with runtime.database.transaction() as connection:
            rows = await connection.execute_fetchall("SELECT state FROM drafts")
        [(state,)] = list(rows)
        assert '"value":250000' in state and '"duration":{' in state and '"start":{' in state
