"""The real bot as a separate process (`python -m bot ...`), the way it runs in production.

Output goes to a file in the data directory's parent, so a failing test can show it. Waits are
on the Bot API server's events (requests, hand-outs) or on the process itself, never on sleeps.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Awaitable
from pathlib import Path
from typing import TypeVar

from tests.botapi import BotApiServer

T = TypeVar("T")

STARTUP_TIMEOUT = 60.0
"""Only bounds a failing start: interpreter, imports and knowledge base on a busy machine."""
REPLY_TIMEOUT = STARTUP_TIMEOUT
"""Only bounds a failing wait for what a bot process does in reply (a message, an edit, a held
request): a process answers its first update once its dictionaries are loaded (a thread that
starts with it), and on a machine shared by several test workers any reply can take seconds.
The waits themselves end on the Bot API server's events, never on the clock."""


def bot_environment(data_dir: Path, server: BotApiServer | None = None) -> dict[str, str]:
    """The environment of a bot process: nothing inherited that configures the bot."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "BOT_")) and key != "PYTHONPATH"
    }
    env.update({"BOT_DATA_DIR": str(data_dir), "BOT_RATE_LIMITER": "false"})
    env["PYTHONUNBUFFERED"] = "1"
    if server is not None:
        env.update(
            {
                "TELEGRAM_BOT_TOKEN": server.token,
                "TELEGRAM_API_BASE_URL": server.base_url,
                "TELEGRAM_API_BASE_FILE_URL": server.base_file_url,
            }
        )
    return env


class BotProcess:
    """`python -m bot telegram` polling ``server``; the working directory holds no `.env`."""

    def __init__(self, server: BotApiServer, data_dir: Path, log: Path) -> None:
        self.server = server
        self.data_dir = data_dir
        self.log = log
        self.settings: dict[str, str] = {}
        """Further environment variables (BOT_ADMIN_IDS, say), set before `start()`."""
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        """Start and wait until the bot polls (its first getUpdates arrived)."""
        polls = len(self.server.requests_for("getUpdates"))
        with self.log.open("ab") as output:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "telegram",
                cwd=self.log.parent,
                env={**bot_environment(self.data_dir, self.server), **self.settings},
                stdin=asyncio.subprocess.DEVNULL,
                stdout=output,
                stderr=output,
            )
        await self.alive(
            self.server.wait_until(
                lambda: len(self.server.requests_for("getUpdates")) > polls,
                STARTUP_TIMEOUT,
                "the bot's first getUpdates",
            )
        )

    async def alive(self, waiting: Awaitable[T]) -> T:
        """Await ``waiting``; fail at once with the bot's output if the process exits."""
        process = self._running()
        task = asyncio.ensure_future(waiting)
        exited = asyncio.ensure_future(process.wait())
        await asyncio.wait({task, exited}, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            exited.cancel()
            return task.result()
        task.cancel()
        raise AssertionError(f"the bot exited with {process.returncode}:\n{self.output}")

    async def logged(self, text: str, timeout: float = STARTUP_TIMEOUT) -> None:  # noqa: ASYNC109
        """Wait until the bot's output shows `text`: for what the Bot API server cannot see
        (the bot noticed a signal). Looks every 50 ms, bounded by `timeout`."""
        for _ in range(int(timeout / 0.05)):
            if text in self.output:
                return
            await self.alive(asyncio.sleep(0.05))
        raise AssertionError(f"{text!r} not in the bot's output:\n{self.output}")

    async def kill(self) -> None:
        """SIGKILL: no shutdown code runs, nothing is confirmed or flushed."""
        process = self._running()
        process.send_signal(signal.SIGKILL)
        await process.wait()

    async def stop(self) -> int:
        """SIGTERM, as Docker sends it: the bot finishes the update in hand and exits."""
        process = self._running()
        process.send_signal(signal.SIGTERM)
        return await process.wait()

    async def close(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()

    @property
    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def _running(self) -> asyncio.subprocess.Process:
        if self.process is None or self.process.returncode is not None:
            raise AssertionError(f"the bot is not running:\n{self.output}")
        return self.process
