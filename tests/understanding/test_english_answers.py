"""Terse answers that read as English (#12 point 5): one or two words with no function word
("company", "refugees", "1 yr", "own money"), which `leans_english` cannot tell, against German
answers full of loanwords ("Coaching und Workshops", "Startup", "Azubis") and names."""

from __future__ import annotations

import pytest

from bot.understanding.english import answers_in_english
from bot.understanding.slots import Asked


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("company", "organisation"),
        ("small business", "organisation"),
        ("refugees", "target_group"),
        ("long-term unemployed", "target_group"),
        ("language course plus internship", "idea"),
        ("1 yr", "duration"),
        ("18 months", "duration"),
        ("march 2027", "start"),
        ("own money", "cofinancing"),
        ("donations", "cofinancing"),
    ],
)
def test_terse_english_answers_read_as_english(text: str, asked: Asked) -> None:
    assert answers_in_english(text, asked)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Coaching", "idea"),
        ("Coaching und Workshops", "idea"),
        ("IT Training im Team", "idea"),
        ("Startup", "organisation"),
        ("Firma", "organisation"),
        ("Azubis", "target_group"),
        ("Frauen", "target_group"),
        ("Jobcenter", "cofinancing"),
        ("Eigenmittel", "cofinancing"),
        ("April 2027", "start"),
        ("2 Jahre", "duration"),
        ("50k", "costs"),
        ("Hildesheim", "place"),
        ("Fresh Start Hameln", "title"),
    ],
)
def test_german_answers_loanwords_and_names_do_not(text: str, asked: Asked) -> None:
    assert not answers_in_english(text, asked)
