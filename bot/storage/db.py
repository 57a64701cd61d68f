"""The SQLite database: one file in the data directory, versioned migrations, one writer.

WAL mode keeps readers off the writer's back. synchronous=FULL syncs the WAL at every commit,
so a committed transaction survives a power loss too, not only a killed process: with NORMAL
the last commits could vanish although their effects had left the machine (a handoff already
delivered to the contacts, a statement, an answer confirmed to Telegram), and a lost handoff
could even give its number again. The cost is one fsync per commit (docs/BENCHMARKS.md). Writes
go through one lock, so each update is one short transaction.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.storage import inline
from bot.storage.schema import MIGRATIONS

log = logging.getLogger(__name__)


class DatabaseError(Exception):
    """The database cannot be used; the message says why and what to do."""


class Database:
    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path) -> Database:
        """Open (creating if needed) and migrate; a corrupt or locked file is refused intact."""
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = inline.connect(path, timeout=2.0)
        except sqlite3.Error as error:
            raise DatabaseError(f"cannot open database {path}: {error}") from None
        database = cls(connection, path)
        try:
            await database._prepare()
        except sqlite3.DatabaseError as error:
            await connection.close()
            raise DatabaseError(_explain(path, error)) from None
        return database

    async def _prepare(self) -> None:
        connection = self.connection
        result = await (await connection.execute("PRAGMA quick_check")).fetchone()
        if result is None or result[0] != "ok":
            raise sqlite3.DatabaseError(f"integrity check failed: {result[0] if result else '?'}")
        await connection.execute("PRAGMA journal_mode=WAL")
        await connection.execute("PRAGMA synchronous=FULL")
        await connection.execute("PRAGMA busy_timeout=2000")
        # Deleted rows are overwritten with zeros, not merely unlinked: an erasure leaves no
        # readable copy in the file (see `scrub` for the copies in the WAL).
        await connection.execute("PRAGMA secure_delete=ON")
        # Readers get past a lock held by another process (WAL), so only a write shows it:
        # better refused now than every answer failing later.
        await connection.execute("BEGIN IMMEDIATE")
        await connection.execute("COMMIT")
        # Off while migrating: a migration that rebuilds a table drops the old one, and with
        # foreign keys on that drop would first delete (and cascade to) every row pointing at
        # it. Each migration is checked before its commit instead.
        await connection.execute("PRAGMA foreign_keys=OFF")
        await self._migrate()
        await connection.execute("PRAGMA foreign_keys=ON")

    async def _migrate(self) -> None:
        connection = self.connection
        row = await (await connection.execute("PRAGMA user_version")).fetchone()
        version = int(row[0]) if row else 0
        if version > len(MIGRATIONS):
            raise sqlite3.DatabaseError(
                f"database schema version {version} is newer than this program "
                f"({len(MIGRATIONS)}); update the program"
            )
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            await connection.execute("BEGIN IMMEDIATE")
            try:
                before = await _broken_references(connection)
                for statement in _statements(script):
                    await connection.execute(statement)
                broken = await _broken_references(connection) - before
                if broken:
                    raise sqlite3.DatabaseError(
                        f"migration {number} would break references: {sorted(broken)[:3]}"
                    )
                await connection.execute(f"PRAGMA user_version={number}")
                await connection.execute("COMMIT")
            except BaseException:
                await connection.execute("ROLLBACK")
                raise

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction; committed when the block ends without an exception."""
        async with self._write_lock:
            await self.connection.execute("BEGIN IMMEDIATE")
            try:
                yield self.connection
            except BaseException:
                await self.connection.execute("ROLLBACK")
                raise
            await self.connection.execute("COMMIT")

    async def scrub(self) -> None:
        """After personal data was deleted: the WAL's pages go into the database file and the
        WAL is emptied. Until then the WAL keeps the old versions of changed pages (with the
        deleted texts) for hundreds of later commits; `secure_delete` has zeroed them in the
        file itself. Called after the deleting transaction, never inside one."""
        async with self._write_lock:
            cursor = await self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            row = await cursor.fetchone()
        if row is not None and row[0]:
            # Another connection reads (a backup, say): the next scrub gets the rest.
            log.warning("the WAL of %s could not be emptied after a deletion", self.path)

    async def close(self) -> None:
        await self.connection.close()


async def _broken_references(connection: aiosqlite.Connection) -> set[tuple[object, ...]]:
    """Rows whose foreign key points nowhere (older files may hold some: only new ones
    count against a migration)."""
    cursor = await connection.execute("PRAGMA foreign_key_check")
    return {tuple(row) for row in await cursor.fetchall()}


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]


def _explain(path: Path, error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "newer than this program" in text:
        # Written by a later version: intact, only this program is too old for it.
        return (
            f"database {path} was written by a newer version of the bot ({text}). Nothing was "
            "changed; update the program (e.g. git pull, then make run) to use it."
        )
    if "locked" in text or "busy" in text:
        return f"database {path} is locked by another process (is the bot already running?): {text}"
    return (
        f"database {path} is damaged or not a database ({text}). Nothing was changed; restore "
        "a backup or move the file away to start with an empty database."
    )
