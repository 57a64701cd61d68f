"""Over the Bot API server of the tests: one case from the handoff to "report received" with
a sponsor, a contact of the local alliance and staff, with a restart in between. Each sees
the others' steps arrive through the outbox; the report falls due on the injected clock."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import FixedClock
from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    pdf_text,
    people,
    register_contacts,
    to_summary,
)
from tests.botapi import BotApiServer, BotMessage, TelegramUser
from tests.procedure.test_chat_journey import PLAN, VOTUM
from tests.support.bot import STAND, StartBot

DECISION = b"%PDF-1.4\n% Zuwendungsbescheid der NBank\n%%EOF\n"
SKETCH_ANSWERS = (
    "Pflegeheime im Landkreis finden kaum Fachkräfte.",
    "20 Frauen pro Jahr in Ausbildung bringen.",
    "40",
    "Jobcenter Hildesheim, Pflegeheime in Sarstedt",
    "Der ganze Landkreis Hildesheim, mit Angeboten in Alfeld und Sarstedt.",
    "Die Pflegeschulen übernehmen das Modul nach der Förderung.",
    "Das Modul lässt sich auf andere Gesundheitsberufe übertragen.",
    # the cost and financing plan and the work steps: typed from the case menu later
    "/ueberspringen",
    "/ueberspringen",
    "/ueberspringen",
)


async def seen(user: TelegramUser, before: int, fragment: str) -> BotMessage:
    """The first message since the `before`-th output that contains `fragment`."""

    def found() -> BotMessage | None:
        return next((m for m in user.all_outputs[before:] if fragment in m.text), None)

    return await user.wait_for(found, what=f"a message with {fragment!r}")


async def send(user: TelegramUser, text: str, fragment: str) -> BotMessage:
    before = len(user.all_outputs)
    user.send(text)
    return await seen(user, before, fragment)


async def press(user: TelegramUser, label: str, fragment: str) -> BotMessage:
    before = len(user.all_outputs)
    user.tap(label)
    return await seen(user, before, fragment)


async def test_a_case_from_handoff_to_report_received_over_the_bot_api(
    server: BotApiServer, start_bot: StartBot, clock: FixedClock
) -> None:
    staff, contact, sponsor = people(server)
    async with start_bot(admin_ids=ADMINS):
        await register_contacts(staff, HILDESHEIM, contact)
        await to_summary(sponsor)
        await press(sponsor, "Skizze vervollständigen", "?")
        for answer in SKETCH_ANSWERS[:-1]:
            await send(sponsor, answer, "")
        # A long summary comes in several messages: its buttons are under the last one.
        await send(sponsor, SKETCH_ANSWERS[-1], STAND[0])
        await press(sponsor, "Speichern", "")
        await send(sponsor, "/zusammenfassung", STAND[0])
        await press(sponsor, "übergeben", "Organisation")
        await send(sponsor, "Bildungswerk Sarstedt e. V.", "")
        await send(sponsor, "Projektleitung Pflege", "")
        await send(sponsor, "pflege@bildungswerk.example", "stimmen Sie zu")
        sent = await press(sponsor, "Einverstanden", "Zugestellt")
        assert f"({HILDESHEIM})" in sent.text  # counted once it was delivered (issue 15)

        await seen(contact, 0, "Übergabe Nr. 1")
        await press(contact, "Übernehmen", "übernommen")
        await send(contact, "/eingang", "Eingang")
        await press(contact, "Nr. 1", "Stellungnahme")
        await press(contact, "Unterstützt", "Kommentar")
        await send(contact, "Gute Idee.", "Stellungnahme")
        await send(staff, "/sitzung 10.12.2026 01.12.2026", "eingetragen")

        await send(sponsor, "/entwuerfe", "Entwürfe")
        await press(sponsor, "Pflegebrücke", "Fall Nr. 1")
        await press(sponsor, "Verfahren und nächste Schritte", "Fall Nr. 1")
        await press(sponsor, "Finanzierungsplan eingeben", "Kosten- und Finanzierungsplan")
        planned = await send(sponsor, PLAN, "gespeichert")
        assert "Kosten und Finanzierung gehen auf" in planned.text, planned.text
        before = len(staff.all_outputs)
        await press(sponsor, "einreichen", "eingereicht")
        await seen(staff, before, "Pflegebrücke Hildesheim")

    # A restart: everything goes on from the database.
    async with start_bot(admin_ids=ADMINS) as (_, runtime):
        await send(staff, "/verfahren", "Verfahrensübersicht")
        await press(staff, "Pflegebrücke", "Fall Nr. 1")
        before = len(sponsor.all_outputs)
        await press(staff, "Sitzung am 10.12.2026", "Sitzung der Lenkungsgruppe")
        await seen(sponsor, before, "10.12.2026")

        # The meeting's agenda as one PDF with the Projektskizze, rendered after the commit.
        await send(staff, "/sitzung", "Kommende Sitzungen")
        await press(staff, "📅 Sitzung am 10.12.2026", "noch ohne Votum: 1 Fall")
        agenda = await press(staff, "Tagesordnung", "Tagesordnung der Lenkungsgruppe am")
        assert agenda.document is not None, agenda
        assert agenda.document.name == "tagesordnung_2026-12-10.pdf"
        assert agenda.document.mime_type == "application/pdf"
        text = " ".join(pdf_text(agenda.document.content).split())
        assert "TOP 1: Fall Nr. 1 „Pflegebrücke Hildesheim“" in text, text
        assert SKETCH_ANSWERS[0] in text, text
        await send(staff, "/verfahren", "Verfahrensübersicht")
        await press(staff, "Pflegebrücke", "Fall Nr. 1")

        clock.set(datetime(2026, 12, 10, 15, 0, tzinfo=UTC))
        await press(staff, "🗳 befürwortet", "Votum")
        before = len(sponsor.all_outputs)
        await send(staff, VOTUM, "Votum")
        votum = await seen(sponsor, before, "Votum der Lenkungsgruppe")
        assert VOTUM in votum.text

        await send(sponsor, "/entwuerfe", "Entwürfe")
        await press(sponsor, "Pflegebrücke", "Fall Nr. 1")
        await press(sponsor, "Verfahren und nächste Schritte", "Fall Nr. 1")
        await press(sponsor, "NBank-Antrag heute gestellt", "NBank")
        await press(sponsor, "NBank hat bewilligt", "bewilligt")
        # The copy of the decision, sent as a file, reaches staff as a document.
        await press(sponsor, "Kopie der Förderentscheidung senden", "als Datei")
        before = len(staff.all_outputs)
        sponsor.send_document("Bescheid.pdf", DECISION, "application/pdf")
        await seen(sponsor, len(sponsor.all_outputs) - 1, "an die Koordinierungsstelle gegangen")
        copy = await seen(staff, before, "Kopie der Förderentscheidung zu Fall Nr. 1")
        assert copy.document is not None and copy.document.name == "Bescheid.pdf", copy
        assert copy.document.content == DECISION
        await press(sponsor, "Projektbeginn und -ende", "beginnt und endet")
        running = await send(sponsor, "01.01.2027 bis 31.12.2028", "31.01.2029")
        assert "Projekt vom 01.01.2027 bis 31.12.2028" in running.text, running.text

        clock.set(datetime(2029, 1, 31, 8, 0, tzinfo=UTC))
        before = len(staff.all_outputs)
        assert runtime.scheduler is not None
        await runtime.scheduler.tick()
        await seen(staff, before, "Bericht")
        await send(staff, "/verfahren", "Verfahrensübersicht")
        await press(staff, "Pflegebrücke", "Fall Nr. 1")
        before = len(sponsor.all_outputs)
        received = await press(staff, "Bericht eingegangen", "als eingegangen eingetragen")
        assert "Stand: Bericht eingegangen" in received.text, received.text
        await seen(sponsor, before, "Pflegebrücke")
