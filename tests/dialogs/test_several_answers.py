"""Several answers from one message (#12 items 1–6 wired into the engine), in both languages:
what was read is stored only when confident, shown in one message with a button per answer to
correct it, and only what is missing is asked; a total from costs per period is confirmed with a
button; a non-answer skips an optional question; English switches the dialog; going back into
the target groups keeps the ticks."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, complete, key_text, walk_to

EVERYTHING = {
    "de": (
        "Wir sind ein Jugendhilfeträger aus Hameln und wollen ab Herbst 2027 zwei Jahre lang "
        "junge Leute ohne Ausbildungsplatz in Betriebe vermitteln, Kosten rund 240.000 €"
    ),
    "en": (
        "Hello, we are based in Hameln and would like to help refugees find apprenticeships "
        "from April 2027 for 24 months, budget EUR 240k"
    ),
}
UNDERSTOOD = {"de": "Verstanden:", "en": "Understood:"}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_first_message_that_says_everything_fills_every_answer_it_carries(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    reply = driver.text(EVERYTHING[language])
    assert driver.value("costs") == 240_000
    assert driver.value("duration") == 24
    assert driver.value("start") in ("2027-09", "2027-04")
    region = driver.value("region")
    assert isinstance(region, dict) and region["district"] == "hameln-pyrmont"
    # one message says what was read, with its values as understood ...
    assert reply.count(UNDERSTOOD[language]) == 1
    assert "240.000 €" in reply or "EUR 240,000" in reply
    assert "24" in reply and ("Hameln" in reply)
    # ... and a button per answer to correct it
    for step in ("region", "costs", "start", "duration"):
        assert f"fix:{step}" in driver.actions
    # only what is missing is asked: the kind of organisation or the title, never the costs
    assert driver.step in ("organisation", "title")
    complete(driver)
    asked = {s.step for s in driver.states}
    assert not {"costs", "start", "duration"} & asked


@pytest.mark.parametrize("language", ["de", "en"])
def test_an_answer_read_from_a_message_is_corrected_with_its_button(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    driver.text(EVERYTHING[language])
    waiting = driver.step
    reply = driver.press("fix:costs")
    assert driver.step == "costs"
    assert key_text("sponsor.costs.prompt", language).split()[0] in reply
    assert "keep" in driver.actions, "the answer read stands until changed"
    driver.text("250.000 €")
    assert driver.value("costs") == 250_000
    assert driver.step == waiting, "back to the question that was open"


def test_an_unsure_reading_is_not_stored(engine: DialogEngine) -> None:
    # lower-case, no marker: "hameln" might be a word; the place is asked, not taken unseen
    driver = DialogDriver.started(engine)
    driver.text("wir wollen was mit jugendlichen machen")
    assert "region" not in driver.state.answers
    assert driver.step == "region"


@pytest.mark.parametrize(
    ("language", "period", "button"),
    [("de", "180.000 € jährlich", "Ja, 360.000 € insgesamt"), ("en", "EUR 180k per year", "")],
)
def test_a_total_from_costs_per_period_is_shown_with_a_button_to_confirm_it(
    engine: DialogEngine, language: Language, period: str, button: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "costs")
    driver.text(period)
    assert isinstance(driver.value("costs"), dict), "no total before the duration is known"
    walk_to(driver, "duration")
    driver.text("24 Monate" if language == "de" else "24 months")
    assert driver.value("costs") == 360_000
    labels = driver.button_labels
    confirm = button or "Yes, EUR 360,000 in total"
    assert any(confirm in label for label in labels), labels
    assert "fix:costs" in driver.actions
    step = driver.step
    driver.press("confirm")
    assert driver.step == step and driver.value("costs") == 360_000
    assert "confirm" not in driver.actions


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_costs_question_can_be_corrected_from_the_total(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "costs")
    driver.text("15.000 € im Monat" if language == "de" else "EUR 15,000 a month")
    walk_to(driver, "duration")
    driver.text("20 Monate" if language == "de" else "20 months")
    assert driver.value("costs") == 300_000
    driver.press("fix:costs")
    assert driver.step == "costs"
    driver.text("280.000 €")
    assert driver.value("costs") == 280_000


@pytest.mark.parametrize(
    ("text", "language"),
    [("Hameln, 04/2027 bis 03/2028", "de"), ("Hameln, from 04/2027 to 03/2028", "en")],
)
def test_a_range_in_a_first_message_sets_start_and_duration(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    driver.text(text)
    assert driver.value("start") == "2027-04"
    assert driver.value("duration") == 12


@pytest.mark.parametrize(
    ("text", "language"), [("04/2027 bis 03/2029", "de"), ("04/2027 to 03/2029", "en")]
)
def test_a_range_at_the_start_question_does_not_ask_the_duration_again(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start", {"costs": "300.000 €"})
    driver.text(text)
    assert driver.value("duration") == 24
    assert driver.step == "cofinancing"
    assert "fix:duration" in driver.actions


@pytest.mark.parametrize(
    ("text", "language"), [("bis Ende 2028", "de"), ("until the end of 2028", "en")]
)
def test_an_end_at_the_duration_question_counts_from_the_start(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "duration", {"costs": "300.000 €"})
    driver.text(text)
    assert driver.value("duration") == 24  # 01/2027 to 12/2028


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Good morning, could we do this in English?", "de"),
        ("Guten Morgen, geht das auf Deutsch?", "en"),
    ],
)
def test_a_request_for_the_other_language_switches_at_the_first_question(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    driver.text(text)
    assert driver.language != language
    assert driver.step == "region" and "region" not in driver.state.answers


def test_an_english_first_message_switches_to_english(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    reply = driver.text("Hello, we are a training provider from Hameln")
    assert driver.language == "en"
    assert "Your local alliance" in reply


@pytest.mark.parametrize("language", ["de", "en"])
def test_going_back_into_the_target_groups_keeps_the_ticks(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "target_group")
    driver.press("pick:0")
    driver.press("pick:1")
    driver.press("done")
    ticked = driver.value("target_group")
    assert driver.step == "idea"
    driver.command("back")
    assert driver.step == "target_group"
    assert sum(label.startswith("✓") for label in driver.button_labels) == 2
    driver.press("done")
    assert driver.step == "idea" and driver.value("target_group") == ticked


def test_a_german_answer_later_in_an_english_dialog_offers_german_in_one_tap(
    engine: DialogEngine,
) -> None:
    driver = DialogDriver.started(engine, "en")
    walk_to(driver, "target_group")
    driver.text("Ältere Beschäftigte in kleinen Betrieben")
    assert driver.language == "en", "offered, not switched"
    assert "lang:de" in driver.actions
    driver.press("lang:de")
    assert driver.language == "de"


def test_an_english_answer_later_switches_at_once_with_a_tap_back_to_german(
    engine: DialogEngine,
) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "target_group")
    reply = driver.text("older workers in small companies")
    assert driver.language == "en", "switched without a question"
    groups = driver.value("target_group")
    assert driver.step == "idea" and isinstance(groups, dict)
    assert set(groups["ids"]) == {"aeltere", "beschaeftigte"}
    assert "You are writing in English" in reply
    assert "lang:de" in driver.actions
    driver.press("lang:de")
    assert driver.language == "de" and driver.step == "idea"
    # German chosen: a later English answer is taken, the language stays.
    driver.text("Older workers learn the new machines and pass their knowledge on to trainees")
    assert driver.language == "de"


def test_an_english_answer_does_not_switch_once_german_was_chosen(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    driver.command("language", "de")
    walk_to(driver, "target_group")
    driver.text("older workers in small companies")
    assert driver.language == "de"


@pytest.mark.parametrize(
    "text",
    [
        "Hi, wir sind ein Startup aus Hannover und machen Coding Bootcamps",
        "Team Lead Coaching",
        "Home Office",
        "Social Media Kurs",
    ],
)
def test_german_with_english_words_stays_german(engine: DialogEngine, text: str) -> None:
    driver = DialogDriver.started(engine, "de")
    driver.text(text)
    assert driver.language == "de"


@pytest.mark.parametrize(
    ("language", "costs", "duration", "cofinancing", "why"),
    [
        ("de", "200.000 € pro Jahr", "3 Jahre", "Jobcenter", "Wir arbeiten in der ganzen Region."),
        ("en", "EUR 200k per year", "3 years", "the job centre", "We work in the whole region."),
    ],
)
def test_a_total_over_the_cap_asks_the_justification_and_keeps_later_answers(
    engine: DialogEngine, language: Language, costs: str, duration: str, cofinancing: str, why: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "costs")
    driver.text(costs)
    walk_to(driver, "duration")
    driver.text(duration)
    assert driver.value("costs") == 600_000
    driver.text(cofinancing)
    # Chapter 5: a justification only where the excess raises the grant, so that comes first.
    assert driver.step == "cap_raises_grant"
    driver.text("Ja" if language == "de" else "Yes")
    assert driver.step == "justification"
    driver.text(f"{why} {why}")
    assert driver.step == "summary", "start, duration and co-financing are not asked again"
    assert driver.value("cofinancing") == cofinancing
