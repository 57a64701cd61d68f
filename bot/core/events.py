"""What can happen to the bot: the events every transport turns its updates into."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Press:
    """A button pressed on the prompt of `step` (stale when that is not the current step)."""

    step: str
    action: str
    token: str | None = None
    """The `Reply.token` of the message the button was on, where the transport carries it
    back; a press whose token is not the current prompt's is stale. An empty token marks a
    button sent before tokens existed. None: not known (the engine driven directly)."""


CommandName = Literal[
    "start",
    "back",
    "skip",
    "keep",
    "cancel",
    "help",
    "summary",
    "language",
    "new",
    "drafts",
    "privacy",
    "ask",
    "export",
    "delete",
    "inbox",
    "invite",
    "contacts",
    "statistics",
    "kb_version",
    "kb_rollback",
    "kb_export",
    "procedure",
    "meeting",
    "team",
    "project_new",
    "project_retire",
    # issue 17 point 1: entries edited by dialog (bot/alliance/entry_dialogs.py)
    "project_edit",
    "alliance_edit",
    "faq_edit",
    "human",
    "cases",
]


@dataclass(frozen=True)
class Command:
    name: CommandName
    argument: str = ""


@dataclass(frozen=True)
class Upload:
    """A file sent to the bot (staff send knowledge files this way)."""

    filename: str
    content: bytes
    caption: str = ""
    """Staff write "Probelauf" (dry run) here to only check a knowledge file."""


Event = Text | Press | Command | Upload


def action_number(text: str) -> int | None:
    """A number carried in a button action or typed as a choice: ASCII digits, bounded.

    `str.isdigit` also accepts "²" and unbounded lengths, which `int()` or SQLite reject.
    """
    return int(text) if _ACTION_NUMBER.fullmatch(text) else None


_ACTION_NUMBER = re.compile(r"-?[0-9]{1,12}")
