"""Bot API calls the bot works without: command menus (and descriptions, should the bot set
any). A failure of one must never stop the start-up or cost a sponsor's turn: it is logged and
the call is tried again in the background, on the injected clock, until the Bot API takes it.

Retried: 5xx, 429, dropped connections, malformed answers and a 404 (a Bot API server that
does not implement the method may be upgraded). Not retried: 400 and 403, which the same call
would only earn again (a chat Telegram does not know yet is the caller's to handle).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.adapters.telegram.retry import retry_after_seconds
from bot.clock import Clock

log = logging.getLogger(__name__)

FIRST_RETRY = 10.0
"""Seconds before the first retry; doubled after every failure."""
MAX_RETRY = 3600.0
"""A method that is missing for good is asked for once an hour."""

Call = Callable[[], Awaitable[object]]


def _retry_in(error: Exception, backoff: float) -> float:
    if isinstance(error, RetryAfter):
        return max(retry_after_seconds(error), backoff)
    return backoff


class OptionalCalls:
    """Runs optional calls; one background retry per key (a newer call with the same key
    replaces the older one: the menu last asked for is the one that counts)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._retrying: dict[str, asyncio.Task[None]] = {}

    async def call(self, key: str, call: Call) -> bool:
        """Try `call` now; on failure log and keep trying in the background. Returns whether
        it went through now."""
        self._forget(key)
        try:
            await call()
        except (BadRequest, Forbidden) as error:
            log.info("%s not taken: %s", key, error.message)
            return False
        except Exception as error:
            log.warning(
                "%s failed (%s: %s); trying again in the background",
                key,
                type(error).__name__,
                error,
            )
            self._retrying[key] = asyncio.create_task(
                self._keep_trying(key, call, _retry_in(error, FIRST_RETRY)),
                name=f"optional:{key}",
            )
            return False
        return True

    async def _keep_trying(self, key: str, call: Call, wait: float) -> None:
        backoff = FIRST_RETRY
        attempts = 1
        while True:
            await self.clock.sleep(wait)
            attempts += 1
            try:
                await call()
            except (BadRequest, Forbidden) as error:
                log.info("%s not taken: %s", key, error.message)
                break
            except Exception as error:
                backoff = min(backoff * 2, MAX_RETRY)
                wait = _retry_in(error, backoff)
                log.info("%s failed again (%s); next try in %.0f s", key, error, wait)
                continue
            log.info("%s done after %s attempts", key, attempts)
            break
        if self._retrying.get(key) is asyncio.current_task():
            del self._retrying[key]

    def _forget(self, key: str) -> None:
        task = self._retrying.pop(key, None)
        if task is not None:
            task.cancel()

    async def close(self) -> None:
        tasks = list(self._retrying.values())
        self._retrying.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
