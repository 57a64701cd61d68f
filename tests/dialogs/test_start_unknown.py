"""A start the sponsor cannot name yet (#12 point 4): the re-ask says when a start is
realistic and offers months and "Weiß ich noch nicht"; a second answer without a month moves
on with a provisional start, shown and correctable — the dialog never stays stuck at the start.
"""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, key_text, walk_to

PLANNED = "05/2027"
"""25 November 2026, no meeting dates entered: chapter 6's at least two meetings a year."""

UNREADABLE = [
    ("nach der Bewilligung", "de"),
    ("sobald der Bescheid da ist", "de"),
    ("keine Ahnung", "de"),
    ("once we get the funding", "en"),
    ("not sure yet", "en"),
]


@pytest.mark.parametrize(("text", "language"), UNREADABLE)
def test_a_start_without_a_month_is_asked_again_with_realistic_months(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start")
    reply = driver.text(text)
    assert driver.step == "start" and "start" not in driver.state.answers
    assert key_text("sponsor.start.why_rhythm", language, per_year=2) in reply
    labels = driver.button_labels
    assert key_text("sponsor.start.earliest_option", language, month=PLANNED) in labels
    months = [label for label in labels if label[0].isdigit()]
    assert months[1:] == ["07/2027", "10/2027", "01/2028"]
    assert key_text("sponsor.start.unknown", language) in labels


@pytest.mark.parametrize(("text", "language"), UNREADABLE)
def test_a_second_answer_without_a_month_moves_on_with_a_provisional_start_shown(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start")
    driver.text(text)
    reply = driver.text(text)
    assert driver.step == "duration"
    assert driver.value("start") == "2027-05"
    assert key_text("sponsor.start.provisional", language, start="05/2027") in reply
    assert "fix:start" in driver.actions


@pytest.mark.parametrize("language", ["de", "en"])
def test_not_sure_yet_tapped_moves_on_and_a_month_tapped_is_taken(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start")
    driver.text("hängt von der Bewilligung ab" if language == "de" else "depends on the approval")
    driver.press_label(key_text("sponsor.start.unknown", language))
    assert driver.step == "duration" and driver.value("start") == "2027-05"

    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start")
    driver.text("nach der Bewilligung" if language == "de" else "after approval")
    driver.press_label("10/2027")
    assert driver.step == "duration" and driver.value("start") == "2027-10"


# --- a year alone, several dates, a question back, anything else: never asked a third time --

SECOND_ANSWERS = [
    # (first answer, second answer, language, provisional start)
    ("2027", "2027", "de", "2027-05"),
    ("irgendwann 2027", "wie gesagt 2027, genauer weiß ichs nicht", "de", "2027-05"),
    ("sometime in 2028", "2028", "en", "2028-01"),
    ("März oder April 2027", "März oder April 2027", "de", "2027-03"),
    ("either March or April 2027", "one of those", "en", "2027-03"),
    ("hallo", "hallo", "de", "2027-05"),
    ("je nachdem wann bewilligt wird", "ja", "de", "2027-05"),
    ("depends on when it gets approved", "hmm", "en", "2027-05"),
]


@pytest.mark.parametrize(("first", "second", "language", "start"), SECOND_ANSWERS)
def test_a_second_answer_without_a_month_never_loops(
    engine: DialogEngine, first: str, second: str, language: Language, start: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start")
    driver.text(first)
    assert driver.step == "start" and "start" not in driver.state.answers
    assert key_text("sponsor.start.unknown", language) in driver.button_labels
    reply = driver.text(second)
    assert driver.step == "duration"
    assert driver.value("start") == start
    month = f"{start[5:]}/{start[:4]}"
    assert key_text("sponsor.start.provisional", language, start=month) in reply
    assert "fix:start" in driver.actions  # shown with its correction button


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_year_alone_offers_its_realistic_months_and_a_month_next_lies_in_it(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start")
    reply = driver.text("2027")
    assert key_text("sponsor.start.year_help", language, start=PLANNED) in reply
    assert driver.button_labels[:3] == [PLANNED, "07/2027", "10/2027"]
    driver.text("dann im Mai" if language == "de" else "let's say May then")
    assert driver.step == "duration" and driver.value("start") == "2027-05"

    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start")
    driver.text("2028")
    driver.text("im März" if language == "de" else "March")
    assert driver.value("start") == "2028-03"  # not the next March


@pytest.mark.parametrize("language", ["de", "en"])
def test_two_dates_offer_both_and_one_of_them_is_taken(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start")
    reply = driver.text("01.03.2027 oder 01.04.2027")
    assert key_text("sponsor.start.several_help", language, start="03/2027") in reply
    assert driver.button_labels[:2] == ["03/2027", "04/2027"]
    driver.text("nehmen wir den 1.4." if language == "de" else "April")
    assert driver.step == "duration" and driver.value("start") == "2027-04"


QUESTION = {
    "de": "Wann können wir denn frühestens anfangen?",
    "en": "when is the earliest we could start?",
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_question_back_is_answered_with_buttons_and_never_asked_a_third_time(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start")
    reply = driver.text(QUESTION[language])
    assert driver.step == "start" and "start" not in driver.state.answers
    assert key_text("sponsor.start.why_rhythm", language, per_year=2) in reply
    assert key_text("sponsor.start.unknown", language) in driver.button_labels
    # asked again at the re-ask: answered once more, with the provisional month as a button
    reply = driver.text(QUESTION[language])
    assert driver.step == "start" and "start" not in driver.state.answers
    option = key_text("sponsor.start.provisional_option", language, month=PLANNED)
    assert driver.button_labels[0] == option
    assert key_text("sponsor.start.question_help", language, start=PLANNED) in reply
    # a third time: answered, and the dialog moves on with the provisional start, shown
    reply = driver.text(QUESTION[language])
    assert driver.step == "duration" and driver.value("start") == "2027-05"
    assert key_text("sponsor.start.provisional", language, start=PLANNED) in reply
    assert "fix:start" in driver.actions


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_provisional_button_after_a_question_takes_that_month(
    engine: DialogEngine, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start")
    driver.text("2027")
    driver.text(QUESTION[language])
    driver.press_label(key_text("sponsor.start.provisional_option", language, month=PLANNED))
    assert driver.step == "duration" and driver.value("start") == "2027-05"
