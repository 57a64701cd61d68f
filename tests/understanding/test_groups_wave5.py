"""Target groups, wave 5 of #12: negated groups are none ("nicht an Azubis", "not for
apprentices"), "nicht nur" / "not just" names them; everyday words for groups added in both
languages; an apprenticeship sought is a goal, not a group; people the project works with
beside another group are partners; only staff and apprentices are "sought" by companies."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.groups import GroupFinder


@pytest.fixture(scope="module")
def finder(kb: KnowledgeBase) -> GroupFinder:
    return GroupFinder(kb.target_groups)


NEGATED = [
    ("Pflegekräfte, die schon länger dabei sind, nicht an Azubis", {"beschaeftigte"}),
    ("keine Schüler, sondern junge Erwachsene", {"schueler"}),
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
    # occupations as people name them, and feminine forms of listed words
    ("Bäcker und Konditoren, die den Meister machen wollen", {"beschaeftigte"}),
    ("Dachdecker und Zimmerer", {"beschaeftigte"}),
    ("hairdressers and bakers", {"beschaeftigte"}),
    ("Facharbeiterin", {"beschaeftigte"}),
    ("Facharbeiterinnen", {"beschaeftigte", "frauen"}),
    ("Solo-Selbstständige", {"gruendende"}),
    ("Menschen mit Duldung", {"gefluechtete"}),
    ("Leute, die bald in Rente gehen", {"aeltere"}),
    ("Doktorandinnen und Doktoranden", {"studierende"}),
    ("Migrationhintergrund", {"zugewanderte"}),  # a typo at the question
    ("the elderly and over-55s", {"aeltere"}),
    ("Heranwachsende", {"schueler"}),
    ("single dads", {"frauen"}),  # the group of single parents
    ("Jobcenter-Klienten", {"arbeitslose"}),
    # coming back to the region is no return to work
    ("Rückkehrer in die Region", set()),
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
    # who the sponsor is, and a title before a name, are no target group
    (
        "Ich bin Lehrerin an einer BBS und möchte mit meinen Schülern ein Projekt machen.",
        {"schueler"},
    ),
    ("we are retired engineers and want to coach refugees", {"gefluechtete"}),
    (
        "Als Mutter weiß ich, wie schwer es ist – wir wollen Frauen nach der Elternzeit helfen.",
        {"frauen", "berufsrueckkehrende"},
    ),
    (
        "Sehr geehrte Frau Schmidt, wir möchten ein Projekt für Azubis einreichen.",
        {"auszubildende"},
    ),
    ("Ich bin selbst Rentner und möchte mit anderen Senioren Jugendlichen helfen.", {"schueler"}),
    ("Unsere Azubis sollen Schülern ihren Beruf zeigen.", {"schueler"}),
    # a group word in an organisation's name
    (
        "Hi, we're a women's network in Hameln and want to help refugee women into jobs.",
        {"gefluechtete", "frauen"},
    ),
    ("We are a youth charity in Hameln.", set()),
    ("Das Senioren-Netzwerk Hameln will Azubis begleiten.", {"auszubildende"}),
    # the staff a company seeks, also in a main clause
    ("Wir suchen dringend Fachinformatiker und wollen deshalb Schüler begeistern.", {"schueler"}),
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
