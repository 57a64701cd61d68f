"""Dates in a long dictated sentence without commas, wave 11 of #12 (understand12v): a "who"
far before the date began a clause about people that has ended, so the date is the project's;
right before it ("apprentices who start in September") the date is still said of them."""

from __future__ import annotations

from datetime import date

import pytest

from bot.base.yearmonth import YearMonth
from bot.understanding.dates import read_dates

TODAY = date(2026, 12, 8)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            "ok so we are a training provider in hildesheim and we want to retrain people who "
            "lost their jobs at the car parts supplier into it support jobs the whole thing "
            "would cost about 250000 euros over two years starting in june 2027",
            YearMonth(2027, 6),
        ),
        (
            "hi so we are a small charity working with young people who left school without any"
            " qualification and we want to get them into apprenticeships with local businesses"
            " we would start in april and it would run for two years",
            YearMonth(2027, 4),
        ),
    ],
)
def test_a_date_long_after_who_is_the_projects(text: str, start: YearMonth) -> None:
    assert read_dates(text, TODAY).start == start


@pytest.mark.parametrize(
    "text",
    [
        "we support apprentices who start in September 2027 with mentoring",
        "young people who left school in summer 2026 get a coach",
    ],
)
def test_a_date_right_after_who_is_said_of_the_people(text: str) -> None:
    assert read_dates(text, TODAY).start is None
