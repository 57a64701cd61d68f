"""#12 (understand12p), in both languages: the question budget at the idea question. An idea
that says what is done for whom is enough, however short; a group alone, or a group with
"something" or "a project" for it, is still asked about. Costs typed at the title question are
no title."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, walk_to

WHAT_FOR_WHOM = {
    "de": ["Paten für Azubis", "Mentoren für Azubis im Handwerk", "Lotsen für Geflüchtete"],
    "en": [
        "supported employment trials for long-term unemployed people",
        "mentors for apprentices",
        "buddies for refugees",
    ],
}
NOT_WHAT = {
    "de": ["Ein Projekt für Geflüchtete", "was für Jugendliche", "Hilfe für Azubis"],
    "en": ["a project for refugees", "something for young people", "help for apprentices"],
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_an_idea_that_says_what_is_done_for_whom_is_taken_however_short(
    engine: DialogEngine, language: Language
) -> None:
    for idea in WHAT_FOR_WHOM[language]:
        driver = DialogDriver.started(engine, language)
        walk_to(driver, "idea")
        driver.text(idea)
        assert driver.step == "title", (idea, driver.plain)
        assert driver.value("idea") == idea


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_group_without_what_is_done_for_it_is_still_asked_about(
    engine: DialogEngine, language: Language
) -> None:
    for idea in NOT_WHAT[language]:
        driver = DialogDriver.started(engine, language)
        walk_to(driver, "idea")
        driver.text(idea)
        assert driver.step == "idea", (idea, driver.plain)
        assert "idea" not in driver.state.answers


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "ach so, kostet ca. 35.000"),
        ("de", "das Ganze kostet wohl 35.000"),
        ("en", "oh and it costs about 35,000"),
    ],
)
def test_costs_said_at_the_title_question_are_no_title(
    engine: DialogEngine, language: Language, text: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "title")
    driver.text(text)
    assert "title" not in driver.state.answers, driver.plain
