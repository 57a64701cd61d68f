"""Deliveries: the notifications of one handoff, question or request for a person, followed
until each is sent or given up, so that the sponsor is told what actually happened (how many
received it, or that it could not be delivered) and staff see what failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from bot.storage.outbox import OutboxPayload

DeliveryKind = Literal["handoff", "question", "human"]


@dataclass(frozen=True)
class Delivery:
    id: int
    sponsor_id: int
    kind: DeliveryKind
    title: str
    recipient: str
    """Whom it was addressed to, as the sponsor was told (an alliance, the office)."""
    office: bool
    """Sent to the coordination office because nobody of the alliance is registered."""


@dataclass(frozen=True)
class Outcome:
    delivery: Delivery
    sent: int
    failed: int


@dataclass(frozen=True)
class Undelivered:
    """A notification given up, as staff see it."""

    outbox_id: int
    chat_id: int
    reason: str
    created_at: str
    payload: OutboxPayload
    delivery: Delivery | None


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def _delivery(row: aiosqlite.Row) -> Delivery:
    return Delivery(
        id=row["id"],
        sponsor_id=row["sponsor_id"],
        kind=row["kind"],
        title=row["title"],
        recipient=row["recipient"],
        office=bool(row["office"]),
    )


class Deliveries:
    def __init__(self, connection: aiosqlite.Connection, now: datetime) -> None:
        self.connection = connection
        self.now = now

    async def open(
        self, sponsor_id: int, kind: DeliveryKind, title: str, recipient: str, office: bool
    ) -> int:
        cursor = await self.connection.execute(
            "INSERT INTO deliveries (sponsor_id, kind, title, recipient, office, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (sponsor_id, kind, title[:200], recipient, int(office), _iso(self.now)),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def get(self, delivery_id: int) -> Delivery | None:
        cursor = await self.connection.execute(
            "SELECT * FROM deliveries WHERE id = ?", (delivery_id,)
        )
        row = await cursor.fetchone()
        return _delivery(row) if row is not None else None

    async def settle(self, delivery_id: int) -> Outcome | None:
        """The outcome once every notification of the delivery is sent or given up, exactly
        once (it is marked reported in the same transaction); None while some are pending."""
        delivery = await self.get(delivery_id)
        cursor = await self.connection.execute(
            "SELECT reported_at FROM deliveries WHERE id = ?", (delivery_id,)
        )
        row = await cursor.fetchone()
        if delivery is None or row is None or row[0] is not None:
            return None
        cursor = await self.connection.execute(
            "SELECT SUM(sent_at IS NULL AND failed IS NULL), SUM(sent_at IS NOT NULL), "
            "SUM(failed IS NOT NULL) FROM outbox WHERE delivery_id = ?",
            (delivery_id,),
        )
        counts = await cursor.fetchone()
        assert counts is not None
        pending, sent, failed = (int(value or 0) for value in counts)
        if pending:
            return None
        await self.connection.execute(
            "UPDATE deliveries SET reported_at = ? WHERE id = ?", (_iso(self.now), delivery_id)
        )
        return Outcome(delivery, sent, failed)

    async def undelivered(self, limit: int = 20) -> list[Undelivered]:
        """Notifications given up and not re-routed yet, newest first (staff's listing)."""
        cursor = await self.connection.execute(
            "SELECT id FROM outbox WHERE failed IS NOT NULL AND rerouted_to IS NULL "
            "AND json_extract(payload, '$.text') IS NOT NULL "
            "AND json_extract(payload, '$.alert') IS NULL ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        found = [await self.failed_item(row[0]) for row in await cursor.fetchall()]
        return [item for item in found if item is not None]

    async def failed_item(self, outbox_id: int) -> Undelivered | None:
        cursor = await self.connection.execute(
            "SELECT * FROM outbox WHERE id = ? AND failed IS NOT NULL AND rerouted_to IS NULL",
            (outbox_id,),
        )
        row = await cursor.fetchone()
        if row is None:
            return None
        payload = OutboxPayload.read(row["payload"])
        if payload.text is None:
            return None
        delivery = await self.get(row["delivery_id"]) if row["delivery_id"] else None
        return Undelivered(
            outbox_id=row["id"],
            chat_id=row["chat_id"],
            reason=row["failed"],
            created_at=row["created_at"],
            payload=payload,
            delivery=delivery,
        )

    async def rerouted(self, outbox_id: int, to: int) -> None:
        await self.connection.execute(
            "UPDATE outbox SET rerouted_to = ? WHERE id = ?", (to, outbox_id)
        )
