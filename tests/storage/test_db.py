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


async def test_wal_mode_foreign_keys_full_sync_and_secure_delete(tmp_path: Path) -> None:
    path = tmp_path / "bot.sqlite3"
    database = await Database.open(path)
    try:
        async with database.transaction() as connection:
            foreign_keys = await (await connection.execute("PRAGMA foreign_keys")).fetchone()
            assert foreign_keys is not None and foreign_keys[0] == 1
            # every commit synced (2 = FULL), deleted rows overwritten
            for pragma, value in (("synchronous", 2), ("secure_delete", 1)):
                row = await (await connection.execute(f"PRAGMA {pragma}")).fetchone()
                assert row is not None and row[0] == value, pragma
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


def _version_4_database(path: Path) -> None:
    """A file as the program left it before handoff numbers were made unique: a sponsor with
    two handoffs, their relayed messages, a stored Projektskizze and notifications."""
    with sqlite3.connect(path) as connection:
        for script in MIGRATIONS[:4]:
            connection.executescript(script)
        connection.execute("PRAGMA user_version = 4")
        connection.executescript(
            """
            INSERT INTO users (id, created_at, updated_at) VALUES (7, 'then', 'then');
            INSERT INTO drafts (id, owner_id, state, created_at, updated_at)
                VALUES (1, 7, '{}', 'then', 'then');
            INSERT INTO handoffs (id, draft_id, sponsor_id, alliance_id, kind, title, snapshot,
                taken_by, taken_by_name, created_at)
                VALUES (1, 1, 7, 'farehi', 'handoff', 'Eins', '{}', 501, 'Kontakt', 'then'),
                       (2, 1, 7, 'farehi', 'question', 'Zwei', '{}', NULL, NULL, 'then');
            INSERT INTO relays (chat_id, message_id, handoff_id) VALUES (501, 10, 1), (7, 11, 2);
            INSERT INTO handoff_sketches (handoff_id, language, filename, mime_type, content)
                VALUES (2, 'de', 'Skizze.pdf', 'application/pdf', x'25504446');
            INSERT INTO outbox (id, chat_id, payload, handoff_id, created_at, due_at, named_user)
                VALUES (4, 7, '{"text": "x"}', 1, 'then', 'then', 501),
                       (5, 501, '{"text": "y"}', 2, 'then', 'then', NULL);
            """
        )


def schema_of(path: Path, kind: str) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))
        return {name for (name,) in rows if not name.startswith("sqlite_")}


async def test_the_rebuild_of_handoffs_and_outbox_keeps_rows_indexes_and_references(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bot.sqlite3"
    _version_4_database(path)
    indexes = schema_of(path, "index")
    with sqlite3.connect(path) as connection:
        handoffs = connection.execute("SELECT * FROM handoffs ORDER BY id").fetchall()
        outbox = connection.execute("SELECT * FROM outbox ORDER BY id").fetchall()

    database = await Database.open(path)
    await database.close()
    assert user_version(path) == len(MIGRATIONS)
    assert indexes <= schema_of(path, "index"), "every index is back"
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        rebuilt = connection.execute("SELECT * FROM handoffs ORDER BY id").fetchall()
        assert [tuple(r)[:1] + tuple(r)[2:] for r in rebuilt] == handoffs, "rows kept as they were"
        tokens = [r["token"] for r in rebuilt]
        assert len(set(tokens)) == 2 and all(len(t) == 16 for t in tokens)
        # (columns added by later migrations at the end)
        kept = [
            tuple(r)[: len(outbox[0])]
            for r in connection.execute("SELECT * FROM outbox ORDER BY id")
        ]
        assert kept == outbox
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_sequence")}
        assert {"handoffs", "outbox"} <= tables, "both count with AUTOINCREMENT"

    # The references of the other tables point at the rebuilt tables.
    database = await Database.open(path)
    try:
        async with database.transaction() as connection:
            await connection.execute("DELETE FROM handoffs WHERE id = 2")
            relays = await connection.execute_fetchall("SELECT handoff_id FROM relays")
            sketches = await connection.execute_fetchall("SELECT * FROM handoff_sketches")
            notified = await connection.execute_fetchall(
                "SELECT id, handoff_id FROM outbox ORDER BY id"
            )
        assert [tuple(r) for r in relays] == [(1,)]
        assert list(sketches) == []
        assert [tuple(r) for r in notified] == [(4, 1), (5, None)]
    finally:
        await database.close()


async def test_a_deleted_handoffs_number_and_an_outbox_number_are_never_given_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bot.sqlite3"
    _version_4_database(path)
    database = await Database.open(path)
    try:
        async with database.transaction() as connection:
            # the newest of each goes, as an erasure would take it
            await connection.execute("DELETE FROM handoffs WHERE id = 2")
            await connection.execute("DELETE FROM outbox WHERE id = 5")
            cursor = await connection.execute(
                "INSERT INTO handoffs (token, draft_id, sponsor_id, alliance_id, kind, title, "
                "snapshot, created_at) VALUES ('t', 1, 7, 'farehi', 'handoff', 'Drei', '{}', 'x')"
            )
            handoff = cursor.lastrowid
            cursor = await connection.execute(
                "INSERT INTO outbox (chat_id, payload, created_at, due_at) "
                "VALUES (7, '{}', 'x', 'x')"
            )
            item = cursor.lastrowid
    finally:
        await database.close()
    assert (handoff, item) == (3, 6)
