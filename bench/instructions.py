"""Instructions per update of the conversation service, counted by valgrind: `bench/turns.py`'s
dialog, whose CPU time a busy machine blurs, as a count that does not depend on the load.

    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=starmap_next \\
        --callgrind-out-file=/tmp/turns.callgrind python bench/instructions.py [--sponsors 6]

Start-up and a warm-up of 20 sponsors run uncounted; the counted sponsors run inside
`itertools.starmap` (which nothing else in the bot uses), so that callgrind counts only them:
divide its "Collected" by the updates printed. Run with PYTHONHASHSEED=0 to compare two trees;
six sponsors (78 updates, one per place of the dialog) take about two minutes under valgrind.
Counted are the instructions of this process in user space, not the kernel's work for the
disk's writes and syncs, which `bench/turns.py`'s CPU time includes.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from turns import WARM_UP, settings_in, sponsors  # bench/turns.py

from bot.runtime import build_runtime


def main(count: int) -> None:
    loop = asyncio.new_event_loop()
    with tempfile.TemporaryDirectory() as data_dir:
        runtime = loop.run_until_complete(build_runtime(settings_in(Path(data_dir))))
        try:
            if runtime.warming is not None:
                loop.run_until_complete(runtime.warming)
            ids = itertools.count(1)
            loop.run_until_complete(sponsors(runtime, 10_000, WARM_UP, ids))

            def counted() -> int:
                return loop.run_until_complete(sponsors(runtime, 20_000, count, ids))

            (updates,) = itertools.starmap(counted, [()])
        finally:
            loop.run_until_complete(runtime.close())
            loop.close()
    print(f"{updates} updates counted")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sponsors", type=int, default=6, help="counted sponsors")
    main(parser.parse_args().sponsors)
