"""#12, wave 8 (understand12k), in both languages: a first message that describes the project
without a verb of intent ("Projekt: …", notes, "We'd run …") answers the idea question, shown
with the rest of what was read, so the idea is not asked again; a first message that says
only who writes keeps the idea question."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, key_text, walk_to

DESCRIBED = {
    "de": "Mentoringprogramm für Azubis im Handwerk, Landkreis Hameln-Pyrmont, 2 Jahre, 150.000 €",
    "en": "The project is a mobile careers bus that visits rural schools in the district of"
    " Nienburg with local employers on board.",
}
NO_PROJECT = {
    "de": "Moin, hier ist Sabine Krüger aus Stadthagen.",
    "en": "Hello, Maria Schulz here, from Nienburg.",
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_described_project_is_not_asked_for_again(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    reply = driver.text(DESCRIBED[language])
    assert driver.value("idea") == DESCRIBED[language]
    assert key_text("sponsor.idea.label", language) in reply
    walk_to(driver, "title")
    asked = [state.step for state in driver.states]
    assert "idea" not in asked
    assert driver.value("idea") == DESCRIBED[language]


@pytest.mark.parametrize("language", ["de", "en"])
def test_who_writes_is_no_idea(engine: DialogEngine, language: Language) -> None:
    driver = DialogDriver.started(engine, language)
    driver.text(NO_PROJECT[language])
    assert "idea" not in driver.state.answers
    assert "region" in driver.state.answers


def test_a_heading_over_nothing_is_no_idea(engine: DialogEngine) -> None:
    # the reader offers it, the idea question's own parser finds nothing said
    driver = DialogDriver.started(engine, "de")
    driver.text("Projekt für Hameln: kommt noch")
    assert "idea" not in driver.state.answers
