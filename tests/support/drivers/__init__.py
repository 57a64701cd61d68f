"""Drivers that play a `Script` on one transport and record its `Transcript`.

`record(script, driver, data_dir)` is the one entry point; each module is one transport.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.steps import DriverName, Script
from tests.support.transcript import Transcript

SHOWN_ON_FAILURE = 2500
"""Characters of the transcript so far shown when a step fails."""


async def record(script: Script, driver: DriverName, data_dir: Path) -> Transcript:
    """Play `script` with a fresh bot whose data lives in `data_dir` (empty)."""
    transcript = Transcript(script.name, driver, script.people)
    try:
        await _play(script, driver, data_dir, transcript)
    except BaseException as error:
        error.add_note(f"transcript so far:\n{transcript.render()[-SHOWN_ON_FAILURE:]}")
        raise
    return transcript


async def _play(script: Script, driver: DriverName, data_dir: Path, transcript: Transcript) -> None:
    # Imported here: the Telegram driver pulls in PTB and the test Bot API server.
    if driver == "engine":
        from tests.support.drivers.engine import play_engine

        play_engine(script, transcript)
    elif driver == "chat":
        from tests.support.drivers.chat import play_chat

        await play_chat(script, data_dir, transcript)
    elif driver == "terminal":
        from tests.support.drivers.terminal import play_terminal

        await play_terminal(script, data_dir, transcript)
    else:
        from tests.support.drivers.telegram import play_telegram

        await play_telegram(script, data_dir, transcript)
