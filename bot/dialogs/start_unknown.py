"""A start the sponsor cannot or does not name as one month ("nach der Bewilligung", "weiß ich
noch nicht", "2027", "März oder April 2027", "wann können wir frühestens anfangen?"): a helpful
re-ask that moves on at the latest after the next answer.

The first time the start question gets no month, the re-ask offers months as buttons and "Weiß
ich noch nicht": after "nach der Bewilligung" it says when a start is realistic (after the next
steering-group meeting that can still take the case, the vote and NBank's application, which
must come before the project starts) and offers that month and the next quarters; after a year
alone the months of that year from the realistic one on; after several dates those dates. The
first month offered is the provisional start. Is the next answer still no month, the dialog
moves on with it, said so and correctable with a tap (the step echoes what it stores): no
conversation stays stuck at the start, and nothing is stored unseen. Only a question back gets
one more turn: it is answered (from the FAQ where one fits) and the start asked once more, with
a button for the provisional month; after that any answer without a month moves on too.

Which re-ask was made is read from its buttons (`StepContext.offered`), as the dialog keeps no
other memory of a step's earlier tries.
"""

from __future__ import annotations

import re

from bot.advice.timing import earliest_realistic, next_meeting
from bot.base.yearmonth import YearMonth
from bot.core.state import Answer
from bot.core.steps import Accepted, ParseOutcome, Rejected, StepContext
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Day, Month
from bot.understanding.result import Suggestion

UNKNOWN = Msg("sponsor.start.unknown")
"""The button of a sponsor who does not know the start yet; offered with every re-ask."""
QUARTERS_OFFERED = 3
"""Quarter starts offered after the earliest month."""
PROVISIONAL_OPTION = "sponsor.start.provisional_option"
"""The button offered after a question back at a re-ask: take the provisional month."""
_MONTH = re.compile(r"(?<!\d)(0[1-9]|1[0-2])/(\d{4})(?!\d)")


def planning_start(ctx: StepContext) -> tuple[YearMonth, Msg]:
    """The first month a start is realistic, and why (from the knowledge base's meetings, or
    chapter 6's rhythm of at least n meetings a year where no dates are entered)."""
    kb = ctx.advisor.kb
    # The same figure the pre-check suggests no earlier start than (`earliest_realistic`).
    earliest = earliest_realistic(kb, ctx.today)
    meeting = next_meeting(kb, ctx.today)
    if meeting is not None:
        return earliest, Msg("sponsor.start.why_meeting", {"date": Day(meeting.date)})
    per_year = max(kb.rules.steering_group.meetings_per_year_min, 1)
    return earliest, Msg("sponsor.start.why_rhythm", {"per_year": per_year})


def reasked(ctx: StepContext) -> bool:
    """The start question was asked again already (its re-ask offers "Weiß ich noch nicht")."""
    return UNKNOWN.localize("de") in ctx.offered


def _month_of(value: str) -> YearMonth | None:
    match = _MONTH.search(value)
    return YearMonth(int(match[2]), int(match[1])) if match else None


def provisional(ctx: StepContext) -> YearMonth:
    """The start the dialog moves on with: the first month the re-ask offered."""
    for value in ctx.offered:
        month = _month_of(value)
        if month is not None:
            return month
    return planning_start(ctx)[0]


def asked_year(ctx: StepContext) -> int | None:
    """The year every month of the re-ask lies in ("2027" was answered): a month said next
    without a year lies in it."""
    if not reasked(ctx):
        return None
    years = {m.year for m in map(_month_of, ctx.offered) if m is not None}
    return years.pop() if len(years) == 1 else None


def _asked_twice(ctx: StepContext) -> bool:
    """A question back was answered at the re-ask already (its provisional button is offered)."""
    month = provisional(ctx)
    option = Msg(PROVISIONAL_OPTION, {"month": month.display()}).localize("de")
    return option in ctx.offered


def move_on(ctx: StepContext, said: Msg | None = None) -> Accepted:
    """The provisional start, said so (after the answer to a question back, if any)."""
    start = provisional(ctx)
    note = Msg("sponsor.start.provisional", {"start": Month(start)})
    if said is not None:
        note = Msg("sponsor.notes", {"first": said, "second": note})
    shown = Msg("sponsor.start.provisional_answer", {"month": start.display()})
    return Accepted(Answer(text=shown.localize(ctx.language), value=start.iso()), note)


