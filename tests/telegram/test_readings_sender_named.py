"""Over the real Bot API (#12, wave 10, understand12r): an opening that names its sender as
people do — only the organisation's name, or a signature under a mail — is read as the kind of
organisation, so the organisation question is not asked again."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_an_opening_that_is_only_a_name(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot():
        user = server.user(7981)
        user.send("/start")
        await user.expect(2)
        read = await answer(user, "Kreishandwerkerschaft Hildesheim")
        assert "Kammer oder Verband" in read.text, "the kind, shown for correction"
        assert "Welche Art von Organisation" not in read.text
        assert "Wen soll das Projekt erreichen" in read.text, "the next question still missing"


async def test_a_signature_under_an_english_mail(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot():
        user = server.user(7982)
        user.send("/start")
        await user.expect(2)
        read = await answer(
            user,
            "Dear team,\nwe would like to set up a coaching programme for young adults under 25 "
            "in Hildesheim who dropped out of training.\nKind regards,\nAnna Weber\n"
            "Jobcenter Hildesheim",
        )
        assert "What kind of organisation" not in read.text
        assert "Employment agency or job centre" in read.text, "the kind from the signature"
