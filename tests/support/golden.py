"""Golden transcripts: tests/transcripts/<driver>/<script>.txt, compared line by line.

`UPDATE_TRANSCRIPTS=1` writes what was played instead of comparing: for a deliberate change,
reviewed in the diff of the commit.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

TRANSCRIPTS = Path(__file__).resolve().parent.parent / "transcripts"
UPDATE = "UPDATE_TRANSCRIPTS"


def golden_path(script: str, driver: str) -> Path:
    return TRANSCRIPTS / driver / f"{script}.txt"


def updating() -> bool:
    return os.environ.get(UPDATE, "") not in ("", "0")


def compare_with_golden(path: Path, played: str) -> None:
    """Fail with a unified diff unless `played` is the golden transcript at `path`."""
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(played, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(
            f"no golden transcript {path.relative_to(TRANSCRIPTS.parent.parent)}: record it "
            f"with {UPDATE}=1 (see tests/support/README.md) and review it",
            pytrace=False,
        )
    golden = path.read_text(encoding="utf-8")
    if golden == played:
        return
    diff = "".join(
        difflib.unified_diff(
            golden.splitlines(keepends=True),
            played.splitlines(keepends=True),
            f"golden {path.parent.name}/{path.name}",
            "played now",
            n=2,
        )
    )
    pytest.fail(
        f"the transcript differs from its golden file ({UPDATE}=1 rewrites it if the change "
        f"is intended):\n{diff}",
        pytrace=False,
    )
