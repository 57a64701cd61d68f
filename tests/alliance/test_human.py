"""A person at any step (issue 15, point 3): /mensch from the very first message, without a
place (the coordination office), mid-dialog (the local alliance, "here in the chat"), and
with nobody in the bot to receive it. In process (`tests/support/chats.py`): the requests go
through the real outbox worker, whose delivery reports the sponsor reads."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.chats import Chats
from tests.support.scripts import CONTACT, HILDESHEIM, SPONSOR, STAFF

OFFICE = "Amt für regionale Landesentwicklung Leine-Weser"


async def test_mensch_before_the_first_answer_reaches_the_office(tmp_path: Path) -> None:
    async with Chats(tmp_path, SPONSOR, STAFF) as chats:
        # the very first message: no draft, no place
        prompt = await chats.send("sponsor", "/mensch")
        assert f"die Koordinierungsstelle ({OFFICE})" in prompt.text
        assert "Telefonnummer oder E-Mail-Adresse" in prompt.text
        assert prompt.labels == ["Abbrechen"]  # no chat: nobody could answer there
        again = await chats.send("sponsor", "ruf mich bitte an")
        assert "keine Telefonnummer oder E-Mail-Adresse" in again.text
        told = await chats.send("sponsor", "05121 123456")
        (answer, report) = told.messages
        assert f"geht an die Koordinierungsstelle ({OFFICE})" in answer.text
        assert "✅" not in answer.text and "Person" not in answer.text
        (notified,) = told.of("staff").messages
        assert "Bitte um persönlichen Kontakt" in notified.text
        assert "Erreichbar: 05121 123456" in notified.text
        assert "Zugestellt" in report.text
        assert "Ihre Bitte um persönlichen Kontakt" in report.text
        assert "hat 1 Person erreicht" in report.text


async def test_mensch_with_nobody_in_the_bot_gives_the_public_addresses(tmp_path: Path) -> None:
    async with Chats(tmp_path, SPONSOR) as chats:
        await chats.send("sponsor", "/human")
        told = await chats.send("sponsor", "info@verein.example")
        assert "niemand von der Koordinierungsstelle registriert" in told.text
        assert "Bitte wenden Sie sich direkt an:" in told.text and OFFICE in told.text
        assert "✅" not in told.text


async def test_mensch_mid_dialog_goes_to_the_alliance_and_answers_come_here(
    tmp_path: Path,
) -> None:
    async with Chats(tmp_path, SPONSOR, CONTACT, STAFF) as chats:
        await chats.register(HILDESHEIM, "contact")
        await chats.send("sponsor", "/start")
        await chats.send("sponsor", "Sarstedt")
        # the sponsor's help lists it
        listed = await chats.send("sponsor", "/hilfe")
        assert "/mensch – mit einem Menschen sprechen" in listed.text
        prompt = await chats.send("sponsor", "/mensch")
        assert f"die {HILDESHEIM}" in prompt.text
        told = await chats.tap("sponsor", "Hier im Chat")
        assert f"geht an die registrierten Ansprechpersonen der {HILDESHEIM}" in told.text
        assert "Welche Art von Organisation" in told.text  # and the dialog goes on where it was
        (notified,) = told.of("contact").messages
        assert "Erreichbar: hier im Chat" in notified.text
        assert notified.buttons == (("✅ Übernehmen", "💬 Rückfrage"),)
        assert not told.of("staff").mine  # the alliance has a contact: the office is not bothered
        assert "hat 1 Person erreicht" in told.messages[-1].text
        assert "Zugestellt" in told.messages[-1].text
        # the contact answers right on the notification: it reaches the sponsor here
        answered = await chats.reply(
            "contact", "Bitte um persönlichen Kontakt", "Gern, wann passt Ihnen ein Anruf?"
        )
        assert "Gern, wann passt Ihnen ein Anruf?" in answered.of("sponsor").text


async def test_feedback_after_the_summary_is_stored_with_the_advice_and_counted(
    tmp_path: Path,
) -> None:
    async with Chats(tmp_path, SPONSOR, STAFF) as chats:
        summary = await chats.draft()
        assert "Zusammenfassung" in summary.text
        asked = await chats.tap("sponsor", "Nicht hilfreich")
        assert "Was hat nicht gepasst?" in asked.text
        assert asked.labels == ["🙋 Mit einem Menschen sprechen"]
        saved = await chats.send("sponsor", "Die Fördersätze fehlen mir.")
        assert "Begründung ist gespeichert" in saved.text
        ((rating, reason, version, advice),) = chats.rows(
            "SELECT rating, reason, kb_version, advice FROM feedback"
        )
        assert (rating, reason) == ("down", "Die Fördersätze fehlen mir.")
        assert version
        rated = json.loads(advice)
        assert rated["fields"] == ["III"] and rated["alliance"] == "farehi"
        assert rated["projects"] == ["care"] and rated["status"] == "eligible"
        # counted for staff
        assert "👍 0 · 👎 1" in (await chats.send("staff", "/statistik")).text
        # 👎 offers a person
        prompt = await chats.tap("sponsor", "Mit einem Menschen sprechen")
        assert f"die {HILDESHEIM}" in prompt.text
        # personal data: gone with an erasure
        await chats.send("sponsor", "/loeschen")
        await chats.tap("sponsor", "Ja, alles löschen")
        assert chats.rows("SELECT COUNT(*) FROM feedback") == [(0,)]
