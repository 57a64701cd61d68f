"""The real bot (runtime + PTB Application) against the Bot API server on 127.0.0.1.

A pytest plugin (tests/conftest.py): the fixtures `server`, `clock` and `start_bot` serve the
Telegram, alliance and reliability tests alike; a directory's conftest may override them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import datetime
from pathlib import Path

import pytest

from bot.adapters.telegram.app import build_application, on_startup, on_stop
from bot.clock import FixedClock
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from tests.botapi import BotApiServer, BotMessage, BotRun, TelegramUser, running_bot

NOW = datetime(2026, 11, 25, 9, 0)

IDEA = (
    "Geflüchtete Frauen machen ein bezahltes Praktikum in Pflegeheimen und bekommen dazu einen "
    "berufsbezogenen Deutschkurs, zusammen mit dem Jobcenter."
)
"""A project idea that the matcher understands (action field III, target group refugees)."""


async def answer(user: TelegramUser, text: str) -> BotMessage:
    """Send `text` and return the bot's reply (the last message of it)."""
    user.send(text)
    return (await user.expect())[-1]


def bot_settings(server: BotApiServer, data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "telegram_bot_token": server.token,
        "telegram_api_base_url": server.base_url,
        "telegram_api_base_file_url": server.base_file_url,
        "data_dir": data_dir,
        "rate_limiter": False,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


StartBot = Callable[..., AbstractAsyncContextManager[tuple[BotRun, Runtime]]]


@pytest.fixture
async def server() -> AsyncIterator[BotApiServer]:
    async with BotApiServer() as running:
        yield running


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def start_bot(server: BotApiServer, tmp_path: Path, clock: FixedClock) -> StartBot:
    """Start the bot; may be entered several times in one test (a restart on the same data)."""

    @asynccontextmanager
    async def start(
        raise_errors: bool = True, **overrides: object
    ) -> AsyncIterator[tuple[BotRun, Runtime]]:
        runtime = await build_runtime(bot_settings(server, tmp_path, **overrides), clock)
        application = build_application(runtime)
        application.post_init = on_startup
        application.post_stop = on_stop
        try:
            async with running_bot(application, server, raise_errors=raise_errors) as run:
                yield run, runtime
        finally:
            await runtime.close()

    return start


def draft_answers(
    place: str = "Sarstedt",
    *,
    title: str | None = "Pflegebrücke Hildesheim",
    costs: str = "380.000 €",
    duration: str = "2 Jahre",
    idea: str = IDEA,
    target_group: str = "Geflüchtete Frauen",
) -> list[str]:
    """What a sponsor types for a complete draft, question by question (`title=None` skips the
    optional title); the last skip passes the co-financing and leads to the summary."""
    return [
        place,
        "Bildungsträger",
        target_group,
        idea,
        title if title is not None else "/ueberspringen",
        costs,
        "01/2027",
        duration,
        "/ueberspringen",
    ]


async def type_draft(
    user: TelegramUser, *answers: str, command: str | None = "/start"
) -> list[BotMessage]:
    """The one walk to the summary over HTTP: `command` (`/start`, `/neu`, or None when the
    first question is already asked), then `answers` (default `draft_answers()`); returns the
    summary's messages."""
    if command is not None:
        user.send(command)
        await user.expect(2)
    *before, last = answers or draft_answers()
    for text in before:
        await answer(user, text)
    user.send(last)
    summary = await summary_messages(user)
    assert "Zusammenfassung" in "\n".join(m.text for m in summary), user.transcript
    return summary


STAND = ("Stand der Wissensbasis", "Knowledge base as of")
"""The summary's last line: a long summary comes in several messages (#15 added sources)."""


async def summary_messages(user: TelegramUser) -> list[BotMessage]:
    """Every message of a summary, up to its last line."""
    messages = await user.expect()
    while not any(stand in messages[-1].text for stand in STAND):
        messages += await user.expect()
    return messages
