"""The dictionaries' warm-up (`bot.runtime.WarmUp`): not begun while the transport starts, so
that its thread does not slow the first getUpdates; begun by the first update at the latest,
which waits for it, so that no answer loads the dictionaries on the event loop."""

from __future__ import annotations

from pathlib import Path

from bot.clock import FixedClock
from bot.runtime import build_runtime
from bot.settings import Settings
from tests.dialogs.conftest import ChatDriver


def _settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, telegram_bot_token=None, admin_ids=frozenset())


async def test_the_first_update_starts_the_warm_up_and_waits_for_it(
    tmp_path: Path, clock: FixedClock
) -> None:
    runtime = await build_runtime(_settings(tmp_path), clock)
    try:
        warming = runtime.warming
        assert warming is not None and not warming.started, "building the runtime starts nothing"
        reply = await ChatDriver.of(runtime).command("start")
        assert "Förderlotse" in reply
        assert warming.started and warming.start().done(), "the first answer came after it"
        assert warming.start() is warming.start(), "started once"
    finally:
        await runtime.close()


async def test_a_transport_starts_it_before_any_update(tmp_path: Path, clock: FixedClock) -> None:
    runtime = await build_runtime(_settings(tmp_path), clock)
    try:
        assert runtime.warming is not None
        thread = runtime.warming.start()  # what the transports do once they are up
        await runtime.warming
        assert thread.done() and thread.exception() is None
        reply = await ChatDriver.of(runtime).command("start")
        assert "Förderlotse" in reply
    finally:
        await runtime.close()


async def test_closing_a_runtime_that_never_warmed_up_returns(
    tmp_path: Path, clock: FixedClock
) -> None:
    runtime = await build_runtime(_settings(tmp_path), clock)
    await runtime.close()
    assert runtime.warming is not None and not runtime.warming.started
