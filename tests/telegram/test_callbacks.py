"""Callback data: the prompt's token travels with every button and comes back in the press,
within Telegram's 64 bytes; data of the previous version is still understood."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.adapters.telegram.outbox import NOTIFICATION_STEP
from bot.adapters.telegram.render import (
    MAX_CALLBACK_BYTES,
    decode_press,
    encode_callback,
    keyboard,
)
from bot.advice.advise import Advisor
from bot.clock import FixedClock
from bot.core.events import Command, Press, Text
from bot.core.outputs import Reply
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG
from bot.kb.loader import load_directory
from bot.kb.shipped import shipped_knowledge_dir

LONGEST_TOKEN = "999999999999.9999999"
"""A draft id and a revision far beyond any real one."""


def test_a_press_carries_the_token_back() -> None:
    data = encode_callback("region", "pick:2", "12.7")
    assert data == "2|12.7|region|pick:2"
    assert decode_press(data) == Press("region", "pick:2", "12.7")


def test_buttons_of_no_prompt_carry_no_token_and_no_extra_byte() -> None:
    data = encode_callback(NOTIFICATION_STEP, "contact:take:3")
    assert data == "2|alliance|contact:take:3"
    assert decode_press(data) == Press("alliance", "contact:take:3", None)
    assert decode_press(encode_callback(None, "session:open:4")) == Press("", "session:open:4")


def test_version_one_data_comes_back_with_an_empty_token() -> None:
    """Keyboards sent before the upgrade: stale where they act on the prompt (see the
    conversation), still fine where they name their target."""
    assert decode_press("1|summary|summary:handoff") == Press("summary", "summary:handoff", "")
    assert decode_press("1|alliance|contact:take:3") == Press("alliance", "contact:take:3", "")
    assert decode_press("1||session:open:4") == Press("", "session:open:4", "")


@pytest.mark.parametrize(
    "data", [None, "", "next", "1|x", "2|x", "2||a|", "3|a|b", "2|t|s|a|b", "1|step|"]
)
def test_data_that_is_not_ours_decodes_to_nothing(data: str | None) -> None:
    assert decode_press(data) is None


def test_a_separator_in_a_part_is_refused_when_encoding() -> None:
    with pytest.raises(ValueError, match=r"'\|'"):
        encode_callback("region", "pick:1|2", "1.1")


def test_every_button_of_a_whole_dialog_fits_with_the_longest_token() -> None:
    engine = DialogEngine(
        SPONSOR_DIALOG,
        Advisor(load_directory(shipped_knowledge_dir())),
        FixedClock(datetime(2026, 11, 25, 9, 0)),
    )
    state, outputs = engine.start()
    events = [
        Text("Neustadt"),
        Text("Garbsen"),
        Text("Bildungsträger"),
        Text("Langzeitarbeitslose"),
        Text("Coaching"),
        Text(
            "Wir wollen Langzeitarbeitslose mit Coaching und einem Praktikum in Pflegeheimen "
            "zusammen mit dem Jobcenter in Arbeit bringen."
        ),
        Text("Transferability"),
        Text("1,2 Mio"),
        Text("Ja"),
        Text("Weil das Projekt in der ganzen Region wirkt und vier Coaches braucht."),
        Text("01/2027"),
        Text("18 Monate"),
        Command("skip"),
        Press("summary", "summary:edit"),
        Press("edit", "edit:transferability"),
        Command("cancel"),
        Press("summary", "summary:handoff"),
        Text("Bildungswerk"),
        Text("Leitung"),
        Text("info@bildungswerk.example"),
        Command("cancel"),
    ]
    replies: list[Reply] = []
    for event in events:
        replies += [o for o in outputs if isinstance(o, Reply)]
        state, outputs = engine.handle(state, event)
    replies += [o for o in outputs if isinstance(o, Reply)]
    steps = {r.step for r in replies}
    assert {"region", "summary", "edit", "consent", "paused", "transferability"} <= steps
    for reply in replies:
        if not reply.buttons:
            continue
        markup = keyboard(Reply(reply.parts, reply.buttons, reply.step, token=LONGEST_TOKEN), "de")
        assert markup is not None
        for row in markup.inline_keyboard:
            for button in row:
                data = button.callback_data
                assert isinstance(data, str)
                assert len(data.encode()) <= MAX_CALLBACK_BYTES, data
                assert decode_press(data) is not None
