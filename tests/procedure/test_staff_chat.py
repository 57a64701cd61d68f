"""Staff in chat: meetings of the Lenkungsgruppe entered with /sitzung (kept in the database,
listed, a past date refused), the overview's open cases as buttons to staff's steps."""

from __future__ import annotations

from pathlib import Path

from tests.procedure.chat import HANDED_OVER, REGISTERED, SUPPORTED, Session
from tests.support.scripts import to_summary_de
from tests.support.steps import Cmd, Tap


async def test_staff_enter_meetings(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        usage = await session.say(Cmd("sitzung", who="staff"))
        assert "/sitzung TT.MM.JJJJ" in usage, usage
        added = await session.say(
            Cmd("sitzung", "12.05.2027 20.04.2027 Frühjahrssitzung", who="staff")
        )
        assert "am 12.05.2027 eingetragen" in added, added
        assert "12.05.2027 · Einreichungsfrist: 20.04.2027 · Frühjahrssitzung" in added, added
        await session.restart()
        past = await session.say(Cmd("sitzung", "01.01.2025", who="staff"))
        assert past == "Der 01.01.2025 liegt in der Vergangenheit.", past
        assert session.rows("SELECT held_on, deadline, note FROM meetings") == [
            ("2027-05-12", "2027-04-20", "Frühjahrssitzung")
        ]
        # Nobody else may.
        refused = await session.say(Cmd("sitzung", "12.06.2027"))
        assert "eingetragen" not in refused and "Sitzungen" not in refused, refused


async def test_the_overview_leads_to_a_cases_steps(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, *HANDED_OVER, *SUPPORTED, Cmd("verfahren", who="staff"))
        assert any("Pflegebrücke" in label for label in session.last_with_buttons("staff").labels)
        shown = await session.say(Tap("Pflegebrücke", who="staff"))
        assert "Fall Nr. 1: Pflegebrücke Hildesheim" in shown, shown
        # Supported, not yet submitted: nothing for staff to record.
        assert session.last("staff").labels == []


async def test_the_advice_reads_the_meetings_staff_entered(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(Cmd("sitzung", "10.12.2026", who="staff"))
        await session.play(*to_summary_de()[:-1])
        summary = await session.say(to_summary_de()[-1])
        assert "10.12.2026" in summary, summary
