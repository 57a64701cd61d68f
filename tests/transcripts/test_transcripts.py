"""Every scripted conversation, played on every driver, gives its golden transcript.

The transcripts were recorded before the dialog engine was reshaped (#8): behaviour that stays
the same shows as the same text. `UPDATE_TRANSCRIPTS=1` rewrites them for an intended change
(tests/support/README.md). The drivers must also agree with each other where the transport
does not change what is said (`tests/support/agreement.py`).
"""

from __future__ import annotations

import pytest

from tests.support.agreement import (
    assert_engine_agrees,
    assert_telegram_agrees,
    assert_terminal_agrees,
)
from tests.support.golden import TRANSCRIPTS, compare_with_golden, golden_path
from tests.support.plugin import Recordings
from tests.support.scripts import SCRIPTS
from tests.support.steps import DriverName, Script

MARKS: dict[DriverName, list[pytest.MarkDecorator]] = {
    "engine": [],
    "chat": [],
    "terminal": [],
    "telegram": [pytest.mark.http],
}


def played(*drivers: DriverName) -> list[object]:
    return [
        pytest.param(script, driver, id=f"{driver}-{script.name}", marks=MARKS[driver])
        for script in SCRIPTS
        for driver in drivers
        if driver in script.drivers
    ]


@pytest.mark.parametrize(("script", "driver"), played("engine", "chat", "terminal", "telegram"))
async def test_transcript_is_the_golden_one(
    script: Script, driver: DriverName, transcripts: Recordings
) -> None:
    transcript = await transcripts.of(script, driver)
    compare_with_golden(golden_path(script.name, driver), transcript.render())


@pytest.mark.parametrize(("script", "driver"), played("engine", "terminal", "telegram"))
async def test_driver_says_what_the_service_says(
    script: Script, driver: DriverName, transcripts: Recordings
) -> None:
    chat = await transcripts.of(script, "chat")
    other = await transcripts.of(script, driver)
    check = {
        "engine": assert_engine_agrees,
        "terminal": assert_terminal_agrees,
        "telegram": assert_telegram_agrees,
    }[driver]
    check(chat, other)


def test_every_golden_file_belongs_to_a_script() -> None:
    """A script renamed or dropped takes its golden files along."""
    expected = {golden_path(s.name, d) for s in SCRIPTS for d in s.drivers}
    stored = set(TRANSCRIPTS.glob("*/*.txt"))
    assert stored <= expected, sorted(str(p.relative_to(TRANSCRIPTS)) for p in stored - expected)


def test_scripts_have_unique_names() -> None:
    names = [s.name for s in SCRIPTS]
    assert len(names) == len(set(names)), names
