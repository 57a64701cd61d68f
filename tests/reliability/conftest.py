"""Fixtures for the reliability suite: the bot as a separate process (the Bot API server is the
`server` fixture of tests/support/bot.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.botapi import BotApiServer
from tests.reliability.process import BotProcess


@pytest.fixture
async def bot_process(server: BotApiServer, tmp_path: Path) -> AsyncIterator[BotProcess]:
    """Not started yet: the test decides when (and how often) it starts."""
    process = BotProcess(server, tmp_path / "data", tmp_path / "bot.log")
    try:
        yield process
    finally:
        await process.close()
