"""The advisor whose lead-time warning (#13) reads the meetings staff keep in the database,
besides the knowledge base's (`bot.procedure.calendar`)."""

from __future__ import annotations

from bot.advice.advise import Advisor
from bot.procedure.calendar import upcoming_meetings, with_meetings
from bot.storage.stores import Stores


class MeetingAdvisors:
    def __init__(self) -> None:
        self._last: tuple[Advisor, object, Advisor] | None = None
        """The last advisor given staff's meetings: the knowledge base's advisor, the
        meetings, the advisor sharing it with them."""

    async def of(self, stores: Stores, advisor: Advisor) -> Advisor:
        if not await stores.meetings.listed(since=stores.now.date()):
            return advisor
        meetings = await upcoming_meetings(stores, advisor.kb)
        cached = self._last
        if cached is not None and cached[0] is advisor and cached[1] == meetings:
            return cached[2]
        shared = advisor.sharing(with_meetings(advisor.kb, meetings))
        self._last = (advisor, meetings, shared)
        return shared
