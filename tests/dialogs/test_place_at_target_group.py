"""A place typed at the target-group question is no target group (review11: "Hameln", typed
after the bot said the place lay elsewhere, was stored as whom the project is for: „Übernommen
… Ihre Beschreibung geht unverändert in den Entwurf“, and the summary said "Zielgruppe:
Hameln"). Words for people are never read as places there, not even as close spellings."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, key_text, walk_to


@pytest.mark.parametrize(
    ("text", "language"), [("Hameln", "de"), ("Hildesheim", "de"), ("Hanover", "en")]
)
def test_a_place_is_asked_back_not_stored_as_the_target_group(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "target_group", {})
    reply = driver.text(text)
    assert key_text("sponsor.target_group.a_place", language, text=text) in reply, reply
    assert driver.step == "target_group" and "target_group" not in driver.state.answers


@pytest.mark.parametrize(
    "text",
    [
        "Senioren",
        "Azubis",
        "Menschen aus Hameln",
        "Jugendliche in Sarstedt",
        "Lehrer",
        "Eltern",
        "Pendler",
        "Landwirte",
        "Alleinerziehende",
        "Handwerker",
    ],
)
def test_people_are_still_taken(engine: DialogEngine, text: str) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "target_group", {})
    driver.text(text)
    assert "target_group" in driver.state.answers, driver.plain
