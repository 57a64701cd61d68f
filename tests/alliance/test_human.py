"""A person at any step (issue 15, point 3): /mensch from the very first message, without a
place (the coordination office), mid-dialog (the local alliance, "here in the chat"), and
with nobody in the bot to receive it. Over the Bot API server."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    STAFF,
    joined,
    people,
    register_contacts,
    tap,
    to_summary,
)
from tests.botapi import BotApiServer, BotMessage, TelegramUser
from tests.support.bot import StartBot, answer

OFFICE = "Amt für regionale Landesentwicklung Leine-Weser"


async def until(user: TelegramUser, text: str) -> str:
    def arrived() -> str | None:
        got = joined(user.new_messages)
        return got if text in got else None

    got = await user.wait_for(arrived, what=text)
    user.mark()
    return got


async def test_mensch_before_the_first_answer_reaches_the_office(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        sponsor = server.user(1001, "Träger")
        # the very first message: no draft, no place
        prompt = await answer(sponsor, "/mensch")
        assert f"die Koordinierungsstelle ({OFFICE})" in prompt.text
        assert "Telefonnummer oder E-Mail-Adresse" in prompt.text
        assert prompt.button_texts() == ["Abbrechen"]  # no chat: nobody could answer there
        again = await answer(sponsor, "ruf mich bitte an")
        assert "keine Telefonnummer oder E-Mail-Adresse" in again.text
        told = await answer(sponsor, "05121 123456")
        assert f"geht an die Koordinierungsstelle ({OFFICE})" in told.text
        assert "✅" not in told.text and "Person" not in told.text
        (notified,) = await staff.expect()
        assert "Bitte um persönlichen Kontakt" in notified.text
        assert "Erreichbar: 05121 123456" in notified.text
        report = await until(sponsor, "Zugestellt")
        assert "Ihre Bitte um persönlichen Kontakt" in report and "hat 1 Person erreicht" in report


async def test_mensch_with_nobody_in_the_bot_gives_the_public_addresses(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        sponsor = server.user(1001, "Träger")
        await answer(sponsor, "/human")
        told = await answer(sponsor, "info@verein.example")
        assert "niemand von der Koordinierungsstelle registriert" in told.text
        assert "Bitte wenden Sie sich direkt an:" in told.text and OFFICE in told.text
        assert "✅" not in told.text


async def test_mensch_mid_dialog_goes_to_the_alliance_and_answers_come_here(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server)
        await register_contacts(staff, HILDESHEIM, contact)
        sponsor.send("/start")
        await sponsor.expect(2)
        await answer(sponsor, "Sarstedt")
        # the sponsor's help lists it
        assert "/mensch – mit einem Menschen sprechen" in (await answer(sponsor, "/hilfe")).text
        prompt = await answer(sponsor, "/mensch")
        assert f"die {HILDESHEIM}" in prompt.text
        told = joined(await tap(sponsor, "Hier im Chat", count=2))
        assert f"geht an die registrierten Ansprechpersonen der {HILDESHEIM}" in told
        assert "Welche Art von Organisation" in told  # and the dialog goes on where it was
        (notified,) = await contact.expect()
        assert "Erreichbar: hier im Chat" in notified.text
        assert notified.button_texts() == ["✅ Übernehmen", "💬 Rückfrage"]
        assert not staff.new_messages  # the alliance has a contact: the office is not bothered
        assert "hat 1 Person erreicht" in await until(sponsor, "Zugestellt")
        # the contact answers right on the notification: it reaches the sponsor here
        contact.reply(notified.message_id, "Gern, wann passt Ihnen ein Anruf?")
        await contact.expect()
        assert "Gern, wann passt Ihnen ein Anruf?" in await until(sponsor, "Anruf")


async def test_feedback_after_the_summary_is_stored_with_the_advice_and_counted(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        sponsor = server.user(1001, "Träger")
        summary = await to_summary(sponsor)
        assert "Zusammenfassung" in summary
        (asked,) = await tap(sponsor, "Nicht hilfreich")
        assert "Was hat nicht gepasst?" in asked.text
        assert asked.button_texts() == ["🙋 Mit einem Menschen sprechen"]
        saved = await answer(sponsor, "Die Fördersätze fehlen mir.")
        assert "Begründung ist gespeichert" in saved.text
        with sqlite3.connect(tmp_path / "foerderlotse.sqlite3") as connection:
            ((rating, reason, version, advice),) = connection.execute(
                "SELECT rating, reason, kb_version, advice FROM feedback"
            ).fetchall()
        assert (rating, reason) == ("down", "Die Fördersätze fehlen mir.")
        assert version
        rated = json.loads(advice)
        assert rated["fields"] == ["III"] and rated["alliance"] == "farehi"
        assert rated["projects"] == ["care"] and rated["status"] == "eligible"
        # counted for staff
        assert "👍 0 · 👎 1" in joined(await staff_statistics(staff))
        # 👎 offers a person
        (prompt,) = await tap(sponsor, "Mit einem Menschen sprechen")
        assert f"die {HILDESHEIM}" in prompt.text
        # personal data: gone with an erasure
        confirm = await answer(sponsor, "/loeschen")
        await tap(sponsor, "Ja, alles löschen", confirm.message_id)
        with sqlite3.connect(tmp_path / "foerderlotse.sqlite3") as connection:
            assert connection.execute("SELECT COUNT(*) FROM feedback").fetchone() == (0,)


async def staff_statistics(staff: TelegramUser) -> list[BotMessage]:
    staff.send("/statistik")
    return await staff.expect()
