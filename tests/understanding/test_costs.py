"""Costs per period: an amount a year or a month is never taken as the total."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.texts.catalog import render
from bot.understanding.costs import Costs, parse_costs, total_costs
from bot.understanding.money import parse_money
from bot.understanding.result import Unclear, Understood

PER_PERIOD = [
    ("180.000 € jährlich", Costs(180_000, "year")),
    ("15.000 € im Monat", Costs(15_000, "month")),
    ("90.000 pro Jahr", Costs(90_000, "year")),
    ("140.000 im Jahr", Costs(140_000, "year")),
    ("Jahreskosten ca. 110.000", Costs(110_000, "year")),
    ("monatlich 12k", Costs(12_000, "month")),
    ("250k p.a.", Costs(250_000, "year")),
    ("€ 100.000/Jahr", Costs(100_000, "year")),
    ("15.000 €, monatlich", Costs(15_000, "month")),
    ("mtl. 8.000 Euro", Costs(8_000, "month")),
    ("Kosten ca. 15k im Monat, Laufzeit 2 Jahre", Costs(15_000, "month")),
    ("3 Jahre ab 01/2027, jährlich ca. 140.000 €", Costs(140_000, "year")),
    ("EUR 250k per year", Costs(250_000, "year")),
    ("about 9,000 euros a month", Costs(9_000, "month")),
    ("€120,000 annually", Costs(120_000, "year")),
    ("EUR 20k monthly", Costs(20_000, "month")),
    ("120.000 € annual budget", Costs(120_000, "year")),
    ("50,000 euros per annum", Costs(50_000, "year")),
    ("800 € im Monat", Costs(800, "month")),
]

TOTALS = [
    ("insgesamt 260.000 € über die gesamte Laufzeit", 260_000),
    ("ca. 280.000 für zwei Jahre, Start im April 2027", 280_000),
    ("Start im Jahr 2027, 300.000 €", 300_000),
    ("90.000 € im Jahr, also 180.000 € gesamt", 180_000),
    ("420.000 € gesamt", 420_000),
    ("so um die 200 Mille", 200_000),
    ("EUR 250k", 250_000),
    ("€1.2m", 1_200_000),
    ("250,000 euros", 250_000),
    ("1.2 million euros in total", 1_200_000),
    ("a total of EUR 300k over two years", 300_000),
]


@pytest.mark.parametrize(("text", "costs"), PER_PERIOD)
def test_amounts_per_period_keep_their_period(text: str, costs: Costs) -> None:
    parsed = parse_costs(text)
    assert isinstance(parsed, Understood)
    assert parsed.value == costs
    assert parsed.note is not None
    said = render(parsed.note, "de")
    assert ("pro Jahr" if costs.per == "year" else "pro Monat") in said


@pytest.mark.parametrize(("text", "total"), TOTALS)
def test_totals_stay_totals(text: str, total: int) -> None:
    parsed = parse_costs(text)
    assert isinstance(parsed, Understood)
    assert parsed.value == Costs(total)


def test_the_period_is_said_in_english_too() -> None:
    parsed = parse_costs("EUR 250k per year")
    assert isinstance(parsed, Understood) and parsed.note is not None
    assert render(parsed.note, "en") == "Understood “EUR 250k per year” as EUR 250,000 a year."


@pytest.mark.parametrize(
    ("costs", "months", "total"),
    [
        (Costs(180_000, "year"), 24, 360_000),
        (Costs(90_000, "year"), 18, 135_000),
        (Costs(100_000, "year"), 7, 58_333),
        (Costs(15_000, "month"), 24, 360_000),
        (Costs(9_000, "month"), 15, 135_000),
        (Costs(420_000), 36, 420_000),
    ],
)
def test_the_total_follows_from_the_duration(costs: Costs, months: int, total: int) -> None:
    assert total_costs(costs, months) == total == costs.total(months)


def test_different_amounts_are_still_asked_about() -> None:
    parsed = parse_costs("90.000 € im Jahr oder 100.000 € im Jahr")
    assert isinstance(parsed, Unclear)


def test_a_tiny_monthly_amount_is_questioned_like_a_tiny_total() -> None:
    assert isinstance(parse_costs("50 € im Monat"), Unclear)
    assert isinstance(parse_costs("500 €"), Unclear)


def test_mille_is_a_thousand() -> None:
    parsed = parse_money("so um die 200 Mille")
    assert isinstance(parsed, Understood) and parsed.value == 200_000


@given(st.text(max_size=300))
def test_parse_costs_never_raises(text: str) -> None:
    parsed = parse_costs(text)
    if isinstance(parsed, Understood):
        assert parsed.value.amount > 0
        assert parsed.value.per in (None, "year", "month")


@given(
    st.lists(
        st.sampled_from(
            ["180.000", "€", "jährlich", "pro", "Jahr", "im", "Monat", "monatlich", "p.a.", ",",
             "gesamt", "k", "EUR", "per", "year", "a", "month", "2027", "und", "/", "12", "Mio."]
        ),
        max_size=10,
    ).map(" ".join),
    st.integers(1, 120),
)  # fmt: skip
def test_totals_are_whole_euros_at_least_the_amount(text: str, months: int) -> None:
    parsed = parse_costs(text)
    if isinstance(parsed, Understood):
        total = total_costs(parsed.value, months)
        assert isinstance(total, int)
        assert total >= parsed.value.amount or (parsed.value.per == "year" and months < 12)


def test_three_amounts_one_of_them_monthly_are_no_total_and_a_rate() -> None:
    # Found by hypothesis: two equal amounts and a third made the total/rate pairing unpack
    # three readings into two.
    assert isinstance(parse_costs("12 , 180.000 180.000 monatlich"), Understood | Unclear)
