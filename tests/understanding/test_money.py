"""Total costs in a sponsor's answer."""

from __future__ import annotations

import pytest

from bot.texts.catalog import Msg, render
from bot.texts.formats import format_eur
from bot.understanding.money import Euros, eur_msg, parse_money
from bot.understanding.result import Unclear, Understood, wording

PLAIN = [
    ("500.000 €", 500_000),
    ("500.000,00 EUR", 500_000),
    ("500000", 500_000),
    ("500.000", 500_000),
    ("€ 500.000", 500_000),
    ("1.500 Euro", 1500),
    ("500.000,- €", 500_000),
]

NOTED = [
    ("1,5 Mio. €", 1_500_000),
    ("1.5 Millionen", 1_500_000),
    ("1,2 Mio", 1_200_000),
    ("450k", 450_000),
    ("450 K€", 450_000),
    ("450 TEUR", 450_000),
    ("240 T€", 240_000),
    ("240 Tsd. Euro", 240_000),
    ("240 tausend", 240_000),
    ("eine halbe Million", 500_000),
    ("zweihunderttausend Euro", 200_000),
    ("ca. 380.000 Euro", 380_000),
    ("rund 1,2 Millionen Euro", 1_200_000),
    ("Gesamtkosten 420.000 €", 420_000),
    ("EUR 300,000", 300_000),
    ("€300k", 300_000),
    ("1.5 million", 1_500_000),
    ("half a million", 500_000),
    ("1 500 000 €", 1_500_000),
    ("1.234,56 €", 1235),
    ("etwa zwei Millionen dreihunderttausend Euro", 2_300_000),
    ("Wir rechnen mit ungefähr 2 Mio.", 2_000_000),
    ("400.000 € für 24 Monate", 400_000),
    ("Gesamtkosten: 1.250.000 € (Förderquote 50 %)", 1_250_000),
    ("Start 2027, Kosten 400000", 400_000),
    ("500.000 €, also eine halbe Million", 500_000),
    ("450.000 € (Personal 300.000 €, Sachkosten 150.000 €)", 450_000),
    ("2 1/2 Mio. €", 2_500_000),
    ("genau 500 €", 500),
    ("exactly EUR 150,000,000", 150_000_000),
]


@pytest.mark.parametrize(("text", "amount"), PLAIN)
def test_plain_amounts_need_no_note(text: str, amount: int) -> None:
    assert parse_money(text) == Understood(amount)


@pytest.mark.parametrize(("text", "amount"), NOTED)
def test_other_amounts_are_echoed(text: str, amount: int) -> None:
    result = parse_money(text)
    assert isinstance(result, Understood)
    assert result.value == amount
    assert result.note == Msg(
        "understanding.money.understood", {"text": text, "amount": eur_msg(amount)}
    )


def test_note_reads_well() -> None:
    result = parse_money("1,5 Mio. €")
    assert isinstance(result, Understood) and result.note is not None
    assert render(result.note, "de") == "„1,5 Mio. €“ verstanden als 1.500.000 €."
    assert render(result.note, "en") == "Understood “1,5 Mio. €” as EUR 1,500,000."


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "missing"),
        ("keine Ahnung", "missing"),
        ("das wissen wir noch nicht", "missing"),
        ("🙂", "missing"),
        ("0", "zero"),
        ("0 €", "zero"),
        ("null Euro", "zero"),
        ("-5000", "negative"),
        ("Kosten: -5.000 €", "negative"),
        ("minus 5000 Euro", "negative"),
        ("150.000.000 €", "too_large"),
        ("2 Mrd.", "too_large"),
        ("300.000 bis 400.000 €", "several"),
        ("300.000 - 400.000 €", "several"),
        ("zwischen 1 und 2 Mio.", "several"),
        ("420.000 €, davon 50.000 € Eigenmittel", "several"),
        ("500 €", "too_small"),
        ("1,5", "too_small"),
    ],
)
def test_unclear(text: str, key: str) -> None:
    result = parse_money(text)
    assert isinstance(result, Unclear)
    assert result.reason.key == f"understanding.money.{key}"
    render(result.reason, "de")
    render(result.reason, "en")


