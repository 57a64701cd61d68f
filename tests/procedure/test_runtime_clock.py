"""The runtime's scheduler on the injected clock: a handoff nobody took within the days
staff set goes to the coordination office and the sponsor is told, once, also across a
restart; its outbox items are delivered by the worker the runtime wakes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.procedure.chat import HANDED_OVER, REGISTERED, Session


async def test_an_untaken_handoff_is_escalated_once_across_a_restart(tmp_path: Path) -> None:
    async with Session(tmp_path) as session:
        await session.play(*REGISTERED, *HANDED_OVER)
        staff, sponsor = session.count("staff"), session.count("sponsor")
        assert await session.tick() == 0  # nothing is due yet
        session.clock.advance(timedelta(days=13))
        assert await session.tick() == 0
        session.clock.advance(timedelta(days=1, hours=1))
        assert await session.tick() == 1  # one handoff escalated (staff and sponsor told)
        assert "seit 14 Tagen nicht übernommen" in session.received("staff", staff)
        told = session.received("sponsor", sponsor)
        assert "Die Koordinierungsstelle ist informiert" in told, told
        await session.restart()
        session.clock.advance(timedelta(days=2))
        assert await session.tick() == 0
        assert session.steps()[-1] == ("escalate", "system")
        assert [kind for kind, _ in session.steps()].count("escalate") == 1
