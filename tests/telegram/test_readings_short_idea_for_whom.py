"""Over the real Bot API (#12, understand12p): a short answer to the idea question that says
what is done for whom ("Lotsen für Geflüchtete", "buddies for refugees") is taken, not asked
about once more; in German and English."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer

FLOWS = {
    "de": (
        8151,
        ["Moin, wir sind die Diakonie in Rinteln", "Diakonie", "Geflüchtete"],
        "Beschreiben Sie Ihre Projektidee",
        "Lotsen für Geflüchtete",
        "Hat das Projekt schon einen Titel?",
        "etwas knapp",
    ),
    "en": (
        8152,
        ["Hi, we are a charity in Rinteln", "charity", "refugees"],
        "Describe your project idea",
        "buddies for refugees",
        "Does the project have a title yet?",
        "a little short",
    ),
}


async def test_a_short_idea_that_says_what_for_whom_is_taken_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        for user_id, before, prompt, idea, title, thin in FLOWS.values():
            user = server.user(user_id)
            user.send("/start")
            await user.expect(2)
            asked = await answer(user, before[0])
            for text in before[1:]:
                if prompt in asked.text:
                    break
                asked = await answer(user, text)
            assert prompt in asked.text
            taken = await answer(user, idea)
            assert title in taken.text
            assert thin not in taken.text
