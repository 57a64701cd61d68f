"""The project's facts typed at a question for a name or a kind (#12 point 1): "Kosten wären so
45.000, Laufzeit ein Jahr" at the organisation question is taken as the costs and the duration
and shown, the organisation asked again — not stored as an organisation of the kind "other";
at the title question it is no title. A total with "ein Jahr" beside it is the duration, not the
period of the amount. In German and English."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, key_text, walk_to

FACTS = [
    ("Kosten wären so 45.000, Laufzeit ein Jahr", "de", 45_000, 12),
    ("die Kosten sind ca. 80.000, Laufzeit zwei Jahre", "de", 80_000, 24),
    ("costs would be around 60000, duration two years", "en", 60_000, 24),
]


@pytest.mark.parametrize(("text", "language", "costs", "months"), FACTS)
def test_facts_at_the_organisation_question_are_taken_and_it_is_asked_again(
    engine: DialogEngine, text: str, language: Language, costs: int, months: int
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "organisation")
    reply = driver.text(text)
    assert "organisation" not in driver.state.answers
    assert driver.step == "organisation"
    assert key_text("sponsor.organisation.facts", language) in reply
    assert driver.value("costs") == costs
    assert driver.value("duration") == months
    driver.text("Kreishandwerkerschaft")
    assert driver.value("organisation") == "chamber"
    assert driver.step not in ("costs", "duration")


@pytest.mark.parametrize(("text", "language", "costs", "months"), FACTS)
def test_facts_at_the_title_question_are_no_title(
    engine: DialogEngine, text: str, language: Language, costs: int, months: int
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "title")
    reply = driver.text(text)
    assert "title" not in driver.state.answers
    assert key_text("sponsor.title.facts", language) in reply
    assert driver.value("costs") == costs
    assert driver.value("duration") == months


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Bildungsträger, seit 20 Jahren in Hameln", "de"),
        ("wir sind ein kleiner Verein, seit 20 Jahren aktiv", "de"),
        ("a small charity, running for 5 years", "en"),
    ],
)
def test_one_fact_beside_what_the_sponsor_is_stays_the_organisation(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "organisation")
    driver.text(text)
    assert driver.state.answers["organisation"].text == text
    assert driver.step != "organisation"
