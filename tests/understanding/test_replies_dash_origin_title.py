"""Replies, places and titles, wave 7 of #12 (understand12f): what cost new sponsors a question
or stored a wrong value — a dash for "none", a country people come from beside the place, a
correction sent at the title question, "Arbeitstitel wäre „…“"."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.periods import parse_duration
from bot.understanding.places import InRegion, PlaceResolver
from bot.understanding.replies import Kind, classify
from bot.understanding.result import Understood
from bot.understanding.titles import clean_title, corrects


@pytest.mark.parametrize("text", ["-", "–", "—", "/", "---", "./.", " - "])
def test_a_dash_alone_says_none(text: str) -> None:
    assert classify(text, "title").kind is Kind.NO


@pytest.mark.parametrize("text", [".", "?", "!!"])
def test_other_marks_alone_stay_noise(text: str) -> None:
    assert classify(text, "title").kind is Kind.NOISE


@pytest.mark.parametrize(
    "text",
    [
        "Hello, I'm on the works council of a packaging plant near Nienburg. Many of our"
        " colleagues are from Poland and Romania and their German is basic.",
        "Wir sind ein Betrieb bei Nienburg. Viele Kollegen kommen aus Polen.",
    ],
)
def test_a_country_people_come_from_is_not_the_place(kb: KnowledgeBase, text: str) -> None:
    resolved = PlaceResolver(kb).resolve(text)
    assert isinstance(resolved, Understood)
    assert isinstance(resolved.value, InRegion)
    assert resolved.value.district_id == "nienburg"


def test_a_country_alone_is_still_abroad(kb: KnowledgeBase) -> None:
    resolved = PlaceResolver(kb).resolve("Polen")
    assert isinstance(resolved, Understood)
    assert not isinstance(resolved.value, InRegion)


@pytest.mark.parametrize(
    "text",
    [
        "Korrektur: 80.000 pro Jahr, nicht insgesamt. Laufen soll es zwei Jahre.",
        "Sorry, nicht Arbeitslose allgemein – es geht um Frauen mit Migrationsgeschichte",
        "Sorry, correction: it'll be June 2027",
        "Moment, eigentlich geht es um Studienabbrecher",
        # an apology with a contrast in it
        "ach sorry, wir sitzen in Holzminden, nicht in Hameln! Wir sind ein Verein",
        "Sorry, wir sind kein Verein, sondern eine gGmbH",
    ],
)
def test_a_correction_is_no_title(text: str) -> None:
    assert corrects(text)


@pytest.mark.parametrize(
    "text",
    ["Nicht ohne uns", "Zukunft Handwerk", "Not Alone", "Sorry, wir haben noch keinen Titel"],
)
def test_titles_that_begin_with_a_negation_stay_titles(text: str) -> None:
    assert not corrects(text)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ('Arbeitstitel wäre "Erfahrung zählt"', "Erfahrung zählt"),
        ("Der Titel wäre „Erfahrung zählt“", "Erfahrung zählt"),
        ('working title would be "Stay and Grow"', "Stay and Grow"),
    ],
)
def test_a_title_said_with_would_be(text: str, title: str) -> None:
    assert clean_title(text) == title


@pytest.mark.parametrize(
    ("text", "months"),
    [("2 Schuljahre", 24), ("zwei Ausbildungsjahre", 24), ("2 school years", 24)],
)
def test_school_and_training_years_are_years(text: str, months: int) -> None:
    parsed = parse_duration(text, None)
    assert isinstance(parsed, Understood)
    assert parsed.value.months == months
