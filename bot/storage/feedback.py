"""Feedback on a piece of advice: 👍 or 👎 after the summary, with an optional reason, stored
with what it rates (the draft, the knowledge base's version, the advice's fields and projects)
so that staff can see which advice did not help. Personal data: exported, erased and purged
with the user's other data (`bot.storage.privacy`)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

import aiosqlite

Rating = Literal["up", "down"]
MAX_REASON = 1000


class Feedback:
    def __init__(self, connection: aiosqlite.Connection, now: datetime) -> None:
        self.connection = connection
        self.now = now

    async def add(
        self,
        user_id: int,
        draft_id: int | None,
        rating: Rating,
        kb_version: str,
        advice: dict[str, Any],
    ) -> int:
        cursor = await self.connection.execute(
            "INSERT INTO feedback (user_id, draft_id, rating, kb_version, advice, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                user_id,
                draft_id,
                rating,
                kb_version,
                json.dumps(advice),
                self.now.isoformat(timespec="seconds"),
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def give_reason(self, user_id: int, feedback_id: int, reason: str) -> None:
        await self.connection.execute(
            "UPDATE feedback SET reason = ? WHERE id = ? AND user_id = ?",
            (reason[:MAX_REASON], feedback_id, user_id),
        )

    async def counts(self) -> dict[Rating, int]:
        cursor = await self.connection.execute(
            "SELECT rating, COUNT(*) FROM feedback GROUP BY rating"
        )
        found: dict[Rating, int] = {"up": 0, "down": 0}
        for rating, count in await cursor.fetchall():
            if rating in ("up", "down"):
                found[rating] = int(count)
        return found
