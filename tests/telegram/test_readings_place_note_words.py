"""Over the real Bot API (#12, understand12n), in German and English: a first message that
names a town with namesakes elsewhere gets the note that quotes the words that named the
place, not the message's first words."""

from __future__ import annotations

import pytest

from tests.botapi import BotApiServer
from tests.support.bot import StartBot


@pytest.mark.parametrize(
    ("user_id", "message", "note"),
    [
        (
            7983,
            "Unser Verein möchte mit einem Berufe-Bus die Dorfschulen im Landkreis rund um "
            "Nienburg besuchen, zusammen mit Betrieben.",
            "„Nienburg“ verstehe ich als Nienburg/Weser",
        ),
        (
            7984,
            "The project is a mobile careers bus that visits rural schools in the district of "
            "Nienburg with local employers on board.",
            "I take “Nienburg” to be Nienburg/Weser",
        ),
    ],
)
async def test_the_place_note_quotes_the_place_name_over_http(
    server: BotApiServer, start_bot: StartBot, user_id: int, message: str, note: str
) -> None:
    async with start_bot():
        user = server.user(user_id)
        user.send("/start")
        await user.expect(2)
        user.send(message)
        replies = " ".join(reply.text for reply in await user.expect())
        assert note in replies, replies
        # the message's first words are quoted nowhere (the idea may show them unquoted)
        assert f"„{message[:25]}" not in replies and f"“{message[:25]}" not in replies
