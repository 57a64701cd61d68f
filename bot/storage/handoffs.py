"""Drafts handed to a local alliance (or sent there as a question), and what became of them."""

from __future__ import annotations

import hmac
import json
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import aiosqlite

from bot.core.state import DialogState
from bot.core.subdialogs import Statement

Kind = Literal["handoff", "question"]


_REF = re.compile(r"([0-9]{1,12})\.([0-9a-f]{16})")


@dataclass(frozen=True)
class Handoff:
    id: int
    token: str
    """Random, per handoff: buttons and pending answers name a handoff by `ref`, so one sent
    for another handoff never acts on this one, whatever number it carries."""
    draft_id: int
    sponsor_id: int
    alliance_id: str
    kind: Kind
    title: str
    snapshot: dict[str, Any]
    """What was sent, exactly as the sponsor saw it before consenting."""
    status: str
    taken_by: int | None
    taken_by_name: str | None
    statement: str | None
    statement_comment: str | None
    created_at: str

    @property
    def sent_state(self) -> DialogState | None:
        """The draft's dialog state as it was sent (None for a snapshot stored without one)."""
        state = self.snapshot.get("state")
        return DialogState.model_validate(state) if state is not None else None

    @property
    def sent_answers(self) -> Mapping[str, Any]:
        """The answers as they were sent, in their stored JSON form: what
        `bot.dialogs.answers.sent_content` digests (decoded, they are `sent_state`'s)."""
        answers = self.snapshot.get("state", {}).get("answers", {})
        return answers if isinstance(answers, Mapping) else {}

    @property
    def ref(self) -> str:
        """How a button names this handoff: its number and its token (`12.0f3a…`), 29
        characters at most, so the callback data stays within Telegram's 64 bytes."""
        return f"{self.id}.{self.token}"


@dataclass(frozen=True)
class SketchFile:
    """A handoff's rendered Projektskizze, as the outbox attaches it."""

    filename: str
    mime_type: str
    content: bytes


def _handoff(row: aiosqlite.Row) -> Handoff:
    return Handoff(
        id=row["id"],
        token=row["token"],
        draft_id=row["draft_id"],
        sponsor_id=row["sponsor_id"],
        alliance_id=row["alliance_id"],
        kind="question" if row["kind"] == "question" else "handoff",
        title=row["title"],
        snapshot=json.loads(row["snapshot"]),
        status=row["status"],
        taken_by=row["taken_by"],
        taken_by_name=row["taken_by_name"],
        statement=row["statement"],
        statement_comment=row["statement_comment"],
        created_at=row["created_at"],
    )


