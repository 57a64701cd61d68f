"""The drafts database file: versioned migrations, WAL, foreign keys, and a file from a newer
version of the program refused untouched with the right advice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.storage.db import Database, DatabaseError
from bot.storage.schema import MIGRATIONS


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


async def test_a_new_file_gets_every_migration_and_records_it(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    database = await Database.open(path)
    await database.close()
    assert user_version(path) == len(MIGRATIONS) > 0
    assert {"users", "drafts"} <= tables(path)


async def test_an_older_file_is_migrated_from_where_it_stands(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.executescript(MIGRATIONS[0])
        connection.execute("PRAGMA user_version = 1")
        connection.execute(
            "INSERT INTO users (id, created_at, updated_at) VALUES (7, 'then', 'then')"
        )
    database = await Database.open(path)
    await database.close()
    assert user_version(path) == len(MIGRATIONS)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT id FROM users").fetchall() == [(7,)], "data kept"


async def test_opening_again_runs_no_migration_twice(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    for _ in range(2):
        database = await Database.open(path)
        await database.close()
    assert user_version(path) == len(MIGRATIONS)


async def test_wal_mode_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    database = await Database.open(path)
    try:
        async with database.transaction() as connection:
            foreign_keys = await (await connection.execute("PRAGMA foreign_keys")).fetchone()
            assert foreign_keys is not None and foreign_keys[0] == 1
            await connection.execute(
                "INSERT INTO users (id, created_at, updated_at) VALUES (1, 'now', 'now')"
            )
            await connection.execute(
                "INSERT INTO drafts (id, owner_id, state, created_at, updated_at) "
                "VALUES (5, 1, '{}', 'now', 'now')"
            )
            await connection.execute("UPDATE users SET current_draft_id = 5 WHERE id = 1")
        # Deleting the draft clears the user's pointer to it (ON DELETE SET NULL) ...
        async with database.transaction() as connection:
            await connection.execute("DELETE FROM drafts WHERE id = 5")
            row = await (
                await connection.execute("SELECT current_draft_id FROM users WHERE id = 1")
            ).fetchone()
            assert row is not None and row[0] is None
        # ... and a draft of nobody is refused.
        with pytest.raises(sqlite3.IntegrityError):
            async with database.transaction() as connection:
                await connection.execute(
                    "INSERT INTO drafts (owner_id, state, created_at, updated_at) "
                    "VALUES (99, '{}', 'now', 'now')"
                )
    finally:
        await database.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_a_file_from_a_newer_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    database = await Database.open(path)
    await database.close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 99")
    before = path.read_bytes()

    with pytest.raises(DatabaseError) as refused:
        await Database.open(path)
    message = str(refused.value)
    assert "newer version" in message and "update the program" in message
    assert "damaged" not in message and "backup" not in message, "the file is fine"
    assert path.read_bytes() == before
    assert user_version(path) == 99
