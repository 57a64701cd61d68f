"""The terminal adapter with piped input: `chat()` reading lines, writing the screen.

The lines are typed the way a person at the terminal would: a button is chosen by the number
(or, for back, skip and keep, the command) shown next to its label on the screen. Each turn of
the transcript is the screen text written in answer to one line.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from bot.adapters.terminal import chat
from bot.clock import FixedClock
from bot.runtime import build_runtime
from tests.support.drivers.common import TODAY, find_label, settings
from tests.support.steps import Cmd, Say, Script, Tap
from tests.support.transcript import Received, Transcript

_NUMBERED = re.compile(r"^  \[(\d+)\] (.*)$")
_COMMAND = re.compile(r"^  (/\S+)  (.*)$")
PROMPT = "> "


def shown_buttons(screen: str) -> list[tuple[str, str]]:
    """(what to type, label) of the last block of buttons on the screen."""
    block: list[tuple[str, str]] = []
    previous_was_button = False
    for line in screen.split("\n"):
        numbered, command = _NUMBERED.match(line), _COMMAND.match(line)
        if numbered or command:
            if not previous_was_button:
                block = []
            if numbered:
                block.append((numbered.group(1), numbered.group(2)))
            elif command:
                block.append((command.group(1), command.group(2)))
        previous_was_button = bool(numbered or command)
    return block


class ScriptedInput(io.StringIO):
    """Standard input that types the script's next step once the bot has answered the last.

    `chat()` reads a line only after it wrote the answer to the previous one, so the screen so
    far is complete when `readline` is called (in the executor's thread, while the event loop
    waits for it)."""

    def __init__(self, script: Script, out: io.StringIO, transcript: Transcript) -> None:
        super().__init__()
        self.steps = list(script.steps)
        self.out = out
        self.transcript = transcript
        self.seen = 0

    def take_screen(self) -> str:
        screen = self.out.getvalue()[self.seen :]
        self.seen += len(screen)
        return screen.removesuffix(PROMPT)

    def record_screen(self) -> str:
        screen = self.take_screen()
        if screen.strip():
            self.transcript.add([Received("sponsor", "message", screen.strip("\n"))])
        return screen

    # typeshed's StringIO inherits a bytes-returning readline signature from _IOBase.
    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]
        screen = self.record_screen()
        if not self.steps:
            self.transcript.begin("end of input")
            return ""
        step = self.steps.pop(0)
        if isinstance(step, Tap):
            assert step.on is None, f"the terminal shows only the last buttons: {step}"
            buttons = shown_buttons(screen)
            typed, _ = buttons[find_label([b[1] for b in buttons], step.label, step.describe())]
            self.transcript.step(step, f"{step.describe()} -> types: {typed}")
        else:
            assert isinstance(step, Say | Cmd), f"the terminal cannot play {step}"
            typed = step.text
            self.transcript.step(step)
        return typed + "\n"


async def play_terminal(script: Script, data_dir: Path, transcript: Transcript) -> None:
    sponsor = script.person("sponsor")
    assert script.steps[0] == Cmd("start"), "the terminal starts with /start by itself"
    runtime = await build_runtime(settings(script, data_dir, sponsor.language), FixedClock(TODAY))
    transcript.replacements.append((str(data_dir), "<data>"))
    out = io.StringIO()
    source = ScriptedInput(script, out, transcript)
    source.steps.pop(0)
    transcript.step(script.steps[0])
    try:
        await chat(runtime, source, out)
    finally:
        await runtime.close()
    source.record_screen()
