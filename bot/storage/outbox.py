"""The durable outbox: notifications are rows written in the same transaction as the change
they announce, and a worker delivers them (see `bot/delivery/worker.py`).

Per chat, messages leave in the order they were written: a postponed message holds back the
later ones of the same chat, so a document never overtakes the text it belongs to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite
from pydantic import BaseModel, ConfigDict

from bot.texts.catalog import Language


class NoteButton(BaseModel):
    """A notification's button, abstract: the transport makes it an inline button."""

    model_config = ConfigDict(frozen=True)

    label: str
    action: str


class SketchReference(BaseModel):
    """The handoff's Projektskizze, rendered right before the item is sent
    (`bot.alliance.sketches`)."""

    model_config = ConfigDict(frozen=True)

    handoff: int
    language: Language


class Attachment(BaseModel):
    """A file, as base64 in the JSON."""

    model_config = ConfigDict(frozen=True)

    filename: str
    mime_type: str | None = None
    content_b64: str


class OutboxPayload(BaseModel):
    """What an outbox item sends, decoded once where the row is read (`Outbox.due`,
    `Deliveries.failed_item`). Stored as JSON with only the keys its writer gave (an unset
    field is absent, one given as None is `null`), in the order of the fields here, which is
    the order every writer wrote them in before the payload was typed. Unknown keys of a row
    are ignored: a message is still sent."""

    model_config = ConfigDict(frozen=True)

    text: str | None = None
    """HTML text (a notification, a deferred reply)."""
    buttons: tuple[tuple[NoteButton, ...], ...] = ()
    sketch: SketchReference | None = None
    document: Attachment | None = None
    caption: str | None = None
    """HTML caption of the document (or of the sketch)."""
    relay: bool = False
    """Replies to the message reach the other side of its handoff (`relays`)."""
    anonymous: str | None = None
    """The same text without the contact's name it carries, sent instead should that
    contact erase their data before it is delivered (`Outbox.forget_name`)."""
    alert: bool = False
    """Staff's alert about an undelivered item: when it fails itself it raises no other."""
    case: int | None = None
    """The case it is about (`bot.procedure.announce`): erasing the sponsor finds it."""
    markup: dict[str, Any] | None = None
    """A deferred reply's keyboard as the Bot API takes it (`reply_markup`)."""

    def stored(self) -> str:
        """The row's JSON: the given keys only, written by `json.dumps` as before."""
        return json.dumps(self.model_dump(mode="json", exclude_unset=True))

    def without(self, *fields: str) -> OutboxPayload:
        """The same payload with `fields` absent (not merely None)."""
        return OutboxPayload.model_validate(
            self.model_dump(mode="json", exclude_unset=True, exclude=set(fields))
        )

    @classmethod
    def read(cls, stored: str) -> OutboxPayload:
        return cls.model_validate_json(stored)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    chat_id: int
    payload: OutboxPayload
    handoff_id: int | None
    attempts: int
    delivery_id: int | None = None
    """The delivery it belongs to (`bot.storage.deliveries`): the sponsor learns how it went."""


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


