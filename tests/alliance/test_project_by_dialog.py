"""A staff member adds a past project by dialog, and in the same run a sponsor with a matching
idea is shown it among the similar projects (issue 17 point 1). In process
(`tests/support/chats.py`), on the live knowledge store of the runtime."""

from __future__ import annotations

from pathlib import Path

from tests.support.chats import Chats
from tests.support.scripts import SPONSOR, STAFF

TITLE = "Pflegebrücke: Praktikum und Deutschkurs für geflüchtete Frauen"


async def test_a_project_added_by_dialog_is_found_by_a_sponsors_advice(tmp_path: Path) -> None:
    async with Chats(tmp_path, SPONSOR, STAFF) as chats:

        async def next_page() -> str:
            return (await chats.tap("staff", "Weiter ▶")).text

        async def staff(text: str) -> str:
            return (await chats.send("staff", text)).text

        before = (await chats.draft()).text
        assert TITLE not in before

        assert "Wie heißt das Projekt?" in await staff("/projekt_neu")
        assert "Landkreisen" in await staff(TITLE)
        await chats.tap("staff", "Landkreis Hildesheim")
        assert "Zielgruppen" in await next_page()
        await chats.tap("staff", "Geflüchtete")
        await chats.tap("staff", "Frauen")
        assert "Handlungsschwerpunkten" in await next_page()
        await chats.tap("staff", "III: ")
        assert "Teilziele" in await next_page()
        await chats.tap("staff", "III.6 ")
        assert "Beschreiben Sie" in await next_page()
        description = (
            "Geflüchtete Frauen machten ein bezahltes Praktikum in Pflegeheimen und bekamen "
            "einen berufsbezogenen Deutschkurs, zusammen mit dem Jobcenter Hildesheim."
        )
        assert "Wann lief es?" in await staff(description)
        assert "Quelle" in await staff("2022–2024")
        preview = await staff("Jahresbericht 2024 der Allianz")
        assert "Vorschau" in preview and f"Titel: {TITLE}" in preview
        applied = await chats.tap("staff", "Übernehmen")
        assert "ist jetzt live" in applied.text

        after = (await chats.draft(command="/neu", title="Zweiter Entwurf")).text
        assert TITLE in after, after
