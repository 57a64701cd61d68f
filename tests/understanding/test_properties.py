"""Properties of the parsers over generated answers: they never raise and stay in range."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from hypothesis import given
from hypothesis import strategies as st

from bot.base.yearmonth import YearMonth
from bot.texts.catalog import Msg, render
from bot.texts.formats import format_eur
from bot.understanding.money import SMALL_BELOW, parse_money
from bot.understanding.numbers import parse_number
from bot.understanding.periods.duration import MAX_MONTHS, Duration, parse_duration
from bot.understanding.periods.start import EARLIEST_YEAR, LATEST_YEAR, parse_start
from bot.understanding.result import Parsed, Unclear, Understood, wording

FRAGMENTS = [
    "1", "2", "12", "18", "2027", "03/2027", "1.500", "1,5", "450.000,00", "-", "–", "/", ".",
    ",", "bis", "von", "ab", "oder", "und", "Mio.", "Millionen", "k", "T€", "TEUR", "Tsd.", "€",
    "EUR", "Euro", "eine", "halbe", "Million", "zweihundert", "tausend", "anderthalb", "Jahre",
    "Jahr", "Monate", "Mon.", "J.", "Q2", "Quartal", "2.", "Halbjahr", "H1", "Ende", "Mitte",
    "Anfang", "März", "Mai", "may", "Sommer", "Winter", "sofort", "nächsten", "Monat", "half",
    "a", "komma", "fünf", "minus", "genau", "'27", "9999", "0", "1.3.27", "99.99.9999",
    "9" * 25, "jährig", "Wochen", "%", "🙂", "\x00", "\u200b", "½", "١٢", "ß", "İ", " ",
]  # fmt: skip
T = TypeVar("T")
CONFIRMING = ("genau", "exakt", "wirklich", "tatsächlich", "tatsaechlich", "exactly", "really")


def _ten_thousand(text: str) -> str:
    """A 10,000-character answer made of `text`."""
    return (text * (10_000 // len(text) + 1))[:10_000]


answers = st.one_of(
    st.text(),
    st.text(st.characters(codec="utf-8"), max_size=50),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join),
    st.text(min_size=1, max_size=300).map(_ten_thousand),
    st.text(alphabet="0123456789.,- €kMio/Q🙂\x07\n", min_size=1, max_size=300).map(_ten_thousand),
    st.sampled_from(["zwei ", "1.", "Q2 ", "🙂", "\x07", "- ", "1 Jahr und "]).map(_ten_thousand),
)
starts = st.none() | st.builds(
    YearMonth, st.integers(EARLIEST_YEAR, LATEST_YEAR), st.integers(1, 12)
)
todays = st.dates(date(2020, 1, 1), date(2035, 12, 31))


def _renders(result: Parsed[T]) -> None:
    message: Msg | None = result.note if isinstance(result, Understood) else result.reason
    if isinstance(result, Unclear):
        assert all(wording(s) and wording(s, "en") for s in result.suggestions)
    if message is not None:
        assert message.key.startswith("understanding.")
        for language in ("de", "en"):
            assert render(message, language)


@given(answers)
def test_money_never_raises_and_stays_in_range(text: str) -> None:
    result = parse_money(text)
    _renders(result)
    if isinstance(result, Understood):
        assert isinstance(result.value, int)
        assert result.value > 0
        folded = text.casefold()
        confirmed = any(word in folded for word in CONFIRMING)
        assert confirmed or SMALL_BELOW <= result.value <= 100_000_000


@given(answers, todays)
def test_start_never_raises_and_stays_in_range(text: str, today: date) -> None:
    result = parse_start(text, today)
    _renders(result)
    if isinstance(result, Understood):
        assert EARLIEST_YEAR <= result.value.year <= LATEST_YEAR


@given(answers, starts)
def test_duration_never_raises_and_stays_in_range(text: str, start: YearMonth | None) -> None:
    result = parse_duration(text, start)
    _renders(result)
    if isinstance(result, Understood):
        assert 1 <= result.value.months <= MAX_MONTHS
        if result.value.start is not None:
            assert EARLIEST_YEAR <= result.value.start.year <= LATEST_YEAR


@given(answers)
def test_numbers_never_raise(text: str) -> None:
    assert parse_number(text) is None or isinstance(parse_number(text), int | float)


@given(st.integers(1, MAX_MONTHS))
def test_months_round_trip(n: int) -> None:
    assert parse_duration(f"{n} Monate", None) == Understood(Duration(n))
    result = parse_duration(f"{n} months", YearMonth(2027, 1))
    assert isinstance(result, Understood) and result.value.months == n


@given(st.integers(1, 10))
def test_years_round_trip(n: int) -> None:
    result = parse_duration(f"{n} Jahre", None)
    assert isinstance(result, Understood) and result.value == Duration(12 * n)


@given(starts.filter(lambda s: s is not None), st.integers(1, MAX_MONTHS))
def test_periods_round_trip(begins: YearMonth | None, n: int) -> None:
    assert begins is not None
    ends = begins.end_month(n)
    result = parse_duration(f"{begins.display()} bis {ends.display()}", None)
    assert isinstance(result, Understood) and result.value == Duration(n, begins)
    until = parse_duration(f"bis {ends.display()}", begins)
    assert isinstance(until, Understood) and until.value == Duration(n)


@given(st.builds(YearMonth, st.integers(EARLIEST_YEAR, LATEST_YEAR), st.integers(1, 12)), todays)
def test_start_round_trip(ym: YearMonth, today: date) -> None:
    assert parse_start(ym.display(), today) == Understood(ym)
    assert parse_start(ym.iso(), today) == Understood(ym)


@given(st.integers(SMALL_BELOW, 100_000_000))
def test_money_round_trip(amount: int) -> None:
    assert parse_money(format_eur(amount, "de")) == Understood(amount)
    english = parse_money(format_eur(amount, "en"))
    assert isinstance(english, Understood) and english.value == amount
    assert parse_money(str(amount)) == Understood(amount)


@given(st.integers(1, SMALL_BELOW - 1))
def test_small_amounts_offer_suggestions_that_are_understood(amount: int) -> None:
    result = parse_money(format_eur(amount, "de"))
    assert isinstance(result, Unclear)
    assert result.suggestions
    for suggestion in result.suggestions:
        assert isinstance(parse_money(wording(suggestion)), Understood)
        assert "genau" not in wording(suggestion, "en")


@given(st.integers(100_000_001, 10**15))
def test_large_amounts_are_questioned(amount: int) -> None:
    result = parse_money(format_eur(amount, "de"))
    assert isinstance(result, Unclear) and result.reason.key == "understanding.money.too_large"
    assert parse_money(wording(result.suggestions[0])) == Understood(
        amount,
        Msg(
            "understanding.money.understood",
            {"text": wording(result.suggestions[0]), "amount": result.reason.params["amount"]},
        ),
    )
