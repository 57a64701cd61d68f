"""The pre-check against the rules of chapter 5: a status, every reason with its fix, and hints.

The status is a pre-check, never the steering group's vote or NBank's decision; the hints say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.advice.facts import ProjectFacts
from bot.advice.sources import common_source, source_note
from bot.advice.timing import cap_hints, earliest_realistic, lead_time_hints, next_meeting
from bot.base.yearmonth import YearMonth
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import SteeringGroupMeeting
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Choice, Count, Day, Eur, Month
from bot.understanding.places import Elsewhere, InRegion


class Status(StrEnum):
    ELIGIBLE = "eligible"
    NEEDS_JUSTIFICATION = "needs_justification"
    INCOMPLETE = "incomplete"
    NOT_ELIGIBLE = "not_eligible"
    OUT_OF_REGION = "out_of_region"


PRECEDENCE = (
    Status.OUT_OF_REGION,
    Status.NOT_ELIGIBLE,
    Status.INCOMPLETE,
    Status.NEEDS_JUSTIFICATION,
)
"""When several apply, the first in this order is the status; all are listed as reasons."""


@dataclass(frozen=True)
class Finding:
    status: Status
    reason: Msg


@dataclass(frozen=True)
class Eligibility:
    status: Status
    reasons: tuple[Msg, ...]
    hints: tuple[Msg, ...]
    end: YearMonth | None
    report_due: YearMonth | None
    next_meeting: SteeringGroupMeeting | None


def check(
    facts: ProjectFacts,
    kb: KnowledgeBase,
    today: date,
    *,
    further_training_like: bool = False,
    focus_themes: tuple[str, ...] = (),
) -> Eligibility:
    """Apply the rules; `further_training_like` and `focus_themes` come from matching."""
    limits = kb.rules.limits
    findings: list[Finding] = []

    if isinstance(facts.place, Elsewhere):
        findings.append(Finding(Status.OUT_OF_REGION, _referral(facts.place, kb)))

    latest_end = YearMonth.of(limits.latest_end)
    max_months = limits.max_duration_months
    if facts.duration_months is not None and facts.duration_months > max_months:
        findings.append(
            Finding(
                Status.NOT_ELIGIBLE,
                Msg(
                    "advice.reason.too_long",
                    {
                        "months": Count(facts.duration_months, "months"),
                        "max": Count(max_months, "months"),
                    },
                ),
            )
        )
    end = facts.end
    this_month = YearMonth.of(today)
    # The latest start that still ends in time with the planned duration: offered only for an
    # allowed duration and while it is not in the past (NBank needs the application before the
    # project starts).
    latest_start = (
        latest_end.plus_months(-facts.duration_months + 1)
        if facts.duration_months is not None and facts.duration_months <= max_months
        else None
    )
    meeting = next_meeting(kb, today)
    # Never before the earliest realistic start the dialog names (after the next meeting, or
    # one interval of the meetings' rhythm without dates): the vote and the application come
    # first, and the pre-check must not contradict the bot.
    earliest = max(this_month, earliest_realistic(kb, today))
    if latest_start is not None and latest_start < earliest:
        latest_start = None
    if facts.start is not None and facts.start > latest_end:
        params: dict[str, Param] = {"start": Month(facts.start), "latest": Day(limits.latest_end)}
        if latest_start is None:
            reason = Msg("advice.reason.starts_too_late_plain", params)
        else:
            params |= {
                "months": Count(facts.duration_months or 0, "months_dative"),
                "latest_start": Month(latest_start),
            }
            reason = Msg("advice.reason.starts_too_late", params)
        findings.append(Finding(Status.NOT_ELIGIBLE, reason))
    elif end is not None and facts.start is not None and end > latest_end:
        params = {
            "start": Month(facts.start),
            "end": Month(end),
            "latest": Day(limits.latest_end),
            "allowed": Count(min(facts.start.months_until(latest_end), max_months), "months"),
            "months": Count(facts.duration_months or 0, "months_dative"),
        }
        if latest_start is None:
            reason = Msg("advice.reason.ends_too_late_shorten", params)
        else:
            params["latest_start"] = Month(latest_start)
            reason = Msg("advice.reason.ends_too_late", params)
        findings.append(Finding(Status.NOT_ELIGIBLE, reason))

    for name in facts.missing():
        problem = facts.problems.get(name)
        reason = (
            Msg("advice.reason.unclear", {"field": Msg(f"advice.field.{name}"), "why": problem})
            if problem
            else Msg("advice.reason.missing", {"field": Msg(f"advice.field.{name}")})
        )
        findings.append(Finding(Status.INCOMPLETE, reason))

    over_cap = facts.costs_eur is not None and facts.costs_eur > limits.cost_cap_eur
    if over_cap and facts.cap_raises_grant == "no":
        pass  # no separate justification (chapter 5): a hint says so
    elif facts.costs_eur is not None and over_cap:
        # The status stays: whether the justification carries is the steering group's call.
        justified = bool(facts.justification.strip())
        findings.append(
            Finding(
                Status.NEEDS_JUSTIFICATION,
                Msg(
                    "advice.reason.over_cap_justified" if justified else "advice.reason.over_cap",
                    {
                        "costs": Eur(facts.costs_eur),
                        "cap": Eur(limits.cost_cap_eur),
                    },
                ),
            )
        )

    statuses = {finding.status for finding in findings}
    status = next((s for s in PRECEDENCE if s in statuses), Status.ELIGIBLE)
    ordered = sorted(findings, key=lambda f: PRECEDENCE.index(f.status))
    report_due = end.plus_months(limits.report_due_months_after_end) if end else None
    hints = _hints(facts, kb, today, status, meeting, further_training_like, focus_themes)
    if status is not Status.OUT_OF_REGION:
        hints += cap_hints(facts, kb) + lead_time_hints(facts, kb, meeting, today)
    return Eligibility(
        status=status,
        reasons=tuple(finding.reason for finding in ordered),
        hints=hints,
        end=end,
        report_due=report_due,
        next_meeting=meeting,
    )


def _referral(place: Elsewhere, kb: KnowledgeBase) -> Msg:
    if place.country is not None:
        return Msg("advice.reason.abroad", {"place": place.name})
    if place.alliance_id is None:
        return Msg("advice.reason.outside_lower_saxony", {"place": place.name})
    alliance, *others = kb.referrals(place.name, place.alliance_id)
    if others:
        names = [other.name for other in others]
        return Msg(
            "advice.reason.other_alliances",
            {
                "place": place.name,
                "alliance": alliance.name,
                "also": Choice(" oder zum ".join(names), " or the ".join(names)),
            },
        )
    return Msg("advice.reason.other_alliance", {"place": place.name, "alliance": alliance.name})


def _spatial_effect(place: InRegion, kb: KnowledgeBase) -> Msg:
    """A project in several districts or sub-regions: the steering group weighs its spatial
    effect (chapter 5), and every local alliance concerned is to be involved."""
    names = [
        kb.district(p.district_id).name if p.district_id else kb.subregion(p.subregion_id).name
        for p in place.places
    ]
    criterion = next((c for c in kb.rules.criteria if c.id == "spatial_effect"), None)
    return Msg(
        "advice.hint.spatial_effect",
        {
            "places": ", ".join(names),
            "criterion": Choice(criterion.title, criterion.title_en)
            if criterion is not None
            else Msg("advice.spatial_effect"),
            # Without the entry, the criteria the steering group weighs as a whole.
            "source": source_note(
                criterion.source
                if criterion is not None
                else common_source([c.source for c in kb.rules.criteria])
            ),
        },
    )


def _listing(items: list[str], last: str) -> str:
    """ "A, B und C" """
    return last.join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def _hints(
    facts: ProjectFacts,
    kb: KnowledgeBase,
    today: date,
    status: Status,
    next_meeting: SteeringGroupMeeting | None,
    further_training_like: bool,
    focus_themes: tuple[str, ...],
) -> tuple[Msg, ...]:
    hints: list[Msg] = [Msg("advice.hint.pre_check_only")]
    if status is Status.OUT_OF_REGION:
        return tuple(hints)
    if facts.start is not None and facts.start < YearMonth.of(today):
        hints.append(Msg("advice.hint.start_in_past", {"start": Month(facts.start)}))
    if isinstance(facts.place, InRegion) and facts.place.also:
        hints.append(_spatial_effect(facts.place, kb))
    if further_training_like:
        strand = next((t for t in kb.rules.project_types if t.id == "further_training"), None)
        if strand is not None:
            hints.append(
                Msg(
                    "advice.hint.further_training",
                    {
                        "min": Eur(strand.min_costs_eur or 0),
                        "max": Eur(strand.max_costs_eur or 0),
                        "months": Count(strand.normal_duration_months or 0, "months"),
                        # Not in the strategy: its public source and "please check" (#15).
                        "source": source_note(strand.source),
                    },
                )
            )
    themes = {theme.id: theme for theme in kb.rules.focus_themes}
    if focus_themes:
        for theme_id in focus_themes:
            if theme_id in themes:
                theme = themes[theme_id]
                params: dict[str, Param] = {
                    "theme": Choice(theme.title, theme.title_en),
                    "source": source_note(theme.source),
                }
                hints.append(Msg("advice.hint.focus_theme_met", params))
    elif themes:
        listed = list(themes.values())
        params = {
            "themes": Choice(
                _listing([f"„{t.title}“" for t in listed], " und "),
                _listing([f"“{t.title_en}”" for t in listed], " and "),
            ),
            "source": source_note(common_source([t.source for t in listed])),
        }
        hints.append(Msg("advice.hint.focus_themes", params))
    if next_meeting is not None:
        hints.append(Msg("advice.hint.next_meeting", {"date": Day(next_meeting.date)}))
    else:
        hints.append(
            Msg(
                "advice.hint.meetings_unknown",
                {
                    "per_year": kb.rules.steering_group.meetings_per_year_min,
                },
            )
        )
    return tuple(hints)
