"""Over the real Bot API (#12 point 3, wave 8, understand12j), in German and English: a
question asked with the answer is answered while the answer is taken; a question without a
question mark and a bare "why" are answered from the FAQ and the open question asked again;
none of them is stored."""

from __future__ import annotations

from bot.kb.loader import load_directory
from bot.kb.models import FaqEntry
from bot.kb.shipped import shipped_knowledge_dir
from tests.botapi import BotApiServer
from tests.support.bot import IDEA, StartBot, answer


def _entry(topic: str) -> FaqEntry:
    return next(e for e in load_directory(shipped_knowledge_dir()).faq if e.id == topic)


def _quotes(text: str, answer: str) -> bool:
    return " ".join(answer.split())[:60] in " ".join(text.split())


async def test_questions_asked_as_people_ask_them_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot() as (_, runtime):
        user = server.user(8801)
        user.send("/start")
        await user.expect(2)
        placed = await answer(user, "Bückeburg – gehört das überhaupt zu euch?")
        assert _quotes(placed.text, _entry("region").answer), "the question is answered"
        assert "Schaumburg" in placed.text, "and the place taken"
        assert "Organisation" in placed.text, "the next question"
        for text in ("Verein", "Geflüchtete", IDEA, "nein"):
            await answer(user, text)
        why = await answer(user, "wozu brauchen Sie das")
        assert _quotes(why.text, _entry("total_costs").answer)
        assert "Gesamtkosten" in why.text.split("Zurück zu meiner Frage:")[-1], "asked again"
        await answer(user, "120.000")
        asked = await answer(user, "mich würde interessieren, wer am Ende entscheidet")
        assert _quotes(asked.text, _entry("who_decides").answer)
        assert "Wann soll das Projekt beginnen?" in asked.text, "the start asked again"
        async with runtime.database.transaction() as connection:
            rows = await connection.execute_fetchall("SELECT state FROM drafts")
        [(state,)] = list(rows)
        assert '"region":{"text":"Bückeburg"' in state, "the question is not stored"
        assert "wozu" not in state and "interessieren" not in state
        assert '"start":{' not in state


async def test_questions_asked_as_people_ask_them_in_english_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot() as (_, runtime):
        user = server.user(8802)
        user.send("/start")
        await user.expect(2)
        await answer(user, "Hi, english please. We're a training provider in Hanover.")
        await answer(user, "refugees")
        await answer(
            user, "job-related German courses with internships for refugees in local firms"
        )
        await answer(user, "no")
        costs = await answer(user, "about 200k, does that include staff costs?")
        assert _quotes(costs.text, _entry("total_costs").answer_en), "the question is answered"
        assert "200,000" in costs.text, "and the costs taken"
        assert "When should the project start?" in costs.text, "the next question"
        why = await answer(user, "why do you need that?")
        assert _quotes(why.text, _entry("start_before_approval").answer_en)
        asked = await answer(user, "I'd like to know who makes the final decision on this")
        assert _quotes(asked.text, _entry("who_decides").answer_en)
        assert "When should the project start?" in asked.text, "the start asked again"
        async with runtime.database.transaction() as connection:
            rows = await connection.execute_fetchall("SELECT state FROM drafts")
        [(state,)] = list(rows)
        assert '"costs":{"text":"about 200k","value":200000}' in state
        assert "staff costs" not in state and "final decision" not in state
        assert '"start":{' not in state
