"""Over the real Bot API (#12 point 5): a sponsor who answers in terse English ("company",
"refugees") is switched to English at the second such answer, told so, with one tap back to
German."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_terse_english_answers_switch_to_english_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot() as (_, runtime):
        user = server.user(7991)
        user.send("/start")
        await user.expect(2)
        await answer(user, "hildesheim")
        german = await answer(user, "company")
        assert "Wen soll das Projekt erreichen?" in german.text, "one answer: still German"

        switched = await answer(user, "refugees")
        assert "You are writing in English" in switched.text
        labels = [button.text for row in switched.buttons for button in row]
        assert any("Deutsch" in label for label in labels), labels

        async with runtime.database.transaction() as connection:
            rows = await connection.execute_fetchall("SELECT state FROM drafts")
        [(state,)] = list(rows)
        assert '"language":"en"' in state and '"target_group"' in state
