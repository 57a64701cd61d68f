"""A first message of unlabelled points that says what is done (#12 point 1): the idea
question is not asked again; a list without what is done still asks it. In German and
English."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver

LISTS = [
    (
        "Kurz zu uns:\n"
        "• Volkshochschule Nienburg\n"
        "• Teilnehmende: Erwachsene ohne Berufsabschluss, die schon im Lager arbeiten\n"
        "• Abendkurse bis zum anerkannten Berufsabschluss\n"
        "• ca. 90.000 € pro Jahr, 2 Jahre ab September 2027",
        "de",
    ),
    (
        "Hi, quick overview:\n"
        "• we're the adult education centre in Nienburg\n"
        "• participants: adults without a vocational qualification who work in warehouses\n"
        "• evening classes towards a recognised qualification\n"
        "• approx. EUR 90k per year, 2 years, from September 2027",
        "en",
    ),
]


@pytest.mark.parametrize(("text", "language"), LISTS)
def test_a_listed_point_saying_what_is_done_is_the_idea(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    driver.text(text)
    assert "idea" in driver.state.answers
    assert driver.step != "idea"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kurz:\n- Verein aus Hameln\n- Alleinerziehende ohne Abschluss\n- ab März 2027", "de"),
        ("Notes:\n- charity in Hameln\n- single parents without a job\n- from May 2027", "en"),
    ],
)
def test_a_list_without_what_is_done_asks_for_the_idea(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    driver.text(text)
    assert "idea" not in driver.state.answers
