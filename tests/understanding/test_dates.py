"""Dates people say: semesters, school holidays, relative years, and start, end and duration
anywhere in a message (`read_dates`), in German and English."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.base.yearmonth import YearMonth
from bot.understanding.dates import Dates, read_dates
from bot.understanding.periods.duration import MAX_MONTHS, parse_duration
from bot.understanding.periods.start import EARLIEST_YEAR, LATEST_YEAR, parse_start
from bot.understanding.result import Unclear, Understood

TODAY = date(2026, 11, 25)
YM = YearMonth


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zum Wintersemester 2027", YM(2027, 10)),
        ("WS 2027/28", YM(2027, 10)),
        ("ab dem Sommersemester 2028", YM(2028, 4)),
        ("SoSe 28", YM(2028, 4)),
        ("im Wintersemester", YM(2027, 10)),
        ("winter term 2027", YM(2027, 10)),
        ("summer semester 2028", YM(2028, 4)),
        ("nach den Sommerferien 2027", YM(2027, 8)),
        ("nach den Sommerferien", YM(2027, 8)),
        ("after the summer holidays 2027", YM(2027, 8)),
        ("in den Sommerferien 2027", YM(2027, 7)),
        ("nach den Herbstferien 2027", YM(2027, 11)),
        ("nach den Osterferien 2027", YM(2027, 4)),
        ("Anfang nächsten Jahres", YM(2027, 1)),
        ("Mitte nächsten Jahres", YM(2027, 7)),
        ("Ende des nächsten Jahres", YM(2027, 10)),
        ("early next year", YM(2027, 1)),
        ("mid next year", YM(2027, 7)),
        ("Anfang 2027", YM(2027, 1)),
        ("Mitte 2027", YM(2027, 7)),
        ("Ende 2027", YM(2027, 10)),
        ("sofort", YM(2026, 12)),
        ("asap", YM(2026, 12)),
        ("as soon as possible", YM(2026, 12)),
        ("from April 2027", YM(2027, 4)),
        ("next April", YM(2027, 4)),
    ],
)
def test_starts_people_say(text: str, expected: YearMonth) -> None:
    parsed = parse_start(text, TODAY)
    assert isinstance(parsed, Understood), parsed
    assert parsed.value == expected


@pytest.mark.parametrize("text", ["nächstes Jahr", "next year", "2027"])
def test_a_year_alone_is_asked_about(text: str) -> None:
    parsed = parse_start(text, TODAY)
    assert isinstance(parsed, Unclear)
    assert parsed.suggestions == ("01/2027",)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("bis Ende 2028", 22),
        ("bis zu den Sommerferien 2028", 17),
        ("bis Ende Wintersemester 2027/28", 13),
        ("until the end of 2028", 22),
        ("18 months", 18),
        ("two years", 24),
    ],
)
def test_durations_people_say(text: str, months: int) -> None:
    parsed = parse_duration(text, YM(2027, 3))
    assert isinstance(parsed, Understood), parsed
    assert parsed.value.months == months


MESSAGES = [
    (
        "Wir wollen ab Herbst 2027 zwei Jahre lang junge Leute vermitteln. Kosten rund 240.000 €",
        YM(2027, 9),
        24,
        None,
    ),
    ("Laufzeit 01/2027 bis 12/2028, Gesamtkosten ca. 380.000 Euro.", YM(2027, 1), 24, YM(2028, 12)),
    ("start april 2027, 18 monate, ca 150.000 gesamt", YM(2027, 4), 18, None),
    ("Zeitraum 04/2027 bis 03/2029, ungefähr 90.000 € im Jahr.", YM(2027, 4), 24, YM(2029, 3)),
    ("15k im Monat, Laufzeit 2 Jahre, los gehts Anfang nächsten Jahres.", YM(2027, 1), 24, None),
    ("We'd like to run a 18 month programme from April 2027.", YM(2027, 4), 18, None),
    ("36 Monate ab 1.1.2027, 420.000 € gesamt. Titel: Ankommen in Springe.", YM(2027, 1), 36, None),
    ("ca 200tsd, 2 jahre ab sommer 27", YM(2027, 6), 24, None),
    ("Start zum Wintersemester 2027, Laufzeit bis Ende 2028.", YM(2027, 10), 15, YM(2028, 12)),
    ("Ca. 300.000 € für 24 Monate, Beginn sofort.", YM(2026, 12), 24, None),
    ("Ca. 200.000 € auf zwei Jahre ab 01/2027.", YM(2027, 1), 24, None),
    ("04/2027 bis 03/2029", YM(2027, 4), 24, YM(2029, 3)),
    ("von April 2027 bis März 2029", YM(2027, 4), 24, YM(2029, 3)),
    ("from April 2027 to March 2029", YM(2027, 4), 24, YM(2029, 3)),
    ("ab Februar 2027 für ein Jahr", YM(2027, 2), 12, None),
    ("nach den Sommerferien 2027 bis zu den Sommerferien 2028", YM(2027, 8), 12, YM(2028, 7)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Wir wollen Arbeitslose in 6 Monaten zur Pflegehilfskraft qualifizieren", None),
        ("in 6 monaten zur pflegehilfskraft qualifizieren, laufzeit 3 jahre", 36),
        ("We train them within 6 months to become welders, for 2 years", 24),
        ("Teachers spend a week in local companies", None),
        ("2 Wochen Praktikum, das Projekt läuft 18 Monate", 18),
        ("Das Projekt läuft 12 Wochen", 3),
    ],
)
def test_a_participant_s_length_is_not_the_project_s(text: str, months: int | None) -> None:
    assert read_dates(text, TODAY).months == months


@pytest.mark.parametrize(("text", "start", "months", "end"), MESSAGES)
def test_dates_anywhere_in_a_message(
    text: str, start: YearMonth, months: int, end: YearMonth | None
) -> None:
    found = read_dates(text, TODAY)
    assert (found.start, found.months, found.end) == (start, months, end)
    assert found.start_span is not None and found.months_span is not None
    assert not found.conflict


def test_spans_point_at_the_words_they_came_from() -> None:
    text = "Projekt in Müller-Lüdenscheid, ab Herbst 2027 für zwei Jahre"
    found = read_dates(text, TODAY)
    assert found.start_span is not None and found.months_span is not None
    assert text[slice(*found.start_span)] == "Herbst 2027"
    assert text[slice(*found.months_span)] == "zwei Jahre"


@pytest.mark.parametrize(
    "text",
    [
        "Jugendliche unter 25 Jahren, seit 10 Jahren aktiv",
        "Schüler der 8. bis 10. Klasse",
        "Good morning, could we do this in English?",
        "Menschen über 50",
        "Kosten 300.000 €",
    ],
)
def test_no_dates_where_none_are(text: str) -> None:
    assert read_dates(text, TODAY) == Dates()


@pytest.mark.parametrize("text", ["nächstes Jahr", "Start 2027"])
def test_a_year_alone_is_no_start(text: str) -> None:
    found = read_dates(text, TODAY)
    assert found.start is None and found.year == 2027


def test_an_end_alone_counts_from_the_known_start() -> None:
    found = read_dates("Laufzeit bis Ende 2028", TODAY, start=YM(2027, 3))
    assert found.start is None and found.end == YM(2028, 12) and found.months == 22


def test_contradicting_length_and_period_are_flagged() -> None:
    found = read_dates("von 01/2027 bis 12/2027, also 24 Monate", TODAY)
    assert found.months == 24 and found.conflict


@given(st.text(max_size=400), st.dates(date(2020, 1, 1), date(2035, 12, 31)))
def test_read_dates_never_raises_and_stays_in_range(text: str, today: date) -> None:
    found = read_dates(text, today)
    if found.start is not None:
        assert EARLIEST_YEAR <= found.start.year <= LATEST_YEAR
    if found.months is not None:
        assert 1 <= found.months <= MAX_MONTHS
    for span in (found.start_span, found.months_span, found.end_span):
        if span is not None:
            assert 0 <= span[0] < span[1] <= len(text)
