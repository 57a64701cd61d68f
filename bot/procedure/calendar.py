"""The steering group's meetings as the advice reads them: the database's (kept by staff),
with the knowledge base's list (`rules.yaml: steering_group_meetings`) as the fallback and seed
for dates staff have not entered.

The advice stays pure: the chat layer gives it a knowledge base whose meeting list is this
calendar (`with_meetings`), and #13's lead-time warning reads it from there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import SteeringGroupMeeting
from bot.storage.stores import Stores

SOURCE = "Koordinierungsstelle (im Förderlotsen eingetragen)"
"""The source a meeting kept in the database names, as every knowledge entry names one."""


async def upcoming_meetings(stores: Stores, kb: KnowledgeBase) -> tuple[SteeringGroupMeeting, ...]:
    """Meetings from today on, by date: staff's, then the knowledge base's on other days."""
    today = stores.now.date()
    kept = await stores.meetings.listed(since=today)
    days = {meeting.held_on for meeting in kept}
    meetings = [
        SteeringGroupMeeting(
            date=m.held_on, deadline=m.deadline, note=m.note or None, source=SOURCE
        )
        for m in kept
    ]
    meetings += [
        m for m in kb.rules.steering_group_meetings if m.date >= today and m.date not in days
    ]
    return tuple(sorted(meetings, key=lambda m: m.date))


def with_meetings(kb: KnowledgeBase, meetings: Sequence[SteeringGroupMeeting]) -> KnowledgeBase:
    """The knowledge base with this meeting list (everything else the same)."""
    rules = kb.rules.model_copy(update={"steering_group_meetings": list(meetings)})
    return dataclasses.replace(kb, rules=rules)
