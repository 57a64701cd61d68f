"""Over the real Bot API (#12): a sponsor who answers in English in a German dialog is
answered in English at once (no question first), told so, and gets one tap back to German;
tapped, the dialog goes on in German at the same question."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_an_english_answer_switches_with_a_tap_back_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot() as (_, runtime):
        user = server.user(7961)
        user.send("/start")
        await user.expect(2)
        await answer(user, "Nienburg")
        await answer(user, "Verein")
        switched = await answer(user, "people who moved here from abroad")
        assert "You are writing in English" in switched.text
        assert "Describe your project idea" in switched.text, "the next question, in English"
        labels = [button.text for row in switched.buttons for button in row]
        assert "🇩🇪 Auf Deutsch weiter" in labels, labels

        user.tap("🇩🇪 Auf Deutsch weiter")
        await user.expect_answer()
        (german,) = await user.expect()
        assert "Sprache: Deutsch." in german.text and "Projektidee" in german.text

        async with runtime.database.transaction() as connection:
            rows = await connection.execute_fetchall("SELECT state FROM drafts")
        [(state,)] = list(rows)
        assert '"language":"de"' in state and '"language_chosen":true' in state
        assert "zugewanderte" in state, "the English answer was kept"