class Handoffs:
    def __init__(self, connection: aiosqlite.Connection, now: datetime) -> None:
        self.connection = connection
        self.now = now.isoformat(timespec="seconds")

    async def create(
        self,
        draft_id: int,
        sponsor_id: int,
        alliance_id: str,
        kind: Kind,
        title: str,
        snapshot: dict[str, Any],
    ) -> Handoff:
        cursor = await self.connection.execute(
            "INSERT INTO handoffs (token, draft_id, sponsor_id, alliance_id, kind, title, "
            "snapshot, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                secrets.token_hex(8),
                draft_id,
                sponsor_id,
                alliance_id,
                kind,
                title,
                json.dumps(snapshot),
                self.now,
            ),
        )
        assert cursor.lastrowid is not None
        handoff = await self.get(cursor.lastrowid)
        assert handoff is not None
        return handoff

    async def get(self, handoff_id: int) -> Handoff | None:
        """By number: only for numbers the bot itself stored (a relayed message's row), never
        for one a button or a person brings (those are refs, see `find`)."""
        cursor = await self.connection.execute("SELECT * FROM handoffs WHERE id = ?", (handoff_id,))
        row = await cursor.fetchone()
        return _handoff(row) if row else None

    async def find(self, ref: object) -> Handoff | None:
        """The handoff a button's (or a pending answer's) ref names; None when it is gone or
        the number now belongs to another handoff."""
        match = _REF.fullmatch(ref) if isinstance(ref, str) else None
        if match is None:
            return None
        handoff = await self.get(int(match.group(1)))
        if handoff is None or not hmac.compare_digest(handoff.token, match.group(2)):
            return None
        return handoff

    async def take_over(self, handoff_id: int, contact_id: int, name: str) -> bool:
        """The first contact to take it has it; later attempts change nothing."""
        cursor = await self.connection.execute(
            "UPDATE handoffs SET status = 'taken', taken_by = ?, taken_by_name = ?, taken_at = ? "
            "WHERE id = ? AND taken_by IS NULL",
            (contact_id, name, self.now, handoff_id),
        )
        return cursor.rowcount == 1

    async def handed_over(self, handoff_id: int) -> tuple[int, str] | None:
        """A handoff (not a question) by number: its draft and its alliance."""
        rows = await self.connection.execute_fetchall(
            "SELECT draft_id, alliance_id FROM handoffs WHERE id = ? AND kind = 'handoff'",
            (handoff_id,),
        )
        row = next(iter(rows), None)
        return (int(row[0]), str(row[1])) if row is not None else None

    async def reassign(
        self, draft_id: int, alliance_id: str, departing: int, successor: int, name: str
    ) -> None:
        """The draft's handoffs to the alliance that `departing` had taken are `successor`'s."""
        await self.connection.execute(
            "UPDATE handoffs SET taken_by = ?, taken_by_name = ? "
            "WHERE draft_id = ? AND alliance_id = ? AND taken_by = ?",
            (successor, name, draft_id, alliance_id, departing),
        )

    async def record_statement(self, handoff_id: int, statement: Statement, comment: str) -> None:
        await self.connection.execute(
            "UPDATE handoffs SET status = 'statement', statement = ?, statement_comment = ?, "
            "statement_at = ? WHERE id = ?",
            (statement, comment, self.now, handoff_id),
        )

    async def for_alliances(self, alliance_ids: list[str], limit: int = 20) -> list[Handoff]:
        if not alliance_ids:
            return []
        marks = ", ".join("?" for _ in alliance_ids)
        cursor = await self.connection.execute(
            f"SELECT * FROM handoffs WHERE alliance_id IN ({marks}) "
            "ORDER BY created_at DESC, id DESC LIMIT ?",
            (*alliance_ids, limit),
        )
        return [_handoff(row) for row in await cursor.fetchall()]

    async def of_draft(self, draft_id: int) -> list[Handoff]:
        cursor = await self.connection.execute(
            "SELECT * FROM handoffs WHERE draft_id = ? ORDER BY id", (draft_id,)
        )
        return [_handoff(row) for row in await cursor.fetchall()]

    async def relayed(self, chat_id: int, message_id: int) -> int | None:
        """The handoff a message belongs to, when someone replies to it."""
        cursor = await self.connection.execute(
            "SELECT handoff_id FROM relays WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        row = await cursor.fetchone()
        return int(row[0]) if row else None

    async def sketch(self, handoff_id: int, language: str) -> SketchFile | None:
        cursor = await self.connection.execute(
            "SELECT filename, mime_type, content FROM handoff_sketches "
            "WHERE handoff_id = ? AND language = ?",
            (handoff_id, language),
        )
        row = await cursor.fetchone()
        return SketchFile(row[0], row[1], bytes(row[2])) if row else None

    async def keep_sketch(self, handoff_id: int, language: str, sketch: SketchFile) -> None:
        """Stored unless one is already (the first rendering wins) or the handoff is gone."""
        await self.connection.execute(
            "INSERT OR IGNORE INTO handoff_sketches "
            "(handoff_id, language, filename, mime_type, content) "
            "SELECT id, ?, ?, ?, ? FROM handoffs WHERE id = ?",
            (language, sketch.filename, sketch.mime_type, sketch.content, handoff_id),
        )
