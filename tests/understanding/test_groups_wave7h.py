"""Target groups, wave 7 of #12 (understand12h): people coming back to the district (like those
coming back to the region) are no people returning to their profession."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.groups import GroupFinder


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
