"""Over the Bot API server (the issue asks for this one end to end; its variants run in process in
test_project_by_dialog.py): a staff member adds a past project by dialog, and in the same run
a sponsor with a matching idea is shown it among the similar projects (issue 17 point 1)."""

from __future__ import annotations

from tests.alliance.conftest import ADMINS, STAFF, tap, to_summary
from tests.botapi import BotApiServer, TelegramUser
from tests.support.bot import StartBot, answer

TITLE = "Pflegebrücke: Praktikum und Deutschkurs für geflüchtete Frauen"


async def _next(staff: TelegramUser) -> str:
    (shown,) = await tap(staff, "Weiter ▶")
    return shown.text


async def test_over_the_bot_api_a_project_added_by_dialog_is_found_by_a_sponsors_advice(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        sponsor = server.user(1001, "Träger")
        before = await to_summary(sponsor)
        assert TITLE not in before

        assert "Wie heißt das Projekt?" in (await answer(staff, "/projekt_neu")).text
        assert "Landkreisen" in (await answer(staff, TITLE)).text
        await tap(staff, "Landkreis Hildesheim", count=0)  # ticked in place
        assert "Zielgruppen" in await _next(staff)
        await tap(staff, "Geflüchtete", count=0)
        await tap(staff, "Frauen", count=0)
        assert "Handlungsschwerpunkten" in await _next(staff)
        await tap(staff, "III: ", count=0)
        assert "Teilziele" in await _next(staff)
        await tap(staff, "III.6 ", count=0)
        assert "Beschreiben Sie" in await _next(staff)
        description = (
            "Geflüchtete Frauen machten ein bezahltes Praktikum in Pflegeheimen und bekamen "
            "einen berufsbezogenen Deutschkurs, zusammen mit dem Jobcenter Hildesheim."
        )
        assert "Wann lief es?" in (await answer(staff, description)).text
        assert "Quelle" in (await answer(staff, "2022–2024")).text
        preview = await answer(staff, "Jahresbericht 2024 der Allianz")
        assert "Vorschau" in preview.text and f"Titel: {TITLE}" in preview.text
        (applied,) = await tap(staff, "Übernehmen")
        assert "ist jetzt live" in applied.text

        after = await to_summary(sponsor, command="/neu", title="Zweiter Entwurf")
        assert TITLE in after, after
