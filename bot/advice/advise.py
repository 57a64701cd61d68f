"""One advice for one project idea, and its JSON form (the `advise --jsonl` contract)."""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.advice.eligibility import Eligibility, check
from bot.advice.facts import ProjectFacts
from bot.advice.matching import FieldMatch, Matcher, Matches, ProjectMatch
from bot.base.normalize import clean_text
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import District, LocalAlliance, RegionalAlliance, SubRegion
from bot.texts.catalog import Language, Msg, render
from bot.texts.formats import Choice, Lines
from bot.understanding.groups import group_finder
from bot.understanding.money import parse_money
from bot.understanding.periods import parse_duration, parse_start
from bot.understanding.places import Elsewhere, InRegion, Place, PlaceResolver
from bot.understanding.result import Unclear, Understood

ANSWER_KEYS = ("region", "target_group", "description", "costs", "duration", "start")


@dataclass(frozen=True)
class Where:
    """Where a project belongs by its place (`Advisor.where`)."""

    district: District | None = None
    subregion: SubRegion | None = None
    alliance: LocalAlliance | None = None
    referral: RegionalAlliance | None = None
    also_referred: tuple[RegionalAlliance, ...] = ()
    also_alliances: tuple[LocalAlliance, ...] = ()


@dataclass(frozen=True)
class Advice:
    facts: ProjectFacts
    district: District | None
    subregion: SubRegion | None
    alliance: LocalAlliance | None
    referral: RegionalAlliance | None
    matches: Matches
    eligibility: Eligibility
    also_referred: tuple[RegionalAlliance, ...] = ()
    """Further alliances the place belongs to, depending on the source (Landkreis Wittmund);
    `referral` stays the first, so the `advise --jsonl` contract keeps one object."""
    also_alliances: tuple[LocalAlliance, ...] = ()
    """The further local alliances of a project in several sub-regions; `alliance` (of the
    place named first) is the one to approach first, and `advise --jsonl` names it alone."""

    @property
    def alliances(self) -> tuple[LocalAlliance, ...]:
        """Every local alliance concerned, the one to approach first first."""
        return (self.alliance, *self.also_alliances) if self.alliance else ()


class Advisor:
    """The knowledge base with everything derived from it, built once per version."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.places = PlaceResolver(kb)

    @functools.cached_property
    def matcher(self) -> Matcher:
        """The action fields' and projects' indexes, built on first use: they take a quarter
        second, which the bot's start-up leaves to its warm-up thread (`bot/runtime.py`)."""
        return Matcher(self.kb)

    def sharing(self, kb: KnowledgeBase) -> Advisor:
        """This advisor on `kb`, a copy of its own knowledge base that differs only in what
        places and matching do not read (the steering group's meetings staff keep in the
        database): nothing is built again."""
        self.matcher  # noqa: B018 - built here, so that the copy shares it
        advisor = copy.copy(self)
        advisor.kb = kb
        return advisor

    def facts_from_text(self, answers: Mapping[str, str], today: date) -> ProjectFacts:
        """Parse answers as a sponsor typed them; what cannot be used is kept as a problem."""
        # The dialog's answers are cleaned where they come in (Conversations); these come
        # from elsewhere (the JSON lines of `advise`), so here.
        answers = {key: clean_text(value) for key, value in answers.items()}
        problems: dict[str, Msg] = {}
        place = None
        if region := answers.get("region", "").strip():
            resolved = self.places.resolve(region)
            if isinstance(resolved, Understood):
                place = resolved.value
            elif resolved.suggestions:
                # Without buttons (JSON, plain text) the choices must be in the reason itself.
                choices = Lines(resolved.suggestions, "; ")
                problems["region"] = Msg(
                    "advice.reason.place_choices", {"why": resolved.reason, "choices": choices}
                )
            else:
                problems["region"] = resolved.reason
        costs = None
        if text := answers.get("costs", "").strip():
            money = parse_money(text)
            if isinstance(money, Understood):
                costs = money.value
            else:
                problems["costs"] = money.reason
        start = None
        if text := answers.get("start", "").strip():
            parsed_start = parse_start(text, today)
            if isinstance(parsed_start, Understood):
                start = parsed_start.value
            else:
                problems["start"] = parsed_start.reason
        months = None
        if text := answers.get("duration", "").strip():
            duration = parse_duration(text, start)
            if isinstance(duration, Unclear):
                problems["duration"] = duration.reason
            else:
                months = duration.value.months
                if duration.value.start is not None:
                    start = duration.value.start
                    problems.pop("start", None)
        # The target groups typed as the answer are read as the dialog reads them (its step's
        # parser stores their ids beside the text): the same advice from the same answers.
        group_text = answers.get("target_group", "").strip()
        return ProjectFacts(
            place=place,
            target_groups=group_finder(self.kb).groups(group_text) if group_text else (),
            target_group_text=group_text,
            description=answers.get("description", "").strip(),
            costs_eur=costs,
            start=start,
            duration_months=months,
            problems=problems,
        )

    def where(self, place: Place | None) -> Where:
        """Where a project at `place` belongs: its district, sub-region and local alliance, or
        the regional alliance it is referred to (what `advise` says of the place, without the
        matching: the place question's notes need only this)."""
        kb = self.kb
        if isinstance(place, InRegion):
            subregion = kb.subregion(place.subregion_id)
            alliance = kb.alliance_for_subregion(subregion.id)
            further = dict.fromkeys(
                kb.alliance_for_subregion(p.subregion_id).id for p in place.also
            )
            further.pop(alliance.id, None)
            return Where(
                district=kb.district(place.district_id) if place.district_id else None,
                subregion=subregion,
                alliance=alliance,
                also_alliances=tuple(kb.local_alliance(id_) for id_ in further),
            )
        if isinstance(place, Elsewhere) and place.alliance_id:
            referral, *others = kb.referrals(place.name, place.alliance_id)
            return Where(referral=referral, also_referred=tuple(others))
        return Where()

    def advise(self, facts: ProjectFacts, today: date) -> Advice:
        kb = self.kb
        where = self.where(facts.place)
        district = where.district
        matches = self.matcher.match(
            facts.description,
            facts.target_group_text,
            facts.target_groups,
            district.id if district else None,
        )
        eligibility = check(
            facts,
            kb,
            today,
            further_training_like=matches.further_training_like,
            focus_themes=matches.focus_themes,
        )
        return Advice(
            facts,
            district,
            where.subregion,
            where.alliance,
            where.referral,
            matches,
            eligibility,
            where.also_referred,
            where.also_alliances,
        )