def test_doubtful_amounts_repeat_the_amount() -> None:
    zero = parse_money("0")
    assert isinstance(zero, Unclear)
    assert render(zero.reason, "de").startswith("0 € kann ich nicht als Gesamtkosten übernehmen")
    large = parse_money("150.000.000 €")
    assert isinstance(large, Unclear)
    text = render(large.reason, "de")
    assert (
        text.startswith("150.000.000 € liegt weit über") and "Bitte prüfen Sie den Betrag" in text
    )
    assert [wording(s) for s in large.suggestions] == ["genau 150.000.000 €"]
    assert [wording(s, "en") for s in large.suggestions] == ["exactly EUR 150,000,000"]
    assert parse_money(wording(large.suggestions[0])) == Understood(
        150_000_000,
        Msg(
            "understanding.money.understood",
            {"text": "genau 150.000.000 €", "amount": eur_msg(150_000_000)},
        ),
    )


def test_several_amounts_are_named_and_offered() -> None:
    result = parse_money("300.000 bis 400.000 €")
    assert isinstance(result, Unclear)
    assert [wording(s) for s in result.suggestions] == ["300.000 €", "400.000 €"]
    assert [wording(s, "en") for s in result.suggestions] == ["EUR 300,000", "EUR 400,000"]
    assert "300.000 € und 400.000 €" in render(result.reason, "de")
    assert "EUR 300,000 and EUR 400,000" in render(result.reason, "en")
    scaled = parse_money("1 bis 2 Mio.")
    assert isinstance(scaled, Unclear)
    assert [wording(s) for s in scaled.suggestions] == ["1.000.000 €", "2.000.000 €"]


def test_small_amounts_suggest_a_likelier_one_and_a_way_to_confirm() -> None:
    result = parse_money("500 €")
    assert isinstance(result, Unclear)
    assert [wording(s) for s in result.suggestions] == ["500.000 €", "genau 500 €"]
    assert [wording(s, "en") for s in result.suggestions] == ["EUR 500,000", "exactly EUR 500"]
    assert "Meinen Sie 500.000 €?" in render(result.reason, "de")
    for suggestion in result.suggestions:
        assert isinstance(parse_money(wording(suggestion)), Understood)
        assert isinstance(parse_money(wording(suggestion, "en")), Understood)
    decimal = parse_money("1,5")
    assert isinstance(decimal, Unclear) and wording(decimal.suggestions[0]) == "1.500.000 €"


def test_limit_is_configurable() -> None:
    assert isinstance(parse_money("600.000 €", implausible_above=500_000), Unclear)
    assert parse_money("600.000 €", implausible_above=1_000_000) == Understood(600_000)
    tight = parse_money("500 €", implausible_above=100_000)
    assert isinstance(tight, Unclear) and tight.reason.key == "understanding.money.too_small_plain"


@pytest.mark.parametrize(
    ("amount", "de", "en"),
    [
        (0, "0 €", "EUR 0"),
        (999, "999 €", "EUR 999"),
        (1000, "1.000 €", "EUR 1,000"),
        (1_500_000, "1.500.000 €", "EUR 1,500,000"),
        (-5000, "-5.000 €", "EUR -5,000"),
    ],
)
def test_format_eur(amount: int, de: str, en: str) -> None:
    assert format_eur(amount, "de") == de
    assert format_eur(amount, "en") == en
    assert render(eur_msg(amount), "de") == de
    assert render(eur_msg(amount), "en") == en


def test_euros_format_german_by_default() -> None:
    assert f"{Euros(1_500_000)}" == "1.500.000"
    assert str(Euros(1_500_000)) == "1.500.000"
    assert f"{Euros(1_500_000):,}" == "1,500,000"
    assert Euros(5) == 5
