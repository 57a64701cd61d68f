"""Staff added in the bot, in process on a real SQLite file: staff of the configuration
cannot be removed in the bot (they are the way back in), nobody else reaches the staff list,
and a colleague's data export and erasure cover the membership."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.core.outputs import Document
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from tests.dialogs.conftest import ChatDriver

OFFICE = 900
COLLEAGUE = 950
SPONSOR = 1001
UNKNOWN = "Diesen Befehl kenne ich nicht."


@pytest.fixture
async def runtime(tmp_path: Path, clock: FixedClock) -> AsyncIterator[Runtime]:
    settings = Settings(data_dir=tmp_path, telegram_bot_token=None, admin_ids=frozenset({OFFICE}))
    built = await build_runtime(settings, clock)
    try:
        yield built
    finally:
        await built.close()


async def _add_colleague(chat: ChatDriver) -> None:
    link = re.search(r"start=(stf_\S+)", await chat.press("staff:team:invite_yes", user=OFFICE))
    assert link is not None
    joined = await chat.command("start", link.group(1), user=COLLEAGUE)
    assert "gehören jetzt zur Koordinierungsstelle" in joined
    assert chat.handled is not None and chat.handled.staff and chat.handled.menu_changed


async def test_configured_staff_cannot_be_removed_in_the_bot(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    await _add_colleague(chat)
    listing = await chat.command("team", user=COLLEAGUE)
    assert "Telegram-ID 900" in listing
    assert f"staff:team:remove:{OFFICE}" not in chat.actions, "no button for the configured"
    assert f"staff:team:remove:{COLLEAGUE}" in chat.actions
    # A button made up (or of an older version) is refused, and says why.
    refused = await chat.press(f"staff:team:remove_yes:{OFFICE}", user=COLLEAGUE)
    assert "steht in der Konfiguration (BOT_ADMIN_IDS)" in refused
    assert "nur dort entfernen" in refused
    still = await chat.command("team", user=OFFICE)
    assert "Koordinierungsstelle (2)" in still


async def test_nobody_else_reaches_the_staff_list_or_its_buttons(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    assert UNKNOWN in await chat.command("team", user=SPONSOR)
    assert UNKNOWN in await chat.press("staff:team:invite_yes", user=SPONSOR)
    assert UNKNOWN in await chat.press(f"staff:team:remove_yes:{OFFICE}", user=SPONSOR)
    assert chat.handled is not None and not chat.handled.staff
    # a made-up staff invitation registers nobody
    assert "kenne ich nicht" in await chat.command("start", "stf_erfunden", user=SPONSOR)
    assert UNKNOWN in await chat.command("contacts", user=SPONSOR)


async def test_export_and_erasure_cover_the_membership(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    await _add_colleague(chat)
    await chat.press("staff:team:invite_yes", user=COLLEAGUE)  # an invitation of theirs
    await chat.command("export", user=COLLEAGUE)
    (document,) = [o for o in chat.outputs if isinstance(o, Document)]
    data = json.loads(document.content)
    (membership,) = data["staff_membership"]
    assert membership["name"] == "#950" and membership["added_by"] == OFFICE
    (invitation,) = data["staff_invitations"]
    assert "token" not in invitation

    await chat.press("session:erase", user=COLLEAGUE)
    assert chat.handled is not None and COLLEAGUE in chat.handled.menus_reset
    async with runtime.database.transaction() as connection:
        for table, column in (
            ("staff_members", "user_id"),
            ("staff_invitations", "created_by"),
            ("staff_invitations", "used_by"),
        ):
            cursor = await connection.execute(
                f"SELECT count(*) FROM {table} WHERE {column} = ?", (COLLEAGUE,)
            )
            assert (await cursor.fetchone())[0] == 0, table
    assert UNKNOWN in await chat.command("team", user=COLLEAGUE)
