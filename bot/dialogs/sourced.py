"""The parts of the summary that name their source: contacts, next steps, the knowledge's stand.

Every source shown is the `source` of the knowledge entry the text rests on (`advice/sources.py`
shortens it); none is written into a message.
"""

from __future__ import annotations

from bot.advice.sources import source_note
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import LocalAlliance
from bot.texts.catalog import Localized, Msg, Param
from bot.texts.formats import Choice, Count, Day, Lines

NEXT_STEPS = frozenset(
    {"local_alliance", "documents", "steering_group_vote", "nbank_application", "after_approval"}
)
"""Procedure steps with a text that says what to do; another step staff add shows its title."""


def sourced(text: Localized, source: str) -> Lines:
    """A text with its source on the line below."""
    return Lines((text, Msg("trust.source.line", {"note": source_note(source)})))


def contact_details(alliance: LocalAlliance, kb: KnowledgeBase) -> Lines:
    """Who the local alliance is and who coordinates, as `knowledge/regions.yaml` holds them."""
    office = kb.regions.coordination_office
    lines: list[Localized | str] = []
    if alliance.members:
        lines.append(Msg("trust.contact.members", {"members": ", ".join(alliance.members)}))
    if alliance.advisory_members:
        members = ", ".join(alliance.advisory_members)
        lines.append(Msg("trust.contact.advisory", {"members": members}))
    lines.append(
        Msg("trust.contact.office", {"office": office.name, "institution": office.institution})
    )
    lines.append(Msg("trust.source.line", {"note": source_note(alliance.source)}))
    return Lines(tuple(lines))


def next_steps(kb: KnowledgeBase, alliance: LocalAlliance) -> Msg:
    params: dict[str, Param] = {
        "alliance": alliance.name,
        "per_year": kb.rules.steering_group.meetings_per_year_min,
        "months": Count(kb.rules.limits.report_due_months_after_end, "months"),
    }
    items: list[Localized | str] = []
    for number, step in enumerate(kb.rules.procedure, start=1):
        text = (
            Msg(f"trust.next.{step.id}", params)
            if step.id in NEXT_STEPS
            else Msg("trust.next.other", {"title": Choice(step.title, step.title_en)})
        )
        source = step.source
        if step.id == "steering_group_vote":  # how often it meets: chapter 6
            source = f"{source}; {kb.rules.steering_group.source}"
        # Each step with the source it rests on, below it.
        items.append(sourced(Msg("trust.next.item", {"number": number, "text": text}), source))
    shown = Lines(tuple(items))
    return Msg("summary.next_steps", {"items": shown})


def stand(kb: KnowledgeBase) -> Msg:
    """ "Stand der Wissensbasis: v3 vom 05.12.2026": the live version the advice rests on."""
    if kb.version_day is not None:
        return Msg("trust.stand_dated", {"version": kb.version, "day": Day(kb.version_day)})
    if kb.rules.as_of is not None:
        return Msg("trust.stand_shipped", {"version": kb.version, "day": Day(kb.rules.as_of)})
    return Msg("trust.stand", {"version": kb.version})
