"""Over the real Bot API (#12, wave 8, understand12m): a short answer to the idea question
after a first message that said for whom and what is wrong is taken together with that
message, and the sponsor is told so, instead of being asked to say more; in German and
English."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_a_short_idea_is_read_with_the_opening_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        german = server.user(8141)
        german.send("/start")
        await german.expect(2)
        asked = await answer(
            german,
            "Guten Tag, Bäckerei in Holzminden. Unsere Auszubildenden im Verkauf brechen oft"
            " schon im ersten Jahr ab, weil im Laden niemand Zeit für sie hat.",
        )
        assert "Beschreiben Sie Ihre Projektidee" in asked.text
        taken = await answer(german, "Paten aus dem Team")
        assert "Zusammen mit Ihrer ersten Nachricht habe ich das als Projektidee" in taken.text
        assert "Hat das Projekt schon einen Titel?" in taken.text
        assert "etwas knapp" not in taken.text

        english = server.user(8142)
        english.send("/start")
        await english.expect(2)
        asked = await answer(
            english,
            "Hi, care home in Springe. Our trainee nurses often quit in their first year because"
            " nobody on the ward has time to guide them.",
        )
        assert "Describe your project idea" in asked.text
        taken = await answer(english, "a mentor for every trainee")
        assert "Together with your first message, I have taken this as the project idea" in (
            taken.text
        )
        assert "Does the project have a title yet?" in taken.text
        assert "a little short" not in taken.text
