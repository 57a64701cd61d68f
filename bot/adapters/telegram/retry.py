"""Calling the Bot API until it takes the request: the same rules for replies and the outbox.

- 429 (RetryAfter): Telegram took nothing; wait as long as it says and send again. Never a
  duplicate.
- 5xx, timeouts, dropped connections: Telegram may or may not have taken the request (it has no
  idempotency key), so sending again can at worst duplicate that one message; back off
  exponentially.
- 400/403 (BadRequest, Forbidden): sending again cannot help; the caller decides.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter

from bot.clock import Clock

T = TypeVar("T")

FIRST_BACKOFF = 0.5
MAX_BACKOFF = 30.0


class GaveUp(Exception):
    """Telegram did not take the request within the attempts allowed."""


def retry_after_seconds(error: RetryAfter) -> float:
    value: object = error.retry_after
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)  # type: ignore[arg-type]


def is_permanent(error: Exception) -> bool:
    return isinstance(error, BadRequest | Forbidden | InvalidToken)


async def with_retries(call: Callable[[], Awaitable[T]], clock: Clock, attempts: int = 6) -> T:
    backoff = FIRST_BACKOFF
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except RetryAfter as error:
            if attempt == attempts:
                raise GaveUp(str(error)) from error
            await clock.sleep(retry_after_seconds(error))
        except NetworkError as error:  # includes TimedOut; BadRequest is re-raised below
            if is_permanent(error):
                raise
            if attempt == attempts:
                raise GaveUp(str(error)) from error
            await clock.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF)
    raise AssertionError("unreachable")
