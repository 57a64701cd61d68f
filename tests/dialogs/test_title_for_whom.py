"""An answer at the title question that says only whom the project is for (#12 point 1): "it's
for young refugees really" is no title — the target groups it names are taken and shown, the
title is asked again and "nein" then skips it. A name with a word of its own before its "für"
("Zukunft für junge Geflüchtete") stays the title. In German and English."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, key_text, walk_to

FOR_WHOM = [
    ("das ist für junge Geflüchtete gedacht", "de", "nein"),
    ("eigentlich für Alleinerziehende", "de", "nein"),
    ("it's for young refugees really", "en", "no"),
    ("mainly for single parents", "en", "no"),
]


@pytest.mark.parametrize(("text", "language", "no"), FOR_WHOM)
def test_whom_it_is_for_at_the_title_question_is_taken_as_the_target_groups(
    engine: DialogEngine, text: str, language: Language, no: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "title")
    before = driver.value("target_group")
    reply = driver.text(text)
    assert "title" not in driver.state.answers
    assert driver.step == "title"
    assert key_text("sponsor.title.for_whom", language) in reply
    groups = driver.value("target_group")
    assert groups != before
    assert isinstance(groups, dict)
    assert set(groups["ids"]) & {"gefluechtete", "frauen"}
    driver.text(no)
    assert "title" not in driver.state.answers
    assert driver.step != "title"


@pytest.mark.parametrize(
    ("text", "language"),
    [("Zukunft für junge Geflüchtete", "de"), ("Fresh Start for Single Parents", "en")],
)
def test_a_name_with_a_word_of_its_own_before_for_whom_stays_the_title(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "title")
    driver.text(text)
    assert driver.state.answers["title"].text == text
