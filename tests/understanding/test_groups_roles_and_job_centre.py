"""Target groups, wave 7 of #12 (understand12h): people coming back to the district (like those
coming back to the region) are no people returning to their profession."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.groups.finder import GroupFinder


@pytest.fixture(scope="module")
def finder(kb: KnowledgeBase) -> GroupFinder:
    return GroupFinder(kb.target_groups)


def _groups(finder: GroupFinder, text: str) -> set[str]:
    return {hit.group for hit in finder.find(text, running_text=True)}


@pytest.mark.parametrize(
    "text",
    [
        "Rückkehrer-Tage und ein Jobportal für Leute, die wieder in den Landkreis zurückkommen",
        "Rückkehrer-Tage für alle, die in den Landkreis zurückkommen möchten",
        "Heimkehrer-Messe: Rückkehrer, die in die Region zurückkommen wollen",
        "a job fair for returners who want to come back to the district",
    ],
)
def test_coming_back_to_the_district_is_no_return_to_work(finder: GroupFinder, text: str) -> None:
    assert "berufsrueckkehrende" not in _groups(finder, text)


@pytest.mark.parametrize(
    "text",
    [
        "Rückkehrerinnen nach der Elternzeit, die wieder in den Beruf wollen",
        "Berufsrückkehrerinnen aus dem Landkreis",
        "returners to work after a career break",
    ],
)
def test_returning_to_work_is_still_read(finder: GroupFinder, text: str) -> None:
    assert "berufsrueckkehrende" in _groups(finder, text)


def _answer(finder: GroupFinder, text: str) -> set[str]:
    return {hit.group for hit in finder.find(text, running_text=False)}


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # English chefs are cooks: trained "as chefs" it is their role, not the bosses
        ("young people from abroad who want to train as chefs", {"schueler", "zugewanderte"}),
        ("refugees who want to become chefs", {"gefluechtete"}),
        ("Geflüchtete als Chefs de Cuisine", {"gefluechtete"}),
    ],
)
def test_an_organisation_word_as_the_role_people_take_is_no_group(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert _answer(finder, text) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Schüler sollen Kontakte zu Betrieben knüpfen", {"schueler", "unternehmen"}),
        ("Chefs und Azubis", {"unternehmen", "auszubildende"}),
        ("Azubis und Betriebe", {"auszubildende", "unternehmen"}),
    ],
)
def test_organisations_beside_people_still_count(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert _answer(finder, text) == groups


@pytest.mark.parametrize(
    "text",
    [
        # people the job centre sends are its clients: out of work (understand12g's open miss)
        "Nachwuchs und Quereinsteiger vom Jobcenter",
        "Menschen, die uns das Jobcenter schickt",
        "Teilnehmende, die vom Jobcenter vermittelt werden",
        "people referred by the job centre",
    ],
)
def test_people_the_job_centre_sends_are_out_of_work(finder: GroupFinder, text: str) -> None:
    assert "arbeitslose" in _answer(finder, text)
    assert "arbeitslose" in _groups(finder, text)


@pytest.mark.parametrize(
    "text",
    [
        "Wir bekommen Unterstützung vom Jobcenter für Schüler",
        "Quereinsteiger aus der Industrie",
    ],
)
def test_the_job_centre_as_a_partner_names_nobody_out_of_work(
    finder: GroupFinder, text: str
) -> None:
    assert "arbeitslose" not in _groups(finder, text)
