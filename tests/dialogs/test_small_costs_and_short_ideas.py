"""Wave 7 of #12 (understand12h), in both languages: the question budget. A small amount that
cannot be a year is taken as the total costs (shown, with a way to correct it), not asked back;
a bare number that reads as a year still is, and an amount per period is never the total."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, walk_to

SMALL = {
    "de": ["8.000", "6.000 Euro", "5000", "9.000 €", "genau 4.500"],
    "en": ["8,000", "EUR 6,000", "5000", "€9,000", "exactly 4,500"],
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_small_amount_that_is_no_year_is_taken_and_shown(
    engine: DialogEngine, language: Language
) -> None:
    for text in SMALL[language]:
        driver = DialogDriver.started(engine, language)
        walk_to(driver, "costs")
        driver.text(text)
        assert driver.step == "start", (text, driver.plain)
        assert 1000 <= driver.value("costs") < 10_000, text
        assert "fix:costs" in driver.actions, "shown, with a way to correct it"


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("text", ["2024", "2027", "1999"])
def test_a_bare_number_that_reads_as_a_year_is_still_asked_back(
    engine: DialogEngine, language: Language, text: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "costs")
    driver.text(text)
    assert driver.step == "costs"
    assert "costs" not in driver.state.answers


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_small_amount_per_month_is_still_no_total(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "costs")
    driver.text("8.000 im Monat" if language == "de" else "8,000 a month")
    assert driver.value("costs") == {"per": "month", "amount": 8000}


def test_a_small_amount_in_an_opening_message_is_read(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    driver.text(
        "Hallo,\n- Verein: TSV Springe\n- Zielgruppe: Jugendliche ohne Ausbildungsplatz\n"
        "- Idee: Bewerbungstraining im Vereinsheim\n- Kosten: 7.000 €\n- Start: März 2027, 1 Jahr"
    )
    assert driver.value("costs") == 7000


OPENINGS = {
    "de": "Hallo liebes Team, ich leite einen ambulanten Pflegedienst in Springe und wir finden "
    "keine Leute mehr.",
    "en": "Hello, I manage a small SME in Hameln and we cannot find apprentices anymore.",
}


@pytest.mark.parametrize(("language", "kind"), [("de", "care"), ("en", "company")])
def test_a_sender_who_leads_the_organisation_is_not_asked_for_its_kind(
    engine: DialogEngine, language: Language, kind: str
) -> None:
    driver = DialogDriver.started(engine, language)
    driver.text(OPENINGS[language])
    assert driver.value("organisation") == kind
    assert driver.step != "organisation"
    assert "fix:organisation" in driver.actions, "shown, with a way to correct it"


LONG_IDEAS = {
    "de": "Eine Rückkehrer-Initiative, die weggezogene Leute mit Jobangeboten und Hilfe bei der "
    "Wohnungssuche zurück nach Holzminden holt.",
    "en": "we pay for the bus driving licence for people on benefits and they get a contract "
    "with us afterwards",
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_an_idea_of_many_words_is_taken_though_no_term_is_known(
    engine: DialogEngine, language: Language
) -> None:
    # "that is a little short" would be untrue: the sponsor said what happens in a sentence
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "idea")
    driver.text(LONG_IDEAS[language])
    assert driver.step == "title", driver.plain
    assert driver.value("idea") == LONG_IDEAS[language]


@pytest.mark.parametrize("text", ["bla bla bla bla bla bla bla bla bla", "x y z a b c d e f g"])
def test_many_words_that_say_nothing_are_still_asked_about(engine: DialogEngine, text: str) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "idea")
    driver.text(text)
    assert driver.step == "idea"
    assert "idea" not in driver.state.answers


TERSE_IDEAS = {
    "de": ["MINT-Kurse und Betriebsbesuche", "Anerkennungsberatung und Nachqualifizierung"],
    "en": ["mentoring and internships", "Jobcoaching and language courses"],
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_three_words_naming_two_things_that_happen_are_enough_for_a_known_group(
    engine: DialogEngine, language: Language
) -> None:
    # German compounds say in one word what takes three in English
    for idea in TERSE_IDEAS[language]:
        driver = DialogDriver.started(engine, language)
        walk_to(driver, "idea")
        assert driver.state.answers["target_group"].value, "whom it is for is known"
        driver.text(idea)
        assert driver.step == "title", (idea, driver.plain)
        assert driver.value("idea") == idea


# "Coaching für Frauen" says what is done for whom: enough since understand12p
# (tests/dialogs/test_short_ideas_for_whom.py); a project or help for a group says not what.
@pytest.mark.parametrize("idea", ["Ein Projekt für Frauen", "Hilfe für Frauen"])
def test_three_words_naming_nothing_that_happens_are_still_asked_about(
    engine: DialogEngine, idea: str
) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "idea")
    driver.text(idea)
    assert driver.step == "idea"
