""" "zurück" typed without its slash goes back (review11): at the organisation question it was
stored as the kind of organisation („zurück“ eingeordnet als: Sonstige), and every later answer
landed one question off (the place as the target group, the kind as the idea)."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, walk_to


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("zurück", "de"),
        ("Zurück!", "de"),
        ("zurueck bitte", "de"),
        ("back", "en"),
        ("Go back", "en"),
    ],
)
@pytest.mark.parametrize(("step", "before"), [("organisation", "region"), ("title", "idea")])
def test_a_typed_back_goes_back_and_stores_nothing(
    engine: DialogEngine, text: str, language: Language, step: str, before: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, step, {})
    answers = dict(driver.state.answers)
    driver.text(text)
    assert driver.step == before
    assert step not in driver.state.answers
    assert {k: a for k, a in driver.state.answers.items() if k != before} == {
        k: a for k, a in answers.items() if k != before
    }


@pytest.mark.parametrize("text", ["Zurück in den Beruf", "Back to work"])
def test_a_title_that_begins_with_the_word_is_a_title(engine: DialogEngine, text: str) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "title", {})
    driver.text(text)
    assert driver.state.answers["title"].text == text
