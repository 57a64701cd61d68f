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
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseRateLimiter, ExtBot
from telegram.request import BaseRequest

log = logging.getLogger(__name__)

HANDLING_GRACE = 0.1
"""Seconds a poll waits for the updates in hand before it asks Telegram anyway."""


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

    __slots__ = ("_known_below", "_ledger")

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

    @property
    def ledger(self) -> UpdateLedger:
        return self._ledger

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: int | timedelta | None = None,  # noqa: ASYNC109 (the Bot API parameter)
        allowed_updates: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> tuple[Update, ...]:
        await self._ledger.settled(HANDLING_GRACE)
        held = self._ledger.oldest()
        # PTB's offset confirms everything it fetched; hold it back to the oldest in hand.
        sent = held if held is not None and offset is not None and held < offset else offset
        # Handed out again because they are not confirmed yet: already in hand or done. They
        # are dropped from the raw answer (see _post), before PTB builds objects of them.
        self._known_below = offset if sent != offset else None
        try:
            updates = await super().get_updates(
                offset=sent,
                limit=limit,
                timeout=timeout,
                allowed_updates=allowed_updates,
                **kwargs,
            )
        finally:
            self._known_below = None
        self._ledger.fetched(update.update_id for update in updates)
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
        restart is not handed them again. Updates fetched but never handled stay unconfirmed."""
        offset = self._ledger.oldest() or self._ledger.next_offset
        if offset is None:
            return
        try:
            await super().get_updates(offset=offset, limit=1, timeout=0)
        except TelegramError as error:
            log.warning("could not confirm the handled updates: %s", error)
