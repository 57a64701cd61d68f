"""Markers by what a test drives, so that `make test-fast` can leave out the slow kinds.

- `http`: the real bot over HTTP against the Bot API server of tests/botapi (any test that
  asks for the `server` fixture, directly or through another fixture, or plays a transcript
  on the Telegram driver).
- `process`: a real `python -m bot` (or other) subprocess: tests whose code starts one, or
  calls a helper of the tests that does (followed by name, helpers of helpers included).

Marked at collection from what the test asks for and what its code calls, so a new test is
sorted without anyone remembering to mark it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from types import CodeType

import pytest

_SPAWNS = ("subprocess", "BotProcess", "bot_process")
"""What code says when it starts a process."""


def _spawns(item: pytest.Item) -> bool:
    function = getattr(item, "function", None)
    return function is not None and _starts_a_process(function)


@functools.cache
def _starts_a_process(function: Callable[..., object]) -> bool:
    """Whether `function`, or a helper of the tests it calls by name (`_run(...)` in
    tests/adapters/test_advise_cli.py), starts a process. Once per function: a parametrised
    test's items share it, and reading the source of every item took seconds of each worker's
    collection."""
    return _reaches_spawn(function, set())


def _reaches_spawn(function: Callable[..., object], seen: set[int]) -> bool:
    if id(function) in seen:
        return False
    seen.add(id(function))
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return False
    if any(word in source for word in _SPAWNS):
        return True
    code = getattr(function, "__code__", None)
    module_globals = getattr(function, "__globals__", {})
    names = _names(code) if code is not None else set()
    return any(
        _reaches_spawn(helper, seen)
        for name in names
        if callable(helper := module_globals.get(name))
        and inspect.isfunction(helper)
        and helper.__module__.startswith("tests.")
    )


def _names(code: CodeType) -> set[str]:
    """The global names `code` and the functions defined inside it refer to."""
    names = set(code.co_names)
    for constant in code.co_consts:
        if isinstance(constant, CodeType):
            names |= _names(constant)
    return names


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        driver = callspec.params.get("driver") if callspec is not None else None
        if "server" in fixtures or driver == "telegram" or "[telegram-" in item.name:
            item.add_marker(pytest.mark.http)
        if "bot_process" in fixtures or _spawns(item):
            item.add_marker(pytest.mark.process)
