"""A sponsor follows their case in chat: its step and history in /entwuerfe, the steps that
are theirs as buttons (refused with the reasons when something is missing), reminders on and
off, withdrawing with a confirmation; staff's procedure overview with its CSV. Across a
restart, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from bot.core.events import Press
from bot.core.outputs import Document
from bot.core.updates import Incoming
from tests.procedure.chat import HANDED_OVER, REGISTERED, SUPPORTED, Session
from tests.support.scripts import SPONSOR
from tests.support.steps import Cmd, Say, Tap


async def test_the_sponsor_sees_and_moves_their_case(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, *HANDED_OVER, *SUPPORTED)
        await session.play(Cmd("entwuerfe"))
        menu = await session.say(Tap("Pflegebrücke"))
        assert "Fall Nr. 1: Pflegebrücke Hildesheim" in menu, menu
        assert "Stand: von der lokalen Fachkräfteallianz unterstützt" in menu, menu
        assert "Übergabe an die lokale Fachkräfteallianz (Projektträger)" in menu, menu
        case = await session.say(Tap("Verfahren und nächste Schritte"))
        assert session.last("sponsor").labels == [
            "🧮 Kosten- und Finanzierungsplan eingeben",
            "📤 Beim Fachkräftebündnis einreichen",
            "🏦 NBank-Antrag heute gestellt",
            "↩️ Projekt zurückziehen",
            "⏰ Erinnerungen einschalten",
            "📂 Meine Entwürfe",
        ], case
        switched = await session.say(Tap("Erinnerungen einschalten"))
        assert "Erinnerungen sind eingeschaltet" in switched
        assert session.rows("SELECT reminders FROM cases") == [(1,)]
        # Without a cost and financing plan the submission is refused, saying what is missing.
        refused = await session.say(Tap("einreichen"))
        assert session.case()[1] == "supported", refused
        assert "Finanzierungsplan" in refused, refused

        await session.restart()
        applied = await session.say(Tap("NBank-Antrag heute gestellt"))
        assert "Antrag bei der NBank: 25.11.2026" in applied, applied
        assert session.steps()[-1] == ("apply", "sponsor")
        contact = session.count("contact")
        await session.play(Tap("zurückziehen"))
        withdrawn = await session.say(Tap("Ja, zurückziehen"))
        assert session.case()[1] == "withdrawn", withdrawn
        assert "zurückgezogen" in session.received("contact", contact)
        # A finished case offers nothing more to do.
        assert session.last("sponsor").labels == ["📂 Meine Entwürfe"]


async def test_a_contact_has_no_overview_and_a_supported_case_no_dates_yet(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, *HANDED_OVER, *SUPPORTED)
        # Nobody but its sponsor reaches a case by its button.
        gone = await session.say(Cmd("verfahren", who="contact"))
        assert "Verfahrensübersicht" not in gone
        await session.play(Cmd("entwuerfe"), Tap("Pflegebrücke"), Tap("Verfahren"))
        assert "Projektbeginn" not in " ".join(session.last("sponsor").labels)


async def test_staff_get_the_overview_and_its_csv(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, *HANDED_OVER, *SUPPORTED)
        overview = await session.say(Cmd("verfahren", who="staff"))
        assert "Verfahrensübersicht" in overview, overview
        assert "Hildesheim" in overview and "380.000 €" in overview, overview
        documents = [
            r for turn in session.transcript.turns for r in turn.received if r.kind == "document"
        ]
        assert documents[-1].who == "staff", documents
        csv = documents[-1].file
        assert csv is not None and csv.name == "verfahren_2026-11-25.csv", csv
        typed = await session.say(Say("01.03.2027 bis 28.02.2029"))
        assert typed  # an ordinary text for staff: no case dates asked for


async def test_erasure_warns_of_cases_in_procedure(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, *HANDED_OVER)
        asked = await session.say(Cmd("loeschen"))
        assert "noch im Verfahren nach der Übergabe: 1 Fall" in asked, asked
        # No warning for someone without a case.
        other = await session.say(Cmd("loeschen", who="contact"))
        assert "im Verfahren" not in other, other


async def test_the_projektskizze_shows_the_plan_typed_in_chat(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, *HANDED_OVER)
        await session.play(Cmd("entwuerfe"), Tap("Pflegebrücke"), Tap("Verfahren"))
        await session.play(Tap("Finanzierungsplan eingeben"))
        await session.play(Say("Personal 300.000\nZuwendung 266.000\nMonat 1–6 Aufbau"))
        assert session.player is not None
        handled = await session.player.runtime.conversations.handle(
            Incoming(SPONSOR.user_id, Press("summary", "session:export"), 9999, "de")
        )
        (markdown,) = [
            o for o in handled.outputs if isinstance(o, Document) and o.filename.endswith(".md")
        ]
        text = markdown.content.decode("utf-8")
        assert "Personal: 300.000 €" in text, text
        assert "266.000 €" in text and "Aufbau" in text, text
