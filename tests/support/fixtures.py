"""Fixtures of the in-process drivers, for every test folder (a pytest plugin).

`engine` and `driver`: the pure dialog engine with the sponsor dialog, and a `DialogDriver` on
it; `runtime` and `chat`: the whole runtime on a real SQLite file in `tmp_path`, and a
`ChatDriver` on its conversation service. The drivers themselves are in
`tests/dialogs/conftest.py`; the fixtures are here so that the tests of a module outside
`bot/dialogs/` live where the module does (`tests/routes/test_incoming.py`). A folder or module
may override any of them (`clock` comes from `tests/support/bot.py`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.advice.advise import Advisor
from bot.clock import FixedClock
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG
from bot.runtime import Runtime
from tests.dialogs.conftest import ChatDriver, DialogDriver, runtime_for


@pytest.fixture
def engine(advisor: Advisor, clock: FixedClock) -> DialogEngine:
    return DialogEngine(SPONSOR_DIALOG, advisor, clock)


@pytest.fixture
def driver(engine: DialogEngine) -> DialogDriver:
    return DialogDriver.started(engine)


@pytest.fixture
async def runtime(tmp_path: Path, clock: FixedClock) -> AsyncIterator[Runtime]:
    async with runtime_for(tmp_path, clock) as built:
        yield built


@pytest.fixture
def chat(runtime: Runtime) -> ChatDriver:
    return ChatDriver.of(runtime)
