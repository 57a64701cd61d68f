"""Which reminders a case wants, and keeping the stored ones in line with it.

`wanted` is pure: from the case as it stands it names every reminder it should get, each
under a key naming what it reminds of. `reconcile` runs after every change of a case (in its
transaction): new keys are planned, pending reminders no longer wanted are cancelled. Sending
is the scheduler's (`bot/procedure/scheduler.py`), once, on the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from bot.procedure.dates import morning
from bot.procedure.steps import FINISHED, Stage
from bot.storage.cases import CaseRow, EvaluationRow
from bot.storage.meetings import MeetingRow
from bot.storage.stores import Stores

NBANK_LEAD = timedelta(days=42)
"""The NBank application belongs in before the project starts: six weeks' notice."""
MEETING_LEAD = timedelta(days=7)
REPORT_LEAD = timedelta(days=7)
"""A report (final or interim) is announced a week before and on its day (chapter 5)."""


class ReminderKind(StrEnum):
    NBANK = "nbank_application"
    MEETING = "meeting"
    REPORT_WEEK = "report_week"
    REPORT_DUE = "report_due"
    EVALUATION_WEEK = "evaluation_week"
    EVALUATION_DUE = "evaluation_due"
    DRAFT_UNTOUCHED = "draft_untouched"


_APPLICATION_PENDING = frozenset(
    {
        Stage.HANDED_OVER,
        Stage.TAKEN_OVER,
        Stage.CHANGES_WANTED,
        Stage.SUPPORTED,
        Stage.SUBMITTED,
        Stage.SCHEDULED,
        Stage.DEFERRED,
        Stage.ENDORSED,
    }
)
"""Stages in which the case may still need its NBank application."""
_REPORTING = frozenset({Stage.RUNNING, Stage.REPORT_DUE})


@dataclass(frozen=True)
class Wanted:
    key: str
    kind: ReminderKind
    due_at: datetime
    event_on: date
    """The day it reminds of."""
    detail: str = ""


def wanted(
    case: CaseRow, meeting: MeetingRow | None, evaluations: Sequence[EvaluationRow]
) -> list[Wanted]:
    stage = Stage(case.stage)
    if stage in FINISHED:
        return []
    prefix = f"case:{case.id}"
    found: list[Wanted] = []
    start = case.planned_start
    if case.nbank_applied_on is None and start is not None and stage in _APPLICATION_PENDING:
        found.append(
            Wanted(
                f"{prefix}:nbank:{start}", ReminderKind.NBANK, morning(start - NBANK_LEAD), start
            )
        )
    if (
        stage is Stage.SCHEDULED
        and meeting is not None
        and meeting.id == case.meeting_id
        and not meeting.cancelled
    ):
        day = meeting.held_on
        found.append(
            Wanted(
                f"{prefix}:meeting:{meeting.id}:{day}",
                ReminderKind.MEETING,
                morning(day - MEETING_LEAD),
                day,
            )
        )
    if stage in _REPORTING and case.report_due is not None:
        due = case.report_due
        found += [
            Wanted(
                f"{prefix}:report:week:{due}",
                ReminderKind.REPORT_WEEK,
                morning(due - REPORT_LEAD),
                due,
            ),
            Wanted(f"{prefix}:report:due:{due}", ReminderKind.REPORT_DUE, morning(due), due),
        ]
    for evaluation in evaluations:
        if evaluation.received_at is not None:
            continue
        due, key = evaluation.due_on, f"{prefix}:evaluation:{evaluation.id}"
        found += [
            Wanted(
                f"{key}:week:{due}",
                ReminderKind.EVALUATION_WEEK,
                morning(due - REPORT_LEAD),
                due,
                evaluation.title,
            ),
            Wanted(
                f"{key}:due:{due}",
                ReminderKind.EVALUATION_DUE,
                morning(due),
                due,
                evaluation.title,
            ),
        ]
    return found


async def reconcile(stores: Stores, case: CaseRow) -> None:
    """Plan what the case wants now, cancel what it no longer wants."""
    now = stores.now
    meeting = await stores.meetings.get(case.meeting_id) if case.meeting_id else None
    evaluations = await stores.cases.evaluations(case.id)
    want = {w.key: w for w in wanted(case, meeting, evaluations)}
    store = stores.reminders
    for row in await store.pending_of_case(case.id):
        if row.key not in want:
            await store.cancel(row.id, "obsolete")
    if not want:
        return
    language = await stores.drafts.language_of(case.sponsor_id)
    for item in want.values():
        due = item.due_at
        if due < now:
            if item.event_on < now.date():
                continue  # the day it reminds of is gone: too late to help
            due = now  # planned late (scheduled a few days before the meeting): due at once
        await store.plan(
            item.key,
            item.kind.value,
            case.sponsor_id,
            language,
            due,
            item.event_on,
            item.detail,
            case_id=case.id,
        )
