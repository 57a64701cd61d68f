"""aiosqlite's connection interface, with every statement run on the event loop's own thread.

aiosqlite hands each call to a worker thread and wakes the event loop when it is done. For the
bot's statements, which take microseconds on a local file, that hand-over is the expensive
part: the GIL changes hands twice and the loop wakes once per statement. Under load that cost
about a quarter of the bot's CPU per update (docs/BENCHMARKS.md). Running the statement where
it is awaited keeps the storage code (and its types) unchanged; each update is one short
transaction behind the database's write lock, so the loop is never held for long.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import aiosqlite

T = TypeVar("T")


class InlineConnection(aiosqlite.Connection):
    """Use exactly like a connection from `aiosqlite.connect()`, but do not await it (it is
    open already) and close it with `await close()`."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        super().__init__(lambda: connection, iter_chunk_size=64)
        self._connection = connection

    async def _execute(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self._connection is None:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)

    async def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def stop(self) -> None:
        """There is no worker thread to stop (aiosqlite calls this when collected)."""
        self._running = False


def connect(path: Path, *, timeout: float) -> InlineConnection:
    """Autocommit mode (transactions are explicit), rows addressable by column name."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=timeout)
    connection.row_factory = aiosqlite.Row
    return InlineConnection(connection)
