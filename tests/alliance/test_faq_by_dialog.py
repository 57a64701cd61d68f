"""Over the Bot API server: a staff member adds an answer to a frequent question by dialog,
and in the same run a sponsor who asks it mid-dialog is answered from it (issue 17 point 1)."""

from __future__ import annotations

from tests.alliance.conftest import ADMINS, STAFF, tap
from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer

QUESTION = "Dürfen wir Honorare für Dozentinnen abrechnen?"
ANSWER = (
    "Honorare gehören zu den Kosten des Projekts; ob und in welcher Höhe sie förderfähig "
    "sind, sagt Ihnen die Koordinierungsstelle."
)


async def test_an_faq_entry_added_by_dialog_answers_a_sponsors_question(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        sponsor = server.user(1001, "Träger")

        assert "Häufige Fragen" in (await answer(staff, "/faq_bearbeiten")).text
        (asked,) = await tap(staff, "➕ Neuer Eintrag")
        assert "Fragen (deutsch)" in asked.text
        assert "Fragen (englisch)" in (await answer(staff, QUESTION)).text
        assert "Stichwörter" in (await answer(staff, "Can we pay fees for lecturers?")).text
        (asked,) = await tap(staff, "Leer lassen")
        assert "Antwort (deutsch)" in asked.text
        assert "Antwort (englisch)" in (await answer(staff, ANSWER)).text
        english = "Fees are project costs; the coordination office tells you whether they count."
        assert "Quelle" in (await answer(staff, english)).text
        assert "Art der Quelle" in (await answer(staff, "Auskunft der Koordinierungsstelle")).text
        (preview,) = await tap(staff, "ohne Quelle")
        assert "Vorschau" in preview.text and f"Fragen (deutsch): {QUESTION}" in preview.text
        (applied,) = await tap(staff, "✅ Übernehmen")
        assert "ist jetzt live" in applied.text

        sponsor.send("/start")
        welcome = await sponsor.expect(2)
        assert "Wo soll das Projekt stattfinden?" in welcome[-1].text
        sponsor.send(QUESTION)
        replies = "\n".join(m.text for m in await sponsor.expect())
        assert ANSWER in replies and "Wo soll das Projekt stattfinden?" in replies
