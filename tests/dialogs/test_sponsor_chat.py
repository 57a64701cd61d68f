"""A sponsor in chat, in process (`tests/support/chats.py`): going back, editing an answer
from the summary and switching language mid-dialog, as typed and tapped. Over the Bot API
server (tests/telegram/test_sponsor_chat.py) stay what Telegram itself shows: keyboards
edited in place, double taps, two sponsors at once, a restart of the bot."""

from __future__ import annotations

from pathlib import Path

from tests.support.chats import Chats
from tests.support.steps import Person


async def test_back_edit_from_summary_and_language_switch(tmp_path: Path) -> None:
    async with Chats(tmp_path, Person("ben", 1002, "Ben", "en")) as chats:

        async def answer(text: str) -> str:
            return (await chats.send("ben", text)).text

        assert "Where will the project take place" in await answer("/start")
        await answer("Rinteln")
        back = await answer("/zurueck")
        assert "Where will the project take place" in back and "Rinteln" in back
        await answer("Hameln")
        await answer("/ueberspringen")
        await answer("pupils and apprentices")
        german = await answer("/sprache")
        assert "Beschreiben Sie Ihre Projektidee" in german
        await answer(
            "Schülerinnen und Schüler lernen in Werkstätten Berufe im Maschinenbau kennen und "
            "machen Praktika in Betrieben der Region."
        )
        await answer("/ueberspringen")
        await answer("300k")
        await answer("03/2027")
        await answer("18 Monate")
        summary = await answer("/ueberspringen")
        assert "Vorprüfung: ✅ bestanden" in summary

        await chats.tap("ben", "Angabe ändern")  # the menu of answers
        costs = await chats.tap("ben", "Gesamtkosten")
        assert "300k" in costs.text  # the current answer is shown
        question = await chats.send("ben", "800.000 €")
        assert "höheren Fördersumme" in question.text and "Weiß nicht" in question.labels
        # #15 point 7: the excess does not raise the grant, so no justification is asked for.
        summary = (await chats.tap("ben", "Nein")).text
        assert "keine gesonderte Begründung nötig" in summary
        assert "Vorprüfung: ✅ bestanden" in summary
