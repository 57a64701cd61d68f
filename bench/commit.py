"""Cost of one write transaction of the bot's storage on this disk: synchronous=FULL (the
setting, bot/storage/db.py) against NORMAL (the setting before), rounds alternating.

    python bench/commit.py [--transactions 1000] [--rounds 3] [--dir DIR]

Each transaction is what an answer costs the database: `Database.transaction()` (the write
lock, BEGIN IMMEDIATE, COMMIT) around one UPDATE of a draft-sized row. The database lies in a
temporary directory under `--dir` (default: the current directory, so on the disk the bot's
data would be on; /tmp may be a RAM disk where fsync costs nothing). Results:
docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.storage.db import Database

ROW = "x" * 2000
"""About the size of a draft's state in the middle of the dialog."""


async def measure(directory: Path, synchronous: str, transactions: int) -> list[float]:
    with tempfile.TemporaryDirectory(prefix="bench-commit-", dir=directory) as temp:
        database = await Database.open(Path(temp) / "bench.sqlite3")
        try:
            await database.connection.execute(f"PRAGMA synchronous={synchronous}")
            async with database.transaction() as connection:
                await connection.execute(
                    "INSERT INTO users (id, created_at, updated_at) VALUES (1, '', '')"
                )
            seconds: list[float] = []
            for number in range(transactions):
                started = time.perf_counter()
                async with database.transaction() as connection:
                    await connection.execute(
                        "UPDATE users SET subdialogs = ? WHERE id = 1", (f"{number}{ROW}",)
                    )
                seconds.append(time.perf_counter() - started)
            return seconds
        finally:
            await database.close()


def quantile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--transactions", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path.cwd())
    args = parser.parse_args()
    for round_number in range(1, args.rounds + 1):
        for synchronous in ("FULL", "NORMAL"):
            seconds = await measure(args.dir, synchronous, args.transactions)
            print(
                f"round {round_number} {synchronous:6}: p50 {statistics.median(seconds) * 1e3:.3f}"
                f" ms, p99 {quantile(seconds, 0.99) * 1e3:.3f} ms, "
                f"{len(seconds) / sum(seconds):.0f} transactions/s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
