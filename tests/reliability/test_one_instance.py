"""One bot per data directory: a second `python -m bot telegram` (or `chat`) on the same
BOT_DATA_DIR exits at once, before it opens the database or talks to Telegram; the lock goes
with the process that held it, however it ended."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.storage.instance import AlreadyRunning, InstanceLock
from tests.botapi import BotApiServer
from tests.reliability.process import REPLY_TIMEOUT, STARTUP_TIMEOUT, BotProcess
from tests.reliability.test_database import run_bot


def test_the_lock_is_refused_while_held_and_free_once_released(tmp_path: Path) -> None:
    first = InstanceLock.take(tmp_path)
    with pytest.raises(AlreadyRunning) as refused:
        InstanceLock.take(tmp_path)  # a lock on the open file: the same process is refused too
    assert str(tmp_path) in str(refused.value) and f"process {os.getpid()}" in str(refused.value)
    first.release()
    with InstanceLock.take(tmp_path):
        pass


async def test_a_second_bot_on_the_same_directory_exits_at_once(
    server: BotApiServer, bot_process: BotProcess
) -> None:
    bot = bot_process
    await bot.start()
    assert bot.process is not None
    contacted = len(server.requests)

    for command in ("telegram", "chat"):
        code, output = await run_bot(command, bot.data_dir, server)
        case = f"a second `{command}`:\n{output}"
        assert code == 1, case
        assert output.startswith("BOT_DATA_DIR: another bot"), case
        assert str(bot.data_dir) in output and f"(process {bot.process.pid})" in output, case
        assert "Traceback" not in output, case
    assert all(r.method == "getUpdates" for r in server.requests[contacted:]), "only the first"

    # the first goes on serving
    user = server.user(4301)
    user.send("/start")
    await bot.alive(user.expect(2, timeout=REPLY_TIMEOUT))
    # kill -9 leaves the lock file behind, not the lock: the restart runs
    await bot.kill()
    await bot.start()
    user.send("Hameln")
    await bot.alive(user.expect(timeout=STARTUP_TIMEOUT))
    assert await bot.stop() == 0
