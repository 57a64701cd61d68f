"""Every storage object of one transaction, built once where the transaction begins."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

import aiosqlite

from bot.storage.cases import Cases
from bot.storage.contacts import Contacts
from bot.storage.db import Database
from bot.storage.deliveries import Deliveries
from bot.storage.drafts import Drafts, User, user_of
from bot.storage.feedback import Feedback
from bot.storage.handoffs import Handoffs
from bot.storage.meetings import Meetings
from bot.storage.outbox import Outbox
from bot.storage.reminders import Reminders
from bot.storage.staff import StaffMembers
from bot.texts.catalog import Language

_OPENING = (
    "SELECT users.*,"
    " EXISTS(SELECT 1 FROM staff_members WHERE staff_members.user_id = users.id)"
    " AS opening_staff_added,"
    " EXISTS(SELECT 1 FROM meetings WHERE cancelled_at IS NULL AND held_on >= ?)"
    " AS opening_meetings"
    " FROM users WHERE id = ?"
)
"""An update's first read: the user, whether they are staff added in the bot, whether staff
keep any meeting from today on (the same condition as `Meetings.listed(since=today)`)."""


@dataclass(frozen=True)
class Opening:
    user: User
    meetings: bool
    """Staff keep a meeting from today on: the advice's lead-time warning needs them (#13)."""


@dataclass(frozen=True)
class Stores:
    """The stores of one transaction, each built once, when first asked for (most updates use
    three of the eleven: building all of them was a tenth of the router's own work)."""

    connection: aiosqlite.Connection
    now: datetime
    """The moment of this transaction: everything it writes carries it."""
    configured_staff: frozenset[int] = frozenset()
    """The staff ids of the configuration (`BOT_ADMIN_IDS`)."""

    @cached_property
    def drafts(self) -> Drafts:
        return Drafts(self.connection, self.now)

    @cached_property
    def handoffs(self) -> Handoffs:
        return Handoffs(self.connection, self.now)

    @cached_property
    def contacts(self) -> Contacts:
        return Contacts(self.connection, self.now)

    @cached_property
    def outbox(self) -> Outbox:
        return Outbox(self.connection, self.now)

    @cached_property
    def cases(self) -> Cases:
        return Cases(self.connection, self.now)

    @cached_property
    def meetings(self) -> Meetings:
        return Meetings(self.connection, self.now)

    @cached_property
    def staff(self) -> StaffMembers:
        """Who is staff: the configured ids (`BOT_ADMIN_IDS`) and those added in the bot."""
        return StaffMembers(self.connection, self.now, self.configured_staff)

    @cached_property
    def deliveries(self) -> Deliveries:
        return Deliveries(self.connection, self.now)

    @cached_property
    def feedback(self) -> Feedback:
        """Sponsors' 👍/👎 on the advice, with their reasons."""
        return Feedback(self.connection, self.now)

    @cached_property
    def reminders(self) -> Reminders:
        return Reminders(self.connection, self.now)

    @classmethod
    def of(
        cls,
        connection: aiosqlite.Connection,
        now: datetime,
        configured_staff: frozenset[int] = frozenset(),
    ) -> Stores:
        return cls(connection, now, configured_staff)

    async def opening(self, user_id: int, language: Language) -> Opening:
        """The user (registered on first contact) with what every update asks about them, in
        one statement instead of three: whether staff keep meetings, and (remembered by
        `staff` for this transaction) whether the user is staff added in the bot."""
        parameters = (self.now.date().isoformat(), user_id)
        rows = await self.connection.execute_fetchall(_OPENING, parameters)
        row = next(iter(rows), None)
        if row is None:
            await self.drafts.register(user_id, language)
            rows = await self.connection.execute_fetchall(_OPENING, parameters)
            row = next(iter(rows))
        self.staff.known(user_id, bool(row["opening_staff_added"]))
        return Opening(user_of(row), bool(row["opening_meetings"]))

    @classmethod
    @asynccontextmanager
    async def transaction(
        cls,
        database: Database,
        now: datetime,
        configured_staff: frozenset[int] = frozenset(),
    ) -> AsyncIterator[Stores]:
        """One write transaction of work outside an update (the purge, the outbox's PDFs):
        its stores, committed when the block ends without an exception."""
        async with database.transaction() as connection:
            yield cls.of(connection, now, configured_staff)
