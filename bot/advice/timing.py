"""Hints of issue #15 on time and money: the lead time before a start, the cost cap's exception.

Every figure comes from the knowledge base with its source: the next meeting staff entered
(`rules.yaml` `steering_group_meetings`), the rhythm of meetings (chapter 6), the cap (chapter 5).
No lead time is invented: without meeting dates the bot says where they are known.
"""

from __future__ import annotations

from datetime import date

from bot.advice.facts import ProjectFacts
from bot.advice.sources import source_note
from bot.base.yearmonth import YearMonth
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import SteeringGroupMeeting
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Day, Eur, Month


def starts_before(start: YearMonth, meeting: SteeringGroupMeeting) -> bool:
    """A start in the meeting's month or earlier leaves no time for the vote and NBank's
    application that follow the meeting."""
    return start <= YearMonth.of(meeting.date)


def earliest_start(meeting: SteeringGroupMeeting | None) -> YearMonth | None:
    """The first month a start may be suggested for: after the next known meeting."""
    return YearMonth.of(meeting.date).plus_months(1) if meeting is not None else None


def next_meeting(kb: KnowledgeBase, today: date) -> SteeringGroupMeeting | None:
    """The next meeting that can still take the case (issue #15, point 6): one whose
    submission deadline has passed cannot, however near its date."""
    upcoming = [m for m in kb.rules.steering_group_meetings if m.can_take(today)]
    return min(upcoming, key=lambda m: m.date, default=None)


def meeting_interval(kb: KnowledgeBase) -> int:
    """Months between meetings at chapter 6's "at least n times a year"."""
    return 12 // max(kb.rules.steering_group.meetings_per_year_min, 1)


def earliest_realistic(kb: KnowledgeBase, today: date) -> YearMonth:
    """The first month a start is realistic: after the next meeting that can still take the
    case, or, without meeting dates, one interval of the meetings' rhythm from now. The
    dialog offers it and the pre-check suggests no start before it: one figure for both."""
    return earliest_start(next_meeting(kb, today)) or YearMonth.of(today).plus_months(
        meeting_interval(kb)
    )


def lead_time_hints(
    facts: ProjectFacts, kb: KnowledgeBase, meeting: SteeringGroupMeeting | None, today: date
) -> tuple[Msg, ...]:
    if facts.start is None:
        return ()
    if meeting is None:
        # No dates entered: the only figure is chapter 6's "at least n times a year", so a
        # start closer than one such interval may come before the next meeting.
        group = kb.rules.steering_group
        interval = meeting_interval(kb)
        if YearMonth.of(today).months_until(facts.start) > interval:
            return ()
        params: dict[str, Param] = {
            "start": Month(facts.start),
            "per_year": group.meetings_per_year_min,
            "office": kb.regions.coordination_office.name,
            "institution": kb.regions.coordination_office.institution,
            "source": source_note(f"{_procedure_source(kb)}; {group.source}"),
        }
        return (Msg("trust.lead.dates_unknown", params),)
    if starts_before(facts.start, meeting):
        params = {
            "start": Month(facts.start),
            "date": Day(meeting.date),
            "source": source_note(meeting.source),
        }
        return (Msg("trust.lead.before_meeting", params),)
    return ()


def cap_hints(facts: ProjectFacts, kb: KnowledgeBase) -> tuple[Msg, ...]:
    limits = kb.rules.limits
    if facts.costs_eur is None or facts.costs_eur <= limits.cost_cap_eur:
        return ()
    params: dict[str, Param] = {
        "cap": Eur(limits.cost_cap_eur),
        "source": source_note(limits.source),
    }
    if facts.cap_raises_grant == "no":
        return (Msg("trust.cap.raises_no", params),)
    if facts.cap_raises_grant == "unknown":
        return (Msg("trust.cap.raises_unknown", params),)
    return ()


def _procedure_source(kb: KnowledgeBase) -> str:
    """Where the order of the steps before a start is written: the procedure's vote step."""
    step = next((s for s in kb.rules.procedure if s.id == "steering_group_vote"), None)
    return step.source if step is not None else kb.rules.limits.source
