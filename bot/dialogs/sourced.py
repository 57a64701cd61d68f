"""The parts of the summary that name their source: contacts, next steps, the knowledge's stand.

Every source shown is the `source` of the knowledge entry the text rests on (`advice/sources.py`
shortens it); none is written into a message.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from bot.advice.sources import source_note, sources
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


_STAFF_MARKS = re.compile(
    r"\s*[;,]?\s*(?:laut\s+DOMAIN-NOTES|DOMAIN-NOTES|vor Zitat prüfen|von Mitarbeitenden zu prüfen)"
)
"""Staff's notes to themselves in an FAQ entry's source ("Fördersätze; laut DOMAIN-NOTES, vor
Zitat prüfen"): where they took a public fact from and that it is to be checked before quoting,
not part of the source a sponsor is shown."""
_EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)")


def faq_source(source: str) -> str:
    """An FAQ entry's source as a sponsor reads it: the public source and the strategy's
    chapters as staff wrote them, without staff's notes to themselves. (The answer itself says
    that a public fact is not in the strategy; `knowledge/faq.yaml`'s checks require it.)"""
    shown = _EMPTY_BRACKETS.sub("", _STAFF_MARKS.sub("", source))
    return re.sub(r"\(\s*[;,]\s*", "(", shown).strip(" ;,")


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
    steps: list[tuple[Localized | str, str]] = []
    for number, step in enumerate(kb.rules.procedure, start=1):
        text = (
            Msg(f"trust.next.{step.id}", params)
            if step.id in NEXT_STEPS
            else Msg("trust.next.other", {"title": Choice(step.title, step.title_en)})
        )
        source = step.source
        if step.id == "steering_group_vote":  # how often it meets: chapter 6
            source = f"{source}; {kb.rules.steering_group.source}"
        steps.append((Msg("trust.next.item", {"number": number, "text": text}), source))
    return Msg("summary.next_steps", {"items": sourced_once(steps)})


def sourced_once(items: Sequence[tuple[Localized | str, str]]) -> Lines:
    """Texts each resting on a source, every source said once on a phone: the one most of them
    share stands once below them all ("übrige Schritte"), a text resting on another has its own
    below it. Where all share one, it stands once at the end; where none is shared, each text
    has its own."""
    keys = [sources(source) for _, source in items]
    if not keys:
        return Lines(())
    common, shared_by = Counter(keys).most_common(1)[0]
    lines: list[Localized | str] = []
    for (text, source), key in zip(items, keys, strict=True):
        lines.append(text)
        if shared_by < 2 or key != common:
            lines.append(Msg("trust.source.line", {"note": source_note(source)}))
    if shared_by >= 2:
        note = source_note(items[keys.index(common)][1])
        rest = "trust.source.line" if shared_by == len(items) else "polish.source_rest"
        lines.append(Msg(rest, {"note": note}))
    return Lines(tuple(lines))


def stand(kb: KnowledgeBase) -> Msg:
    """ "Stand der Wissensbasis: v3 vom 05.12.2026": the live version the advice rests on."""
    if kb.version_day is not None:
        return Msg("trust.stand_dated", {"version": kb.version, "day": Day(kb.version_day)})
    if kb.rules.as_of is not None:
        return Msg("trust.stand_shipped", {"version": kb.version, "day": Day(kb.rules.as_of)})
    return Msg("trust.stand", {"version": kb.version})
