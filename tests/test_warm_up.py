"""While the dictionaries warm up in a thread, threads switch more often, so that the transport
starting meanwhile is not held up; afterwards Python's interval is back, also when several
runtimes in one process warm up at once."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.clock import FixedClock
from bot.runtime import SWITCH_WHILE_WARMING, _short_switches, build_runtime
from bot.settings import Settings


def test_the_interval_is_short_while_any_warm_up_runs_and_restored_after() -> None:
    before = sys.getswitchinterval()
    assert before != SWITCH_WHILE_WARMING
    with _short_switches():
        assert sys.getswitchinterval() == SWITCH_WHILE_WARMING
        with _short_switches():  # a second runtime's warm-up overlapping the first
            assert sys.getswitchinterval() == SWITCH_WHILE_WARMING
        assert sys.getswitchinterval() == SWITCH_WHILE_WARMING, "the first still runs"
    assert sys.getswitchinterval() == before


async def test_two_runtimes_warm_up_and_leave_the_interval_as_it_was(
    tmp_path: Path, clock: FixedClock
) -> None:
    before = sys.getswitchinterval()
    runtimes = [
        await build_runtime(
            Settings(data_dir=tmp_path / name, telegram_bot_token=None, admin_ids=frozenset()),
            clock,
        )
        for name in ("a", "b")
    ]
    for runtime in runtimes:
        assert runtime.warming is not None
        await runtime.ready_for_updates()
        assert runtime.warming.done()
        await runtime.close()
    assert sys.getswitchinterval() == before


async def test_the_matcher_waits_for_the_transport_and_the_first_update_waits_for_the_matcher(
    tmp_path: Path, clock: FixedClock
) -> None:
    """The matcher's part of the warm-up waits until the transport polls (so that it does not
    share the interpreter with the transport's start); an update coming first (the terminal, a
    test's driver) ends the wait, and is handled only once the matcher is built."""
    runtime = await build_runtime(
        Settings(data_dir=tmp_path, telegram_bot_token=None, admin_ids=frozenset()), clock
    )
    assert not runtime.transport_up.is_set()
    await runtime.ready_for_updates()
    assert runtime.transport_up.is_set()
    assert "matcher" in vars(runtime.advisor), "built by the warm-up before the update goes on"
    await runtime.close()


async def test_a_runtime_closed_before_its_transport_started_does_not_wait_for_it(
    tmp_path: Path, clock: FixedClock
) -> None:
    runtime = await build_runtime(
        Settings(data_dir=tmp_path, telegram_bot_token=None, admin_ids=frozenset()), clock
    )
    await runtime.close()
    assert runtime.warming is not None and runtime.warming.done()
    assert runtime.transport_up.is_set()
