"""Over the real Bot API (#12, wave 5): a group in the organisation's name is not taken as the
target group, a negated group is none, a short idea for a known group is enough, and the
project's facts typed at the title question are taken, not stored as its title."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_wave_5_readings_over_http(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot():
        user = server.user(7952)
        user.send("/start")
        await user.expect(2)
        await answer(user, "Hameln")
        asked = await answer(user, "Senioren-Netzwerk")
        assert "Wen soll das Projekt erreichen" in asked.text, "the name names no target group"
        groups = await answer(user, "Pflegekräfte, die schon länger dabei sind, nicht an Azubis")
        assert "Beschäftigte" in groups.text and "Auszubildende" not in groups.text
        title_prompt = await answer(user, "Sprachkurs mit Kinderbetreuung und Jobcoaching")
        assert "Titel" in title_prompt.text, "a short idea for a known group is enough"
        facts = await answer(user, "Geplant ab Februar 2027, 24 Monate, ca. 160.000 € insgesamt.")
        assert "nicht als seinen Titel" in facts.text
        assert "160.000 €" in facts.text and "✏️" in str(facts.buttons)
        after = await answer(user, "nein")
        assert "Eigenanteil" in after.text, "costs, start and duration are not asked again"
