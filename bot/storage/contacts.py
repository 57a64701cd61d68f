"""Contact persons of the local alliances and their one-time invitations.

No person is ever written into the repository: staff invite, the person opens the link, and
only then their Telegram account is stored here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import aiosqlite

INVITATION_VALIDITY = timedelta(days=7)


@dataclass(frozen=True)
class Contact:
    user_id: int
    alliance_id: str
    name: str
    registered_at: str


class Redemption(StrEnum):
    REGISTERED = "registered"
    ALREADY = "already"
    EXPIRED = "expired"
    USED = "used"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Redeemed:
    outcome: Redemption
    alliance_id: str | None = None


class Contacts:
    def __init__(self, connection: aiosqlite.Connection, now: datetime) -> None:
        self.connection = connection
        self.now = now

    async def invite(self, token: str, alliance_id: str, staff_id: int) -> datetime:
        expires = self.now + INVITATION_VALIDITY
        await self.connection.execute(
            "INSERT INTO invitations (token, alliance_id, created_by, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (token, alliance_id, staff_id, self.now.isoformat(), expires.isoformat()),
        )
        return expires

    async def redeem(self, token: str, user_id: int, name: str) -> Redeemed:
        cursor = await self.connection.execute(
            "SELECT * FROM invitations WHERE token = ?", (token,)
        )
        row = await cursor.fetchone()
        if row is None:
            return Redeemed(Redemption.UNKNOWN)
        alliance_id = str(row["alliance_id"])
        if row["used_by"] is not None:
            same = row["used_by"] == user_id
            return Redeemed(Redemption.ALREADY if same else Redemption.USED, alliance_id)
        if datetime.fromisoformat(row["expires_at"]) < self.now:
            return Redeemed(Redemption.EXPIRED, alliance_id)
        await self.connection.execute(
            "UPDATE invitations SET used_by = ?, used_at = ? WHERE token = ?",
            (user_id, self.now.isoformat(), token),
        )
        await self.connection.execute(
            "INSERT OR REPLACE INTO contacts (user_id, alliance_id, name, registered_at) "
            "VALUES (?, ?, ?, ?)",
            (user_id, alliance_id, name, self.now.isoformat()),
        )
        return Redeemed(Redemption.REGISTERED, alliance_id)

    async def of_alliance(self, alliance_id: str) -> list[Contact]:
        cursor = await self.connection.execute(
            "SELECT * FROM contacts WHERE alliance_id = ? ORDER BY registered_at", (alliance_id,)
        )
        return [_contact(row) for row in await cursor.fetchall()]

    async def all(self) -> list[Contact]:
        cursor = await self.connection.execute(
            "SELECT * FROM contacts ORDER BY alliance_id, registered_at"
        )
        return [_contact(row) for row in await cursor.fetchall()]

    async def alliances_of(self, user_id: int) -> list[str]:
        cursor = await self.connection.execute(
            "SELECT alliance_id FROM contacts WHERE user_id = ? ORDER BY alliance_id", (user_id,)
        )
        return [str(row[0]) for row in await cursor.fetchall()]

    async def remove(self, user_id: int, alliance_id: str) -> bool:
        cursor = await self.connection.execute(
            "DELETE FROM contacts WHERE user_id = ? AND alliance_id = ?", (user_id, alliance_id)
        )
        return cursor.rowcount == 1


def _contact(row: aiosqlite.Row) -> Contact:
    return Contact(
        user_id=row["user_id"],
        alliance_id=row["alliance_id"],
        name=row["name"],
        registered_at=row["registered_at"],
    )
