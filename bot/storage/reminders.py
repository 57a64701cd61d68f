"""Reminders kept in the database, so a restart loses none and sends none twice.

A reminder is planned under a key naming what it is about (the case, the kind, the date it
reminds of): planning the same again changes nothing. It is enqueued once: the row is marked
in the same transaction that writes its outbox item. A reminder no longer wanted before it is
due is cancelled, never deleted, so the history of a case shows what was planned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite


@dataclass(frozen=True)
class ReminderRow:
    id: int
    key: str
    kind: str
    case_id: int | None
    draft_id: int | None
    recipient: int
    language: str
    due_at: datetime
    event_on: date | None
    """The day it reminds of (a meeting, a report's deadline)."""
    detail: str
    enqueued_at: str | None
    cancelled_at: str | None
    cancel_reason: str | None


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _reminder(row: aiosqlite.Row) -> ReminderRow:
    return ReminderRow(
        id=row["id"],
        key=row["key"],
        kind=row["kind"],
        case_id=row["case_id"],
        draft_id=row["draft_id"],
        recipient=row["recipient"],
        language=row["language"],
        due_at=datetime.fromisoformat(row["due_at"]),
        event_on=date.fromisoformat(row["event_on"]) if row["event_on"] else None,
        detail=row["detail"],
        enqueued_at=row["enqueued_at"],
        cancelled_at=row["cancelled_at"],
        cancel_reason=row["cancel_reason"],
    )


class Reminders:
    def __init__(self, connection: aiosqlite.Connection, now: datetime) -> None:
        self.connection = connection
        self.now = now

    async def plan(
        self,
        key: str,
        kind: str,
        recipient: int,
        language: str,
        due_at: datetime,
        event_on: date | None,
        detail: str = "",
        case_id: int | None = None,
        draft_id: int | None = None,
    ) -> bool:
        """Keep a reminder unless one with this key exists; one cancelled as no longer wanted
        is wanted again. Returns whether a new or revived reminder is pending now."""
        cursor = await self.connection.execute(
            "INSERT INTO reminders (key, kind, case_id, draft_id, recipient, language, due_at, "
            "event_on, detail, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(key) DO NOTHING",
            (
                key,
                kind,
                case_id,
                draft_id,
                recipient,
                language,
                _iso(due_at),
                event_on.isoformat() if event_on else None,
                detail,
                _iso(self.now),
            ),
        )
        if cursor.rowcount == 1:
            return True
        revived = await self.connection.execute(
            "UPDATE reminders SET cancelled_at = NULL, cancel_reason = NULL, detail = ? "
            "WHERE key = ? AND enqueued_at IS NULL AND cancel_reason = 'obsolete'",
            (detail, key),
        )
        return revived.rowcount == 1

    async def pending_of_case(self, case_id: int) -> list[ReminderRow]:
        rows = await self.connection.execute_fetchall(
            "SELECT * FROM reminders WHERE case_id = ? AND enqueued_at IS NULL "
            "AND cancelled_at IS NULL ORDER BY due_at, id",
            (case_id,),
        )
        return [_reminder(row) for row in rows]

    async def of_case(self, case_id: int) -> list[ReminderRow]:
        rows = await self.connection.execute_fetchall(
            "SELECT * FROM reminders WHERE case_id = ? ORDER BY due_at, id", (case_id,)
        )
        return [_reminder(row) for row in rows]

    async def cancel(self, reminder_id: int, reason: str) -> None:
        await self.connection.execute(
            "UPDATE reminders SET cancelled_at = ?, cancel_reason = ? "
            "WHERE id = ? AND enqueued_at IS NULL",
            (_iso(self.now), reason, reminder_id),
        )

    async def due(self, limit: int = 200) -> list[ReminderRow]:
        rows = await self.connection.execute_fetchall(
            "SELECT * FROM reminders WHERE enqueued_at IS NULL AND cancelled_at IS NULL "
            "AND due_at <= ? ORDER BY due_at, id LIMIT ?",
            (_iso(self.now), limit),
        )
        return [_reminder(row) for row in rows]

    async def enqueued(self, reminder_id: int, outbox_id: int) -> bool:
        """Marked once: False when another round got there first."""
        cursor = await self.connection.execute(
            "UPDATE reminders SET enqueued_at = ?, outbox_id = ? "
            "WHERE id = ? AND enqueued_at IS NULL",
            (_iso(self.now), outbox_id, reminder_id),
        )
        return cursor.rowcount == 1
