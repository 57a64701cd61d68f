"""A start the sponsor cannot name yet ("nach der Bewilligung", "weiß ich noch nicht",
"once we get the funding"): a helpful re-ask that eventually moves on.

The first time the start question gets no month, the re-ask says when a start is realistic
(after the next steering-group meeting that can still take the case, the vote and NBank's
application, which must come before the project starts) and offers that month, the next
quarters and "Weiß ich noch nicht" as buttons. Is the answer still no month after that, the
dialog moves on with that month as a provisional start, said so and correctable with a tap:
no conversation stays stuck at the start, and nothing is stored unseen.
"""

from __future__ import annotations

from bot.base.yearmonth import YearMonth
from bot.core.state import Answer
from bot.core.steps import Accepted, ParseOutcome, Rejected, StepContext
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Day, Month
from bot.understanding.result import Suggestion

UNKNOWN = Msg("sponsor.start.unknown")
"""The button of a sponsor who does not know the start yet."""
QUARTERS_OFFERED = 3
"""Quarter starts offered after the earliest month."""


def planning_start(ctx: StepContext) -> tuple[YearMonth, Msg]:
    """The first month a start is realistic, and why (from the knowledge base's meetings, or
    chapter 6's rhythm of at least n meetings a year where no dates are entered)."""
    kb = ctx.advisor.kb
    upcoming = [m for m in kb.rules.steering_group_meetings if m.can_take(ctx.today)]
    meeting = min(upcoming, key=lambda m: m.date, default=None)
    if meeting is not None:
        earliest = YearMonth.of(meeting.date).plus_months(1)
        return earliest, Msg("sponsor.start.why_meeting", {"date": Day(meeting.date)})
    per_year = max(kb.rules.steering_group.meetings_per_year_min, 1)
    earliest = YearMonth.of(ctx.today).plus_months(12 // per_year)
    return earliest, Msg("sponsor.start.why_rhythm", {"per_year": per_year})


def start_unknown(reason: Msg, ctx: StepContext) -> ParseOutcome:
    """The re-ask with the realistic months, or, asked so once already, the provisional
    start (see the module's rules)."""
    earliest, why = planning_start(ctx)
    if UNKNOWN.localize("de") in ctx.offered:
        provisional = Msg("sponsor.start.provisional", {"start": Month(earliest)})
        said = Msg("sponsor.start.provisional_answer", {"month": earliest.display()})
        answer = Answer(text=said.localize(ctx.language), value=earliest.iso())
        return Accepted(answer, provisional)
    params: dict[str, Param] = {"earliest": Month(earliest), "why": why}
    options: list[Suggestion] = [
        Msg("sponsor.start.earliest_option", {"month": earliest.display()})
    ]
    first_quarter = earliest.plus_months(-((earliest.month - 1) % 3) + 3)
    options += [first_quarter.plus_months(3 * n).display() for n in range(QUARTERS_OFFERED)]
    options.append(UNKNOWN)
    help_ = Msg("sponsor.start.unknown_help", params)
    return Rejected(Msg("sponsor.notes", {"first": reason, "second": help_}), tuple(options))
