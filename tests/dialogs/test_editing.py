"""Changing answers from the summary: straight back to it, whatever the edit made necessary;
skipping an answered question; what the summary lists after an edit."""

from __future__ import annotations

from tests.dialogs.conftest import DialogDriver, complete, key_text

JUSTIFICATION = "Das Projekt wirkt in allen vier Landkreisen und braucht dafür vier Coaches."


def edit(driver: DialogDriver, step: str) -> str:
    driver.press("summary:edit")
    return driver.press(f"edit:{step}")


def test_back_from_the_justification_an_edit_made_necessary_returns_to_the_costs(
    driver: DialogDriver,
) -> None:
    complete(driver, {"costs": "300.000 €"})
    answers = dict(driver.state.answers)
    edit(driver, "costs")
    driver.text("900.000 €")
    assert driver.step == "cap_raises_grant"
    driver.text("Ja")
    assert driver.step == "justification"

    reply = driver.command("back")
    assert driver.step == "costs", "back to the question being edited"
    assert driver.state.editing, "still editing: the summary comes next"
    assert "Bisherige Antwort: 900.000 €" in reply

    reply = driver.text("400.000")
    assert driver.step == "summary", "straight back, not on through start and duration"
    assert key_text("summary.title") in reply
    assert driver.value("costs") == 400_000
    for step in ("region", "idea", "start", "duration", "cofinancing"):
        assert driver.state.answers[step] == answers[step]
    asked = [s.step for s in driver.states[-5:]]
    assert asked == ["costs", "cap_raises_grant", "justification", "costs", "summary"]


def test_back_twice_from_that_justification_ends_on_the_summary(driver: DialogDriver) -> None:
    complete(driver, {"costs": "300.000 €"})
    edit(driver, "costs")
    driver.text("900.000 €")
    driver.command("back")
    driver.command("back")
    assert driver.step == "summary"
    assert not driver.state.editing
    # The summary says what is open instead of walking through the questions again.
    assert key_text("summary.status.needs_justification") in driver.plain


def test_cancel_during_that_justification_returns_to_the_summary(driver: DialogDriver) -> None:
    complete(driver, {"costs": "300.000 €"})
    edit(driver, "costs")
    driver.text("900.000 €")
    driver.command("cancel")
    assert driver.step == "summary"
    assert not driver.state.paused


def test_editing_the_justification_itself_goes_back_to_the_summary(driver: DialogDriver) -> None:
    complete(driver, {"costs": "900.000 €", "justification": JUSTIFICATION})
    edit(driver, "costs")  # leaves "costs" last in the history
    driver.press("keep")
    assert driver.step == "summary"
    edit(driver, "justification")
    driver.command("back")
    assert driver.step == "summary", "not to the costs: the justification was chosen itself"


def test_a_justification_of_costs_since_lowered_is_not_listed(driver: DialogDriver) -> None:
    complete(driver, {"costs": "900.000 €", "justification": JUSTIFICATION})
    label = key_text("sponsor.justification.label")
    assert f"{label}: {JUSTIFICATION}" in driver.plain
    edit(driver, "costs")
    driver.text("400.000 €")
    assert driver.step == "summary"
    assert label not in driver.plain
    assert JUSTIFICATION not in driver.plain
    # Kept for later: raised again, it is offered as the answer so far.
    edit(driver, "costs")
    driver.text("900.000 €")
    assert driver.step == "summary", "the justification on record is used again"
    assert f"{label}: {JUSTIFICATION}" in driver.plain


def test_skipping_an_answered_question_says_the_answer_is_removed(driver: DialogDriver) -> None:
    complete(driver, {"cofinancing": "30 % Eigenmittel"})
    driver.command("back")
    assert driver.step == "cofinancing"
    reply = driver.command("skip")
    assert "cofinancing" not in driver.state.answers
    assert key_text("sponsor.skip.removed", answer="30 % Eigenmittel") in reply


def test_skipping_an_unanswered_question_says_nothing_was_removed(driver: DialogDriver) -> None:
    complete(driver)
    driver.press("summary:complete")
    assert driver.step == "need"
    reply = driver.command("skip")
    assert "entfernt" not in reply