def _realistic(ctx: StepContext) -> tuple[list[Suggestion], Msg]:
    """The realistic months (the earliest, the next quarters) and why."""
    earliest, why = planning_start(ctx)
    params: dict[str, Param] = {"earliest": Month(earliest), "why": why}
    options: list[Suggestion] = [
        Msg("sponsor.start.earliest_option", {"month": earliest.display()})
    ]
    first_quarter = earliest.plus_months(-((earliest.month - 1) % 3) + 3)
    options += [first_quarter.plus_months(3 * n).display() for n in range(QUARTERS_OFFERED)]
    return [*options, UNKNOWN], Msg("sponsor.start.unknown_help", params)


def start_unknown(reason: Msg, ctx: StepContext) -> ParseOutcome:
    """No month, nor any point in time ("nach der Bewilligung"): the re-ask with the realistic
    months, or, asked so once already, the provisional start."""
    if reasked(ctx):
        return move_on(ctx)
    options, help_ = _realistic(ctx)
    return Rejected(Msg("sponsor.notes", {"first": reason, "second": help_}), tuple(options))


def start_in_year(year: int, reason: Msg, ctx: StepContext) -> ParseOutcome:
    """A year alone ("2027", "irgendwann nächstes Jahr"): the months of that year from the
    realistic one on, or, asked so once already, the provisional start."""
    if reasked(ctx):
        return move_on(ctx)
    earliest, _ = planning_start(ctx)
    if year < earliest.year:  # a year before the realistic start: the realistic months then
        return start_unknown(reason, ctx)
    first = earliest if earliest.year == year else YearMonth(year, 1)
    later = [first.plus_months(n) for n in range(1, 12) if first.plus_months(n).year == year]
    months = [first, *(m for m in later if m.month % 3 == 1)][: QUARTERS_OFFERED + 1]
    help_ = Msg("sponsor.start.year_help", {"start": Month(first)})
    options: list[Suggestion] = [*(m.display() for m in months), UNKNOWN]
    return Rejected(Msg("sponsor.notes", {"first": reason, "second": help_}), tuple(options))


def start_between(reason: Msg, months: tuple[Suggestion, ...], ctx: StepContext) -> ParseOutcome:
    """Several dates ("März oder April 2027"): those dates as buttons, the first the provisional
    start; asked so once already, that start."""
    if reasked(ctx):
        return move_on(ctx)
    first = next((m for m in map(_month_of, (str(s) for s in months)) if m is not None), None)
    if first is None:
        return start_unknown(reason, ctx)
    help_ = Msg("sponsor.start.several_help", {"start": Month(first)})
    return Rejected(Msg("sponsor.notes", {"first": reason, "second": help_}), (*months, UNKNOWN))


def start_question(said: Msg, ctx: StepContext) -> ParseOutcome:
    """A question back at the start question, answered in `said`: the question once more with
    buttons (the realistic months, or the provisional one at a re-ask); asked so once already,
    the provisional start."""
    if not reasked(ctx):
        options, help_ = _realistic(ctx)
        return Rejected(Msg("sponsor.notes", {"first": said, "second": help_}), tuple(options))
    if _asked_twice(ctx):
        return move_on(ctx, said)
    start = provisional(ctx)
    option = Msg(PROVISIONAL_OPTION, {"month": start.display()})
    months = [m.display() for m in map(_month_of, ctx.offered) if m is not None]
    help_ = Msg("sponsor.start.question_help", {"start": Month(start)})
    again: tuple[Suggestion, ...] = (option, *months[1:], UNKNOWN)
    return Rejected(Msg("sponsor.notes", {"first": said, "second": help_}), again)


def start_other(reason: Msg, ctx: StepContext) -> ParseOutcome:
    """Anything else without a month (a greeting, "ja", a month that does not exist): the
    reason with the realistic months as buttons, or, asked so once already, the provisional
    start."""
    if reasked(ctx):
        return move_on(ctx)
    options, _ = _realistic(ctx)
    return Rejected(reason, tuple(options))
