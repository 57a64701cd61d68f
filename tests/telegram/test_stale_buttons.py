"""Buttons of older messages over the real Bot API: a suggestion list of the same question
replaced by another, a summary of another draft, and a keyboard sent by the bot before its
buttons carried a token. None of them may act on what is current now."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from tests.botapi import BotApiServer, BotMessage, TelegramUser
from tests.support.bot import StartBot, answer, draft_answers, type_draft

STALE = "früheren Frage"


async def to_summary(user: TelegramUser, place: str) -> BotMessage:
    summary = (await type_draft(user, *draft_answers(place, title=None), command=None))[-1]
    assert "🤝 An Allianz übergeben" in summary.button_texts(), summary.button_texts()
    return summary


def drafts(data_dir: Path) -> list[dict[str, object]]:
    with sqlite3.connect(data_dir / "foerderlotse.sqlite3") as connection:
        rows = connection.execute("SELECT state FROM drafts ORDER BY id").fetchall()
    return [json.loads(state) for (state,) in rows]


async def test_an_older_suggestion_list_of_the_same_question_picks_nothing(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    async with start_bot():
        user = server.user(5001, "Paula")
        user.send("/start")
        await user.expect(2)
        first = await answer(user, "Neustadt")
        assert "Neustadt am Rübenberge (Region Hannover)" in first.button_texts()
        second = await answer(user, "Stadt")  # another list at the same question
        assert second.button_texts()[0].startswith("Stade")

        user.tap("Neustadt am Rübenberge", first.message_id)
        await user.expect_answer()
        (reply,) = await user.expect()
        assert STALE in reply.text
        assert "Wo soll das Projekt stattfinden" in reply.text
        [state] = drafts(tmp_path)
        assert state["step"] == "region" and state["answers"] == {}, "not Stade"

        user.tap("Neustadt am Rübenberge", reply.message_id)  # the current list works
        await user.expect_answer()
        await user.expect()
        [state] = drafts(tmp_path)
        region = state["answers"]["region"]  # type: ignore[index]
        assert region["value"]["name"] == "Neustadt am Rübenberge"


async def test_the_summary_of_another_draft_hands_nothing_over(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    async with start_bot():
        user = server.user(5002, "Paul")
        user.send("/start")
        await user.expect(2)
        first_summary = await to_summary(user, "Sarstedt")
        user.send("/neu")
        await user.expect(2)
        await to_summary(user, "Rinteln")

        user.tap("An Allianz übergeben", first_summary.message_id)
        await user.expect_answer()
        replies = await user.expect()
        assert "anderen Entwurf" in replies[0].text
        assert not any("Kontaktdaten" in m.text for m in replies)
        first, second = drafts(tmp_path)
        assert first["step"] == second["step"] == "summary"
        assert second.get("handoff_kind") is None, "draft 2 is not being handed over"


async def test_a_keyboard_from_before_tokens_gets_the_friendly_stale_answer(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    async with start_bot() as (run, _):
        user = server.user(5003, "Petra")
        user.send("/start")
        await user.expect(2)
        await answer(user, "Neustadt")
        # What the previous version sent: "1|step|action", no token.
        old = await run.application.bot.send_message(
            user.chat_id,
            "Welchen Ort meinen Sie?",
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("Neustadt alt", callback_data="1|region|pick:0")]]
            ),
        )
        await user.expect()
        user.tap("Neustadt alt", old.message_id)
        await user.expect_answer()
        (reply,) = await user.expect()
        assert STALE in reply.text
        [state] = drafts(tmp_path)
        assert state["answers"] == {}
