"""Over the real Bot API (#12, understand12n), in German and English: a month said of the
target group in a first message ("Jugendliche, die im September noch keinen Vertrag haben")
is not shown as the project's start; the start is asked for when its turn comes."""

from __future__ import annotations

import pytest

from tests.botapi import BotApiServer
from tests.support.bot import StartBot


@pytest.mark.parametrize(
    ("user_id", "message", "understood"),
    [
        (
            7985,
            "wir sind die stadt alfeld und möchten jugendliche, die im september noch keinen "
            "ausbildungsvertrag haben, mit betrieben aus der gegend zusammenbringen",
            "Verstanden",
        ),
        (
            7986,
            "Hi, youth centre in Rinteln here. School leavers who start an apprenticeship in "
            "September often drop out, we want to coach them in their first year.",
            "Understood",
        ),
    ],
)
async def test_a_month_said_of_the_target_group_is_no_start_over_http(
    server: BotApiServer, start_bot: StartBot, user_id: int, message: str, understood: str
) -> None:
    async with start_bot():
        user = server.user(user_id)
        user.send("/start")
        await user.expect(2)
        user.send(message)
        replies = " ".join(reply.text for reply in await user.expect())
        assert understood in replies, replies
        assert "09/2027" not in replies, replies
