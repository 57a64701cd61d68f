"""Over the real Bot API (#12 point 1), in German and English: an answer at the title question
that says only whom the project is for is taken as the target groups and shown, and the title
is asked again — not stored as the title."""

from __future__ import annotations

import pytest

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


@pytest.mark.parametrize(
    ("user_id", "place", "groups", "idea", "for_whom", "shown", "again", "no", "next_question"),
    [
        (
            7971,
            "Hameln",
            "Langzeitarbeitslose",
            "Sprachkurs mit Kinderbetreuung und Jobcoaching",
            "das ist für junge Geflüchtete gedacht",
            "Geflüchtete",
            "nicht als seinen Titel",
            "nein",
            "Gesamtkosten",
        ),
        (
            7972,
            "Hi, english please. The project will be in Hameln.",
            "long-term unemployed people",
            "language course with childcare and job coaching",
            "it's for young refugees really",
            "Refugees",
            "not as its title",
            "no",
            "total costs",
        ),
    ],
)
async def test_whom_it_is_for_at_the_title_question_over_http(
    server: BotApiServer,
    start_bot: StartBot,
    user_id: int,
    place: str,
    groups: str,
    idea: str,
    for_whom: str,
    shown: str,
    again: str,
    no: str,
    next_question: str,
) -> None:
    async with start_bot():
        user = server.user(user_id)
        user.send("/start")
        await user.expect(2)
        await answer(user, place)
        await answer(user, "Verein" if user_id == 7971 else "charity")
        await answer(user, groups)
        await answer(user, idea)
        reply = await answer(user, for_whom)
        assert again in reply.text, reply.text
        assert shown in reply.text, reply.text
        after = await answer(user, no)
        assert next_question in after.text, after.text
