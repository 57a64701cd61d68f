"""Markers by what a test drives, so that `make test-fast` can leave out the slow kinds.

- `http`: the real bot over HTTP against the Bot API server of tests/botapi (any test that
  asks for the `server` fixture, directly or through another fixture, or plays a transcript
  on the Telegram driver).
- `process`: a real `python -m bot` (or other) subprocess: tests whose code starts one.

Marked at collection from what the test asks for and what its code calls, so a new test is
sorted without anyone remembering to mark it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable

import pytest

_SPAWNS = ("subprocess", "run_chat(", "BotProcess", "bot_process", "_bot(")
"""What a test's code says when it starts a process (helpers of the test modules included)."""


def _source(item: pytest.Item) -> str:
    function = getattr(item, "function", None)
    return "" if function is None else _source_of(function)


@functools.cache
def _source_of(function: Callable[..., object]) -> str:
    """Once per function: a parametrised test's items share it, and reading the source of
    every item took seconds of each worker's collection."""
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        driver = callspec.params.get("driver") if callspec is not None else None
        if "server" in fixtures or driver == "telegram" or "[telegram-" in item.name:
            item.add_marker(pytest.mark.http)
        if "bot_process" in fixtures or any(word in _source(item) for word in _SPAWNS):
            item.add_marker(pytest.mark.process)
