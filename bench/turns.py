"""CPU per update of the conversation service in process: the load benchmark's dialog without
HTTP, PTB or other processes, so that a change to our own work per update can be measured on a
busy machine (CPU time of this process, not wall time) and profiled.

    python bench/turns.py [--sponsors 150] [--profile FILE] [--statements]

Each sponsor runs `bench/load.py`'s dialog (13 updates) on a real SQLite file in a temporary
data directory; every reply is rendered as the Telegram adapter renders it (HTML, split to
Telegram's length, the keyboard as the JSON `calls.py` sends). A warm-up of 20 sponsors is not
counted. `--profile` writes a cProfile of the counted sponsors, timed by CPU time
(`python -m pstats FILE`). `--statements` counts the SQL statements the counted updates run
(sqlite3's trace callback on the bot's connection) and lists the most frequent ones.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import itertools
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import PLACES, dialog  # bench/load.py

from bot.adapters.telegram.render import keyboard_json, reply_html, split_html
from bot.core.events import Event, Press, Text
from bot.core.outputs import Reply
from bot.core.updates import Incoming
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from tests.support.drivers.common import label_text

WARM_UP = 20


def press(reply: Reply, label: str) -> Press:
    """The button labelled `label` (or the one containing it, not yet ticked)."""
    found: Press | None = None
    for row in reply.buttons:
        for button in row:
            shown = label_text(button, "de")
            if shown == label or (found is None and label in shown and not shown.startswith("✓")):
                found = Press(reply.step or "", button.action, reply.token or None)
    if found is None:
        raise SystemExit(f"no button {label!r}")
    return found


async def sponsors(runtime: Runtime, first_id: int, count: int, ids: itertools.count[int]) -> int:
    updates = 0
    for number in range(count):
        shown: Reply | None = None
        for step in dialog(PLACES[number % len(PLACES)]):
            event: Event
            if step.kind == "text":
                event = Text(step.value)
            else:
                assert shown is not None, "a tap before any buttons"
                event = press(shown, step.value)
            handled = await runtime.conversations.handle(
                Incoming(first_id + number, event, next(ids), "de", name="Bench")
            )
            updates += 1
            for output in handled.outputs:
                if isinstance(output, Reply):
                    split_html(reply_html(output, handled.language))
                    keyboard_json(output, handled.language)
                    if output.buttons:
                        shown = output
    return updates


def _shape(statement: str) -> str:
    """A statement without its literal values (the trace shows them expanded)."""
    return re.sub(r"'(?:[^']|'')*'|\b\d+\b", "?", " ".join(statement.split()))[:110]


def settings_in(data_dir: Path) -> Settings:
    """The bot's settings for a benchmark: German, no Telegram, no rate limiter."""
    return Settings(
        data_dir=data_dir,
        telegram_bot_token=None,
        admin_ids=frozenset(),
        default_language="de",
        retention_months=12,
        rate_limiter=False,
        webhook_url=None,
    )


async def main(count: int, profile: str | None, statements: bool) -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        runtime = await build_runtime(settings_in(Path(data_dir)))
        try:
            if runtime.warming is not None:
                await runtime.warming
            ids = itertools.count(1)
            await sponsors(runtime, 10_000, WARM_UP, ids)
            traced: Counter[str] = Counter()
            if statements:
                await runtime.database.connection.set_trace_callback(
                    lambda statement: traced.update((_shape(statement),))
                )
            profiler = cProfile.Profile(time.process_time) if profile else None
            cpu, wall = time.process_time(), time.perf_counter()
            if profiler is not None:
                profiler.enable()
            updates = await sponsors(runtime, 20_000, count, ids)
            if profiler is not None and profile is not None:
                profiler.disable()
                profiler.dump_stats(profile)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            await runtime.database.connection.set_trace_callback(None)
        finally:
            await runtime.close()
    print(
        f"{updates} updates: {cpu / updates * 1000:.3f} ms CPU per update "
        f"(wall {wall / updates * 1000:.3f} ms, with the disk's syncs)"
    )
    if statements:
        print(f"{traced.total() / updates:.2f} SQL statements per update; the most frequent:")
        for shape, times in traced.most_common(25):
            print(f"  {times / updates:6.2f}  {shape}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sponsors", type=int, default=150, help="counted sponsors")
    parser.add_argument("--profile", help="write a cProfile (CPU time) of the counted sponsors")
    parser.add_argument(
        "--statements", action="store_true", help="count the SQL statements per update"
    )
    args = parser.parse_args()
    asyncio.run(main(args.sponsors, args.profile, args.statements))
