"""The end of a season may lie in the next year: "Ende Winter 2027" is 02/2028, not month 14
(found by hypothesis: `parse_start` raised on "ENDE WINTER")."""

from __future__ import annotations

from datetime import date

import pytest

from bot.base.yearmonth import YearMonth
from bot.understanding.periods import parse_start
from bot.understanding.result import Understood


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ende Winter 2027", YearMonth(2028, 2)),
        ("ENDE WINTER", YearMonth(2027, 2)),
        ("end of winter 2027", YearMonth(2028, 2)),
        ("Ende Q1 2027", YearMonth(2027, 3)),
    ],
)
def test_the_end_of_a_season_rolls_into_the_next_year(text: str, expected: YearMonth) -> None:
    parsed = parse_start(text, date(2026, 1, 10))
    assert isinstance(parsed, Understood)
    assert parsed.value == expected
