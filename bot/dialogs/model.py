"""The vocabulary of conversations: steps as data, events in, replies out, state in between.

Nothing here knows a transport. Telegram, the terminal and the tests all speak these types.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, JsonValue

from bot.texts.catalog import Language, Msg
from bot.texts.formats import Choice as Wording
from bot.understanding.result import Suggestion

if TYPE_CHECKING:
    from bot.advice.advise import Advisor

# --- state ------------------------------------------------------------------------------------


class Answer(BaseModel):
    """One stored answer: what the sponsor gave, and what it was understood as."""

    model_config = ConfigDict(frozen=True)

    text: str
    value: JsonValue


class Offered(BaseModel):
    """A choice shown with the current prompt; presses refer to it by position."""

    model_config = ConfigDict(frozen=True)

    value: str
    label: str
    label_en: str | None = None


class Sent(BaseModel):
    """A handoff or question of this draft: the summary names it, and the same content is
    not sent a second time (a repeated consent, a tap after a restart)."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["handoff", "question"]
    number: int
    alliance: str
    """The local alliance's id."""
    day: date
    content: str
    """A digest of the answers sent (`sponsor.sent_content`)."""
    update_id: int | None = None
    """The transport's update whose consent sent it: when that update is delivered again
    after a crash, the sponsor is told again what it did."""


class DialogState(BaseModel):
    """Everything needed to continue a conversation, stored as JSON after every answer."""

    model_config = ConfigDict(extra="forbid")

    step: str
    answers: dict[str, Answer] = {}
    language: Language = "de"
    history: list[str] = []
    """Steps answered, in order, for going back."""
    editing: bool = False
    """Answering one step from the summary: return there afterwards."""
    offered: list[Offered] = []
    """Dynamic choices of the current prompt (place suggestions, for instance)."""
    ticked: list[str] = []
    """Choices ticked so far in a several-choice step."""
    partial: str = ""
    """Text kept while the sponsor is asked to say more (an idea too thin to match)."""
    paused: bool = False
    """Cancelled by the sponsor; resumes at `step` when asked to."""
    edited: str = ""
    """The question chosen from the summary while `editing`; a follow-up it makes necessary
    (the justification of higher costs) goes back to it."""
    revision: int = 0
    """Counts changes of what the prompt offers (step, choices, pause): a button carries the
    revision it was shown with, so one of an older prompt is recognised as stale."""
    sent: list[Sent] = []
    """Handoffs and questions sent from this draft, oldest first."""


def action_number(text: str) -> int | None:
    """A number carried in a button action or typed as a choice: ASCII digits, bounded.

    `str.isdigit` also accepts "²" and unbounded lengths, which `int()` or SQLite reject.
    """
    return int(text) if _ACTION_NUMBER.fullmatch(text) else None


_ACTION_NUMBER = re.compile(r"-?[0-9]{1,12}")

# --- events -----------------------------------------------------------------------------------


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

# --- replies ----------------------------------------------------------------------------------


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
class Document:
    filename: str
    content: bytes
    mime_type: str
    caption: Msg | None = None


EngineOutput = Reply | Acknowledge | RequestHandoff | Document
"""What the engine and the handlers decide; requests are carried out by the conversation
service before anything is delivered."""

Output = Reply | Acknowledge | Document
"""What transports deliver."""

# --- steps as data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StepContext:
    advisor: Advisor
    today: date
    answers: Mapping[str, Answer]
    language: Language


@dataclass(frozen=True)
class Accepted:
    answer: Answer
    note: Msg | None = None
    also: Mapping[str, Answer] = field(default_factory=dict)
    """Further answers implied (a period given as duration also sets the start)."""


@dataclass(frozen=True)
class Rejected:
    reason: Msg
    suggestions: tuple[Suggestion, ...] = ()
    keep_partial: str | None = None
    """Text to keep and extend with the next answer instead of discarding it."""


ParseOutcome = Accepted | Rejected
AnswerParser = Callable[[str, StepContext], ParseOutcome]
Extender = Callable[[str, str, StepContext], ParseOutcome]
"""(text kept, addition, context): the answer once the sponsor was asked to say more."""
ChoicesOf = Callable[[StepContext], tuple[Offered, ...]]
Condition = Callable[[Mapping[str, Answer], StepContext], bool]


@dataclass(frozen=True)
class Step:
    id: str
    parse: AnswerParser
    choices: ChoicesOf | None = None
    several: bool = False
    """Several choices may be ticked (then confirmed with a done button)."""
    optional: bool = False
    when: Condition | None = None
    """Asked only when this holds for the answers so far."""
    free_text: bool = True
    """Typed answers accepted besides the choices."""
    extend: Extender | None = None
    """How a rejected answer kept in `DialogState.partial` is completed by the next one."""

    @property
    def prompt(self) -> str:
        return f"sponsor.{self.id}.prompt"

    @property
    def help(self) -> str:
        return f"sponsor.{self.id}.help"

    @property
    def label(self) -> str:
        return f"sponsor.{self.id}.label"


@dataclass(frozen=True)
class Dialog:
    id: str
    steps: tuple[Step, ...]
    extra_steps: tuple[Step, ...] = ()
    """Optional questions offered after the summary (they feed the Projektskizze)."""
    handoff_steps: tuple[Step, ...] = ()
    """Who sends it, asked before anything leaves the sponsor's hands."""

    @property
    def sequences(self) -> tuple[tuple[Step, ...], ...]:
        return (self.steps, self.extra_steps, self.handoff_steps)

    def step(self, step_id: str) -> Step:
        for step in (*self.steps, *self.extra_steps, *self.handoff_steps):
            if step.id == step_id:
                return step
        raise KeyError(step_id)
