"""Delivers the outbox: every notification arrives, also across restarts and Bot API faults.

Sending happens outside the database transaction; an item is marked sent only after the Bot
API took it. A crash between those two steps, or a connection lost after Telegram accepted the
request, makes that one item go out again: Telegram has no idempotency key, so at most one
duplicate per such event. A 429 means Telegram took nothing: it is retried after `retry_after`
and never duplicates.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from bot.clock import Clock
from bot.storage.db import Database
from bot.storage.outbox import OutboxItem
from bot.storage.stores import Stores

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 1000
"""Transient failures (5xx, network) are retried this often: with back-off capped at ten
minutes, about a week. A 429 never counts: Telegram took nothing and said when to come back."""
MAX_BACKOFF_SECONDS = 600.0


@dataclass(frozen=True)
class Sent:
    message_id: int | None
    earlier_parts: tuple[int, ...] = ()
    """Messages before the last when a long text went in parts: replies to them count too."""


@dataclass(frozen=True)
class RetryLater:
    reason: str
    after_seconds: float | None = None
    """As the Bot API demanded (429); None: back off exponentially."""


@dataclass(frozen=True)
class Failed:
    reason: str
    """Sending again cannot help (the user blocked the bot, the chat is gone)."""


SendOutcome = Sent | RetryLater | Failed


class Transport(Protocol):
    async def send(self, item: OutboxItem) -> SendOutcome: ...


Prepare = Callable[[OutboxItem], Awaitable[OutboxItem | None]]
"""Completes an item right before it is sent, outside any transaction: a handoff's
Projektskizze is rendered there, once, and attached (see `bot/alliance/sketches.py`). None:
what the item referred to is gone, nothing to send."""


Settled = Callable[[Stores, OutboxItem, str | None], Awaitable[None]]
"""Called in the transaction that records an item as sent (None) or given up (why): the
sponsor is told how a delivery went, staff learn of a notification that failed
(`bot/alliance/delivery.py`)."""


def backoff(attempts: int) -> float:
    return min(2.0 ** max(attempts, 0), MAX_BACKOFF_SECONDS)


class OutboxWorker:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        transport: Transport,
        prepare: Prepare | None = None,
        settled: Settled | None = None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.transport = transport
        self.prepare = prepare
        self.settled = settled
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        """Something was written to the outbox: deliver without waiting for the next round."""
        self._wake.set()

    async def deliver_due(self) -> int:
        """One round: send what is due now; returns how many items were handled."""
        async with Stores.transaction(self.database, self.clock.now()) as stores:
            items = await stores.outbox.due()
        for item in items:
            try:
                ready = await self.prepare(item) if self.prepare is not None else item
                if ready is None:
                    outcome: SendOutcome = Failed("nothing to send: the handoff is gone")
                else:
                    outcome = await self.transport.send(ready)
            except Exception as error:  # a broken item must not stop the rest
                log.exception("sending outbox item %s failed", item.id)
                outcome = RetryLater(f"{type(error).__name__}: {error}")
            await self._record(item, outcome)
        return len(items)

    async def _record(self, item: OutboxItem, outcome: SendOutcome) -> None:
        async with Stores.transaction(self.database, self.clock.now()) as stores:
            outbox = stores.outbox
            if isinstance(outcome, Sent):
                await outbox.mark_sent(item, outcome.message_id, outcome.earlier_parts)
            elif isinstance(outcome, Failed) or (
                outcome.after_seconds is None and item.attempts + 1 >= MAX_ATTEMPTS
            ):
                log.warning("outbox item %s given up: %s", item.id, outcome.reason)
                await outbox.fail(item, outcome.reason)
                outcome = Failed(outcome.reason)
            else:
                delay = outcome.after_seconds
                if delay is None:
                    delay = backoff(item.attempts)
                log.info("outbox item %s postponed %.1fs: %s", item.id, delay, outcome.reason)
                await outbox.postpone(item, self.clock.now() + timedelta(seconds=delay))
                return
            if self.settled is not None:
                failure = outcome.reason if isinstance(outcome, Failed) else None
                await self.settled(stores, item, failure)

    async def run(self) -> None:
        while True:
            self._wake.clear()
            if await self.deliver_due():
                continue
            async with Stores.transaction(self.database, self.clock.now()) as stores:
                next_due = await stores.outbox.next_due()
            waits: set[asyncio.Task[object]] = {asyncio.create_task(self._wake.wait())}
            if next_due is not None:
                seconds = max(0.0, (next_due - self.clock.now()).total_seconds())
                waits.add(asyncio.create_task(self.clock.sleep(seconds)))
            _, pending = await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
            for task in pending:
                task.cancel()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="outbox-worker")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
