"""What a dialog stores between two updates, as JSON."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from bot.texts.catalog import Language


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
    waiting: bool = False
    """A handoff nobody in the bot could receive when it was made (`AllianceDesk.hand_over`):
    the summary says it waits for a contact person until one has taken it over."""
    taken_by: str | None = Field(default=None, exclude=True)
    """The registered contact person who took the handoff, as read with the draft from the
    handoffs (`Drafts.get`); never stored with the draft, so a contact who erases their data
    is gone from every summary at once."""


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
    understood: list[str] = []
    """Questions answered from a message that answered another one: not asked in turn, but
    corrected with the button shown when they were read."""
    revision: int = 0
    """Counts changes of what the prompt offers (step, choices, pause): a button carries the
    revision it was shown with, so one of an older prompt is recognised as stale."""
    sent: list[Sent] = []
    """Handoffs and questions sent from this draft, oldest first."""
    language_chosen: bool = False
    """The sponsor chose the language (a tap, /sprache, "english please"): an answer written in
    the other language then no longer switches it by itself."""
    english_answers: int = 0
    """Answers in a row that read as English while the dialog speaks German (a German one sets
    it back to 0): the second switches to English (#12 point 5)."""
    handoff_kind: Literal["handoff", "question"] | None = None
    """What the sponsor last chose to send (the handoff or a question to the alliance): the
    handoff's questions and the consent follow it. Stored among the answers before schema 10."""
