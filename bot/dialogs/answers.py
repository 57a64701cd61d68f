"""A sponsor's stored answers, decoded: the place, the start, the kind of handoff, and the facts
the advice works on (no re-parsing of text)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from bot.advice.facts import ProjectFacts
from bot.base.yearmonth import YearMonth
from bot.core.state import Answer
from bot.understanding.places import Elsewhere, InRegion

ORGANISATION_KINDS = (
    ("education", "Bildungsträger", "Education provider"),
    ("chamber", "Kammer oder Verband", "Chamber or association"),
    ("university", "Hochschule", "University"),
    ("care", "Pflege- oder Sozialdienst", "Care or social service"),
    ("municipality", "Kommune oder Landkreis", "Municipality or district"),
    ("employment", "Arbeitsagentur oder Jobcenter", "Employment agency or job centre"),
    ("company", "Unternehmen", "Company"),
    ("other", "Sonstige", "Other"),
)

HANDOFF_KIND = "handoff_kind"
"""Stored with the answers while the sponsor prepares a handoff or a question."""
HandoffKind = Literal["handoff", "question"]


def handoff_kind(answers: Mapping[str, Answer]) -> HandoffKind:
    answer = answers.get(HANDOFF_KIND)
    return "question" if answer is not None and answer.value == "question" else "handoff"


def place_of(answers: Mapping[str, Answer]) -> InRegion | Elsewhere | None:
    answer = answers.get("region")
    if answer is None or not isinstance(answer.value, dict):
        return None
    value = answer.value
    if value.get("kind") == "in_region":
        also = value.get("also")
        further = (
            [_in_region(p) for p in also if isinstance(p, dict)] if isinstance(also, list) else []
        )
        first = _in_region(value)
        return InRegion(first.subregion_id, first.district_id, first.name, tuple(further))
    alliance, state, country = value.get("alliance"), value.get("state"), value.get("country")
    return Elsewhere(
        name=str(value["name"]),
        alliance_id=str(alliance) if alliance else None,
        state=str(state) if state else None,
        country=str(country) if country else None,
    )


def _in_region(value: Mapping[str, object]) -> InRegion:
    district = value.get("district")
    return InRegion(
        subregion_id=str(value["subregion"]),
        district_id=str(district) if district else None,
        name=str(value["name"]),
    )


def start_of(answers: Mapping[str, Answer]) -> YearMonth | None:
    answer = answers.get("start")
    if answer is None or not isinstance(answer.value, str):
        return None
    return YearMonth.parse_iso(answer.value)


def _text(answers: Mapping[str, Answer], key: str) -> str:
    answer = answers.get(key)
    return answer.value if answer is not None and isinstance(answer.value, str) else ""


def _int(answers: Mapping[str, Answer], key: str) -> int | None:
    answer = answers.get(key)
    if answer is None or not isinstance(answer.value, int) or isinstance(answer.value, bool):
        return None
    return answer.value


def facts_from_answers(answers: Mapping[str, Answer]) -> ProjectFacts:
    groups = answers.get("target_group")
    ids: tuple[str, ...] = ()
    group_text = ""
    if groups is not None and isinstance(groups.value, dict):
        raw_ids = groups.value.get("ids")
        ids = tuple(str(i) for i in raw_ids) if isinstance(raw_ids, list) else ()
        raw_text = groups.value.get("text")
        group_text = raw_text if isinstance(raw_text, str) else ""
    return ProjectFacts(
        place=place_of(answers),
        target_groups=ids,
        target_group_text=group_text,
        description=_text(answers, "idea"),
        title=_text(answers, "title"),
        costs_eur=_int(answers, "costs"),
        start=start_of(answers),
        duration_months=_int(answers, "duration"),
        justification=_text(answers, "justification"),
    )
