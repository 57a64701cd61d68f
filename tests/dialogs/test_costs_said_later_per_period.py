"""Wave 7 of #12 (understand12g), in both languages: costs said later to be per year or month
(at any question, without "€" or a cost word) replace the total given before."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, walk_to

AT_DURATION = {
    "de": "drei Jahre – die 120.000 waren übrigens pro Jahr",
    "en": "three years - the 120,000 was per year by the way",
}
AT_START = {
    "de": "ab März 2027. ach und die 120.000 sind pro Jahr, nicht gesamt",
    "en": "from March 2027. oh and the 120,000 is per year, not in total",
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_costs_said_per_year_at_the_duration_question_make_the_total(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "duration", {"costs": "120.000" if language == "de" else "120,000"})
    assert driver.value("costs") == 120_000
    driver.text(AT_DURATION[language])
    assert driver.value("duration") == 36
    assert driver.value("costs") == 360_000
    assert "fix:costs" in driver.actions, "shown, with a way to correct it"


@pytest.mark.parametrize("language", ["de", "en"])
def test_costs_said_per_year_at_the_start_question_count_once_the_duration_is_known(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start", {"costs": "120.000" if language == "de" else "120,000"})
    driver.text(AT_START[language])
    assert driver.value("start") == "2027-03"
    walk_to(driver, "cofinancing", {"duration": "24 Monate" if language == "de" else "24 months"})
    assert driver.value("costs") == 240_000


def test_a_number_a_year_that_is_no_money_is_no_costs(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "duration", {"costs": "120.000"})
    driver.text("drei Jahre, mit 12 Azubis pro Jahr")
    assert driver.value("costs") == 120_000


def test_a_second_opening_message_correcting_the_costs_per_year(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    driver.text(
        "Moin, wir sind eine Bäckerei in Alfeld und wollen Azubis aus Marokko holen. "
        "Kosten etwa 50.000."
    )
    assert driver.value("costs") == 50_000
    driver.text("Korrektur: das sind 50.000 jährlich. Zwei Jahre soll es gehen.")
    assert driver.value("duration") == 24
    assert driver.value("costs") == 100_000


AT_IDEA = {
    "de": (
        "sorry, bei der Zielgruppe hab ich mich vertan: es sind Frauen nach der Elternzeit. "
        "Idee: Teilzeitausbildung im Einzelhandel mit flexiblen Schichten."
    ),
    "en": (
        "My mistake about the target group: it is women returning after parental leave. "
        "Idea: part-time training in retail with flexible shifts."
    ),
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_correction_at_the_idea_question_replaces_the_target_group(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "idea")
    driver.text(AT_IDEA[language])
    group = driver.value("target_group")
    assert isinstance(group, dict)
    assert "arbeitslose" not in group["ids"]
    assert "berufsrueckkehrende" in group["ids"]
    assert "fix:target_group" in driver.actions, "shown, with a way to correct it"


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_later_start_said_as_an_afterthought_at_the_last_question(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "cofinancing", {"start": "10/2027", "duration": "12 Monate"})
    assert driver.value("start") == "2027-10"
    text = {
        "de": "Eigenmittel. Ach ja: der Start ist doch erst Januar 2028, nicht Oktober.",
        "en": "Own funds. My mistake earlier: the start is January 2028, not October.",
    }[language]
    driver.text(text)
    assert driver.value("start") == "2028-01"


@pytest.mark.parametrize("language", ["de", "en"])
def test_hildesheims_plate_code_at_the_place_question(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    driver.text("HI")
    region = driver.value("region")
    assert isinstance(region, dict) and region["district"] == "hildesheim"
    assert driver.step != "region"
