"""CPU per outgoing request of two builds of the bot, side by side: `bench/load.py`'s
saturated rounds without the echo bot, the paced phase or the drafts, so that a change to the
Telegram adapter can be measured on a busy machine (CPU time of each bot process, rounds
alternating between the builds).

    python bench/transport.py --baseline DIR [--sponsors 60] [--rounds 4]

DIR is a checkout of the code to compare with (e.g. `git archive main | tar -x -C DIR`); this
checkout is the other build. Each bot runs against a Bot API server of its own in this process.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import load  # bench/load.py
from load import PLACES, People, Phase, calibrate, dialog, run_phase, start, stop

from tests.botapi import BotApiServer


def bot_at(root: Path) -> tuple[str, ...]:
    """The bot of the checkout `root` (its directory first on the path)."""
    code = f"import sys; sys.path.insert(0, {str(root)!r}); import runpy; "
    code += "runpy.run_module('bot', run_name='__main__')"
    return (sys.executable, "-c", code, "telegram")


async def main(args: argparse.Namespace) -> None:
    scripts = [dialog(place) for place in PLACES]
    builds = {"baseline": args.baseline, "this": load.ROOT}
    with tempfile.TemporaryDirectory(prefix="bench-transport-") as temp:
        work = Path(temp)
        async with (
            BotApiServer(log_requests=False) as first,
            BotApiServer(log_requests=False) as second,
        ):
            servers = dict(zip(builds, (first, second), strict=True))
            people = {name: People(server) for name, server in servers.items()}
            bots = {}
            expected = {}
            for name, root in builds.items():
                bots[name], _ = await start(servers[name], bot_at(root), work / name, work, name)
                expected[name] = await calibrate(people[name].new(len(scripts)), scripts)
                await run_phase(
                    servers[name],
                    bots[name],
                    people[name].new(args.sponsors // 2),
                    scripts,
                    expected[name],
                )
            if expected["baseline"] != expected["this"]:
                print("the builds send different things per step:", expected, file=sys.stderr)
            phases: dict[str, list[Phase]] = {name: [] for name in builds}
            for number in range(args.rounds):
                order = list(builds) if number % 2 == 0 else list(reversed(builds))
                for name in order:
                    phase = await run_phase(
                        servers[name],
                        bots[name],
                        people[name].new(args.sponsors),
                        scripts,
                        expected[name],
                    )
                    phases[name].append(phase)
                    print(
                        f"round {number + 1} {name:8}: {phase.updates} updates, "
                        f"{phase.cpu_s / phase.updates * 1000:.3f} ms CPU/update, "
                        f"{phase.cpu_s / phase.outgoing * 1000:.3f} ms CPU/request, "
                        f"{phase.outgoing / phase.updates:.3f} requests/update, "
                        f"failures {len(phase.failures)}",
                        flush=True,
                    )
            for name in builds:
                stop(bots[name], name)
    for name, rounds in phases.items():
        per_request = [p.cpu_s / p.outgoing * 1000 for p in rounds]
        per_update = [p.cpu_s / p.updates * 1000 for p in rounds]
        print(
            f"{name:8}: CPU/request median {statistics.median(per_request):.3f} ms "
            f"({', '.join(f'{v:.3f}' for v in per_request)}); CPU/update median "
            f"{statistics.median(per_update):.3f} ms"
        )
    pairs = [
        (t.cpu_s / t.outgoing) / (b.cpu_s / b.outgoing)
        for t, b in zip(phases["this"], phases["baseline"], strict=True)
    ]
    print(f"this/baseline per request: {', '.join(f'{r:.3f}' for r in pairs)}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline", required=True, help="checkout of the code to compare with")
    parser.add_argument("--sponsors", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=4)
    arguments = parser.parse_args()
    arguments.baseline = Path(arguments.baseline).resolve()
    asyncio.run(main(arguments))
