"""A sponsor's stored answers, decoded once: the place, the start, the target groups, the costs,
the plan, and the facts the advice works on (no re-parsing of text). Every layer that reads
answers (the dialogs, the procedure, storage's accessors, exports) reads them through
`read_answers`, never by string key and JSON shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.advice.facts import ProjectFacts
from bot.base.yearmonth import YearMonth
from bot.core.plan import Plan
from bot.core.state import Answer
from bot.understanding.once import once_per_object
from bot.understanding.places import Elsewhere, InRegion


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


WORDS_OF_A_PLACE = 6
"""More words than a place's name has ("Samtgemeinde Nienstädt, Landkreis Schaumburg"): an
answer that says something else besides."""


def _place_as_given(answer: Answer | None, place: InRegion | Elsewhere | None) -> str | None:
    """The place as the sponsor wrote it ("Steinhude", "LK Nienburg"); where the place was
    read from a whole message ("Hi, we're a small IT company in Hildesheim and …"), its name
    (every place's, for a project in several), never the message."""
    if answer is None:
        return None
    if place is None or len(answer.text.split()) <= WORDS_OF_A_PLACE:
        return answer.text
    if isinstance(place, InRegion):
        return ", ".join(p.name for p in place.places)
    return place.name


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


@dataclass(frozen=True)
class SponsorAnswers:
    """A sponsor's answers, decoded once: each value as it was understood, and every answer's
    text as it was given. Summary, Projektskizze, drafts menu, notifications and advice read
    answers through this, never by string key and JSON shape."""

    place: InRegion | Elsewhere | None = None
    organisation: str | None = None
    """One of `ORGANISATION_KINDS`' values ("other" for the sponsor's own words)."""
    target_groups: tuple[str, ...] = ()
    """Target groups ticked or recognised (ids)."""
    target_group_text: str = ""
    """The target group in the sponsor's own words ("" when only ticked)."""
    costs_eur: int | None = None
    start: YearMonth | None = None
    duration_months: int | None = None
    participants: int | None = None
    plan: Plan | None = None
    """The parts of the cost and financing plan answered in the sketch (`plan_of`)."""
    cap_raises_grant: str | None = None
    """Whether costs above the cap are to raise the grant ("yes", "no", …; `CAP_ANSWERS`)."""
    # The free-text answers as given (None: not answered).
    title: str | None = None
    idea: str | None = None
    justification: str | None = None
    cofinancing: str | None = None
    need: str | None = None
    goals: str | None = None
    partners: str | None = None
    spatial_effect: str | None = None
    continuation: str | None = None
    transferability: str | None = None
    sponsor_name: str | None = None
    contact_person: str | None = None
    contact_channel: str | None = None
    question: str | None = None
    # The answers decoded above, as the sponsor gave them (None: not answered).
    place_as_given: str | None = None
    organisation_as_given: str | None = None
    target_groups_as_given: str | None = None
    texts: Mapping[str, str] = field(default_factory=dict)
    """Every answer's text as given, by step id: for showing every answer by its step (the
    summary); anything that reads one answer by name reads its field above."""
    values: Mapping[str, str] = field(default_factory=dict)
    """Every text-valued answer's stored value, by step id (read here only, by `facts`)."""

    def text(self, step: str) -> str:
        """The answer to `step` as given ("" when not answered), for a step at hand."""
        return self.texts.get(step, "")

    @property
    def facts(self) -> ProjectFacts:
        """What the advice works on."""
        return ProjectFacts(
            place=self.place,
            target_groups=self.target_groups,
            target_group_text=self.target_group_text,
            description=self._value("idea"),
            title=self._value("title"),
            costs_eur=self.costs_eur,
            start=self.start,
            duration_months=self.duration_months,
            justification=self._value("justification"),
            cap_raises_grant=self.cap_raises_grant or None,
        )

    def _value(self, step: str) -> str:
        """A free-text answer's stored value (the text as understood, trimmed)."""
        return self.values.get(step, "")


PLAN_ANSWERS = ("plan_costs", "plan_financing", "plan_work_steps")
"""The guided parts of the cost and financing plan, each a part of a `Plan` as JSON."""


def plan_of(answers: Mapping[str, Answer]) -> Plan | None:
    """The cost and financing plan with the work steps answered in the sketch, if any part."""
    parts: dict[str, Any] = {}
    for step in PLAN_ANSWERS:
        answer = answers.get(step)
        if answer is not None and isinstance(answer.value, dict):
            parts.update(answer.value)
    if not parts:
        return None
    try:
        return Plan.model_validate(parts)
    except ValueError:  # pydantic's ValidationError: a stored shape no longer read
        return None


def _int(answer: Answer | None) -> int | None:
    if answer is None or not isinstance(answer.value, int) or isinstance(answer.value, bool):
        return None
    return answer.value


@once_per_object
def read_answers(answers: Mapping[str, Answer]) -> SponsorAnswers:
    """The one place where stored answers are decoded (once per answers object in a turn:
    the summary and the checks of one reply ask several times)."""
    groups = answers.get("target_group")
    ids: tuple[str, ...] = ()
    group_text = ""
    if groups is not None and isinstance(groups.value, dict):
        raw_ids = groups.value.get("ids")
        ids = tuple(str(i) for i in raw_ids) if isinstance(raw_ids, list) else ()
        raw_text = groups.value.get("text")
        group_text = raw_text if isinstance(raw_text, str) else ""
    organisation = answers.get("organisation")
    cap = answers.get("cap_raises_grant")

    def given(step: str) -> str | None:
        answer = answers.get(step)
        return answer.text if answer is not None else None

    return SponsorAnswers(
        place=place_of(answers),
        organisation=str(organisation.value) if organisation is not None else None,
        target_groups=ids,
        target_group_text=group_text,
        costs_eur=_int(answers.get("costs")),
        start=start_of(answers),
        duration_months=_int(answers.get("duration")),
        participants=_int(answers.get("participants")),
        plan=plan_of(answers),
        cap_raises_grant=cap.value if cap is not None and isinstance(cap.value, str) else None,
        title=given("title"),
        idea=given("idea"),
        justification=given("justification"),
        cofinancing=given("cofinancing"),
        need=given("need"),
        goals=given("goals"),
        partners=given("partners"),
        spatial_effect=given("spatial_effect"),
        continuation=given("continuation"),
        transferability=given("transferability"),
        sponsor_name=given("sponsor_name"),
        contact_person=given("contact_person"),
        contact_channel=given("contact_channel"),
        question=given("question"),
        place_as_given=_place_as_given(answers.get("region"), place_of(answers)),
        organisation_as_given=given("organisation"),
        target_groups_as_given=given("target_group"),
        texts={step: answer.text for step, answer in answers.items()},
        values={
            step: answer.value for step, answer in answers.items() if isinstance(answer.value, str)
        },
    )


def facts_from_answers(answers: Mapping[str, Answer]) -> ProjectFacts:
    return read_answers(answers).facts
