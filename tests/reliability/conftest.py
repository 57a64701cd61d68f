"""Fixtures for the reliability suite: a Bot API server and the bot as a separate process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.botapi import BotApiServer
from tests.reliability.process import BotProcess


@pytest.fixture
async def server() -> AsyncIterator[BotApiServer]:
    async with BotApiServer() as running:
        yield running


@pytest.fixture
async def bot_process(server: BotApiServer, tmp_path: Path) -> AsyncIterator[BotProcess]:
    """Not started yet: the test decides when (and how often) it starts."""
    process = BotProcess(server, tmp_path / "data", tmp_path / "bot.log")
    try:
        yield process
    finally:
        await process.close()
