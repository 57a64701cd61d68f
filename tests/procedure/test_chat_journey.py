"""One case in chat from the handoff to "report received": a sponsor, a contact of the local
alliance and staff, each doing their steps with buttons and typed answers, the others told
through the outbox; two restarts in between; the report falling due on the injected clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.procedure.chat import REGISTERED, SUPPORTED, Session
from tests.support.scripts import to_summary_de
from tests.support.steps import Cmd, Say, Tap

SKETCHED_AND_HANDED_OVER = (
    *to_summary_de(),
    Tap("Skizze vervollständigen"),
    Say("Pflegeheime im Landkreis finden kaum Fachkräfte."),
    Say("20 Frauen pro Jahr in Ausbildung bringen."),
    Say("40"),
    Say("Jobcenter Hildesheim, Pflegeheime in Sarstedt"),
    Say("Der ganze Landkreis Hildesheim, mit Angeboten in Alfeld und Sarstedt."),
    Say("Die Pflegeschulen übernehmen das Modul nach der Förderung."),
    Say("Das Modul lässt sich auf andere Gesundheitsberufe übertragen."),
    # the plan's guided questions skipped: it is typed from the case menu (EnterPlan) below
    Cmd("ueberspringen"),
    Cmd("ueberspringen"),
    Cmd("ueberspringen"),
    Tap("Speichern"),
    Cmd("zusammenfassung"),
    Tap("übergeben"),
    Say("Bildungswerk Sarstedt e. V."),
    Say("Projektleitung Pflege"),
    Say("05066 123456 oder pflege@bildungswerk.example"),
    Tap("Einverstanden"),
)
PLAN = (
    "Personal 300.000\nSachkosten 50.000\nGemeinkosten 30.000\n"
    "Zuwendung 266.000\nEigenmittel 84.000\nDrittmittel 30.000 Landkreis\n"
    "Monat 1–6 Aufbau der Kooperation\nMonat 7–24 Praktika und Sprachkurs"
)
VOTUM = "Die Lenkungsgruppe befürwortet das Projekt; bitte die Kooperation mit Alfeld darlegen."


async def test_a_case_from_handoff_to_report_received_in_chat(tmp_path: Path) -> None:
    session = await Session(tmp_path).start()
    clock = session.clock
    try:
        await session.play(*REGISTERED, *SKETCHED_AND_HANDED_OVER, *SUPPORTED)
        await session.play(Cmd("sitzung", "10.12.2026 01.12.2026", who="staff"))

        # The sponsor enters the plan and submits.
        await session.play(Cmd("entwuerfe"), Tap("Pflegebrücke"), Tap("Verfahren"))
        await session.play(Tap("Finanzierungsplan eingeben"))
        planned = await session.say(Say(PLAN))
        assert "Kosten und Finanzierung gehen auf" in planned, planned
        staff = session.count("staff")
        submitted = await session.say(Tap("einreichen"))
        assert session.case()[1] == "submitted", submitted
        assert "Pflegebrücke Hildesheim" in session.received("staff", staff)

        await session.restart()
        # Staff put it on the meeting's agenda; the sponsor hears of it.
        sponsor = session.count("sponsor")
        await session.play(Cmd("verfahren", who="staff"), Tap("Pflegebrücke", who="staff"))
        await session.play(Tap("Sitzung am 10.12.2026", who="staff"))
        assert session.case()[1] == "scheduled"
        assert "10.12.2026" in session.received("sponsor", sponsor)

        # The meeting took place: the Votum, with its text for the sponsor.
        clock.set(datetime(2026, 12, 10, 15, 0, tzinfo=UTC))
        sponsor = session.count("sponsor")
        await session.play(Tap("🗳 befürwortet", who="staff"))
        await session.play(Say(VOTUM, who="staff"))
        assert session.case()[1] == "endorsed"
        assert VOTUM in session.received("sponsor", sponsor)

        # The sponsor applies at NBank, which grants it.
        await session.play(Cmd("entwuerfe"), Tap("Pflegebrücke"), Tap("Verfahren"))
        await session.play(Tap("NBank-Antrag heute gestellt"))
        clock.set(datetime(2026, 12, 20, 10, 0, tzinfo=UTC))
        await session.play(Tap("NBank hat bewilligt"))
        assert session.case()[1] == "granted"

        await session.restart()
        await session.play(Tap("Projektbeginn und -ende"))
        running = await session.say(Say("01.01.2027 bis 31.12.2028"))
        assert session.case()[1] == "running", running
        assert session.rows("SELECT report_due FROM cases") == [("2029-01-31",)]

        # The report falls due on the clock; staff record it received.
        clock.set(datetime(2029, 1, 31, 8, 0, tzinfo=UTC))
        await session.tick()
        assert session.case()[1] == "report_due"
        sponsor = session.count("sponsor")
        await session.play(Cmd("verfahren", who="staff"), Tap("Pflegebrücke", who="staff"))
        await session.play(Tap("Bericht eingegangen", who="staff"))
        assert session.case()[1] == "report_received"
        assert "Pflegebrücke" in session.received("sponsor", sponsor)
        assert [kind for kind, _ in session.steps()] == [
            "hand_over",
            "take_over",
            "support",
            "submit",
            "schedule",
            "endorse",
            "apply",
            "grant",
            "start",
            "report_due",
            "report_received",
        ]
    finally:
        await session.stop()
