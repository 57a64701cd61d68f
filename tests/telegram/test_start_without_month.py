"""Over the real Bot API (#12): a year alone at the start question gets that year's months as
buttons; the same year once more moves on with a provisional month in it, shown with its ✏️
button — the start question is never asked a third time."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_a_year_alone_twice_moves_on_with_a_provisional_month_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = server.user(7953)
        user.send("/start")
        await user.expect(2)
        await answer(user, "Nienburg")
        await answer(user, "Bildungsträger")
        await answer(user, "Langzeitarbeitslose")
        title = await answer(
            user,
            "Wir qualifizieren Langzeitarbeitslose zu Lagerhelfern, mit Staplerschein, "
            "Bewerbungstraining und Praktikum in Betrieben im Landkreis",
        )
        assert "Titel" in title.text
        await answer(user, "nein")
        await answer(user, "120000")
        months = await answer(user, "2027")
        assert "in welchem Monat" in months.text
        assert "Weiß ich noch nicht" in str(months.buttons)
        assert "/2027" in str(months.buttons)
        moved_on = await answer(user, "2027")
        assert "vorläufig" in moved_on.text and "Wie lange" in moved_on.text
        assert "✏️ Start" in str(moved_on.buttons)
