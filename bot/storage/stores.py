"""Every storage object of one transaction, built once where the transaction begins."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.storage.cases import Cases
from bot.storage.contacts import Contacts
from bot.storage.db import Database
from bot.storage.deliveries import Deliveries
from bot.storage.drafts import Drafts
from bot.storage.feedback import Feedback
from bot.storage.handoffs import Handoffs
from bot.storage.meetings import Meetings
from bot.storage.outbox import Outbox
from bot.storage.reminders import Reminders
from bot.storage.staff import StaffMembers


@dataclass(frozen=True)
class Stores:
    connection: aiosqlite.Connection
    now: datetime
    """The moment of this transaction: everything it writes carries it."""
    drafts: Drafts
    handoffs: Handoffs
    contacts: Contacts
    outbox: Outbox
    cases: Cases
    meetings: Meetings
    staff: StaffMembers
    """Who is staff: the configured ids (`BOT_ADMIN_IDS`) and those added in the bot."""
    deliveries: Deliveries
    feedback: Feedback
    """Sponsors' 👍/👎 on the advice, with their reasons."""
    reminders: Reminders

    @classmethod
    def of(
        cls,
        connection: aiosqlite.Connection,
        now: datetime,
        configured_staff: frozenset[int] = frozenset(),
    ) -> Stores:
        return cls(
            connection,
            now,
            Drafts(connection, now),
            Handoffs(connection, now),
            Contacts(connection, now),
            Outbox(connection, now),
            Cases(connection, now),
            Meetings(connection, now),
            StaffMembers(connection, now, configured_staff),
            Deliveries(connection, now),
            Feedback(connection, now),
            Reminders(connection, now),
        )

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
