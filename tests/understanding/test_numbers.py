"""German number words and digits with German or English separators."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.understanding.numbers import (
    MAX_CHARS,
    clip,
    echo,
    find_quantities,
    parse_digits,
    parse_number,
    parse_number_word,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("eins", 1),
        ("ein", 1),
        ("eine", 1),
        ("zwei", 2),
        ("sieben", 7),
        ("zwölf", 12),
        ("zwoelf", 12),
        ("zwanzig", 20),
        ("dreißig", 30),
        ("dreissig", 30),
        ("einundzwanzig", 21),
        ("neunundneunzig", 99),
        ("hundert", 100),
        ("einhundertzwölf", 112),
        ("zweihundertfünfzig", 250),
        ("zweihundertfünfzigtausend", 250_000),
        ("hunderttausend", 100_000),
        ("fünfhunderttausendundeins", 500_001),
        ("Zweihunderttausend", 200_000),
        ("eine halbe Million", 500_000),
        ("eine Million zweihunderttausend", 1_200_000),
        ("zwei Komma fünf Millionen", 2_500_000),
        ("anderthalb", 1.5),
        ("eineinhalb", 1.5),
        ("zweieinhalb", 2.5),
        ("dreiviertel", 0.75),
        ("one and a half", 1.5),
        ("half a million", 500_000),
        ("twelve", 12),
        ("null", 0),
        ("1.500.000", 1_500_000),
        ("1,5", 1.5),
        ("450.000,00", 450_000),
        ("1 500 000", 1_500_000),
        ("1'500'000", 1_500_000),
        ("1,500,000", 1_500_000),
        ("1,500,000.50", 1_500_000.5),
        ("1.5", 1.5),
        ("2.25", 2.25),
        ("1.500", 1500),
        ("1,500", 1500),
        ("1,500 Mio.", 1_500_000),
        ("0.500", 0.5),
        ("450k", 450_000),
        ("240 Tsd.", 240_000),
        ("1.5 million", 1_500_000),
        ("2 Mrd.", 2_000_000_000),
        ("-5000", -5000),
        ("minus 5000", -5000),
        ("  42  ", 42),
        ("1/2", 0.5),
        ("2 1/2", 2.5),
        ("2½", 2.5),
        ("3/4", 0.75),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    result = parse_number(text)
    assert result == expected
    assert isinstance(result, int) == isinstance(expected, int)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Projekt",
        "1.3.27",
        "1/27",
        "3/2",
        "1,2,3",
        "1.50.000",
        "12 und 13",
        "zwei Projekte",
        "1" * 30,
    ],
)
def test_not_exactly_one_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("token", "decimal_hint", "expected"),
    [
        ("1.500", False, Decimal(1500)),
        ("1.500", True, Decimal(1500)),  # a dot with three digits always groups thousands
        ("1,500", False, Decimal(1500)),  # English grouping
        ("1,500", True, Decimal("1.5")),  # unless a decimal hint says otherwise
        ("1,5", False, Decimal("1.5")),
        ("1234,567", False, Decimal("1234.567")),  # no valid group: a decimal comma
        ("0,500", False, Decimal("0.5")),
        ("450.000,00", False, Decimal("450000.00")),
        ("1,500,000.5", False, Decimal("1500000.5")),
        ("1.50.000", False, None),
        ("1.3.27", False, None),
        ("1,000.000,5", False, None),
    ],
)
def test_digit_rules(token: str, decimal_hint: bool, expected: Decimal | None) -> None:
    assert parse_digits(token, decimal_hint=decimal_hint) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("achtzehn", 18), ("zweiundvierzig", 42), ("dreieinhalb", 3.5), ("halbes", 0.5)],
)
def test_number_words(word: str, expected: float) -> None:
    assert parse_number_word(word) == Decimal(str(expected))


@pytest.mark.parametrize("word", ["Einsatz", "hundertzwei­und", "eineine", "Projekt", ""])
def test_not_number_words(word: str) -> None:
    assert parse_number_word(word) is None


def test_a_dash_between_numbers_is_a_range_not_a_minus() -> None:
    values = [q.value for q in find_quantities("300.000 -400.000 €")]
    assert values == [Decimal(300_000), Decimal(400_000)]
    assert [q.value for q in find_quantities("01/2027-12/2029", scales=False)] == [
        1,
        2027,
        12,
        2029,
    ]


def test_lone_article_is_flagged() -> None:
    (quantity,) = find_quantities("ein Projekt")
    assert quantity.article
    (scaled,) = find_quantities("eine Million")
    assert not scaled.article and scaled.value == 1_000_000


def test_clip_bounds_and_cleans() -> None:
    assert clip("  1\x00 500\u00a0000\t€ ") == "1 500 000 €"
    assert len(clip("x" * 10_000)) == MAX_CHARS
    assert clip(None) == ""
    assert echo("x" * 200).endswith("…") and len(echo("x" * 200)) == 60
