"""Wave 7 of #12 (understand12f), in both languages: a correction sent at the title question is
no title, a dash there skips it, and a country people come from beside the place is not asked
about."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, key_text, walk_to

CORRECTION = {
    "de": "Korrektur: nicht für Arbeitslose, sondern für Frauen mit Migrationsgeschichte",
    "en": "Sorry, correction: not for jobseekers, it is for migrant women",
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_correction_at_the_title_question_is_no_title(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "title")
    reply = driver.text(CORRECTION[language])
    assert "title" not in driver.state.answers
    assert driver.step == "title"
    assert key_text("sponsor.title.correction", language) in reply


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_dash_at_the_title_question_skips_it(engine: DialogEngine, language: Language) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "title")
    driver.text("–")
    assert "title" not in driver.state.answers
    assert driver.step == "costs"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Wir sind ein Verpackungsbetrieb bei Nienburg. Viele Kollegen kommen aus Polen."),
        ("en", "We are a packaging plant near Nienburg. Many colleagues are from Poland."),
    ],
)
def test_a_country_people_come_from_is_not_asked_about(
    engine: DialogEngine, language: Language, text: str
) -> None:
    driver = DialogDriver.started(engine, language)
    driver.text(text)
    region = driver.value("region")
    assert isinstance(region, dict) and region["district"] == "nienburg"
    assert driver.step != "region"


GROUP_CORRECTION = {
    "de": "Sorry, nicht Langzeitarbeitslose – es geht um Frauen nach der Elternzeit",
    "en": "Sorry, not the long-term unemployed - it is about women returning to work",
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_correction_replaces_the_earlier_answer_and_shows_it(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "title")
    group = driver.value("target_group")
    assert isinstance(group, dict) and group["ids"] == ["arbeitslose"]
    driver.text(GROUP_CORRECTION[language])
    corrected = driver.value("target_group")
    assert isinstance(corrected, dict)
    assert "arbeitslose" not in corrected["ids"]
    assert {"frauen", "berufsrueckkehrende"} <= set(corrected["ids"])
    assert "fix:target_group" in driver.actions, "shown, with a way to correct it"
    assert "title" not in driver.state.answers


def test_an_answer_that_corrects_nothing_fills_only_gaps(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "title")
    driver.text("Frauen nach der Elternzeit")
    group = driver.value("target_group")
    assert isinstance(group, dict) and group["ids"] == ["arbeitslose"]


def test_a_place_corrected_at_the_next_question_replaces_the_place(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "organisation", {"region": "Hameln"})
    driver.text("ach sorry, wir sitzen in Holzminden, nicht in Hameln! Wir sind ein Verein")
    region = driver.value("region")
    assert isinstance(region, dict) and region["district"] == "holzminden"
    assert "fix:region" in driver.actions


QUESTION_WHAT_TO_DO = {
    "de": "Wir haben kein Geld. Was muss man da machen?",
    "en": "We have no money. What should we put here?",
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_what_to_do_at_a_question_is_explained_not_stored(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "cofinancing")
    reply = driver.text(QUESTION_WHAT_TO_DO[language])
    assert "cofinancing" not in driver.state.answers
    assert driver.step == "cofinancing"
    assert key_text("sponsor.cofinancing.help", language) in reply
