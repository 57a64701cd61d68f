"""Project start and duration in a sponsor's answer."""

from __future__ import annotations

from datetime import date

import pytest

from bot.base.yearmonth import YearMonth
from bot.texts.catalog import Msg, render
from bot.understanding.periods.duration import Duration, months_msg, parse_duration
from bot.understanding.periods.start import parse_start
from bot.understanding.result import Unclear, Understood, wording

TODAY = date(2026, 3, 15)
YM = YearMonth


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03/2027", YM(2027, 3)),
        ("3/2027", YM(2027, 3)),
        ("2027-03", YM(2027, 3)),
        ("März 2027", YM(2027, 3)),
        ("maerz 2027", YM(2027, 3)),
        ("March 2027", YM(2027, 3)),
        ("Dezember 2035", YM(2035, 12)),
        ("03.2027", YM(2027, 3)),
        ("03/2025", YM(2025, 3)),  # in the past: understood, the pre-check hints
    ],
)
def test_plain_start(text: str, expected: YearMonth) -> None:
    assert parse_start(text, TODAY) == Understood(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3/27", YM(2027, 3)),
        ("Mär 2027", YM(2027, 3)),
        ("Mrz. 2027", YM(2027, 3)),
        ("01.03.2027", YM(2027, 3)),
        ("15.03.2027", YM(2027, 3)),
        ("1.3.27", YM(2027, 3)),
        ("2027/03", YM(2027, 3)),
        ("03-2027", YM(2027, 3)),
        ("2027-03-15", YM(2027, 3)),
        ("Q2/2027", YM(2027, 4)),
        ("Q2 2027", YM(2027, 4)),
        ("q1-27", YM(2027, 1)),
        ("2. Quartal 2027", YM(2027, 4)),
        ("zweites Quartal 2027", YM(2027, 4)),
        ("4. Quartal 2027", YM(2027, 10)),
        ("2027-Q3", YM(2027, 7)),
        ("Q3 2027", YM(2027, 7)),
        ("Sommer 2027", YM(2027, 6)),
        ("Frühjahr 2027", YM(2027, 3)),
        ("Frühling 2027", YM(2027, 3)),
        ("Herbst 2027", YM(2027, 9)),
        ("Winter 2027", YM(2027, 12)),
        ("Winter 2027/28", YM(2027, 12)),
        ("spring 2027", YM(2027, 3)),
        ("autumn 2027", YM(2027, 9)),
        ("Anfang 2027", YM(2027, 1)),
        ("Mitte 2027", YM(2027, 7)),
        ("Ende 2027", YM(2027, 10)),
        ("Ende des Jahres 2027", YM(2027, 10)),
        ("mid-2027", YM(2027, 7)),
        ("end of 2027", YM(2027, 10)),
        ("2. Halbjahr 2027", YM(2027, 7)),
        ("H1 2028", YM(2028, 1)),
        ("ab 1. April 2027", YM(2027, 4)),
        ("Anfang März 2027", YM(2027, 3)),
        ("Wir wollen im Juni 2027 starten.", YM(2027, 6)),
        ("Januar", YM(2027, 1)),  # the next January after 15 March 2026
        ("März", YM(2027, 3)),  # this March has begun: the next one
        ("Mai", YM(2026, 5)),
        ("im Herbst", YM(2026, 9)),
        ("Q1", YM(2027, 1)),
        ("im Mai nächsten Jahres", YM(2027, 5)),
        ("2027, im März", YM(2027, 3)),
        ("ab sofort", YM(2026, 4)),
        ("sofort", YM(2026, 4)),
        ("nächsten Monat", YM(2026, 4)),
        ("next month", YM(2026, 4)),
        ("so bald wie möglich", YM(2026, 4)),
        ("diesen Monat", YM(2026, 3)),
        ("in 3 Monaten", YM(2026, 6)),
        ("zum 01.07.", YM(2026, 7)),
        ("voraussichtlich Q3/27", YM(2027, 7)),
        ("September '27", YM(2027, 9)),
        ("Start: 07/2027 (vorbehaltlich Bewilligung)", YM(2027, 7)),
        ("01/2027 bis 12/2029", YM(2027, 1)),
        ("zum neuen Ausbildungsjahr 2027", YM(2027, 8)),
        ("mit dem Schuljahr 2027/28", YM(2027, 8)),
        ("Schuljahr 27/28", YM(2027, 8)),
        ("from the school year 2027", YM(2027, 8)),
        ("nach Ostern 2027", YM(2027, 4)),
        ("after Easter 2027", YM(2027, 4)),
    ],
)
def test_start_with_note(text: str, expected: YearMonth) -> None:
    result = parse_start(text, TODAY)
    assert isinstance(result, Understood)
    assert result.value == expected
    assert result.note == Msg(
        "understanding.start.understood", {"text": text, "month": expected.display()}
    )


