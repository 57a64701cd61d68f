"""The steps a person asks to record, each with what it carries.

The chat layer builds these from buttons and answers; `Procedure.record` checks them against
the table in `steps.py` and the case, and records or refuses them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from bot.procedure.steps import Role, StepKind

VotumOutcome = Literal["endorsed", "not_endorsed", "deferred"]
VotumWay = Literal["meeting", "circulation"]
EvaluationKind = Literal["interim_report", "advisory_board", "other"]
EVALUATION_KINDS: tuple[EvaluationKind, ...] = ("interim_report", "advisory_board", "other")


@dataclass(frozen=True)
class Actor:
    """Who records a step, and in which role (the chat layer knows it from the route)."""

    user_id: int
    role: Role


@dataclass(frozen=True)
class Submit:
    """The sponsor submits the Projektskizze with its cost and financing plan to the
    Fachkräftebündnis."""


@dataclass(frozen=True)
class Schedule:
    meeting_id: int


@dataclass(frozen=True)
class Votum:
    outcome: VotumOutcome
    way: VotumWay
    text: str
    """What the sponsor is told, to complete the NBank application with it."""


@dataclass(frozen=True)
class Apply:
    """The NBank application was submitted on `on`."""

    on: date


@dataclass(frozen=True)
class Decision:
    granted: bool
    on: date
    amount_eur: int | None = None
    """The grant NBank approved, when the sponsor gives it."""


@dataclass(frozen=True)
class DecisionCopy:
    """A copy of NBank's decision, uploaded by the sponsor; it goes to staff."""

    filename: str
    mime_type: str
    content: bytes


@dataclass(frozen=True)
class Start:
    """The project's start and end, confirmed."""

    start: date
    end: date


@dataclass(frozen=True)
class ReportReceived:
    note: str = ""


@dataclass(frozen=True)
class Close:
    note: str = ""


@dataclass(frozen=True)
class Withdraw:
    reason: str = ""


@dataclass(frozen=True)
class AddEvaluation:
    kind: EvaluationKind
    title: str
    due: date


@dataclass(frozen=True)
class EvaluationReceived:
    evaluation_id: int


Request = (
    Submit
    | Schedule
    | Votum
    | Apply
    | Decision
    | DecisionCopy
    | Start
    | ReportReceived
    | Close
    | Withdraw
    | AddEvaluation
    | EvaluationReceived
)

_VOTA: dict[VotumOutcome, StepKind] = {
    "endorsed": StepKind.ENDORSE,
    "not_endorsed": StepKind.NOT_ENDORSE,
    "deferred": StepKind.DEFER,
}


def kind_of(request: Request) -> StepKind:
    match request:
        case Submit():
            return StepKind.SUBMIT
        case Schedule():
            return StepKind.SCHEDULE
        case Votum(outcome=outcome):
            return _VOTA[outcome]
        case Apply():
            return StepKind.APPLY
        case Decision(granted=granted):
            return StepKind.GRANT if granted else StepKind.DECLINE
        case DecisionCopy():
            return StepKind.DECISION_COPY
        case Start():
            return StepKind.START
        case ReportReceived():
            return StepKind.REPORT_RECEIVED
        case Close():
            return StepKind.CLOSE
        case Withdraw():
            return StepKind.WITHDRAW
        case AddEvaluation():
            return StepKind.ADD_EVALUATION
        case EvaluationReceived():
            return StepKind.EVALUATION_RECEIVED
