"""Readings added from the wave-4 tuning cases (#12): start dates counted from today, target
groups in everyday words, and what is or is not a project title."""

from __future__ import annotations

from datetime import date

import pytest

from bot.base.yearmonth import YearMonth
from bot.understanding.dates import read_dates
from bot.understanding.periods import parse_start
from bot.understanding.result import Understood

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("in einem halben Jahr", YearMonth(2027, 6)),
        ("in half a year", YearMonth(2027, 6)),
        ("in einem Jahr", YearMonth(2027, 12)),
        ("gleich anfang des neuen jahres", YearMonth(2027, 1)),
        ("im neuen Jahr im März", YearMonth(2027, 3)),
        ("early in the new year", YearMonth(2027, 1)),
    ],
)
def test_starts_counted_from_today(text: str, month: YearMonth) -> None:
    parsed = parse_start(text, TODAY)
    assert isinstance(parsed, Understood) and parsed.value == month


def test_in_half_a_year_in_a_message_is_the_start_not_the_duration() -> None:
    dates = read_dates("Start in einem halben Jahr, Laufzeit 2 Jahre", TODAY)
    assert dates.start == YearMonth(2027, 6) and dates.months == 24
    assert read_dates("in einem halben Jahr", TODAY).months is None


def test_a_length_after_in_stays_a_length() -> None:
    assert read_dates("in 18 Monaten wollen wir 50 Leute vermitteln", TODAY).months == 18
    assert read_dates("ein halbes Jahr lang", TODAY).months == 6
