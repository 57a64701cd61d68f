"""Sub-dialogs: a short conversation started on top of the draft's dialog, waiting for one
typed answer (a new title, a question to the sponsor, a statement's comment, an answer to the
alliance). Each has typed state; the stack of open ones is stored with the user as JSON, and
the next typed text finishes the top one (aiogram-dialog's start/done).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from bot.core.state import DialogState

Statement = Literal["supports", "rejects", "changes"]
"""What an alliance says about a handed-over draft."""
STATEMENTS: tuple[Statement, ...] = ("supports", "rejects", "changes")


class _SubDialog(BaseModel):
    """Typed, immutable, and nothing stored that the type does not name."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class _OnHandoff(_SubDialog):
    """Waits for a text about one handoff."""

    kind: str
    handoff: str
    """The handoff's ref (`Handoff.ref`: number and token), as its buttons carry it."""


class _OnCase(_SubDialog):
    """Waits for a text about one case of the procedure."""

    kind: str
    case: int


class RenameDraft(_SubDialog):
    """A sponsor names one of their drafts."""

    kind: Literal["rename"] = "rename"
    draft: int


class AskSponsor(_OnHandoff):
    """A contact writes a question to the sponsor of a handoff."""

    kind: Literal["ask"] = "ask"


class RecordStatement(_OnHandoff):
    """A contact comments the alliance's statement on a handoff (/ueberspringen: none)."""

    kind: Literal["statement"] = "statement"
    statement: Statement


class AnswerAlliance(_OnHandoff):
    """A sponsor answers the alliance's question about a handoff."""

    kind: Literal["answer"] = "answer"


class ProjectDates(_OnCase):
    """A sponsor gives the start and end of their running project (a case's step)."""

    kind: Literal["project_dates"] = "project_dates"


class EnterPlan(_OnCase):
    """A sponsor types the cost and financing plan of a case's draft."""

    kind: Literal["plan"] = "plan"


class VotumText(_OnCase):
    """Staff write the Lenkungsgruppe's Votum on a case, as its sponsor is to read it."""

    kind: Literal["votum"] = "votum"
    outcome: Literal["endorsed", "not_endorsed", "deferred"]


# --- the procedure in chat, issue 16 (proc16b) ---------------------------------------------


class DecisionCopyFile(_OnCase):
    """A sponsor sends the copy of NBank's decision: the next document (not a text) is it."""

    kind: Literal["decision_copy"] = "decision_copy"


class EvaluationStep(_OnCase):
    """Staff agree an evaluation step of a case: its title and due date, typed."""

    kind: Literal["evaluation_step"] = "evaluation_step"
    step: Literal["interim_report", "advisory_board", "other"]


class EscalationDays(_SubDialog):
    """Staff set after how many days an untaken handoff goes to the coordination office."""

    kind: Literal["escalation_days"] = "escalation_days"


class MoveMeeting(_SubDialog):
    """Staff give a meeting of the Lenkungsgruppe a new date (and deadline)."""

    kind: Literal["move_meeting"] = "move_meeting"
    meeting: int


ProcedureAnswer = DecisionCopyFile | EvaluationStep | EscalationDays | MoveMeeting
"""The procedure's sub-dialogs (`bot.routes.cases`)."""

StaffDialogName = Literal[
    "project_new", "project_retire", "project_edit", "alliance_edit", "office_edit", "faq_edit"
]
"""Staff's knowledge dialogs declared for the engine (`bot.alliance.staff_dialogs`)."""


class StaffDialog(_SubDialog):
    """A staff member's knowledge dialog in progress, run by the dialog engine like the
    sponsor's (`bot.alliance.staff_dialogs` declares it): its dialog state, and the knowledge
    base's version it started on (the change is applied as based on it: merged with
    colleagues' changes since, or refused naming them). Stored before schema 11 as
    `AddProject` (each answer a field of its own), `RetireProject` and `EditEntry`."""

    kind: Literal["staff_dialog"] = "staff_dialog"
    dialog: StaffDialogName
    based_on: str
    state: DialogState


EntryForm = Literal["project", "alliance", "office", "faq"]
"""The knowledge entries staff edit by dialog (`bot.alliance.entry_forms`)."""


class ReachHuman(_SubDialog):
    """A sponsor asked for a person (/mensch): how can they be reached?"""

    kind: Literal["human"] = "human"


class FeedbackReason(_SubDialog):
    """A sponsor rated the advice: why, in their words (optional)."""

    kind: Literal["feedback"] = "feedback"
    feedback: int


SubDialog = Annotated[
    RenameDraft
    | AskSponsor
    | RecordStatement
    | AnswerAlliance
    | ProjectDates
    | VotumText
    | EnterPlan
    | StaffDialog
    | ReachHuman
    | FeedbackReason
    | DecisionCopyFile
    | EvaluationStep
    | EscalationDays
    | MoveMeeting,
    Field(discriminator="kind"),
]
STACK: TypeAdapter[list[SubDialog]] = TypeAdapter(list[SubDialog])
"""The open sub-dialogs of a user, bottom first, as stored."""
