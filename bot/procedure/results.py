"""What recording a step answers: recorded (with what the one who recorded it is told), or
refused with a reason the catalogue words for each language (`procedure.refused.<reason>`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from bot.procedure.steps import Stage, StepKind
from bot.storage.cases import CaseRow
from bot.texts.catalog import Msg, Param


class Refusal(StrEnum):
    UNKNOWN_CASE = "unknown_case"
    NOT_PERMITTED = "not_permitted"
    """The person does not hold the role for this case (not its sponsor, not a contact of its
    alliance, not staff)."""
    WRONG_ROLE = "wrong_role"
    """The step is another role's."""
    OUT_OF_ORDER = "out_of_order"
    FINISHED = "finished"
    STALE_REVISION = "stale_revision"
    """An older handoff of the case: a newer revision was handed over since."""
    ALREADY_RECORDED = "already_recorded"
    PLAN_INCOMPLETE = "plan_incomplete"
    SKETCH_INCOMPLETE = "sketch_incomplete"
    NOT_APPLIED = "not_applied"
    NOT_SCHEDULED = "not_scheduled"
    UNKNOWN_MEETING = "unknown_meeting"
    MEETING_PAST = "meeting_past"
    MEETING_AHEAD = "meeting_ahead"
    MEETING_HAS_AGENDA = "meeting_has_agenda"
    DATES = "dates"
    FUTURE_DATE = "future_date"
    PAST_DATE = "past_date"
    TOO_LONG = "too_long"
    TOO_LATE = "too_late"
    TEXT_MISSING = "text_missing"
    UNKNOWN_EVALUATION = "unknown_evaluation"
    UNKNOWN_CONTACT = "unknown_contact"
    DOCUMENT_EMPTY = "document_empty"
    DAYS = "days"


@dataclass(frozen=True)
class Refused:
    reason: Refusal
    params: Mapping[str, Param] = field(default_factory=dict)
    details: tuple[Msg, ...] = ()
    """What is missing, one text each (the plan's mismatches)."""

    @property
    def message(self) -> Msg:
        return Msg(f"procedure.refused.{self.reason.value}", self.params)


@dataclass(frozen=True)
class Recorded:
    case: CaseRow
    """The case as it stands after the step."""
    kind: StepKind
    stage: Stage
    step_id: int
    messages: tuple[Msg, ...] = ()
    """What the one who recorded it is told."""


Outcome = Recorded | Refused
