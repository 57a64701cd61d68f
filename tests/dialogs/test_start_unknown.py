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
