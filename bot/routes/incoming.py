"""Every update as a person typed it, before anything reads it."""

from __future__ import annotations

from dataclasses import replace

from bot.base.normalize import clean_text
from bot.core.events import Command, Text, Upload
from bot.core.roles import parse_command
from bot.core.updates import Incoming


def cleaned(incoming: Incoming) -> Incoming:
    """The same update with its text as a person typed it (`clean_text`): every transport
    comes through here, so control and invisible characters are never stored, and a
    command hidden behind one ("\u200e/zurueck" from a right-to-left keyboard) is one."""
    event = incoming.event
    if isinstance(event, Text):
        text = clean_text(event.text)
        event = parse_command(text.strip()) or (event if text == event.text else Text(text))
    elif isinstance(event, Command):
        argument = clean_text(event.argument).strip()
        event = event if argument == event.argument else Command(event.name, argument)
    elif isinstance(event, Upload):
        caption = clean_text(event.caption)
        event = event if caption == event.caption else replace(event, caption=caption)
    name = clean_text(incoming.name).strip()
    if event is incoming.event and name == incoming.name:
        return incoming  # as typed already (nearly every update): no copy
    return replace(incoming, event=event, name=name)
