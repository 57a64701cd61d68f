"""`Advisor.where` says of a place what the whole advice says of it (the place question's notes
use it instead of the advice)."""

from __future__ import annotations

from datetime import date

from bot.advice.advise import Advisor
from bot.advice.facts import ProjectFacts
from bot.kb.knowledge import KnowledgeBase
from bot.understanding.places import Elsewhere, InRegion, Place

TODAY = date(2026, 12, 7)


def _places(kb: KnowledgeBase) -> list[Place | None]:
    places: list[Place | None] = [None, Elsewhere("Wien", None, None, "Österreich")]
    for subregion in kb.regions.subregions:
        places.append(InRegion(subregion.id, None, subregion.name))
    for district in kb.regions.districts:
        places.append(InRegion(district.subregion, district.id, district.name))
    first, *others = [p for p in places if isinstance(p, InRegion)]
    places.append(InRegion(first.subregion_id, first.district_id, first.name, tuple(others)))
    for alliance in kb.alliances.regional_alliances:
        for name in (*alliance.districts, *alliance.places):
            places.append(Elsewhere(name, alliance.id))
    return places


def test_where_agrees_with_the_advice_for_every_place(advisor: Advisor, kb: KnowledgeBase) -> None:
    places = _places(kb)
    assert len(places) > 20
    for place in places:
        advice = advisor.advise(ProjectFacts(place=place), TODAY)
        where = advisor.where(place)
        assert (
            where.district,
            where.subregion,
            where.alliance,
            where.referral,
            where.also_referred,
            where.also_alliances,
        ) == (
            advice.district,
            advice.subregion,
            advice.alliance,
            advice.referral,
            advice.also_referred,
            advice.also_alliances,
        ), place
