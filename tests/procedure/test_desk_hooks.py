"""The alliance desk records a case's first steps in the transaction of the change itself:
the handoff opens the case (a new handoff after "changes wanted" is its next revision), the
contact's take-over and statement are its steps; a case gone past the statement is not handed
over again."""

from __future__ import annotations

from pathlib import Path

from tests.procedure.chat import HANDED_OVER, REGISTERED, SUPPORTED, Session
from tests.support.steps import Cmd, Say, Tap

KEEP_DETAILS = (Tap("Beibehalten"), Tap("Beibehalten"), Tap("Beibehalten"))
"""The contact details asked before a handoff, as given the first time."""


async def test_handoff_take_over_and_statement_are_the_cases_steps(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, *HANDED_OVER)
        number, stage, revision, contact = session.case()
        assert (stage, revision, contact) == ("handed_over", 1, None)
        await session.restart()
        await session.play(*SUPPORTED)
        assert session.case() == (number, "supported", 1, "Kontakt Eins")
        assert session.steps() == [
            ("hand_over", "sponsor"),
            ("take_over", "contact"),
            ("support", "contact"),
        ]


async def test_changes_wanted_and_a_new_revision(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(
            *REGISTERED,
            *HANDED_OVER,
            Tap("Übernehmen", who="contact", on="Übergabe Nr. 1"),
            Cmd("eingang", who="contact"),
            Tap("Nr. 1", who="contact"),
            Tap("Änderungen", who="contact"),
            Say("Bitte die Kosten aufschlüsseln.", who="contact"),
        )
        assert session.case()[1:3] == ("changes_wanted", 1)
        # The sponsor changes the draft and hands it over again: the case's next revision.
        await session.play(
            Cmd("zusammenfassung"),
            Tap("Angabe ändern"),
            Tap("Gesamtkosten"),
            Say("360.000 €"),
            Tap("übergeben"),
            *KEEP_DETAILS,
            Tap("Einverstanden"),
        )
        assert session.case()[1:3] == ("handed_over", 2)
        # The statement on the older revision's handoff no longer counts.
        before = session.count("contact")
        await session.play(
            Cmd("eingang", who="contact"),
            Tap("Nr. 1", who="contact"),
            Tap("Unterstützt", who="contact"),
            Say("Passt.", who="contact"),
        )
        assert "neue Fassung" in session.received("contact", before), session.received(
            "contact", before
        )
        assert session.case()[1:3] == ("handed_over", 2)


async def test_a_supported_case_is_not_handed_over_again(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, *HANDED_OVER, *SUPPORTED)
        handoffs = session.rows("SELECT count(*) FROM handoffs")
        await session.play(
            Cmd("zusammenfassung"),
            Tap("Angabe ändern"),
            Tap("Gesamtkosten"),
            Say("360.000 €"),
            Tap("übergeben"),
            *KEEP_DETAILS,
        )
        text = await session.say(Tap("Einverstanden"))
        assert session.rows("SELECT count(*) FROM handoffs") == handoffs
        assert session.case()[1] == "supported"
        assert "passt nicht zum Stand des Falls" in text, text
        assert "Einreichung beim Fachkräftebündnis" in text, text
