"""#12, wave 8 (understand12m), in both languages: the question budget. A short answer to the
idea question after a first message that said for whom and what is wrong is read together
with that message, not asked about once more ("tell me more" would ask for what was said); an
answer that says nothing is still asked about, and after a place given on its own a short idea
is asked about as before."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, key_text, walk_to

OPENING = {
    "de": "Guten Tag, Bäckerei in Holzminden. Unsere Auszubildenden im Verkauf brechen oft "
    "schon im ersten Jahr ab, weil im Laden niemand Zeit für sie hat.",
    "en": "Hi, care home in Springe. Our trainee nurses often quit in their first year because "
    "nobody on the ward has time to guide them.",
}
SHORT = {"de": "Paten aus dem Team", "en": "a mentor for every trainee"}
NOTHING = {"de": "asdf", "en": "asdf"}
ABOUT = {"de": "Auszubildenden im Verkauf", "en": "trainee nurses"}


def _at_idea(engine: DialogEngine, language: Language, opening: str) -> DialogDriver:
    driver = DialogDriver.started(engine, language)
    driver.text(opening)
    walk_to(driver, "idea")
    return driver


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_short_idea_after_a_describing_opening_is_taken_with_it(
    engine: DialogEngine, language: Language
) -> None:
    driver = _at_idea(engine, language, OPENING[language])
    reply = driver.text(SHORT[language])
    assert driver.step != "idea", driver.plain
    idea = driver.state.answers["idea"].text
    assert SHORT[language] in idea
    assert ABOUT[language] in idea, "what the first message said about the project"
    assert key_text("sponsor.idea.with_opening", language) in reply


@pytest.mark.parametrize("language", ["de", "en"])
def test_an_answer_that_says_nothing_is_still_asked_about(
    engine: DialogEngine, language: Language
) -> None:
    driver = _at_idea(engine, language, OPENING[language])
    driver.text(NOTHING[language])
    assert driver.step == "idea"
    assert "idea" not in driver.state.answers


@pytest.mark.parametrize("language", ["de", "en"])
def test_after_a_place_alone_a_short_idea_is_asked_about_as_before(
    engine: DialogEngine, language: Language
) -> None:
    driver = _at_idea(engine, language, "Holzminden")
    # without whom it is for ("a mentor for every trainee" says it: enough on its own)
    driver.text({"de": "Paten aus dem Team", "en": "a mentor from the team"}[language])
    assert driver.step == "idea"
    assert "idea" not in driver.state.answers


SHORT_OPENING = {
    "de": (
        "Moin, Tischlerei in Rinteln. Unsere Gesellen brauchen Weiterbildung in CNC-Technik.",
        "Kurse in CNC-Technik",
    ),
    "en": (
        "hi, joinery in rinteln. our journeymen need training in cnc machining",
        "courses in cnc machining",
    ),
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_short_describing_sentence_in_the_opening_counts_too(
    engine: DialogEngine, language: Language
) -> None:
    opening, short = SHORT_OPENING[language]
    driver = _at_idea(engine, language, opening)
    driver.text(short)
    assert driver.step != "idea", driver.plain
    assert short in driver.state.answers["idea"].text


INTRODUCED = {
    "de": "Hallo, wir sind ein Bildungsträger in Holzminden. Unsere Auszubildenden im Verkauf "
    "brechen oft schon im ersten Jahr ab, weil im Laden niemand Zeit für sie hat.",
    "en": "Hello, we are a care home in Springe. Our trainee nurses often quit in their first "
    "year because nobody on the ward has time to guide them.",
}
INTRODUCTION = {"de": "wir sind ein Bildungsträger", "en": "we are a care home"}


@pytest.mark.parametrize("language", ["de", "en"])
def test_who_the_sponsor_is_is_no_part_of_the_idea(
    engine: DialogEngine, language: Language
) -> None:
    driver = _at_idea(engine, language, INTRODUCED[language])
    driver.text(SHORT[language])
    idea = driver.state.answers["idea"].text
    assert ABOUT[language] in idea and SHORT[language] in idea
    assert INTRODUCTION[language] not in idea.lower()
