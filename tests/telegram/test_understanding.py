"""Over the real Bot API (#12): a question back is answered from the FAQ and the question
asked again; "nein" at an optional question is not stored; costs per year become a total only
with the duration, and it is shown; a range at the start question also sets the duration."""

from __future__ import annotations

from bot.kb.loader import load_directory
from bot.kb.shipped import shipped_knowledge_dir
from tests.botapi import BotApiServer
from tests.support.bot import IDEA, StartBot, answer


async def test_questions_non_answers_costs_per_year_and_a_range_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    own_share = next(e for e in load_directory(shipped_knowledge_dir()).faq if e.id == "own_share")
    async with start_bot() as (_, runtime):
        user = server.user(7801)
        user.send("/start")
        await user.expect(2)
        for text in ("Hameln", "Bildungsträger", "Geflüchtete", IDEA):
            await answer(user, text)
        costs_prompt = await answer(user, "nein")
        assert "übersprungen" in costs_prompt.text, "an optional question is skipped at once"
        assert "Gesamtkosten" in costs_prompt.text
        kept = await answer(user, "180.000 € jährlich")
        assert "nicht als Gesamtkosten" in kept.text
        ranged = await answer(user, "04/2027 bis 03/2029")
        assert "Laufzeit 24 Monate" in ranged.text
        assert "360.000 €" in ranged.text, "the total from 2 years of 180.000 € is shown"
        assert "Ja, 360.000 € insgesamt" in str(ranged.buttons), "the total is to be confirmed"
        assert "Wie lange soll das Projekt laufen?" not in ranged.text, "the range said it"
        assert "Eigenanteil" in ranged.text
        question = await answer(user, "Was ist denn ein Eigenanteil?")
        assert " ".join(own_share.answer.split())[:60] in " ".join(question.text.split())
        assert "Eigenanteil" in question.text
        async with runtime.database.transaction() as connection:
            rows = await connection.execute_fetchall("SELECT state FROM drafts")
        [(state,)] = list(rows)
        assert '"title":{' not in state and "Eigenanteil?" not in state
        assert '"costs":{"text":"180.000 € jährlich","value":360000}' in state
        assert '"duration":{"text":"04/2027 bis 03/2029","value":24}' in state
