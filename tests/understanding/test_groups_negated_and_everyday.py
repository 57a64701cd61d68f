"""Target groups, wave 5 of #12: negated groups are none ("nicht an Azubis", "not for
apprentices"), "nicht nur" / "not just" names them; everyday words for groups added in both
languages; an apprenticeship sought is a goal, not a group; people the project works with
beside another group are partners; only staff and apprentices are "sought" by companies."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.groups.finder import GroupFinder


@pytest.fixture(scope="module")
def finder(kb: KnowledgeBase) -> GroupFinder:
    return GroupFinder(kb.target_groups)


NEGATED = [
    ("Pflegekräfte, die schon länger dabei sind, nicht an Azubis", {"beschaeftigte"}),
    ("keine Schüler, sondern Jugendliche", {"schueler"}),
    ("Geflüchtete, nicht für Studierende", {"gefluechtete"}),
    ("experienced nurses, not apprentices", {"beschaeftigte"}),
    ("older workers, no students", {"aeltere", "beschaeftigte"}),
    ("nicht nur Azubis, auch die Gesellen in den Betrieben", {"auszubildende", "beschaeftigte"}),
    ("not just apprentices but also the journeymen", {"auszubildende", "beschaeftigte"}),
    ("not only refugees but all newcomers", {"gefluechtete", "zugewanderte"}),
    # a negation inside the group's own words is part of them
    ("Menschen ohne Job und Frauen, die keine Arbeit haben", {"arbeitslose", "frauen"}),
    ("people with no job", {"arbeitslose"}),
    ("nicht erwerbstätige Frauen", {"arbeitslose", "frauen"}),
]


@pytest.mark.parametrize(("text", "groups"), NEGATED)
def test_a_negated_group_is_none(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text)) == groups


EVERYDAY = [
    ("hausfrauen die nach jahren wieder arbeiten gehen wollen", {"berufsrueckkehrende"}),
    ("housewives who want to work again", {"berufsrueckkehrende"}),
    ("Leute nach Burnout oder Depressionen", {"menschen-mit-beeintraechtigung"}),
    ("people with long covid", {"menschen-mit-beeintraechtigung"}),
    ("the long-term sick", {"menschen-mit-beeintraechtigung"}),
    ("job centre clients", {"arbeitslose"}),
    ("Jobcenterkunden", {"arbeitslose"}),
    ("tradesmen in mid-career", {"beschaeftigte"}),
    ("Lagerhelfer und Erntehelfer", {"beschaeftigte"}),
    ("Menschen mit wenig Deutschkenntnissen", {"zugewanderte"}),
    ("people with limited German", {"zugewanderte"}),
    ("Pflegehilfskräfte von den Philippinen", {"beschaeftigte", "zugewanderte"}),
    ("nursing assistants from India", {"beschaeftigte", "zugewanderte"}),
    ("trainee nurses in their first year", {"auszubildende"}),
]


@pytest.mark.parametrize(("text", "groups"), EVERYDAY)
def test_everyday_words_of_wave_5(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text)) == groups


NO_GROUP = [
    # what people do or seek is no group of people
    ("train teachers so they know the local apprenticeships better", {"lehrkraefte"}),
    ("Mentoring so fewer apprentices drop out", {"auszubildende"}),
    ("Sozialarbeiter begleiten Jugendliche", {"schueler"}),
    # partners: people the project works with, beside whom it is for
    ("Wir möchten mit Lehrkräften der BBS Azubis im Handwerk unterstützen.", {"auszubildende"}),
    ("We want to work with teachers to help pupils find jobs.", {"schueler"}),
]

DESCRIBED = [
    # "mit"/"with" after a group, or before a relative clause, describes the people
    (
        "Frauen mit Behinderung und Azubis mit Lernschwierigkeiten",
        {"frauen", "auszubildende", "menschen-mit-beeintraechtigung"},
    ),
    (
        "a charity working with women who have been out of work since having children",
        {"frauen", "arbeitslose", "berufsrueckkehrende"},
    ),
    ("Wir arbeiten mit Geflüchteten.", {"gefluechtete"}),
    # companies hiring people a project helps: those people are its target group (the staff
    # they seek are not: "internationale Pflegekräfte gewinnen" names immigrants)
    (
        "Wir wollen Arbeitgebern zeigen, wie sie Menschen mit Behinderung einstellen können.",
        {"menschen-mit-beeintraechtigung"},
    ),
    (
        "Das Klinikum will internationale Pflegekräfte gewinnen und einarbeiten.",
        {"zugewanderte"},
    ),
]


@pytest.mark.parametrize(("text", "groups"), DESCRIBED)
def test_people_described_or_hired_are_the_target_group(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text, running_text=True)) == groups


@pytest.mark.parametrize(("text", "groups"), NO_GROUP)
def test_words_that_only_look_like_groups(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text, running_text=True)) == groups
