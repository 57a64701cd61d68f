"""The drafts table (bot/storage/drafts.py) on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.core.state import DialogState
from bot.storage.db import Database
from bot.storage.drafts import Drafts
from bot.storage.feedback import Feedback

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


async def test_deleting_a_draft_deletes_the_feedback_on_its_advice_and_no_other(
    tmp_path: Path,
) -> None:
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        async with database.transaction() as connection:
            drafts, feedback = Drafts(connection, NOW), Feedback(connection, NOW)
            await drafts.user(7, "de")
            kept = await drafts.create(7, DialogState(step="region"))
            gone = await drafts.create(7, DialogState(step="region"))
            await feedback.add(7, kept.id, "up", "v0", {})
            await feedback.add(7, gone.id, "down", "v0", {})
            assert not await drafts.delete(8, gone.id)  # not theirs: nothing of 7's goes
            assert await drafts.delete(7, gone.id)
        async with database.transaction() as connection:
            rows = await connection.execute_fetchall("SELECT draft_id, rating FROM feedback")
        assert [tuple(row) for row in rows] == [(kept.id, "up")]
    finally:
        await database.close()


async def test_a_users_language_is_read_without_registering_them(tmp_path: Path) -> None:
    """Notifications go out in each reader's language; someone the bot never met reads German
    and is not made a user by being looked up."""
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        async with database.transaction() as connection:
            drafts = Drafts(connection, NOW)
            await drafts.user(7, "en")
            await drafts.user(8, "de")
            assert await drafts.language_of(7) == "en"
            assert await drafts.language_of(8) == "de"
            assert await drafts.language_of(9) == "de"
            rows = await connection.execute_fetchall("SELECT id FROM users ORDER BY id")
        assert [row[0] for row in rows] == [7, 8]
    finally:
        await database.close()


async def test_a_users_drafts_are_listed_newest_first_by_the_owners_index(tmp_path: Path) -> None:
    """The index finds a sponsor's drafts by owner alone (migration 13: with the time in it,
    every save of a draft rewrote the index too); the listing still sorts them by their last
    change, the later of two drafts changed in the same second first."""
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        async with database.transaction() as connection:
            drafts = Drafts(connection, NOW)
            await drafts.user(7, "de")
            await drafts.user(8, "de")
            first = await drafts.create(7, DialogState(step="region"))
            second = await drafts.create(7, DialogState(step="region"))
            await drafts.create(8, DialogState(step="region"))
        async with database.transaction() as connection:
            later = Drafts(connection, NOW.replace(hour=10))
            await later.save(first, DialogState(step="idea"))
            listed = await later.list(7)
            plan = await connection.execute_fetchall(
                "EXPLAIN QUERY PLAN SELECT * FROM drafts WHERE owner_id = ? "
                "ORDER BY updated_at DESC, id DESC",
                (7,),
            )
            columns = await connection.execute_fetchall("PRAGMA index_info(drafts_by_owner)")
        assert [draft.id for draft in listed] == [first.id, second.id]
        assert listed[0].state.step == "idea"
        assert any("drafts_by_owner" in str(row["detail"]) for row in plan)
        assert [row["name"] for row in columns] == ["owner_id"]
    finally:
        await database.close()
