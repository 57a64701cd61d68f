"""The pure dialog engine: `(state, event) -> (state, outputs)`, no storage, no transport.

Plays scripts of one sponsor whose steps the engine itself answers (the questions, the summary
and its edit menu, back, skip, keep, cancel, help, language); the state goes through JSON after
every step, as the conversation service stores it.
"""

from __future__ import annotations

import dataclasses

from bot.advice.advise import Advisor
from bot.clock import FixedClock
from bot.core.events import Event, Press, Text
from bot.core.outputs import Acknowledge, EngineOutput, Reply, RequestHandoff
from bot.core.roles import parse_command
from bot.core.state import DialogState
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG
from bot.kb.loader import load_directory
from bot.kb.shipped import shipped_knowledge_dir
from bot.texts.markup import to_plain
from tests.support.drivers.common import TODAY, find_label, label_text
from tests.support.steps import Cmd, Say, Script, Tap
from tests.support.transcript import Kind, Received, Transcript

_ADVISOR: Advisor | None = None


def advisor() -> Advisor:
    """The shipped knowledge base, loaded once per session."""
    global _ADVISOR
    if _ADVISOR is None:
        # Named as the live store names the shipped set (the summary says its version).
        kb = dataclasses.replace(load_directory(shipped_knowledge_dir()), version="v0")
        _ADVISOR = Advisor(kb)
    return _ADVISOR


def play_engine(script: Script, transcript: Transcript) -> None:
    sponsor = script.person("sponsor")
    engine = DialogEngine(SPONSOR_DIALOG, advisor(), FixedClock(TODAY))
    state: DialogState | None = None
    prompt: Reply | None = None
    for step in script.steps:
        transcript.step(step)
        outputs: list[EngineOutput]
        if state is None:
            assert step == Cmd("start"), f"{script.name}: the engine starts with /start"
            state, outputs = engine.start(sponsor.language)
        else:
            event: Event
            if isinstance(step, Say | Cmd):
                event = parse_command(step.text) or Text(step.text)
            elif isinstance(step, Tap):
                assert prompt is not None and step.on is None, step
                labels = [label_text(b, state.language) for row in prompt.buttons for b in row]
                button = [b for row in prompt.buttons for b in row][
                    find_label(labels, step.label, step.describe())
                ]
                event = Press(prompt.step or "", button.action)
            else:
                raise AssertionError(f"{script.name}: the engine cannot play {step}")
            state, outputs = engine.handle(state, event)
        state = DialogState.model_validate_json(state.model_dump_json())
        for output in outputs:
            if isinstance(output, Reply):
                if output.buttons:
                    prompt = output
                rows = tuple(
                    tuple(label_text(b, state.language)[:64] for b in row) for row in output.buttons
                )
                text = "\n\n".join(to_plain(part, state.language) for part in output.parts)
                kind: Kind = "edit" if output.replaces_pressed else "message"
                transcript.add([Received("sponsor", kind, text, rows)])
            elif isinstance(output, Acknowledge):
                transcript.add([Received("sponsor", "ack", output.answer)])
            elif isinstance(output, RequestHandoff):
                transcript.add([Received("sponsor", "note", f"handoff requested ({output.kind})")])
            else:
                transcript.add(
                    [
                        Received.document(
                            "sponsor", output.filename, output.mime_type, output.content
                        )
                    ]
                )
