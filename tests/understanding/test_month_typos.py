"""Month names typed on a phone, wave 7 of #12 (understand12g): one letter missing, added,
changed or two swapped in a long month name is still the month; a word a dictionary knows is
not ("Jaguar")."""

from __future__ import annotations

from datetime import date

import pytest

from bot.base.yearmonth import YearMonth
from bot.understanding.periods import parse_start
from bot.understanding.result import Understood

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("Jnauar 2027", YearMonth(2027, 1)),
        ("Septmber 2027", YearMonth(2027, 9)),
        ("ab Novmber 2027", YearMonth(2027, 11)),
        ("Octobre 2027", YearMonth(2027, 10)),
        ("Dezmber", YearMonth(2027, 12)),
    ],
)
def test_a_month_with_a_typo_is_the_month(text: str, month: YearMonth) -> None:
    parsed = parse_start(text, TODAY, year=None)
    assert isinstance(parsed, Understood) and parsed.value == month


def test_a_known_word_close_to_a_month_is_none() -> None:
    parsed = parse_start("Jaguar 2027", TODAY, year=None)
    assert not isinstance(parsed, Understood)
