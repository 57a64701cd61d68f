"""Who is staff (the coordination office): the configured ones and those added in the bot.

`BOT_ADMIN_IDS` names the first staff members; they invite further colleagues with one-time
links and remove them again, so a new colleague needs no deployment. The configured ones are
not stored here and cannot be removed in the bot: they are the way back in should every
colleague added in the bot be removed (by mistake or by somebody who should not have).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.storage.contacts import INVITATION_VALIDITY, Redemption


@dataclass(frozen=True)
class StaffMember:
    user_id: int
    name: str
    added_by: int | None
    """Who added them in the bot; None: named in the configuration (BOT_ADMIN_IDS)."""


async def is_staff(
    connection: aiosqlite.Connection, configured: frozenset[int], user_id: int
) -> bool:
    """Is this person staff: configured (`BOT_ADMIN_IDS`) or added in the bot (/team)? The one
    answer every part of the bot asks for (roles, the procedure, notifications)."""
    if user_id in configured:
        return True
    cursor = await connection.execute("SELECT 1 FROM staff_members WHERE user_id = ?", (user_id,))
    return await cursor.fetchone() is not None


async def staff_ids(connection: aiosqlite.Connection, configured: frozenset[int]) -> list[int]:
    """Every staff member's id, ascending: the configured ones and those added in the bot (a
    removed colleague is no longer among them)."""
    cursor = await connection.execute("SELECT user_id FROM staff_members")
    return sorted(configured | {row[0] for row in await cursor.fetchall()})


class StaffMembers:
    def __init__(
        self, connection: aiosqlite.Connection, now: datetime, configured: frozenset[int]
    ) -> None:
        self.connection = connection
        self.now = now
        self.configured = configured
        self._added: dict[int, bool] = {}
        """Whether a person is among those added in the bot, as read in this transaction (its
        write lock keeps another process from changing it meanwhile) or changed by it."""

    def known(self, user_id: int, added: bool) -> None:
        """Remember what a read of this transaction already found (`Stores.opening`)."""
        self._added[user_id] = added

    async def includes(self, user_id: int) -> bool:
        """Is this person staff? (`is_staff`; asked once a transaction for each person)"""
        if user_id in self.configured:
            return True
        added = self._added.get(user_id)
        if added is None:
            added = self._added[user_id] = await is_staff(self.connection, frozenset(), user_id)
        return added

    async def added(self) -> list[StaffMember]:
        """Those added in the bot, oldest first (a configured id added too is listed once)."""
        cursor = await self.connection.execute(
            "SELECT * FROM staff_members ORDER BY added_at, user_id"
        )
        return [
            StaffMember(row["user_id"], row["name"], row["added_by"])
            for row in await cursor.fetchall()
            if row["user_id"] not in self.configured
        ]

    async def everyone(self) -> list[int]:
        """Every staff member's id: the configured ones and those added in the bot."""
        return await staff_ids(self.connection, self.configured)

    async def invite(self, token: str, staff_id: int) -> datetime:
        expires = self.now + INVITATION_VALIDITY
        await self.connection.execute(
            "INSERT INTO staff_invitations (token, created_by, created_at, expires_at) "
            "VALUES (?, ?, ?, ?)",
            (token, staff_id, self.now.isoformat(), expires.isoformat()),
        )
        return expires

    async def redeem(self, token: str, user_id: int, name: str) -> Redemption:
        cursor = await self.connection.execute(
            "SELECT * FROM staff_invitations WHERE token = ?", (token,)
        )
        row = await cursor.fetchone()
        if row is None:
            return Redemption.UNKNOWN
        if row["used_by"] is not None:
            return Redemption.ALREADY if row["used_by"] == user_id else Redemption.USED
        if datetime.fromisoformat(row["expires_at"]) < self.now:
            return Redemption.EXPIRED
        if await self.includes(user_id):
            return Redemption.ALREADY  # the link stays unused for whom it was meant
        await self.connection.execute(
            "UPDATE staff_invitations SET used_by = ?, used_at = ? WHERE token = ?",
            (user_id, self.now.isoformat(), token),
        )
        await self.connection.execute(
            "INSERT INTO staff_members (user_id, name, added_by, added_at) VALUES (?, ?, ?, ?)",
            (user_id, name, row["created_by"], self.now.isoformat()),
        )
        self._added[user_id] = True
        return Redemption.REGISTERED

    async def remove(self, user_id: int) -> bool:
        """Only those added in the bot can be removed here (see the module's docstring)."""
        if user_id in self.configured:
            return False
        cursor = await self.connection.execute(
            "DELETE FROM staff_members WHERE user_id = ?", (user_id,)
        )
        self._added[user_id] = False
        return cursor.rowcount == 1
