"""A period typed alone at the co-financing question is no way of financing (review11: "36
monate", sent one question after the duration, was stored as "Kofinanzierung: 36 monate")."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, key_text, walk_to


@pytest.mark.parametrize(
    ("text", "language"), [("36 monate", "de"), ("ca. 2 Jahre", "de"), ("18 months", "en")]
)
def test_a_period_is_asked_back(engine: DialogEngine, text: str, language: Language) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "cofinancing", {})
    reply = driver.text(text)
    assert key_text("sponsor.cofinancing.a_period", language, text=text) in reply, reply
    assert driver.step == "cofinancing" and "cofinancing" not in driver.state.answers


@pytest.mark.parametrize(
    "text",
    [
        "30 % Eigenmittel",
        "Landkreis übernimmt 20 %",
        "20.000 € aus Eigenmitteln",
        "3 Jahre lang der Landkreis",
    ],
)
def test_ways_of_financing_are_taken(engine: DialogEngine, text: str) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "cofinancing", {})
    driver.text(text)
    assert driver.state.answers["cofinancing"].text == text, driver.plain
