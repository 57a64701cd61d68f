"""Meetings of the Lenkungsgruppe, kept by staff: date, deadline for submissions, a note.

Their agendas are the cases put on them (`meeting_cases`, see `bot/storage/cases.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: date
    deadline: date | None
    """Submissions for this meeting are due by then."""
    note: str
    cancelled: bool


def _meeting(row: aiosqlite.Row) -> MeetingRow:
    return MeetingRow(
        id=row["id"],
        held_on=date.fromisoformat(row["held_on"]),
        deadline=date.fromisoformat(row["deadline"]) if row["deadline"] else None,
        note=row["note"],
        cancelled=row["cancelled_at"] is not None,
    )


class Meetings:
    def __init__(self, connection: aiosqlite.Connection, now: datetime) -> None:
        self.connection = connection
        self.now = now.isoformat(timespec="seconds")

    async def add(self, held_on: date, deadline: date | None, note: str, by: int | None) -> int:
        cursor = await self.connection.execute(
            "INSERT INTO meetings (held_on, deadline, note, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (held_on.isoformat(), deadline.isoformat() if deadline else None, note, by, self.now),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def get(self, meeting_id: int) -> MeetingRow | None:
        rows = await self.connection.execute_fetchall(
            "SELECT * FROM meetings WHERE id = ?", (meeting_id,)
        )
        return next((_meeting(row) for row in rows), None)

    async def move(self, meeting_id: int, held_on: date, deadline: date | None) -> bool:
        cursor = await self.connection.execute(
            "UPDATE meetings SET held_on = ?, deadline = ? WHERE id = ? AND cancelled_at IS NULL",
            (held_on.isoformat(), deadline.isoformat() if deadline else None, meeting_id),
        )
        return cursor.rowcount == 1

    async def cancel(self, meeting_id: int) -> bool:
        cursor = await self.connection.execute(
            "UPDATE meetings SET cancelled_at = ? WHERE id = ? AND cancelled_at IS NULL",
            (self.now, meeting_id),
        )
        return cursor.rowcount == 1

    async def listed(self, since: date | None = None) -> list[MeetingRow]:
        """Meetings not cancelled, from `since` on (all when None), by date."""
        rows = await self.connection.execute_fetchall(
            "SELECT * FROM meetings WHERE cancelled_at IS NULL AND held_on >= ? "
            "ORDER BY held_on, id",
            ((since or date.min).isoformat(),),
        )
        return [_meeting(row) for row in rows]
