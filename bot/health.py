"""Whether the bot still takes updates, for Docker's HEALTHCHECK (`python -m bot health`).

A running process is not a working bot: a poll loop that stopped (a 409, a Bot API gone for
good) or an event loop that hangs leaves the process alive. So the poll loop writes a
heartbeat, the time of its last answered poll, into BOT_DATA_DIR (in webhook mode a
keep-alive task does, as long as the webhook server runs); the health command compares it
with the clock.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import Clock

log = logging.getLogger(__name__)

HEARTBEAT_FILE = "heartbeat"
BEAT_EVERY = 5.0
"""Seconds between two writes at most: under load polls return hundreds of times a second."""
MAX_AGE = 90.0
"""Seconds after which a heartbeat is stale. A healthy poll loop beats at least every 10 s
(PTB's long-poll timeout); after network errors PTB waits up to 30 s before polling again."""


class Heartbeat:
    def __init__(self, data_dir: Path, clock: Clock) -> None:
        self.path = data_dir / HEARTBEAT_FILE
        self.clock = clock
        self._last: datetime | None = None

    def beat(self) -> None:
        """Record that the bot took updates now (at most every BEAT_EVERY seconds)."""
        now = self.clock.now()
        if self._last is not None and now - self._last < timedelta(seconds=BEAT_EVERY):
            return
        self._last = now
        partial = self.path.with_name(f".{HEARTBEAT_FILE}.partial")
        try:
            partial.write_text(now.isoformat() + "\n", encoding="ascii")
            os.replace(partial, self.path)  # the health check never reads half a line
        except OSError as error:  # a full or read-only disk: the check will say so
            log.warning("heartbeat not written to %s: %s", self.path, error.strerror or error)

    def stop(self) -> None:
        """The bot stops taking updates: healthy no more, at once."""
        self._last = None
        try:
            self.path.unlink(missing_ok=True)
        except OSError as error:
            log.warning("heartbeat %s not removed: %s", self.path, error.strerror or error)


@dataclass(frozen=True)
class Health:
    healthy: bool
    message: str


def check(data_dir: Path, clock: Clock, max_age: float = MAX_AGE) -> Health:
    path = data_dir / HEARTBEAT_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return Health(
            False,
            f"unhealthy: no heartbeat in {data_dir} (the bot is not running, or took no "
            "update yet)",
        )
    except (OSError, UnicodeDecodeError) as error:
        return Health(False, f"unhealthy: cannot read {path}: {error}")
    try:
        beat = datetime.fromisoformat(text)
    except ValueError:
        return Health(False, f"unhealthy: {path} holds no time: {text[:40]!r}")
    if beat.tzinfo is None:
        beat = beat.replace(tzinfo=UTC)
    age = (clock.now() - beat).total_seconds()
    if age > max_age:
        return Health(False, f"unhealthy: last heartbeat {age:.0f} s ago (limit {max_age:.0f} s)")
    return Health(True, f"healthy: last heartbeat {max(age, 0):.0f} s ago")