@pytest.mark.parametrize(
    ("text", "key", "suggestions"),
    [
        ("", "missing", ()),
        ("weiß ich noch nicht", "missing", ()),
        ("🙂", "missing", ()),
        ("2027", "month_missing", ("01/2027",)),
        ("irgendwann 2028", "month_missing", ("01/2028",)),
        ("nächstes Jahr", "month_missing", ("01/2027",)),
        ("13/2027", "invalid_month", ()),
        ("32.13.2027", "invalid_month", ()),
        ("03/2040", "year_out_of_range", ()),
        ("März 2019", "year_out_of_range", ()),
        ("Q2 2036", "year_out_of_range", ()),
        ("1999", "year_out_of_range", ()),
        ("03/2027 oder 04/2027", "several", ("03/2027", "04/2027")),
        ("it may start soon", "missing", ()),
    ],
)
def test_start_unclear(text: str, key: str, suggestions: tuple[str, ...]) -> None:
    result = parse_start(text, TODAY)
    assert isinstance(result, Unclear)
    assert result.reason.key == f"understanding.start.{key}"
    assert result.suggestions == suggestions
    for language in ("de", "en"):
        render(result.reason, language)


def test_year_alone_is_asked_about() -> None:
    result = parse_start("2027", TODAY)
    assert isinstance(result, Unclear)
    assert "in welchem Monat" in render(result.reason, "de")
    assert parse_start(wording(result.suggestions[0]), TODAY) == Understood(YM(2027, 1))


def test_relative_starts_wrap_the_year() -> None:
    assert parse_start("ab sofort", date(2026, 12, 3)) == Understood(
        YM(2027, 1),
        Msg("understanding.start.understood", {"text": "ab sofort", "month": "01/2027"}),
    )
    result = parse_start("Januar", date(2026, 1, 20))
    assert isinstance(result, Understood) and result.value == YM(2027, 1)


# --- durations ----------------------------------------------------------------------------------

START = YM(2027, 1)


@pytest.mark.parametrize(
    ("text", "months"),
    [("18 Monate", 18), ("36 Monate", 36), ("18 months", 18), ("1 Monat", 1), ("120 Monate", 120)],
)
def test_plain_duration(text: str, months: int) -> None:
    assert parse_duration(text, None) == Understood(Duration(months))


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("18", 18),
        ("24 Mon.", 24),
        ("2 Jahre", 24),
        ("3 J.", 36),
        ("ein Jahr", 12),
        ("zwei Jahre", 24),
        ("2,5 Jahre", 30),
        ("2.5 years", 30),
        ("zweieinhalb Jahre", 30),
        ("ein halbes Jahr", 6),
        ("anderthalb Jahre", 18),
        ("eineinhalb Jahre", 18),
        ("1 Jahr und 6 Monate", 18),
        ("2 Jahre, 3 Monate", 27),
        ("2 Jahre (24 Monate)", 24),
        ("2 years", 24),
        ("half a year", 6),
        ("one and a half years", 18),
        ("6 Quartale", 18),
        ("ein Vierteljahr", 3),
        ("zweijährig", 24),
        ("Laufzeit: 36 Monate", 36),
        ("2 1/2 Jahre", 30),
        ("½ Jahr", 6),
        ("achtzehn Monate", 18),
        ("3 Jahre bzw. 36 Monate", 36),
        ("1,5", 18),  # a decimal this small only makes sense as years
        ("48", 48),
    ],
)
def test_duration_with_note(text: str, months: int) -> None:
    result = parse_duration(text, None)
    assert result == Understood(
        Duration(months),
        Msg("understanding.duration.understood", {"text": text, "months": months_msg(months)}),
    )


