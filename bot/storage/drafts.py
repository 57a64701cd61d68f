"""Sponsors and their drafts. Every query is scoped to the owner: nobody reaches another's."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.core.state import DialogState
from bot.core.subdialogs import STACK, SubDialog
from bot.texts.catalog import Language


@dataclass(frozen=True)
class User:
    id: int
    language: Language
    current_draft_id: int | None
    subdialogs: tuple[SubDialog, ...]
    """Sub-dialogs waiting for a typed answer (a new title, a question), the top one last;
    stored as JSON in the column `subdialogs`."""
    last_update_id: int | None


@dataclass(frozen=True)
class Draft:
    id: int
    owner_id: int
    title: str | None
    status: str
    state: DialogState
    created_at: str
    updated_at: str


def user_of(row: aiosqlite.Row) -> User:
    stack = tuple(STACK.validate_json(row["subdialogs"])) if row["subdialogs"] else ()
    return User(
        id=row["id"],
        language="en" if row["language"] == "en" else "de",
        current_draft_id=row["current_draft_id"],
        subdialogs=stack,
        last_update_id=row["last_update_id"],
    )


def _draft(row: aiosqlite.Row) -> Draft:
    return Draft(
        id=row["id"],
        owner_id=row["owner_id"],
        title=row["title"],
        status=row["status"],
        state=DialogState.model_validate_json(row["state"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


class Drafts:
    """Queries on an open transaction; the caller decides where transactions begin and end."""

    def __init__(self, connection: aiosqlite.Connection, now: datetime) -> None:
        self.connection = connection
        self.now_moment = now
        self.now = now.isoformat(timespec="seconds")

    async def user(self, user_id: int, language: Language) -> User:
        """The user, registered on first contact."""
        # Read first: all but the first update of a user find the row, so the hot path runs
        # one statement instead of two (the write transaction excludes a race).
        row = await self._one("SELECT * FROM users WHERE id = ?", (user_id,))
        if row is None:
            await self.register(user_id, language)
            row = await self._one("SELECT * FROM users WHERE id = ?", (user_id,))
        assert row is not None
        return user_of(row)

    async def register(self, user_id: int, language: Language) -> None:
        """A user's row, unless there is one."""
        await self.connection.execute(
            "INSERT INTO users (id, language, created_at, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO NOTHING",
            (user_id, language, self.now, self.now),
        )

    async def language_of(self, user_id: int) -> Language:
        """The language a user reads, without registering them ("de" for one not known)."""
        row = await self._one("SELECT language FROM users WHERE id = ?", (user_id,))
        return "en" if row is not None and row[0] == "en" else "de"

    async def _one(self, sql: str, parameters: tuple[object, ...]) -> aiosqlite.Row | None:
        """The first row of the query, or None."""
        rows = await self.connection.execute_fetchall(sql, parameters)
        return next(iter(rows), None)

    async def update_user(self, user_id: int, **changes: object) -> None:
        allowed = {"language", "current_draft_id", "subdialogs", "last_update_id"}
        assert set(changes) <= allowed, changes
        if "subdialogs" in changes:
            stack = list(changes["subdialogs"])  # type: ignore[call-overload]
            changes["subdialogs"] = STACK.dump_json(stack).decode() if stack else None
        assignments = ", ".join(f"{name} = ?" for name in changes)
        await self.connection.execute(
            f"UPDATE users SET {assignments}, updated_at = ? WHERE id = ?",
            (*changes.values(), self.now, user_id),
        )

    async def get(self, owner_id: int, draft_id: int) -> Draft | None:
        row = await self._one(
            "SELECT * FROM drafts WHERE id = ? AND owner_id = ?", (draft_id, owner_id)
        )
        return await self._with_takers(_draft(row)) if row else None

    async def _with_takers(self, draft: Draft) -> Draft:
        """The draft with the contact person who took each of its handoffs (#15: the summary
        names them once one has), read from the handoffs each time, never stored."""
        if not any(sent.kind == "handoff" for sent in draft.state.sent):
            return draft
        rows = await self.connection.execute_fetchall(
            "SELECT id, taken_by_name FROM handoffs "
            "WHERE draft_id = ? AND taken_by_name IS NOT NULL",
            (draft.id,),
        )
        takers = {int(row["id"]): str(row["taken_by_name"]) for row in rows}
        if not takers:
            return draft
        sent = [
            s.model_copy(update={"taken_by": takers.get(s.number)}) if s.kind == "handoff" else s
            for s in draft.state.sent
        ]
        return dataclasses.replace(draft, state=draft.state.model_copy(update={"sent": sent}))

    async def create(self, owner_id: int, state: DialogState) -> Draft:
        cursor = await self.connection.execute(
            "INSERT INTO drafts (owner_id, state, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (owner_id, state.model_dump_json(), self.now, self.now),
        )
        draft_id = cursor.lastrowid
        assert draft_id is not None
        await self.update_user(owner_id, current_draft_id=draft_id, subdialogs=())
        draft = await self.get(owner_id, draft_id)
        assert draft is not None
        return draft

    async def save(self, draft: Draft, state: DialogState) -> None:
        await self.connection.execute(
            "UPDATE drafts SET state = ?, updated_at = ? WHERE id = ? AND owner_id = ?",
            (state.model_dump_json(), self.now, draft.id, draft.owner_id),
        )

    async def set_status(self, draft: Draft, status: str) -> None:
        await self.connection.execute(
            "UPDATE drafts SET status = ?, updated_at = ? WHERE id = ? AND owner_id = ?",
            (status, self.now, draft.id, draft.owner_id),
        )

    async def rename(self, owner_id: int, draft_id: int, title: str) -> bool:
        cursor = await self.connection.execute(
            "UPDATE drafts SET title = ?, updated_at = ? WHERE id = ? AND owner_id = ?",
            (title, self.now, draft_id, owner_id),
        )
        return cursor.rowcount == 1

    async def delete(self, owner_id: int, draft_id: int) -> bool:
        cursor = await self.connection.execute(
            "DELETE FROM drafts WHERE id = ? AND owner_id = ?", (draft_id, owner_id)
        )
        # The sponsor's ratings of this draft's advice go with it: feedback is personal data
        # kept no longer than the draft it concerns (as `/loeschen` and the purge do).
        await self.connection.execute(
            "DELETE FROM feedback WHERE draft_id = ? AND user_id = ?", (draft_id, owner_id)
        )
        return cursor.rowcount == 1

    async def everyone(self) -> list[Draft]:
        rows = await self.connection.execute_fetchall("SELECT * FROM drafts ORDER BY id")
        return [_draft(row) for row in rows]

    async def list(self, owner_id: int) -> list[Draft]:
        rows = await self.connection.execute_fetchall(
            "SELECT * FROM drafts WHERE owner_id = ? ORDER BY updated_at DESC, id DESC",
            (owner_id,),
        )
        return [_draft(row) for row in rows]
