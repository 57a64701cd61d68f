"""Time of `kb check` on the shipped knowledge base: the check itself (`kb_cli.check`, in a
fresh process each run, so no set validated before is reused) and the whole command
(`python -m bot kb check`: start-up and imports included).

    python bench/kb_check.py [--runs 5]

Prints the median and all runs of each. Results: docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_CHECK_ONLY = """
import io, time
from bot.adapters import kb_cli
from bot.kb.shipped import shipped_knowledge_dir
started = time.perf_counter()
kb_cli.check(shipped_knowledge_dir(), io.StringIO())
print(time.perf_counter() - started)
"""


def check_only() -> float:
    done = subprocess.run(
        [sys.executable, "-c", _CHECK_ONLY], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip())


def whole_command() -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot", "kb", "check"], cwd=ROOT, capture_output=True, check=True
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    for name, measure in (("check", check_only), ("command", whole_command)):
        seconds = [measure() for _ in range(runs)]
        shown = ", ".join(f"{s:.3f}" for s in seconds)
        print(f"{name}: median {statistics.median(seconds):.3f} s ({shown})")


if __name__ == "__main__":
    main()
