"""What handling an event produces: replies and documents for the transport, and requests
carried out by the conversation service before anything is delivered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.texts.catalog import Msg
from bot.texts.formats import Choice as Wording


@dataclass(frozen=True)
class Button:
    label: Msg | Wording | str
    action: str
    """Opaque to transports: they send it back in a `Press`."""


@dataclass(frozen=True)
class Reply:
    parts: tuple[Msg, ...]
    """Paragraphs of one message."""
    buttons: tuple[tuple[Button, ...], ...] = ()
    step: str | None = None
    """The step this reply prompts for; presses on its buttons carry it back."""
    replaces_pressed: bool = False
    """Update the message whose button was pressed instead of sending a new one."""
    token: str = ""
    """Which draft and which revision of its prompt this reply shows ("12.7"); set by the
    conversation service for replies with a `step`. Transports send it back in `Press.token`."""


@dataclass(frozen=True)
class Acknowledge:
    """Mark the pressed prompt as answered (transports strike its keyboard)."""

    answer: str


@dataclass(frozen=True)
class RequestHandoff:
    """The sponsor consented: hand the draft to the local alliance (or ask it a question).

    The engine only asks for it; the conversation service carries it out in the same
    transaction that stores the state.
    """

    kind: Literal["handoff", "question"]


@dataclass(frozen=True)
class Finish:
    """A dialog run on the user's stack (a staff member's knowledge dialog) reached its end:
    the desk that started it carries out `what` ("apply") with its answers, in the same
    transaction (aiogram-dialog's `done`)."""

    what: str


@dataclass(frozen=True)
class Document:
    filename: str
    content: bytes
    mime_type: str
    caption: Msg | None = None


EngineOutput = Reply | Acknowledge | RequestHandoff | Finish | Document
"""What the engine and the handlers decide; requests are carried out by the conversation
service before anything is delivered."""

Output = Reply | Acknowledge | Document
"""What transports deliver."""
