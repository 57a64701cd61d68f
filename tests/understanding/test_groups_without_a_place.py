"""People named by what they lack are not the group of what they lack: young people without an
apprenticeship place are school leavers, not apprentices; young people neither working nor
training (NEETs) are out of work; young adults are no pupils (#12, understand12q)."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.groups.finder import GroupFinder


@pytest.fixture(scope="module")
def finder(kb: KnowledgeBase) -> GroupFinder:
    return GroupFinder(kb.target_groups)


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("junge Leute, die nach dem Sommer immer noch ohne Lehrstelle dastehen", {"schueler"}),
        ("jugendliche ohne ausbildungsplatz ein jahr lang begleiten", {"schueler"}),
        ("people without an apprenticeship place", {"schueler"}),
        (
            "Jugendliche ohne Ausbildungsplatz und Azubis im ersten Lehrjahr",
            {"schueler", "auszubildende"},
        ),
    ],
)
def test_without_an_apprenticeship_place_is_no_apprentice(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text, running_text=True)) == groups


@pytest.mark.parametrize(
    "text",
    [
        "Wir wollen NEETs erreichen, also junge Leute zwischen 18 und 25.",
        "junge Menschen unter 25, die weder einen Job noch einen Ausbildungsplatz haben",
        "we do outreach to neets who dropped off every radar after school",
        "young people who are neither working nor in training",
    ],
)
def test_neither_working_nor_training_is_out_of_work(finder: GroupFinder, text: str) -> None:
    assert "arbeitslose" in finder.groups(text, running_text=True)


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("We offer workshops for unemployed young adults in Schaumburg", {"arbeitslose"}),
        ("Coaching für junge Erwachsene ohne Job", {"arbeitslose"}),
    ],
)
def test_young_adults_are_no_pupils(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text, running_text=True)) == groups
