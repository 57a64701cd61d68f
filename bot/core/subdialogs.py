"""Sub-dialogs: a short conversation started on top of the draft's dialog, waiting for one
typed answer (a new title, a question to the sponsor, a statement's comment, an answer to the
alliance). Each has typed state; the stack of open ones is stored with the user as JSON, and
the next typed text finishes the top one (aiogram-dialog's start/done).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

Statement = Literal["supports", "rejects", "changes"]
"""What an alliance says about a handed-over draft."""
STATEMENTS: tuple[Statement, ...] = ("supports", "rejects", "changes")


class RenameDraft(BaseModel):
    """A sponsor names one of their drafts."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["rename"] = "rename"
    draft: int


class AskSponsor(BaseModel):
    """A contact writes a question to the sponsor of a handoff."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["ask"] = "ask"
    handoff: str
    """The handoff's ref (`Handoff.ref`: number and token), as its buttons carry it."""


class RecordStatement(BaseModel):
    """A contact comments the alliance's statement on a handoff (/ueberspringen: none)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["statement"] = "statement"
    handoff: str
    """The handoff's ref (`Handoff.ref`: number and token), as its buttons carry it."""
    statement: Statement


class AnswerAlliance(BaseModel):
    """A sponsor answers the alliance's question about a handoff."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["answer"] = "answer"
    handoff: str
    """The handoff's ref (`Handoff.ref`: number and token), as its buttons carry it."""


class ReachHuman(BaseModel):
    """A sponsor asked for a person (/mensch): how can they be reached?"""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["human"] = "human"


class FeedbackReason(BaseModel):
    """A sponsor rated the advice: why, in their words (optional)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    kind: Literal["feedback"] = "feedback"
    feedback: int


SubDialog = Annotated[
    RenameDraft | AskSponsor | RecordStatement | AnswerAlliance | ReachHuman | FeedbackReason,
    Field(discriminator="kind"),
]
STACK: TypeAdapter[list[SubDialog]] = TypeAdapter(list[SubDialog])
"""The open sub-dialogs of a user, bottom first, as stored."""
