"""Every storage object of one transaction, built once where the transaction begins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from bot.storage.contacts import Contacts
from bot.storage.deliveries import Deliveries
from bot.storage.drafts import Drafts
from bot.storage.handoffs import Handoffs
from bot.storage.outbox import Outbox


@dataclass(frozen=True)
class Stores:
    connection: aiosqlite.Connection
    now: datetime
    """The moment of this transaction: everything it writes carries it."""
    drafts: Drafts
    handoffs: Handoffs
    contacts: Contacts
    outbox: Outbox
    deliveries: Deliveries

    @classmethod
    def of(cls, connection: aiosqlite.Connection, now: datetime) -> Stores:
        return cls(
            connection,
            now,
            Drafts(connection, now),
            Handoffs(connection, now),
            Contacts(connection, now),
            Outbox(connection, now),
            Deliveries(connection, now),
        )
