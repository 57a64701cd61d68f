"""Wave 5 of #12, in both languages: causes of one question too many removed.

- A short idea is enough once whom it is for is known and it names what happens.
- A language switch on a thin idea says why more is needed (and keeps what was said); "rather
  not say" at an optional question skips it in the language it is said in.
- The project's facts typed at the title question are taken, not stored as the title.
- Groups in an organisation's name ("women's network") are no target groups; named after
  "für"/"for" they are.
"""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, key_text, walk_to

SHORT_IDEA = {
    "de": "Sprachkurs mit Kinderbetreuung und Jobcoaching",
    "en": "Language course with childcare and job coaching",
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_short_idea_for_a_known_group_is_enough(engine: DialogEngine, language: Language) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "idea")
    assert "target_group" in driver.state.answers
    driver.text(SHORT_IDEA[language])
    assert driver.step == "title"
    assert driver.value("idea") == SHORT_IDEA[language]


@pytest.mark.parametrize(
    ("language", "idea"), [("de", "Ein Projekt für Frauen"), ("en", "a project for women")]
)
def test_a_very_short_idea_is_still_asked_about(
    engine: DialogEngine, language: Language, idea: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "idea")
    reply = driver.text(idea)
    assert driver.step == "idea"
    assert key_text("sponsor.idea.thin", language) in reply


def test_switching_to_english_on_a_thin_idea_says_why_and_keeps_it(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "idea")
    reply = driver.text("A new project for young people")
    assert driver.language == "en"
    assert key_text("sponsor.idea.thin", "en") in reply
    assert driver.state.partial == "A new project for young people"


def test_rather_not_say_in_english_skips_an_optional_question(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "organisation")
    driver.text("rather not say")
    assert driver.language == "en"
    assert "organisation" not in driver.state.answers
    assert driver.step == "target_group"


FACTS = {
    "de": "Geplant ab Februar 2027, 24 Monate, ca. 160.000 € insgesamt.",
    "en": "Planned from February 2027 for 24 months, about EUR 160,000 in total.",
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_facts_at_the_title_question_are_taken_not_stored_as_title(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "title")
    reply = driver.text(FACTS[language])
    assert "title" not in driver.state.answers
    assert driver.value("costs") == 160_000
    assert driver.value("duration") == 24
    assert driver.value("start") == "2027-02"
    assert driver.step == "title"
    assert key_text("sponsor.title.facts", language) in reply
    assert "fix:costs" in driver.actions
    driver.text({"de": "nein", "en": "no"}[language])
    assert "title" not in driver.state.answers
    assert driver.step not in ("title", "costs", "start", "duration")


@pytest.mark.parametrize(
    ("language", "name"), [("de", "Senioren-Netzwerk"), ("en", "women's network")]
)
def test_groups_in_an_organisations_name_are_no_target_groups(
    engine: DialogEngine, language: Language, name: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "organisation")
    driver.text(name)
    assert "target_group" not in driver.state.answers
    assert driver.step == "target_group"


@pytest.mark.parametrize(
    ("language", "text"),
    [("de", "Verein für Alleinerziehende"), ("en", "a charity for single parents")],
)
def test_groups_an_organisation_works_for_are_read(
    engine: DialogEngine, language: Language, text: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "organisation")
    driver.text(text)
    value = driver.value("target_group")
    assert isinstance(value, dict) and value["ids"] == ["frauen"]
