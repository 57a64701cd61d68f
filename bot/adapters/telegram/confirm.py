"""Confirm an update to Telegram only once it is handled.

Telegram keeps an update until a getUpdates call with a higher offset confirms it, and hands it
out again otherwise. PTB's polling confirms a batch with its very next call, while the handlers
are still running: a crash (kill -9, OOM, power loss) in that moment would lose the sponsor's
message, or the reply to an answer already stored. Here the offset stays at the oldest update
still being handled. After a crash Telegram delivers that update again and the conversation
recognises its update_id (applied at most once, the current question repeated at most once).

While an update is being handled, Telegram answers every poll at once (it still holds that
update), so polling is paced instead of spinning: the next poll waits until nothing is being
handled, or at most HANDLING_GRACE, so a slow handler (a PDF, a 429's retry_after) delays
other chats' updates by no more than that. What Telegram hands out again meanwhile is not
passed on twice.

A 409 Conflict means another instance polls with the same token: this one polls no more
(each poll would end the other's, and both would loop) and reports it (`conflicted`).

At shutdown the poll in hand is abandoned at once (its connection closed, so Telegram forgets
it), PTB's own last getUpdates is not sent, and the one confirmation after the handlers
finished has short timeouts of its own: stopping never waits out a long poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import Conflict, TelegramError
from telegram.ext import BaseRateLimiter, ExtBot
from telegram.request import BaseRequest

log = logging.getLogger(__name__)

HANDLING_GRACE = 0.1
"""Seconds a poll waits for the updates in hand before it asks Telegram anyway."""
STOP_TIMEOUT = 1.0
"""Seconds the shutdown waits for each of: the abandoned poll's connection to close, the
confirmation (Docker's grace period is 10 s; the goal is an exit within 3 s, whatever the
Bot API or the network do)."""


class UpdateLedger:
    """The updates fetched from Telegram whose handling has not finished."""

    def __init__(self) -> None:
        self._running: set[int] = set()
        self._idle = asyncio.Event()
        self._idle.set()
        self.next_offset: int | None = None
        """One past the newest update fetched: the offset that confirms everything."""

    def fetched(self, update_ids: Iterable[int]) -> None:
        for update_id in update_ids:
            self._running.add(update_id)
            self._idle.clear()
            if self.next_offset is None or update_id >= self.next_offset:
                self.next_offset = update_id + 1

    def finished(self, update_id: int) -> None:
        self._running.discard(update_id)
        if not self._running:
            self._idle.set()

    def oldest(self) -> int | None:
        """The oldest update still in hand: the highest offset that may be confirmed."""
        return min(self._running) if self._running else None

    async def settled(self, grace: float) -> None:
        """Wait until nothing is in hand, at most ``grace`` seconds."""
        if self._idle.is_set():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), grace)


class ConfirmingBot(ExtBot[Any]):
    """An ExtBot whose getUpdates never confirms an update that is still being handled."""

    __slots__ = (
        "_conflict",
        "_conflicted",
        "_known_below",
        "_ledger",
        "_poll",
        "_polled",
        "_stopping",
    )

    def __init__(
        self,
        token: str,
        ledger: UpdateLedger,
        *,
        base_url: str,
        base_file_url: str,
        request: BaseRequest,
        get_updates_request: BaseRequest,
        rate_limiter: BaseRateLimiter[Any] | None = None,
        polled: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(
            token,
            base_url=base_url,
            base_file_url=base_file_url,
            request=request,
            get_updates_request=get_updates_request,
            rate_limiter=rate_limiter,
        )
        with self._unfrozen():
            self._ledger = ledger
            self._known_below: int | None = None
            self._polled = polled
            """Called after every poll Telegram answered (the heartbeat)."""
            self._poll: asyncio.Task[Any] | None = None
            self._stopping = False
            self._conflict: Conflict | None = None
            self._conflicted = asyncio.Event()

    @property
    def ledger(self) -> UpdateLedger:
        return self._ledger

    @property
    def conflict(self) -> Conflict | None:
        """Telegram's 409, once another instance polled with this token."""
        return self._conflict

    async def conflicted(self) -> Conflict:
        """Wait until Telegram reports another instance polling with this token."""
        await self._conflicted.wait()
        assert self._conflict is not None
        return self._conflict

    def stop_polling(self) -> None:
        """Before PTB's updater stops: its cancelled poll is waited for (the connection
        closed), its own last getUpdates is not sent (`confirm_handled` follows)."""
        self._stopping = True

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: int | timedelta | None = None,  # noqa: ASYNC109 (the Bot API parameter)
        allowed_updates: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> tuple[Update, ...]:
        if self._stopping:
            # PTB's last call at stop. Its poll was cancelled: wait until that has closed the
            # connection, so Telegram forgets it; the handled updates are confirmed later.
            if self._poll is not None:
                await asyncio.wait({self._poll}, timeout=STOP_TIMEOUT)
            return ()
        if self._conflict is not None:
            await asyncio.Event().wait()  # no more polls: until the updater is stopped
        await self._ledger.settled(HANDLING_GRACE)
        held = self._ledger.oldest()
        # PTB's offset confirms everything it fetched; hold it back to the oldest in hand.
        sent = held if held is not None and offset is not None and held < offset else offset
        # Handed out again because they are not confirmed yet: already in hand or done. They
        # are dropped from the raw answer (see _post), before PTB builds objects of them.
        self._known_below = offset if sent != offset else None
        self._poll = asyncio.current_task()
        try:
            updates = await super().get_updates(
                offset=sent,
                limit=limit,
                timeout=timeout,
                allowed_updates=allowed_updates,
                **kwargs,
            )
        except Conflict as error:
            # Another instance polls: each of our polls would end its poll and the other way
            # round. This one stops polling and says so; the updater is stopped from outside.
            log.error("409 Conflict: another instance is polling with this token (%s)", error)
            self._conflict = error
            self._conflicted.set()
            await asyncio.Event().wait()
            raise  # not reached: the wait ends only in cancellation
        finally:
            self._known_below = None
        self._ledger.fetched(update.update_id for update in updates)
        if self._polled is not None:
            self._polled()
        return updates

    async def _post(self, endpoint: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        known_below = self._known_below
        if endpoint == "getUpdates" and known_below is not None and isinstance(result, list):
            # Under load most of a batch is handed out again; parsing it is what PTB's
            # polling would spend most of its time on (docs/BENCHMARKS.md).
            result = [
                update
                for update in result
                if not isinstance(update, dict)
                or not isinstance(update.get("update_id"), int)
                or update["update_id"] >= known_below
            ]
        return result

    async def confirm_handled(self) -> None:
        """At shutdown, after the updates in hand were finished: confirm them, so a clean
        restart is not handed them again. Updates fetched but never handled stay unconfirmed.

        Not after a 409: that getUpdates would end the other instance's poll, and the other
        instance would stop as well; it is handed those updates again instead."""
        offset = self._ledger.oldest() or self._ledger.next_offset
        if offset is None or self._conflict is not None:
            return
        try:
            async with asyncio.timeout(STOP_TIMEOUT):
                await super().get_updates(
                    offset=offset,
                    limit=1,
                    timeout=0,
                    read_timeout=STOP_TIMEOUT,
                    write_timeout=STOP_TIMEOUT,
                    connect_timeout=STOP_TIMEOUT,
                    pool_timeout=STOP_TIMEOUT,
                )
        except (TelegramError, TimeoutError) as error:
            # After a restart Telegram hands them out again: each is recognised by its id
            # (at most the current question repeated once).
            log.warning("could not confirm the handled updates: %s", str(error) or "timed out")
