"""Over the real Bot API (#12 point 1), in German and English: the project's costs and duration
typed at the organisation question are taken and shown, and the organisation is asked again —
not stored as an organisation of the kind "other"."""

from __future__ import annotations

import pytest

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


@pytest.mark.parametrize(
    ("user_id", "place", "facts", "shown", "again"),
    [
        (
            7961,
            "Hameln",
            "Kosten wären so 45.000, Laufzeit ein Jahr",
            ("45.000 €", "12 Monate"),
            "nicht als Art Ihrer Organisation",
        ),
        (
            7962,
            "Hi, english please. The project will be in Hameln.",
            "costs would be around 60000, duration two years",
            ("60,000", "24 months"),
            "not as the kind of your organisation",
        ),
    ],
)
async def test_facts_at_the_organisation_question_over_http(
    server: BotApiServer,
    start_bot: StartBot,
    user_id: int,
    place: str,
    facts: str,
    shown: tuple[str, str],
    again: str,
) -> None:
    async with start_bot():
        user = server.user(user_id)
        user.send("/start")
        await user.expect(2)
        await answer(user, place)
        reply = await answer(user, facts)
        assert again in reply.text
        assert all(words in reply.text for words in shown), reply.text
        after = await answer(user, "Kreishandwerkerschaft")
        assert "Kosten" not in after.text and "costs" not in after.text, "not asked again"
