"""Answers that say little or too much: never taken silently, always told what was understood."""

from __future__ import annotations

import pytest

from bot.core.events import Press, Text
from bot.core.outputs import RequestHandoff
from bot.texts.formats import Count
from tests.dialogs.conftest import DialogDriver, complete, key_text, walk_to

# --- target group -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["x", "15", "a b", "Ü 1"])
def test_a_target_group_that_names_nobody_is_asked_again(driver: DialogDriver, text: str) -> None:
    walk_to(driver, "target_group")
    reply = driver.text(text)
    assert driver.step == "target_group"
    assert "target_group" not in driver.state.answers
    assert key_text("sponsor.target_group.unclear", text=text) in reply
    assert driver.reply.buttons, "the choices stay"


def test_own_words_without_a_known_group_are_taken_and_said_so(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    reply = driver.text("Menschen mit Sehbehinderung")
    assert driver.step == "idea"
    assert driver.value("target_group") == {"ids": [], "text": "Menschen mit Sehbehinderung"}
    assert key_text("sponsor.target_group.own_words") in reply


def test_target_groups_are_named_in_english_in_english(engine) -> None:  # type: ignore[no-untyped-def]
    driver = DialogDriver.started(engine, "en")
    walk_to(driver, "target_group")
    reply = driver.text("Ältere Arbeitslose")
    assert "Understood as target group:" in reply
    assert "Older people" in reply or "older" in reply.lower(), reply
    assert "Ältere" not in reply.split("Understood as target group:")[1].split(".")[0]

    driver.command("back")
    # going back keeps what was understood ticked; one more is ticked besides
    driver.press_label("Women")
    driver.press("done")
    assert driver.acknowledged == ["Older people, Unemployed people, Women"]
    complete(driver)
    answers = driver.plain.split("Your answers")[1].split("Pre-check")[0]
    line = answers.split("Target group: ")[1].split("\n")[0]
    assert all(g in line for g in ("Older people", "Unemployed people", "Women")), line
    # The same stored answer reads in German once the sponsor switches.
    driver.command("language", "de")
    driver.command("summary")
    line = driver.plain.split("Zielgruppe: ")[1].split("\n")[0]
    assert "Frauen" in line and "Arbeitslose" in line, line


# --- the idea ---------------------------------------------------------------------------------


def test_a_meaningless_addition_to_a_thin_idea_is_not_taken(driver: DialogDriver) -> None:
    walk_to(driver, "idea")
    driver.text("Fachkräfte")
    reply = driver.text("asdf")
    assert driver.step == "idea"
    assert "idea" not in driver.state.answers
    assert driver.state.partial == "Fachkräfte", "the first text is kept, the noise is not"
    assert key_text("sponsor.idea.still_thin") in reply


def test_a_complete_rewrite_replaces_a_thin_first_text_that_said_nothing(
    driver: DialogDriver,
) -> None:
    walk_to(driver, "idea")
    driver.text("kurz")
    idea = (
        "Wir qualifizieren alleinerziehende Frauen in Teilzeit zur Pflegefachassistenz, mit "
        "Kinderbetreuung und Coaching, zusammen mit dem Jobcenter Hildesheim."
    )
    reply = driver.text(idea)
    assert driver.step == "title"
    assert driver.value("idea") == idea, "not glued behind “kurz”"
    assert key_text("sponsor.idea.taken_anyway") not in reply


# --- costs and duration -----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2024", "2030", "1998"])  # amounts that read as years
def test_very_low_costs_are_asked_back(driver: DialogDriver, text: str) -> None:
    walk_to(driver, "costs")
    reply = driver.text(text)
    assert driver.step == "costs"
    assert "costs" not in driver.state.answers
    assert "sehr wenig" in reply and "Jahreszahl" in reply
    # Confirmed, the amount is taken.
    driver.press(driver.actions[0])
    assert driver.step != "costs", driver.plain
    assert isinstance(driver.value("costs"), int) and driver.value("costs") < 10_000


def test_a_duration_beyond_the_rules_is_flagged_at_once(driver: DialogDriver) -> None:
    walk_to(driver, "duration", {"start": "12/2025"})
    reply = driver.text("99 Monate")
    assert driver.step == "cofinancing", "taken: the summary's pre-check explains the rest"
    assert (
        key_text("sponsor.duration.too_long", months=Count(99, "months"), max=Count(36, "months"))
        in reply
    )


def test_a_duration_ending_after_the_deadline_is_flagged_at_once(driver: DialogDriver) -> None:
    walk_to(driver, "duration", {"start": "03/2027"})
    reply = driver.text("30 Monate")
    assert "08/2029" in reply and "31.12.2028" in reply
    driver.command("back")
    reply = driver.text("18 Monate")
    assert "Hinweis" not in reply


def test_a_period_ending_too_late_gives_both_notes(driver: DialogDriver) -> None:
    walk_to(driver, "duration")
    reply = driver.text("01/2027 bis 12/2029")
    assert key_text("sponsor.duration.period", start="01/2027", months=Count(36, "months")) in reply
    assert "12/2029" in reply and "31.12.2028" in reply


# --- consent typed instead of tapped ----------------------------------------------------------


def to_consent(driver: DialogDriver) -> None:
    complete(driver)
    driver.press("summary:handoff")
    driver.answer("Bildungswerk Garbsen", "Projektleitung", "info@bildungswerk.example")
    assert driver.step == "consent"


@pytest.mark.parametrize("text", ["ja", "Ja!", "yes", "OK"])
def test_yes_typed_at_the_consent_sends(driver: DialogDriver, text: str) -> None:
    to_consent(driver)
    outputs = driver.send(Text(text))
    assert outputs == [RequestHandoff("handoff")]


@pytest.mark.parametrize("text", ["nein", "No"])
def test_no_typed_at_the_consent_sends_nothing(driver: DialogDriver, text: str) -> None:
    to_consent(driver)
    reply = driver.text(text)
    assert driver.step == "summary"
    assert key_text("handoff.not_sent") in reply


def test_other_text_at_the_consent_points_to_the_buttons(driver: DialogDriver) -> None:
    to_consent(driver)
    before = driver.state
    reply = driver.text("Was passiert dann?")
    assert driver.state == before
    assert key_text("handoff.use_buttons") in reply
    assert {"consent:yes", "consent:no"} <= set(driver.actions)
    # The buttons of the preview still count.
    driver.send(Press("consent", "consent:no"))
    assert driver.step == "summary"
