"""An update's first read (`Stores.opening`): one statement instead of the user, staff and
meetings queries, giving what each of them gives, on a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import cast

from bot.advice.advise import Advisor
from bot.core.events import Text
from bot.core.state import DialogState
from bot.core.steps import Runner
from bot.core.updates import Incoming
from bot.storage.contacts import Redemption
from bot.storage.db import Database
from bot.storage.staff import is_staff
from bot.storage.stores import Stores
from bot.turn import Turn

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
TODAY = NOW.date()
CONFIGURED = frozenset({1})


async def _opened(database: Database, user_id: int) -> tuple[object, ...]:
    """What the opening read says, next to what the separate queries say, in one transaction."""
    async with database.transaction() as connection:
        stores = Stores.of(connection, NOW, CONFIGURED)
        opening = await stores.opening(user_id, "en")
        separate = Stores.of(connection, NOW, CONFIGURED)
        return (
            opening.user == await separate.drafts.user(user_id, "de"),
            opening.meetings == bool(await separate.meetings.listed(since=TODAY)),
            await stores.staff.includes(user_id) == await separate.staff.includes(user_id),
            opening.user.language,
            opening.meetings,
            await stores.staff.includes(user_id),
        )


async def test_the_opening_read_gives_what_the_separate_queries_give(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        # First contact: registered, in the language of the device.
        assert await _opened(database, 7) == (True, True, True, "en", False, False)
        assert await _opened(database, 1) == (True, True, True, "en", False, True)  # configured
        async with database.transaction() as connection:
            stores = Stores.of(connection, NOW, CONFIGURED)
            await stores.staff.invite("t", 1)
            assert await stores.staff.redeem("t", 8, "Anna") is Redemption.REGISTERED
            await stores.meetings.add(TODAY - timedelta(days=1), None, "past", 1)
            cancelled = await stores.meetings.add(TODAY + timedelta(days=3), None, "gone", 1)
            assert await stores.meetings.cancel(cancelled)
        assert await _opened(database, 8) == (True, True, True, "en", False, True)  # added
        async with database.transaction() as connection:
            await Stores.of(connection, NOW).meetings.add(TODAY, None, "today", 1)
        assert await _opened(database, 7) == (True, True, True, "en", True, False)
    finally:
        await database.close()


async def test_staff_membership_changed_in_the_transaction_is_answered_as_changed(
    tmp_path: Path,
) -> None:
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        async with database.transaction() as connection:
            stores = Stores.of(connection, NOW, CONFIGURED)
            await stores.opening(9, "de")
            assert not await stores.staff.includes(9)
            await stores.staff.invite("t", 1)
            assert await stores.staff.redeem("t", 9, "Ben") is Redemption.REGISTERED
            assert await stores.staff.includes(9)
            assert await is_staff(connection, CONFIGURED, 9)
            assert await stores.staff.remove(9)
            assert not await stores.staff.includes(9)
            assert not await is_staff(connection, CONFIGURED, 9)
    finally:
        await database.close()


async def test_the_current_draft_is_read_again_once_anything_was_written(
    tmp_path: Path,
) -> None:
    """A turn reads its current draft once while nothing is written (a press: the button's
    prompt checked, then the dialog takes it), and again after any write."""
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        async with database.transaction() as connection:
            stores = Stores.of(connection, NOW)
            opening = await stores.opening(7, "de")
            # The advisor and the dialog play no part in reading drafts.
            turn = Turn(
                stores, cast(Advisor, None), cast(Runner, None), opening.user, Incoming(7, Text(""))
            )
            assert await turn.current_draft() is None
            draft = await turn.create(DialogState(step="region"))
            turn.user = (await stores.opening(7, "de")).user
            first = await turn.current_draft()
            assert first is not None and first.id == draft.id
            assert await turn.current_draft() is first  # nothing written: not read again
            await turn.save(first, first.state.model_copy(update={"step": "target_group"}))
            second = await turn.current_draft()
            assert second is not None and second.state.step == "target_group"
            await stores.drafts.rename(7, draft.id, "Neu")  # written past the turn
            third = await turn.current_draft()
            assert third is not None and third.title == "Neu"
    finally:
        await database.close()
