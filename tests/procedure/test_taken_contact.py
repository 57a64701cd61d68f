"""Issue 15 point 4, in process: the sponsor's summary names the registered contact person who
took the case, once one has (never before, never invented), and forgets them when they erase
their data."""

from __future__ import annotations

from pathlib import Path

from tests.procedure.chat import HANDED_OVER, REGISTERED, Session
from tests.support.scripts import CONTACT, HILDESHEIM
from tests.support.steps import Cmd, Tap

TAKEN = f"{CONTACT.name} ({HILDESHEIM}) hat Ihre Übergabe Nr. 1 übernommen"


async def summary(session: Session) -> str:
    return await session.say(Cmd("zusammenfassung"))


async def test_the_summary_names_the_contact_who_took_the_case_and_only_then(
    tmp_path: Path,
) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, *HANDED_OVER)
        before = await summary(session)
        assert "Übergabe Nr. 1" in before  # handed over, but nobody has taken it yet
        assert "übernommen" not in before and CONTACT.name not in before

        await session.play(Tap("Übernehmen", who="contact", on="Übergabe Nr. 1"))
        after = await summary(session)
        assert TAKEN in after
        assert "Ihr erster Ansprechpartner" in after  # in the contacts' section

        # The name is read with the draft, not stored in it: a restart keeps it, ...
        await session.restart()
        assert TAKEN in await summary(session)
        # ... and once the contact erases their data, no summary names them any more.
        await session.play(Cmd("loeschen", who="contact"), Tap("alles löschen", who="contact"))
        erased = await summary(session)
        assert CONTACT.name not in erased and "Übergabe Nr. 1" in erased
        (stored,) = session.rows("SELECT state FROM drafts")
        assert CONTACT.name not in stored[0]
