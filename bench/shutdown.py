"""Shutdown benchmark: SIGTERM with a long poll in hand until the process has exited.

    python bench/shutdown.py [--runs 5] [--json]

The Bot API server of the tests (tests/botapi) runs in this process; the bot (`python -m bot
telegram`, `BOT_RATE_LIMITER=false`, a temporary `BOT_DATA_DIR`) runs as a separate process.
Each run starts the bot, has a sponsor send /start and waits for the two replies (so there
is something to confirm at shutdown), waits until the bot's next getUpdates is parked at the
server (the server answers it only when an update comes; PTB asks for 10 s), then sends
SIGTERM and measures until the process has exited. Two cases: a Bot API that answers at once,
and one that answers no getUpdates any more once SIGTERM is sent (a stalled connection, a
server busy with the parked poll): what the shutdown waits for then is its own timeouts.
Results and method: docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.botapi import BotApiServer
from tests.reliability.process import STARTUP_TIMEOUT, BotProcess

GOAL_SECONDS = 3.0


async def one_run(number: int, stalled: bool) -> tuple[float, int, list[str]]:
    """Seconds from SIGTERM to exit, the exit code, the getUpdates outcomes after SIGTERM."""
    async with BotApiServer(max_poll_timeout=3600.0, log_requests=True) as server:
        with tempfile.TemporaryDirectory(prefix="shutdown-bench-") as directory:
            root = Path(directory)
            bot = BotProcess(server, root / "data", root / "bot.log")
            try:
                await bot.start()
                user = server.user(9000 + number)
                user.send("/start")
                await bot.alive(user.expect(2, timeout=STARTUP_TIMEOUT))
                await bot.alive(
                    server.wait_until(lambda: server.parked_polls == 1, STARTUP_TIMEOUT)
                )
                before = len(server.requests_for("getUpdates"))
                if stalled:  # every getUpdates after this one goes unanswered
                    for _ in range(3):
                        server.hold("getUpdates")
                assert bot.process is not None
                started = time.perf_counter()
                bot.process.terminate()
                code = await bot.process.wait()
                seconds = time.perf_counter() - started
                outcomes = [r.outcome for r in server.requests_for("getUpdates")[before:]]
                return seconds, code, outcomes
            finally:
                await bot.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args()
    out = sys.stderr if args.json else sys.stdout
    report: dict[str, object] = {"runs": args.runs, "goal_s": GOAL_SECONDS}
    for case, stalled in (("answering", False), ("stalled", True)):
        results = [await one_run(number, stalled) for number in range(args.runs)]
        seconds = [result[0] for result in results]
        for number, (took, code, outcomes) in enumerate(results, 1):
            line = f"{case} {number}: exit {code} after {took:.3f} s; getUpdates {outcomes}"
            print(line, file=out)
        median, longest = statistics.median(seconds), max(seconds)
        print(f"{case}: SIGTERM -> exit median {median:.3f} s, max {longest:.3f} s", file=out)
        report[case] = {
            "median_s": round(median, 3),
            "max_s": round(longest, 3),
            "exit_codes": sorted({result[1] for result in results}),
            "getupdates_after_sigterm": results[-1][2],
        }
    if args.json:
        print(json.dumps(report))


if __name__ == "__main__":
    asyncio.run(main())