def field_why(
    match: FieldMatch,
    kb: KnowledgeBase,
    *,
    words: Sequence[str] | None = None,
    with_projects: bool = True,
) -> tuple[Msg, ...]:
    """Why the action field fits: its sub-goal, the keywords (`words`, if only some are to be
    named), the target groups and the similar projects (left out where those have their own
    list, as in the summary)."""
    words = match.words if words is None else words
    why: list[Msg] = []
    for goal_id in match.sub_goals[:1]:
        goal = kb.sub_goal(goal_id)
        why.append(
            Msg(
                "advice.why.sub_goal", {"goal": goal_id, "title": Choice(goal.title, goal.title_en)}
            )
        )
    if words:
        why.append(Msg("advice.why.words", {"words": ", ".join(words)}))
    if match.target_groups:
        why.append(
            Msg("advice.why.target_groups", {"groups": group_labels(match.target_groups, kb)})
        )
    if match.organisations:
        why.append(Msg("advice.why.organisations", {"names": ", ".join(match.organisations)}))
    if with_projects and match.projects:
        titles = ", ".join(kb.project(p).title for p in match.projects)
        why.append(Msg("advice.why.similar_projects", {"projects": titles}))
    return tuple(why) or (Msg("advice.why.none"),)


def project_why(
    match: ProjectMatch, kb: KnowledgeBase, *, with_duplicate: bool = True
) -> tuple[Msg, ...]:
    """What the project shares with the idea; the possible Doppelstruktur left out where a
    warning of its own says it (`with_duplicate=False`)."""
    why: list[Msg] = []
    if match.shared_words:
        why.append(Msg("advice.why.shared_words", {"words": ", ".join(match.shared_words[:5])}))
    if match.shared_sub_goals:
        why.append(Msg("advice.why.shared_goals", {"goals": ", ".join(match.shared_sub_goals)}))
    if match.shared_target_groups:
        why.append(
            Msg(
                "advice.why.shared_groups",
                {"groups": group_labels(match.shared_target_groups, kb)},
            )
        )
    if match.possible_duplicate:
        if with_duplicate:
            why.append(Msg("advice.why.possible_duplicate"))
    elif match.same_district:
        why.append(Msg("advice.why.same_district_finished"))
    return tuple(why) or (Msg("advice.why.none"),)


def group_labels(ids: Iterable[str], kb: KnowledgeBase) -> Choice:
    """The target groups' names, German and English: "Frauen, Ältere" / "Women, Older"."""
    groups = [kb.target_group(g) for g in ids]
    return Choice(", ".join(g.label for g in groups), ", ".join(g.label_en for g in groups))


def join(messages: tuple[Msg, ...], language: Language) -> str:
    return "; ".join(render(message, language) for message in messages)


def advice_json(advice: Advice, kb: KnowledgeBase, language: Language = "de") -> dict[str, Any]:
    """The object `advise --jsonl` writes; other tools depend on these keys exactly."""
    facts = advice.facts
    return {
        "district": advice.district.name if advice.district else None,
        "subregion": advice.subregion.name if advice.subregion else None,
        "alliance": {"id": advice.alliance.id, "name": advice.alliance.name}
        if advice.alliance
        else None,
        "referral": {"id": advice.referral.id, "name": advice.referral.name}
        if advice.referral
        else None,
        "costs_eur": facts.costs_eur,
        "duration_months": facts.duration_months,
        "start": facts.start.iso() if facts.start else None,
        "end": advice.eligibility.end.iso() if advice.eligibility.end else None,
        # The fields presented as fitting; empty: no action field clearly fits.
        "action_fields": [
            {
                "id": match.id,
                "title": kb.action_field(match.id).title,
                "score": match.score,
                "why": join(field_why(match, kb), language),
            }
            for match in advice.matches.fitting
        ],
        "similar_projects": [
            {
                "id": match.id,
                "title": kb.project(match.id).title,
                "score": match.score,
                "why": join(project_why(match, kb), language),
                "same_district": match.same_district,
            }
            for match in advice.matches.projects
        ],
        "eligibility": {
            "status": advice.eligibility.status.value,
            "reasons": [render(reason, language) for reason in advice.eligibility.reasons],
            "hints": [render(hint, language) for hint in advice.eligibility.hints],
        },
    }
