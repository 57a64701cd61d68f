"""The several-choice question: ticks toggle in place, "done" confirms, own words are read."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, key_text, walk_to


def offered_groups(kb: KnowledgeBase) -> list[str]:
    return [g.label for g in kb.target_groups if g.offered]


def test_every_offered_group_is_a_button_with_done(driver: DialogDriver, kb: KnowledgeBase) -> None:
    walk_to(driver, "target_group")
    labels = offered_groups(kb)
    assert driver.button_labels[: len(labels)] == labels
    assert driver.actions[: len(labels)] == [f"pick:{i}" for i in range(len(labels))]
    assert "done" in driver.actions
    assert "skip" not in driver.actions


def test_a_tick_toggles_in_place(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    # the organisation's correction button belongs to the first reply only
    actions = [a for a in driver.actions if not a.startswith("fix:")]
    answers = dict(driver.state.answers)

    driver.press_label("Frauen")
    assert driver.step == "target_group"
    assert driver.state.ticked == ["frauen"]
    assert driver.reply.replaces_pressed, "the pressed message is updated, not repeated"
    assert driver.acknowledged == []
    assert "✓ Frauen" in driver.button_labels
    assert driver.actions == actions, "positions stay the same while ticking"
    assert driver.state.answers == answers, "nothing is stored before done"

    driver.press_label("Geflüchtete")
    assert driver.state.ticked == ["frauen", "gefluechtete"]
    assert {"✓ Frauen", "✓ Geflüchtete"} <= set(driver.button_labels)

    driver.press_label("✓ Frauen")
    assert driver.reply.replaces_pressed
    assert driver.state.ticked == ["gefluechtete"]
    assert "Frauen" in driver.button_labels
    assert "✓ Frauen" not in driver.button_labels
    assert driver.actions == actions


def test_done_stores_the_ticked_groups(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    driver.press_label("Auszubildende")
    driver.press_label("Lehrkräfte")
    driver.press("done")
    assert driver.step == "idea"
    assert driver.acknowledged == ["Auszubildende, Lehrkräfte"]
    assert driver.value("target_group") == {"ids": ["auszubildende", "lehrkraefte"], "text": ""}
    assert driver.state.ticked == []
    assert driver.state.answers["target_group"].text == "Auszubildende, Lehrkräfte"


def test_done_with_nothing_ticked_is_refused(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    before = driver.state
    reply = driver.press("done")
    assert driver.state == before
    assert key_text("sponsor.target_group.none_ticked") in reply
    assert driver.reply.step == "target_group"
    assert "done" in driver.actions

    # Ticking one and unticking it again leaves nothing ticked either.
    driver.press_label("Frauen")
    driver.press_label("✓ Frauen")
    driver.press("done")
    assert driver.step == "target_group"
    assert "target_group" not in driver.state.answers


def test_ticks_are_shown_with_english_labels(engine) -> None:  # type: ignore[no-untyped-def]
    driver = DialogDriver.started(engine, "en")
    walk_to(driver, "target_group")
    assert "Women" in driver.button_labels
    driver.press_label("Women")
    assert "✓ Women" in driver.button_labels
    driver.press("done")
    assert driver.value("target_group") == {"ids": ["frauen"], "text": ""}


def test_own_words_after_ticking_join_the_ticks_and_say_so(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    driver.press_label("Studierende")
    reply = driver.text("Ältere Arbeitslose über 55")
    assert driver.step == "idea"
    assert driver.state.ticked == []
    value = driver.value("target_group")
    assert isinstance(value, dict)
    assert value["text"] == "Ältere Arbeitslose über 55"
    assert value["ids"][0] == "studierende", "the tick is not silently dropped"
    assert {"aeltere", "arbeitslose"} <= set(value["ids"])
    assert "Ihre Beschreibung und Ihre Auswahl habe ich zusammen übernommen" in reply
    assert "Studierende" in reply


def test_target_groups_in_own_words_are_recognised(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    reply = driver.text("Alleinerziehende Frauen ohne Berufsabschluss und Geflüchtete")
    assert driver.step == "idea"
    value = driver.value("target_group")
    assert isinstance(value, dict)
    assert {"frauen", "gefluechtete"} <= set(value["ids"])
    assert value["text"] == "Alleinerziehende Frauen ohne Berufsabschluss und Geflüchtete"
    assert "Verstanden als Zielgruppe:" in reply
    assert "Frauen" in reply and "Geflüchtete" in reply


def test_target_group_in_words_not_recognised_is_kept_as_written(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    reply = driver.text("Menschen aus dem Landkreis")
    assert driver.step == "idea"
    assert driver.value("target_group") == {"ids": [], "text": "Menschen aus dem Landkreis"}
    assert "Verstanden als Zielgruppe" not in reply


@pytest.mark.parametrize(
    ("text", "language"),
    [("alle eigentlich", "de"), ("für jeden", "de"), ("everyone really", "en")],
)
def test_everyone_is_asked_again_for_whom_the_project_is_mainly(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "target_group")
    reply = driver.text(text)
    assert driver.step == "target_group" and "target_group" not in driver.state.answers
    assert key_text("sponsor.target_group.everyone", language) in reply
    driver.text("Arbeitslose und Geringqualifizierte" if language == "de" else "unemployed people")
    assert driver.step != "target_group"


@pytest.mark.parametrize(
    ("described", "idea", "language", "group"),
    [
        (
            "Leute, die bei uns was Neues anfangen wollen",
            "Wir bieten Geflüchteten aus der Region Sprachkurse und Praktika in Betrieben an,"
            " damit sie dort eine Ausbildung beginnen",
            "de",
            "gefluechtete",
        ),
        (
            "folks who want a fresh start here",
            "We offer language classes and internships with local employers for refugees so"
            " that they can start an apprenticeship",
            "en",
            "gefluechtete",
        ),
    ],
)
def test_groups_described_in_other_words_are_read_from_the_idea_and_shown(
    engine: DialogEngine, described: str, idea: str, language: Language, group: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "target_group")
    driver.text(described)
    value = driver.value("target_group")
    assert isinstance(value, dict) and value["ids"] == []
    reply = driver.text(idea)
    value = driver.value("target_group")
    assert isinstance(value, dict) and group in value["ids"]
    assert value["text"] == described, "the sponsor's words are kept"
    assert key_text("sponsor.target_group.from_idea", language, groups="")[:30] in reply
    assert "fix:target_group" in driver.actions


def test_ticked_groups_are_not_changed_by_the_idea(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "target_group")
    driver.press("pick:0")
    driver.press("done")
    ticked = driver.value("target_group")
    driver.text(
        "Wir bieten Geflüchteten aus der Region Sprachkurse und Praktika in Betrieben an,"
        " damit sie dort eine Ausbildung beginnen"
    )
    assert driver.value("target_group") == ticked
