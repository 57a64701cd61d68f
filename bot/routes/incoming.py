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
        event = parse_command(text.strip()) or Text(text)
    elif isinstance(event, Command):
        event = Command(event.name, clean_text(event.argument).strip())
    elif isinstance(event, Upload):
        event = replace(event, caption=clean_text(event.caption))
    return replace(incoming, event=event, name=clean_text(incoming.name).strip())