@pytest.mark.parametrize(("text", "months"), [("2,3 Jahre", 28), ("6 Wochen", 2), ("18,5", 19)])
def test_part_months_round_up(text: str, months: int) -> None:
    result = parse_duration(text, None)
    assert result == Understood(
        Duration(months),
        Msg(
            "understanding.duration.understood_rounded",
            {"text": text, "months": months_msg(months)},
        ),
    )


@pytest.mark.parametrize(
    ("text", "months", "begins", "ends"),
    [
        ("01/2027 bis 12/2029", 36, YM(2027, 1), YM(2029, 12)),
        ("01/2027 - 12/2029", 36, YM(2027, 1), YM(2029, 12)),
        ("01/2027-12/2029", 36, YM(2027, 1), YM(2029, 12)),
        ("von März 2027 bis Februar 2029", 24, YM(2027, 3), YM(2029, 2)),
        ("2027-01 – 2028-12", 24, YM(2027, 1), YM(2028, 12)),
        ("Q1 2027 bis Q4 2028", 24, YM(2027, 1), YM(2028, 12)),
        ("von März bis Dezember 2027", 10, YM(2027, 3), YM(2027, 12)),
        ("Anfang 2027 bis Ende 2028", 24, YM(2027, 1), YM(2028, 12)),
        ("03/2027 to 02/2028", 12, YM(2027, 3), YM(2028, 2)),
        ("03/2027 - 03/2027", 1, YM(2027, 3), YM(2027, 3)),
        ("Laufzeit 01.01.2027 bis 31.12.2029", 36, YM(2027, 1), YM(2029, 12)),
        ("vom 1.3.2027 bis zum 28.2.2030", 36, YM(2027, 3), YM(2030, 2)),
        ("Mitte 2027 bis Mitte 2029", 24, YM(2027, 7), YM(2029, 6)),
    ],
)
def test_periods(text: str, months: int, begins: YearMonth, ends: YearMonth) -> None:
    for start in (None, YM(2026, 6)):  # the answer's own start wins
        result = parse_duration(text, start)
        assert isinstance(result, Understood)
        assert result.value == Duration(months, begins)
        assert (
            result.note is not None
            and result.note.key == "understanding.duration.understood_period"
        )
        assert result.note.params["end"] == ends.display()


@pytest.mark.parametrize(
    ("text", "months", "ends"),
    [
        ("bis Ende 2028", 24, YM(2028, 12)),
        ("bis 12/2028", 24, YM(2028, 12)),
        ("bis Dezember 2028", 24, YM(2028, 12)),
        ("Ende 2028", 24, YM(2028, 12)),
        ("bis Mitte 2028", 18, YM(2028, 6)),
        ("bis Q2 2028", 18, YM(2028, 6)),
        ("bis Dezember", 12, YM(2027, 12)),
        ("until March 2029", 27, YM(2029, 3)),
    ],
)
def test_until_counts_from_the_known_start(text: str, months: int, ends: YearMonth) -> None:
    result = parse_duration(text, START)
    assert result == Understood(
        Duration(months),
        Msg(
            "understanding.duration.understood_until",
            {"text": text, "start": "01/2027", "end": ends.display(), "months": months_msg(months)},
        ),
    )
    unknown = parse_duration(text, None)
    assert (
        isinstance(unknown, Unclear) and unknown.reason.key == "understanding.duration.start_needed"
    )


