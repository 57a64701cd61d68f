"""Load benchmark: the real bot in its own process, driven by simulated sponsors over HTTP.

    python bench/load.py [--sponsors 200] [--rounds 3] [--paced-rate 30] [--drafts 10000] [--json]

The Bot API server of the tests (tests/botapi) runs in this process together with the
simulated sponsors; the bot (`python -m bot telegram`) and a bare python-telegram-bot echo bot
(bench/echo_bot.py) run as separate processes, each against a server of its own. Every sponsor
runs a complete dialog by typing and tapping. Phases:

1. start-up: process start until the bot's first getUpdates reaches the server;
2. calibration: one sponsor per dialog variant, step by step, records what the bot sends for
   each step (messages, edits, answered taps), so later turns know when they are complete;
   then a warm-up round with a quarter of the sponsors, not counted;
3. saturated rounds, ours and the echo bot's alternating: N sponsors at once, each sending its
   next update as soon as the previous turn is complete: updates/s, CPU per update and per
   outgoing request, requests per update (medians over the rounds; the ratio pairs rounds);
4. paced: N other sponsors at once, each thinking between turns so that together they offer
   `--paced-rate` updates/s: turn latency p50/p95/p99 (update offered -> last reply of the
   turn received by the server);
5. a data directory seeded with `--drafts` drafts through the project's storage code: start-up
   (median of `--starts`), traffic, then the bot's peak RSS.

CPU and RSS come from /proc/<pid> (Linux). With `--json` the report goes to stderr and stdout
ends with one JSON line. Results and method: docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Literal, TextIO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core.state import DialogState
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.drafts import Drafts
from tests.botapi import BotApiServer, TelegramUser

ROOT = Path(__file__).resolve().parent.parent
GOALS = {
    "ratio": 1.5,
    "requests_per_update": 2.0,
    "updates_per_s": 200.0,
    "p99_ms": 50.0,
    "rss_10k_mb": 150.0,
    "startup_s": 1.0,
}

IDEA = (
    "Geflüchtete Frauen machen ein bezahltes Praktikum in Pflegeheimen und bekommen dazu einen "
    "berufsbezogenen Deutschkurs, zusammen mit dem Jobcenter."
)
PLACES = ("Sarstedt", "Garbsen", "Bückeburg", "Holzminden", "Nienburg/Weser", "Hameln")
ECHO_BUTTON = "Echo"  # the one button of bench/echo_bot.py


@dataclass(frozen=True)
class Step:
    kind: Literal["text", "tap"]
    value: str


def dialog(place: str) -> tuple[Step, ...]:
    """A complete sponsor dialog, as in tests/telegram/test_sponsor_chat.py."""
    return (
        Step("text", "/start"),
        Step("text", place),
        Step("tap", "Bildungsträger"),
        Step("tap", "Geflüchtete"),
        Step("tap", "Frauen"),
        Step("tap", "Fertig"),
        Step("text", IDEA),
        Step("text", "/ueberspringen"),
        Step("text", "1,2 Mio. €"),
        Step("text", "Wir arbeiten in allen Gemeinden des Landkreises mit vier Teams."),
        Step("text", "Q1/2027"),
        Step("text", "2 Jahre"),
        Step("text", "/ueberspringen"),
    )


Seen = tuple[int, int, int]
"""What a chat has received from the bot: messages, edits, answered taps."""


def seen(user: TelegramUser) -> Seen:
    outputs = user.all_outputs
    return len(outputs), sum(m.edits for m in outputs), len(user.callback_answers)


def changed(user: TelegramUser, before: Seen) -> bool:
    return seen(user) != before


def reached(user: TelegramUser, target: Seen) -> bool:
    return all(a >= b for a, b in zip(seen(user), target, strict=True))


def act(user: TelegramUser, step: Step, echo: bool) -> None:
    if step.kind == "text":
        user.send(step.value)
    else:
        user.tap(ECHO_BUTTON if echo else step.value)


# ==================================================================== processes
class Process:
    """A bot in its own process; CPU time and memory from /proc."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], cwd: Path, log: Path) -> None:
        self.log_path = log
        self._log = log.open("ab")
        self.started = time.monotonic()
        self.popen = subprocess.Popen(
            list(argv), env=env, cwd=cwd, stdout=self._log, stderr=subprocess.STDOUT
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory_mb(self, key: str = "VmHWM") -> float:
        """VmHWM: peak resident set size; VmRSS: the current one."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
        raise RuntimeError(f"{key} not found for pid {self.pid}")

    def alive(self) -> bool:
        return self.popen.poll() is None

    def stop(self) -> int:
        """SIGTERM (the bot finishes the update in hand), then wait."""
        if self.alive():
            self.popen.send_signal(signal.SIGTERM)
        try:
            code = self.popen.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            code = self.popen.wait()
        self._log.close()
        return code

    def tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])


def bot_env(server: BotApiServer, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=server.token,
        TELEGRAM_API_BASE_URL=server.base_url,
        TELEGRAM_API_BASE_FILE_URL=server.base_file_url,
        BOT_DATA_DIR=str(data_dir),
        BOT_RATE_LIMITER="false",
        # The bot under test is the code of this checkout, whatever the venv has installed.
        PYTHONPATH=os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
    )
    return env


OURS = (sys.executable, "-m", "bot", "telegram")
ECHO = (sys.executable, str(ROOT / "bench" / "echo_bot.py"))


async def start(
    server: BotApiServer, argv: Sequence[str], data_dir: Path, work: Path, name: str
) -> tuple[Process, float]:
    """Start a bot; returns it and the seconds from process start to its first getUpdates."""
    # A stopped bot's last long poll may still be parked for up to max_poll_timeout.
    await server.wait_until(lambda: server.parked_polls == 0, 10, "old polls to end")
    process = Process(argv, bot_env(server, data_dir), work, work / f"{name}.log")
    try:
        await server.wait_until(
            lambda: server.parked_polls > 0 or not process.alive(), 60, f"{name} to poll"
        )
    except AssertionError:
        process.stop()
        raise RuntimeError(f"{name} did not start polling:\n{process.tail()}") from None
    if not process.alive():
        raise RuntimeError(f"{name} exited at start:\n{process.tail()}")
    return process, time.monotonic() - process.started


def stop(process: Process, name: str) -> None:
    code = process.stop()
    if code != 0:
        raise RuntimeError(f"{name} exited with {code}:\n{process.tail()}")


# ==================================================================== sponsors
class People:
    """Simulated sponsors; every phase talks to new chats."""

    def __init__(self, server: BotApiServer) -> None:
        self.server = server
        self._next = 10_000_000

    def new(self, count: int) -> list[TelegramUser]:
        first = self._next
        self._next += count
        return [self.server.user(uid, f"Sponsor {uid}") for uid in range(first, first + count)]

    def known(self, user_id: int) -> TelegramUser:
        return self.server.user(user_id, f"Sponsor {user_id}")


async def calibrate(
    users: Sequence[TelegramUser], scripts: Sequence[tuple[Step, ...]], echo: bool = False
) -> list[list[Seen]]:
    """Per script and step, what the bot sends; one sponsor per script, scripts concurrently."""

    async def one(user: TelegramUser, script: tuple[Step, ...]) -> list[Seen]:
        deltas: list[Seen] = []
        for step in script:
            before = seen(user)
            act(user, step, echo)
            await user.wait_for(partial(changed, user, before), 30, f"a reply to {step}")
            await user.settle(idle=0.3, timeout=30)
            after = seen(user)
            deltas.append((after[0] - before[0], after[1] - before[1], after[2] - before[2]))
        return deltas

    return list(await asyncio.gather(*(one(u, s) for u, s in zip(users, scripts, strict=True))))


@dataclass
class Phase:
    sponsors: int
    updates: int
    seconds: float
    cpu_s: float
    harness_cpu_s: float
    requests: Counter[str]
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def updates_per_s(self) -> float:
        return self.updates / self.seconds

    @property
    def outgoing(self) -> int:
        """Bot API requests the bot made, except fetching updates."""
        return sum(n for key, n in self.requests.items() if not key.startswith("getUpdates:"))

    @property
    def errors(self) -> dict[str, int]:
        return {key: n for key, n in self.requests.items() if not key.endswith(":ok")}

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def run_phase(
    server: BotApiServer,
    process: Process,
    users: Sequence[TelegramUser],
    scripts: Sequence[tuple[Step, ...]],
    expected: Sequence[Sequence[Seen]],
    *,
    echo: bool = False,
    think_s: float = 0.0,
    seed: int = 1,
) -> Phase:
    """All users at once; user i runs scripts[i % len(scripts)]."""
    rng = random.Random(seed)
    latencies: list[float] = []

    async def converse(
        user: TelegramUser, script: tuple[Step, ...], wanted: Sequence[Seen]
    ) -> None:
        if think_s:
            await asyncio.sleep(rng.uniform(0, 2 * think_s))  # arrivals spread, not in lockstep
        for number, (step, delta) in enumerate(zip(script, wanted, strict=True)):
            if think_s and number:
                await asyncio.sleep(rng.uniform(0.5 * think_s, 1.5 * think_s))
            before = seen(user)
            target = (before[0] + delta[0], before[1] + delta[1], before[2] + delta[2])
            offered = time.monotonic()
            act(user, step, echo)
            await user.wait_for(
                partial(reached, user, target),
                60,
                f"the reply to {step} ({delta} expected)",
            )
            latencies.append((user.last_activity - offered) * 1000)

    requests_before = Counter(server.counts)
    cpu_before, harness_before = process.cpu_seconds(), time.process_time()
    started = time.monotonic()
    results = await asyncio.gather(
        *(
            converse(user, scripts[n % len(scripts)], expected[n % len(scripts)])
            for n, user in enumerate(users)
        ),
        return_exceptions=True,
    )
    seconds = time.monotonic() - started
    cpu = process.cpu_seconds() - cpu_before
    requests = Counter(server.counts)
    requests.subtract(requests_before)
    return Phase(
        sponsors=len(users),
        updates=len(latencies),
        seconds=seconds,
        cpu_s=cpu,
        harness_cpu_s=time.process_time() - harness_before,
        requests=+requests,
        latencies_ms=latencies,
        failures=[str(r) for r in results if isinstance(r, BaseException)],
    )


# ==================================================================== many drafts
async def completed_states(data_dir: Path) -> list[DialogState]:
    database = await Database.open(Settings(data_dir=data_dir).database_path)
    try:
        async with database.transaction() as connection:
            drafts = await Drafts(connection, datetime.now()).everyone()
    finally:
        await database.close()
    return [d.state for d in drafts if d.state.step == "summary"] or [d.state for d in drafts]


async def seed(
    data_dir: Path, states: Sequence[DialogState], count: int, per_user: int
) -> list[int]:
    """`count` drafts for count/per_user sponsors, written by the project's storage code;
    returns the sponsors' ids."""
    database = await Database.open(Settings(data_dir=data_dir).database_path)
    first_user = 9_000_000
    try:
        async with database.transaction() as connection:
            drafts = Drafts(connection, datetime.now())
            for number in range(count):
                owner = first_user + number // per_user
                if number % per_user == 0:
                    await drafts.user(owner, "de")
                await drafts.create(owner, states[number % len(states)])
    finally:
        await database.close()
    return list(range(first_user, first_user + (count + per_user - 1) // per_user))


# ==================================================================== the run
async def benchmark(args: argparse.Namespace, out: TextIO) -> dict[str, Any]:
    def say(line: str) -> None:
        print(line, file=out, flush=True)

    scripts = [dialog(place) for place in PLACES]
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-load-") as temp:
        work = Path(temp)
        # One server per bot: both stay up, and their saturated rounds alternate, so that both
        # see the same conditions on a machine that others use too.
        async with (
            BotApiServer(log_requests=False) as server,
            BotApiServer(log_requests=False) as echo_server,
        ):
            people, echo_people = People(server), People(echo_server)
            ours_dir = work / "ours"
            bot, figures["startup_empty_s"] = await start(server, OURS, ours_dir, work, "bot")
            say(f"bot started in {figures['startup_empty_s'] * 1000:.0f} ms (empty data dir)")
            echo_bot, figures["echo_startup_s"] = await start(
                echo_server, ECHO, work / "echo", work, "echo"
            )
            expected = await calibrate(people.new(len(scripts)), scripts)
            say(f"dialog: {len(scripts[0])} updates; per step (messages, edits, answered taps):")
            say(f"  {expected[0]}")
            echo_expected = await calibrate(echo_people.new(1), scripts[:1], echo=True)

            # A round that is not counted: first-time code paths, caches, connection pools.
            await run_phase(server, bot, people.new(args.sponsors // 4 or 1), scripts, expected)
            await run_phase(
                echo_server,
                echo_bot,
                echo_people.new(args.sponsors // 4 or 1),
                scripts[:1],
                echo_expected,
                echo=True,
            )

            # ------------------------------------------------------------ saturated rounds
            saturated: list[Phase] = []
            echo: list[Phase] = []
            for number in range(1, args.rounds + 1):
                profiler = maybe_profile(args.profile if number == 1 else None, bot.pid)
                saturated.append(
                    await run_phase(server, bot, people.new(args.sponsors), scripts, expected)
                )
                if profiler is not None:
                    profiler.send_signal(signal.SIGINT)
                    profiler.wait(timeout=60)
                    say(f"py-spy profile of the first saturated round: {args.profile}")
                report_phase(say, f"ours, saturated, round {number}", saturated[-1])
                echo.append(
                    await run_phase(
                        echo_server,
                        echo_bot,
                        echo_people.new(args.sponsors),
                        scripts[:1],
                        echo_expected,
                        echo=True,
                    )
                )
                report_phase(say, f"echo bot, saturated, round {number}", echo[-1])
            figures["echo_rss_mb"] = round(echo_bot.memory_mb("VmHWM"), 1)
            stop(echo_bot, "echo bot")

            # ------------------------------------------------------------ paced
            paced = await run_phase(
                server,
                bot,
                people.new(args.sponsors),
                scripts,
                expected,
                think_s=args.sponsors / args.paced_rate,
                seed=2,
            )
            report_phase(say, f"ours, paced ({args.paced_rate:g} updates/s offered)", paced)
            figures["rss_mb"] = round(bot.memory_mb("VmHWM"), 1)
            stop(bot, "bot")

            # ------------------------------------------------------------ many drafts
            phases = [*saturated, *echo, paced]
            probe_dir = ours_dir
            if args.drafts:
                probe_dir = work / "many"
                states = await completed_states(ours_dir)
                started = time.monotonic()
                owners = await seed(probe_dir, states, args.drafts, per_user=5)
                say(f"seeded {args.drafts} drafts in {time.monotonic() - started:.1f} s")
            startups = []
            for _ in range(args.starts):
                # A server of its own: a stopped bot's last poll may still reach the old one.
                async with BotApiServer(log_requests=False) as fresh:
                    probe, took = await start(fresh, OURS, probe_dir, work, "bot-startup")
                    startups.append(took)
                    stop(probe, "bot (start-up probe)")
            figures["startup_s"] = statistics.median(startups)
            figures["startup_max_s"] = max(startups)
            seeded = f"{args.drafts} seeded" if args.drafts else "the run's"
            say(
                f"start-up with {seeded} drafts: median {figures['startup_s'] * 1000:.0f} ms, "
                f"max {figures['startup_max_s'] * 1000:.0f} ms ({args.starts} starts)"
            )
            if args.drafts:
                async with BotApiServer(log_requests=False) as many_server:
                    many_people = People(many_server)
                    many, _ = await start(many_server, OURS, probe_dir, work, "bot-many")
                    many_phase = await run_phase(
                        many_server, many, many_people.new(args.sponsors), scripts, expected
                    )
                    report_phase(say, f"ours with {args.drafts} drafts, saturated", many_phase)
                    # returning sponsors list their drafts
                    returning = [many_people.known(owner) for owner in owners[: args.sponsors]]
                    listing = [(Step("text", "/entwuerfe"),)]
                    listed = await calibrate(returning[:1], listing)
                    rest = await run_phase(many_server, many, returning[1:], listing, listed)
                    report_phase(say, "returning sponsors listing their drafts", rest)
                    figures["rss_10k_mb"] = round(many.memory_mb("VmHWM"), 1)
                    stop(many, "bot (many drafts)")
                phases += [many_phase, rest]

    failures = [failure for phase in phases for failure in phase.failures]
    # Medians over the rounds; the ratio pairs each round of ours with the echo round after it.
    ratios = [
        (ours.cpu_s / ours.outgoing) / (bare.cpu_s / bare.outgoing)
        for ours, bare in zip(saturated, echo, strict=True)
    ]
    outgoing = sum(phase.outgoing for phase in saturated)
    updates = sum(phase.updates for phase in saturated)
    figures.update(
        sponsors=args.sponsors,
        updates=updates,
        updates_per_s=round(statistics.median(p.updates_per_s for p in saturated), 1),
        p50_ms=round(paced.percentile(0.50), 2),
        p95_ms=round(paced.percentile(0.95), 2),
        p99_ms=round(paced.percentile(0.99), 2),
        saturated_p50_ms=round(statistics.median(p.percentile(0.5) for p in saturated), 2),
        saturated_p99_ms=round(statistics.median(p.percentile(0.99) for p in saturated), 2),
        cpu_s_per_update=round(statistics.median(p.cpu_s / p.updates for p in saturated), 5),
        cpu_s_per_request=round(statistics.median(p.cpu_s / p.outgoing for p in saturated), 5),
        paced_cpu_s_per_update=round(paced.cpu_s / paced.updates, 5),
        requests_per_update=round(outgoing / updates, 3),
        echo_updates_per_s=round(statistics.median(p.updates_per_s for p in echo), 1),
        echo_cpu_s_per_update=round(statistics.median(p.cpu_s / p.updates for p in echo), 5),
        ratio=round(statistics.median(ratios), 3),
        ratios=[round(r, 3) for r in ratios],
        failures=len(failures),
    )
    if failures:
        say(f"{len(failures)} sponsors failed; the first:\n{failures[0]}")
    return figures


def maybe_profile(path: str | None, pid: int) -> subprocess.Popen[bytes] | None:
    if path is None:
        return None
    py_spy = shutil.which("py-spy")
    if py_spy is None:
        raise SystemExit("--profile needs py-spy on PATH (pip install py-spy; not a dependency)")
    command = [py_spy, "record", "--pid", str(pid), "--output", path, "--format", "raw"]
    profiler = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # py-spy attaches
    return profiler


def report_phase(say: Any, title: str, phase: Phase) -> None:
    say(
        f"{title}: {phase.sponsors} sponsors, {phase.updates} updates in {phase.seconds:.2f} s "
        f"= {phase.updates_per_s:.0f}/s; latency p50 {phase.percentile(0.5):.1f} ms, "
        f"p95 {phase.percentile(0.95):.1f} ms, p99 {phase.percentile(0.99):.1f} ms"
    )
    say(
        f"  bot CPU {phase.cpu_s:.2f} s = {phase.cpu_s / phase.updates * 1000:.2f} ms/update, "
        f"{phase.cpu_s / max(phase.outgoing, 1) * 1000:.2f} ms/request; "
        f"{phase.outgoing / phase.updates:.2f} requests/update; "
        f"harness CPU {phase.harness_cpu_s:.2f} s"
    )
    methods = ", ".join(f"{key} {n}" for key, n in sorted(phase.requests.items()))
    say(f"  requests: {methods}")
    if phase.errors:
        say(f"  NOT OK: {phase.errors}")


def verdicts(figures: dict[str, Any]) -> list[str]:
    def line(name: str, value: float, goal: float, unit: str, higher: bool = False) -> str:
        met = value >= goal if higher else value <= goal
        relation = ">=" if higher else "<="
        return f"  {'met ' if met else 'MISS'} {name}: {value:g}{unit} (goal {relation} {goal:g})"

    return [
        line("CPU per request, ours/echo", figures["ratio"], GOALS["ratio"], "x"),
        line(
            "requests per update",
            figures["requests_per_update"],
            GOALS["requests_per_update"],
            "",
        ),
        line("updates/s", figures["updates_per_s"], GOALS["updates_per_s"], "", higher=True),
        line("p99 turn latency", figures["p99_ms"], GOALS["p99_ms"], " ms"),
        *(
            [line("RSS with many drafts", figures["rss_10k_mb"], GOALS["rss_10k_mb"], " MB")]
            if "rss_10k_mb" in figures
            else []
        ),
        line("start-up", figures["startup_s"], GOALS["startup_s"], " s"),
    ]


JSON_KEYS = (
    "sponsors",
    "updates",
    "updates_per_s",
    "p50_ms",
    "p95_ms",
    "p99_ms",
    "cpu_s_per_update",
    "rss_mb",
    "requests_per_update",
    "echo_updates_per_s",
    "echo_cpu_s_per_update",
    "ratio",
)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sponsors", type=int, default=200, help="sponsors at once")
    parser.add_argument(
        "--paced-rate",
        type=float,
        default=30.0,
        help="updates/s the sponsors of the paced phase offer together (default 30, about "
        "the messages per second Telegram lets a bot send)",
    )
    parser.add_argument(
        "--drafts", type=int, default=10_000, help="drafts in the seeded DB (0: no such phase)"
    )
    parser.add_argument("--starts", type=int, default=5, help="start-ups to take the median of")
    parser.add_argument(
        "--rounds", type=int, default=3, help="saturated rounds, ours and echo alternating"
    )
    parser.add_argument(
        "--profile", help="record the bot with py-spy during the saturated phase (collapsed stacks)"
    )
    parser.add_argument("--json", action="store_true", help="end with one JSON line")
    args = parser.parse_args()

    # A bot stopped in the middle of a long poll makes aiohttp log the lost connection.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    out = sys.stderr if args.json else sys.stdout
    print(
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{datetime.now():%Y-%m-%d %H:%M}",
        file=out,
    )
    figures = asyncio.run(benchmark(args, out))
    print("\n".join(["goals:", *verdicts(figures)]), file=out)
    print(
        "more: " + ", ".join(f"{k}={v}" for k, v in figures.items() if k not in JSON_KEYS),
        file=out,
    )
    if args.json:
        print(json.dumps({key: figures[key] for key in JSON_KEYS}), flush=True)
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