class Outbox:
    def __init__(self, connection: aiosqlite.Connection, now: datetime) -> None:
        self.connection = connection
        self.now = now

    async def add(
        self,
        chat_id: int,
        payload: OutboxPayload,
        handoff_id: int | None = None,
        named_user: int | None = None,
        delivery_id: int | None = None,
    ) -> int:
        """`named_user`: the contact whose name the message carries (the payload then holds an
        "anonymous" text without it, for when that contact erases their data)."""
        cursor = await self.connection.execute(
            "INSERT INTO outbox (chat_id, payload, handoff_id, created_at, due_at, named_user, "
            "delivery_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                chat_id,
                payload.stored(),
                handoff_id,
                _iso(self.now),
                _iso(self.now),
                named_user,
                delivery_id,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def told(self, chat_id: int, handoff_id: int, named_user: int) -> bool:
        """Whether a message about the handoff naming `named_user` went, or is going, to the
        chat (a delivery given up does not count)."""
        cursor = await self.connection.execute(
            "SELECT 1 FROM outbox WHERE chat_id = ? AND handoff_id = ? AND named_user = ? "
            "AND failed IS NULL LIMIT 1",
            (chat_id, handoff_id, named_user),
        )
        return await cursor.fetchone() is not None

    async def forget_name(self, user_id: int) -> int:
        """Messages naming the user lose the name: undelivered ones go with their anonymous
        text (the recipient still learns what happened), sent ones keep no link to the user.
        Returns how many undelivered messages changed."""
        cursor = await self.connection.execute(
            "SELECT id, payload FROM outbox WHERE named_user = ? AND sent_at IS NULL", (user_id,)
        )
        rows = [(row["id"], OutboxPayload.read(row["payload"])) for row in await cursor.fetchall()]
        for row_id, payload in rows:
            changed = payload.without("anonymous")
            if payload.anonymous is not None:
                changed = changed.model_copy(update={"text": payload.anonymous})
            await self.connection.execute(
                "UPDATE outbox SET payload = ? WHERE id = ?", (changed.stored(), row_id)
            )
        await self.connection.execute(
            "UPDATE outbox SET named_user = NULL WHERE named_user = ?", (user_id,)
        )
        return len(rows)

    async def due(self, limit: int = 16) -> list[OutboxItem]:
        cursor = await self.connection.execute(
            "SELECT * FROM outbox o WHERE sent_at IS NULL AND failed IS NULL AND due_at <= ? "
            "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.chat_id = o.chat_id "
            "AND p.sent_at IS NULL AND p.failed IS NULL AND p.id < o.id) ORDER BY id LIMIT ?",
            (_iso(self.now), limit),
        )
        return [
            OutboxItem(
                id=row["id"],
                chat_id=row["chat_id"],
                payload=OutboxPayload.read(row["payload"]),
                handoff_id=row["handoff_id"],
                attempts=row["attempts"],
                delivery_id=row["delivery_id"],
            )
            for row in await cursor.fetchall()
        ]

    async def next_due(self) -> datetime | None:
        """When the next item may go: only the first pending item of each chat counts, since
        the later ones wait for it (else a postponed item would make the worker spin)."""
        cursor = await self.connection.execute(
            "SELECT MIN(due_at) FROM outbox o WHERE sent_at IS NULL AND failed IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.chat_id = o.chat_id "
            "AND p.sent_at IS NULL AND p.failed IS NULL AND p.id < o.id)"
        )
        row = await cursor.fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    async def mark_sent(
        self, item: OutboxItem, message_id: int | None, earlier_parts: tuple[int, ...] = ()
    ) -> None:
        # What was sent is in the chat now; the row keeps when, not what (data minimisation:
        # relayed texts and handed-over details are not kept twice).
        await self.connection.execute(
            "UPDATE outbox SET sent_at = ?, message_id = ?, attempts = attempts + 1, "
            "payload = '{}' WHERE id = ?",
            (_iso(self.now), message_id, item.id),
        )
        if item.handoff_id is not None and message_id is not None and item.payload.relay:
            # Replies to this message (to any of its parts) reach the other side of the handoff.
            for part in (*earlier_parts, message_id):
                await self.connection.execute(
                    "INSERT OR IGNORE INTO relays (chat_id, message_id, handoff_id) "
                    "VALUES (?, ?, ?)",
                    (item.chat_id, part, item.handoff_id),
                )
        await self._settled(item)

    async def _settled(self, item: OutboxItem) -> None:
        """A handoff's rendered Projektskizze goes once no recipient waits for it any more."""
        if item.handoff_id is None or item.payload.sketch is None:
            return
        await self.connection.execute(
            "DELETE FROM handoff_sketches WHERE handoff_id = ? AND NOT EXISTS ("
            "SELECT 1 FROM outbox WHERE handoff_id = ? AND sent_at IS NULL AND failed IS NULL "
            "AND json_extract(payload, '$.sketch') IS NOT NULL)",
            (item.handoff_id, item.handoff_id),
        )

    async def postpone(self, item: OutboxItem, until: datetime) -> None:
        await self.connection.execute(
            "UPDATE outbox SET due_at = ?, attempts = attempts + 1 WHERE id = ?",
            (_iso(until), item.id),
        )

    async def fail(self, item: OutboxItem, reason: str) -> None:
        await self.connection.execute(
            "UPDATE outbox SET failed = ?, attempts = attempts + 1 WHERE id = ?",
            (reason[:500], item.id),
        )
        await self._settled(item)

    async def pending_for(self, chat_id: int) -> int:
        cursor = await self.connection.execute(
            "SELECT COUNT(*) FROM outbox WHERE chat_id = ? AND sent_at IS NULL AND failed IS NULL",
            (chat_id,),
        )
        row = await cursor.fetchone()
        return int(row[0]) if row else 0
