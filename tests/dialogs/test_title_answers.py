"""At the title question (#12): a description is no title (asked once more, skippable), a title
not found yet is skipped, a title named with "wir nennen es intern …" is taken without its
words around it — in German and English."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, key_text, walk_to


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("wir wollen halt jugendliche in eine ausbildung bringen", "de"),
        ("we want to help refugees into care jobs", "en"),
    ],
)
def test_a_description_is_asked_back_and_can_be_skipped(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "title")
    reply = driver.text(text)
    assert driver.step == "title" and "title" not in driver.state.answers
    assert key_text("sponsor.title.description", language) in reply
    driver.press("skip")
    assert driver.step != "title" and "title" not in driver.state.answers


@pytest.mark.parametrize(
    ("text", "language"),
    [("Titel kommt noch", "de"), ("irgendwas mit Zukunft", "de"), ("haven't got one yet", "en")],
)
def test_no_title_yet_skips_the_question(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "title")
    driver.text(text)
    assert driver.step != "title" and "title" not in driver.state.answers


@pytest.mark.parametrize(
    ("text", "language", "title"),
    [
        ("wir nennen es intern 'Azubi-Kompass'", "de", "Azubi-Kompass"),
        ("der titel soll fachkräfte für morgen sein", "de", "fachkräfte für morgen"),
        ("the title will be Skills Bridge", "en", "Skills Bridge"),
    ],
)
def test_a_named_title_is_taken_without_the_words_around_it(
    engine: DialogEngine, text: str, language: Language, title: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "title")
    driver.text(text)
    assert driver.value("title") == title