def test_duration_from_a_start_date() -> None:
    result = parse_duration("24 Monate ab 03/2027", None)
    assert isinstance(result, Understood) and result.value == Duration(24, YM(2027, 3))
    assert parse_duration("24 Monate", START) == Understood(Duration(24))
    from_start = parse_duration("ab 01/2027 für 3 Jahre", None)
    assert isinstance(from_start, Understood) and from_start.value == Duration(36, YM(2027, 1))


@pytest.mark.parametrize(
    ("text", "key", "suggestions"),
    [
        ("", "missing", ()),
        ("so lange wie nötig", "missing", ()),
        ("3", "years_or_months", ("3 Jahre", "3 Monate")),
        ("1", "years_or_months", ("1 Jahr", "1 Monat")),
        ("10", "years_or_months", ("10 Jahre", "10 Monate")),
        ("0", "not_positive", ()),
        ("0 Monate", "not_positive", ()),
        ("-5 Monate", "not_positive", ()),
        ("121", "too_long", ()),
        ("121 Monate", "too_long", ()),
        ("15 Jahre", "too_long", ()),
        ("01/2027 bis 12/2037", "too_long", ()),
        ("12/2029 bis 01/2027", "end_before_start", ()),
        ("bis 12/2026", "end_before_start", ()),
        ("18 bis 24 Monate", "several", ("18 Monate", "24 Monate")),
        ("2 oder 3 Jahre", "several", ("24 Monate", "36 Monate")),
        ("zwei bis drei Jahre", "several", ("24 Monate", "36 Monate")),
        ("18 oder 24", "several", ("18 Monate", "24 Monate")),
        ("2027 bis 2029", "period_incomplete", ("01/2027 – 12/2029",)),
        ("bis 2028", "period_incomplete", ("bis 12/2028",)),
        ("ab März 2027", "end_missing", ()),
        ("13/2027 bis 12/2028", "invalid_month", ()),
        ("03/2040 bis 12/2041", "year_out_of_range", ()),
    ],
)
def test_duration_unclear(text: str, key: str, suggestions: tuple[str, ...]) -> None:
    result = parse_duration(text, START)
    assert isinstance(result, Unclear)
    assert result.reason.key == f"understanding.duration.{key}"
    assert tuple(wording(s) for s in result.suggestions) == suggestions
    for language in ("de", "en"):
        render(result.reason, language)


def test_ambiguous_number_asks_for_the_unit() -> None:
    result = parse_duration("3", None)
    assert isinstance(result, Unclear)
    assert render(result.reason, "de").startswith("Meinen Sie 3 Jahre (36 Monate) oder 3 Monate?")
    assert [wording(s, "en") for s in result.suggestions] == ["3 years", "3 months"]
    assert [parse_duration(wording(s), None) for s in result.suggestions] == [
        Understood(
            Duration(36),
            Msg("understanding.duration.understood", {"text": "3 Jahre", "months": months_msg(36)}),
        ),
        Understood(Duration(3)),
    ]


def test_suggested_periods_parse() -> None:
    result = parse_duration("2027 bis 2029", None)
    assert isinstance(result, Unclear)
    suggested = parse_duration(wording(result.suggestions[0]), None)
    assert isinstance(suggested, Understood) and suggested.value == Duration(36, YM(2027, 1))


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("im März", 2028, YM(2028, 3)),  # not the next March
        ("let's say May then", 2027, YM(2027, 5)),  # "May" is a month once a year was said
        ("Mai", 2028, YM(2028, 5)),
        ("Herbst", 2027, YM(2027, 9)),
        ("April 2029", 2027, YM(2029, 4)),  # a year said now wins
    ],
)
def test_a_month_said_after_a_year_lies_in_that_year(
    text: str, year: int, expected: YearMonth
) -> None:
    parsed = parse_start(text, TODAY, year=year)
    assert isinstance(parsed, Understood) and parsed.value == expected


def test_without_a_year_named_before_may_stays_a_verb() -> None:
    assert isinstance(parse_start("we may start soon", TODAY), Unclear)
    still = parse_start("no idea", TODAY, year=2027)
    assert isinstance(still, Unclear) and still.reason.key == "understanding.start.month_missing"
