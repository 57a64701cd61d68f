"""Writes `v9.sqlite3`: a database as the version before the typed handoff kind (schema 9)
left it, with what a sponsor prepares to send still stored as the pseudo-answer
"handoff_kind" among the answers.

Run once with that version's `bot` package first on the path, e.g. from an export of it:

    git archive 60356e5 | tar -x -C /tmp/v9
    PYTHONPATH=/tmp/v9 .venv/bin/python tests/migration/make_v9_fixture.py

A sponsor stops at the question to the alliance (a question chosen, not typed yet), another at
the consent to a handoff, a third has sent a question already (its handoff keeps the state,
pseudo-answer included, as its snapshot). `test_upgrade_v9.py` goes on from there.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import tempfile
from pathlib import Path

from tests.migration.make_fixture import HANDOFF, MAIN, NOW, STAFF

HERE = Path(__file__).parent
ASKING = 720
"""Chose to ask the alliance a question; the question is still to be typed."""
CONSENTING = 721
"""At the consent to hand the draft over."""
ASKED = 722
"""Sent a question already."""
QUESTION = "Wann tagt die Lenkungsgruppe?"


async def main() -> None:
    from bot.clock import FixedClock
    from bot.core.events import Command, Press, Text
    from bot.core.updates import Incoming
    from bot.runtime import build_runtime
    from bot.settings import Settings

    directory = Path(tempfile.mkdtemp())
    settings = Settings(data_dir=directory, telegram_bot_token=None, admin_ids={STAFF})
    runtime = await build_runtime(settings, FixedClock(NOW))
    conversations = runtime.conversations

    async def send(user: int, event: object) -> None:
        await conversations.handle(Incoming(user, event))  # type: ignore[arg-type]

    async def prepare(user: int, action: str) -> None:
        await send(user, Command("start"))
        for _, text in MAIN:
            await send(user, Text(text))
        await send(user, Press("summary", action))
        for _, text in HANDOFF:
            await send(user, Text(text))

    await prepare(ASKING, "summary:ask")
    await prepare(CONSENTING, "summary:handoff")
    await prepare(ASKED, "summary:ask")
    await send(ASKED, Text(QUESTION))
    await send(ASKED, Press("consent", "consent:yes"))

    await runtime.close()
    path = settings.database_path
    with sqlite3.connect(path) as connection:  # the WAL folded in: one self-contained file
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        assert version == 9, version
    shutil.copy(path, HERE / "v9.sqlite3")


if __name__ == "__main__":
    asyncio.run(main())
