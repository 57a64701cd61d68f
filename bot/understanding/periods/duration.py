"""The project's duration in a sponsor's answer (`parse_duration`): a length, a period between
two points in time (when.py), or an end counted from the start.

* "18 Monate", "24 Mon.", "2 Jahre", "2,5 Jahre" (a decimal comma is always a decimal here),
  "zweieinhalb Jahre", "ein halbes Jahr", "anderthalb Jahre", "3 J.", "1 Jahr und 6 Monate",
  "6 Quartale", "2 Halbjahre", "ein Vierteljahr", "2-jährig", "2 years", "18 months"; weeks
  count as 12/52 of a month. Part months round up ("2,3 Jahre" is 27,6 → 28 months, noted).
* A period "01/2027 bis 12/2029", "von März 2027 bis Februar 2029", "2027-01 – 2028-12": months
  counted inclusively (01/2027..12/2029 is 36) and its start returned in `Duration.start`.
  "24 Monate ab 03/2027" also returns that start.
* An end alone ("bis Ende 2028", "bis 12/2028", "bis Dezember 2028") counts from the given
  start through that month; without a start it is `Unclear`.
* A bare number 11..120 is months; 1..10 is asked about ("3 Jahre oder 3 Monate?"), except
  decimals such as "1,5", which only make sense as years. Durations must be 1..MAX_MONTHS.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

from bot.base.yearmonth import YearMonth
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Count
from bot.understanding.numbers import (
    Quantity,
    clip,
    echo,
    enumeration,
    find_quantities,
    is_integral,
    parse_number,
)
from bot.understanding.once import once
from bot.understanding.periods.start import _START_MARK, EARLIEST_YEAR, LATEST_YEAR, _ym
from bot.understanding.periods.when import _find_whens, _fold, _When
from bot.understanding.result import Parsed, Unclear, Understood

MAX_MONTHS = 120
"""The longest duration understood (10 years)."""

_END_YEARS = (2000, 2100)
"""Years an end date may name at all (anything beyond is far too long anyway)."""


@dataclass(frozen=True)
class Duration:
    months: int
    start: YearMonth | None = None
    """Set only when the answer itself named a period ("01/2027 bis 12/2029")."""


def months_msg(count: int) -> Count:
    """ "1 Monat", "18 Monate" (in the reader's language)."""
    return Count(count, "months")


def years_msg(count: int) -> Count:
    return Count(count, "years")


_UNIT = re.compile(
    r"""\s*-?\s*(?:
        (?P<d>dreivierteljahre?n?s?)
      | (?P<v>vierteljahre?n?s?)
      | (?P<h>halbjahre?n?s?|semester)
      | (?P<y>(?:schul|ausbildungs|lehr|kita)jahre?n?s?|(?:school|academic|training)\s+years?
          |jahre?n?s?|jaehrig[a-z]*|j\.?|jr\.?|years?|yrs?\.?|y|johr|johrn)
      | (?P<m>monate?n?s?|monatig[a-z]*|mon\.?|mte?\.?|mo\.?|months?|mths?\.?|mos\.?|maand|maanden)
      | (?P<q>quartale?n?s?|quarters?)
      | (?P<w>wochen?|weeks?|wo\.?)
    )(?![a-z])""",
    re.VERBOSE,
)
_UNIT_MONTHS = {
    "d": Decimal(9),
    "v": Decimal(3),
    "h": Decimal(6),
    "y": Decimal(12),
    "m": Decimal(1),
    "q": Decimal(3),
    "w": Decimal(12) / Decimal(52),
}
_COMPOUND_UNIT = re.compile(r"(?<![a-z])(?P<n>[a-z]+?)(?P<u>jaehrig|monatig)[a-z]*")
_SUM_JOIN = re.compile(r"\s*(?:,|und|and|plus|\+)?\s*")
_PLAIN_DURATION = re.compile(r"\d+ ?(?:monate?|months?)")
_BARE_JOIN = re.compile(r"\s*(?:-|bis|to|oder|or|bzw\.?|/)\s*")


@dataclass(frozen=True)
class _Amount:
    """A length of time found in the answer."""

    months: Decimal
    unit: str
    start: int
    end: int


def _overlaps(start: int, end: int, whens: list[_When]) -> bool:
    return any(start < w.end and w.start < end for w in whens)


def _lengths(folded: str, whens: list[_When]) -> tuple[list[_Amount], list[Quantity]]:
    """Lengths with a unit ("18 Monate"), and bare numbers ("18")."""
    quantities = [
        q
        for q in find_quantities(folded, scales=False, decimal_comma=True)
        if not _overlaps(q.start, q.end, whens)
    ]
    units: list[str | None] = []
    ends: list[int] = []
    for quantity in quantities:
        match = _UNIT.match(folded, quantity.end)
        units.append(match.lastgroup if match else None)
        ends.append(match.end() if match else quantity.end)
    # "18 bis 24 Monate": the second one's unit applies to both
    for index in range(len(quantities) - 2, -1, -1):
        gap = folded[quantities[index].end : quantities[index + 1].start]
        if units[index] is None and units[index + 1] and _BARE_JOIN.fullmatch(gap):
            units[index] = units[index + 1]
    lengths = [
        _Amount(q.value * _UNIT_MONTHS[unit], unit, q.start, end)
        for q, unit, end in zip(quantities, units, ends, strict=True)
        if unit is not None
    ]
    bare = [q for q, unit in zip(quantities, units, strict=True) if unit is None and not q.article]
    for match in _COMPOUND_UNIT.finditer(folded):
        value = parse_number(match["n"])
        if value is not None and not _overlaps(match.start(), match.end(), whens):
            factor = Decimal(12) if match["u"] == "jaehrig" else Decimal(1)
            lengths.append(_Amount(Decimal(str(value)) * factor, "y", match.start(), match.end()))
    lengths.sort(key=lambda length: length.start)
    return lengths, bare


def _total(folded: str, lengths: list[_Amount]) -> Decimal | list[Decimal]:
    """The months the lengths add up to, or the different lengths if they do not add up."""
    values = [length.months for length in lengths]
    if len(set(values)) == 1:
        return values[0]
    if (
        len(lengths) == 2
        and lengths[0].unit in ("y", "h", "q", "v", "d")
        and lengths[1].unit == "m"
        and 0 < lengths[1].months < 12
        and _SUM_JOIN.fullmatch(folded[lengths[0].end : lengths[1].start])
    ):
        return values[0] + values[1]
    distinct: list[Decimal] = []
    for value in values:
        if value not in distinct:
            distinct.append(value)
    return distinct


def _ceil(value: Decimal) -> int:
    return math.ceil(value)


def _duration_unclear(key: str, **params: Param) -> Unclear:
    return Unclear(Msg(f"understanding.duration.{key}", params))


def _check_months(
    months: int, quote: str, understood: Msg | None, start: YearMonth | None = None
) -> Parsed[Duration]:
    if months < 1:
        return _duration_unclear("not_positive", text=quote)
    if months > MAX_MONTHS:
        return _duration_unclear(
            "too_long", months=months_msg(months), limit=months_msg(MAX_MONTHS)
        )
    return Understood(Duration(months, start), understood)


def _understood(quote: str, exact: Decimal) -> Msg:
    months = _ceil(exact)
    key = "understood" if is_integral(exact) else "understood_rounded"
    return Msg(f"understanding.duration.{key}", {"text": quote, "months": months_msg(months)})


@once
def parse_duration(text: str, start: YearMonth | None) -> Parsed[Duration]:
    """How long a project runs, in months (see the module's rules).

    `start` is the project start, if known; it is needed for answers that only name the end.
    """
    clipped = clip(text)
    folded = _fold(clipped)
    quote = echo(text)
    whens = _find_whens(folded)
    if any(w.kind == "invalid" for w in whens):
        return _duration_unclear("invalid_month", text=quote)
    lengths, bare = _lengths(folded, whens)
    if len(whens) >= 2:
        period = _period(whens, folded, quote, start)
        if lengths and isinstance(period, Understood):
            total = _total(folded, lengths)
            if not isinstance(total, Decimal) or _ceil(total) != period.value.months:
                seen = [_ceil(v) for v in (total if isinstance(total, list) else [total])]
                return _several([*seen, period.value.months])
        return period
    if lengths:
        total = _total(folded, lengths)
        if isinstance(total, list):
            return _several([_ceil(value) for value in total])
        plain = _PLAIN_DURATION.fullmatch(folded) is not None
        understood = None if plain else _understood(quote, total)
        begins = None
        if len(whens) == 1 and _START_MARK.search(folded[: whens[0].start]):
            when = whens[0]
            if when.kind != "year" and when.year is not None:
                if not EARLIEST_YEAR <= when.year <= LATEST_YEAR:
                    return _year_out_of_range(when.year)
                begins = YearMonth(when.year, when.month)
        return _check_months(_ceil(total), quote, understood, begins)
    if len(whens) == 1:
        return _until(whens[0], folded, quote, start)
    if bare:
        return _bare(bare, quote)
    return _duration_unclear("missing")


def _several(months: list[int]) -> Unclear:
    distinct = list(dict.fromkeys(months))[:5]
    return Unclear(
        Msg(
            "understanding.duration.several",
            {
                "values": enumeration([months_msg(count) for count in distinct]),
                "example": months_msg(max(distinct)),
            },
        ),
        tuple(months_msg(count) for count in distinct if 1 <= count <= MAX_MONTHS),
    )


def _year_out_of_range(year: int) -> Unclear:
    return _duration_unclear(
        "year_out_of_range",
        year=year,
        earliest=EARLIEST_YEAR,
        latest=LATEST_YEAR,
        example="01/2027 – 12/2028",
    )


def _end_of(when: _When, year: int) -> YearMonth | None:
    first = _ym(year, when.month)
    if first is None or not _END_YEARS[0] <= year <= _END_YEARS[1]:
        return None
    return first.plus_months(when.span - 1)


def _period(
    whens: list[_When], folded: str, quote: str, start: YearMonth | None
) -> Parsed[Duration]:
    """A duration from "01/2027 bis 12/2029"."""
    if len(whens) > 2:
        return _duration_unclear("period_incomplete", text=quote, example="01/2027 – 12/2028")
    first, last = whens
    if first.kind == "year" or last.kind == "year":
        from_year = first.year or last.year or 2027
        to_year = last.year or from_year
        return Unclear(
            Msg(
                "understanding.duration.period_incomplete",
                {"text": quote, "example": f"01/{from_year:04d} – 12/{to_year:04d}"},
            ),
            (f"01/{from_year:04d} – 12/{to_year:04d}",),
        )
    first_year, last_year = first.year, last.year
    if first_year is None and last_year is None and start is not None:
        first_year = start.year if first.month >= start.month else start.year + 1
    if first_year is None and last_year is not None:
        first_year = last_year if first.month <= last.month else last_year - 1
    if first_year is None:
        return _duration_unclear("period_incomplete", text=quote, example="01/2027 – 12/2028")
    if last_year is None:
        last_year = first_year if last.month >= first.month else first_year + 1
    if not EARLIEST_YEAR <= first_year <= LATEST_YEAR:
        return _year_out_of_range(first_year)
    begins = YearMonth(first_year, first.month)
    ends = _end_of(last, last_year)
    if ends is None:
        return _year_out_of_range(last_year)
    months = begins.months_until(ends)
    if months < 1:
        return _end_before_start(begins, ends)
    understood = Msg(
        "understanding.duration.understood_period",
        {
            "text": quote,
            "start": begins.display(),
            "end": ends.display(),
            "months": months_msg(months),
        },
    )
    return _check_months(months, quote, understood, begins)


def _end_before_start(begins: YearMonth, ends: YearMonth) -> Unclear:
    example = f"{begins.display()} – {begins.end_month(24).display()}"
    return Unclear(
        Msg(
            "understanding.duration.end_before_start",
            {"start": begins.display(), "end": ends.display(), "example": example},
        )
    )


def _until(when: _When, folded: str, quote: str, start: YearMonth | None) -> Parsed[Duration]:
    """A duration from an end alone ("bis Ende 2028"), counted from the known start."""
    if _START_MARK.search(folded[: when.start]):
        year = when.year or (start.year if start else 2027)
        example = _until_msg(f"12/{min(year + 2, 2200):04d}")
        return Unclear(
            Msg("understanding.duration.end_missing", {"text": quote, "example": example})
        )
    if start is None:
        return _duration_unclear("start_needed", text=quote)
    if when.kind == "year":
        return Unclear(
            Msg(
                "understanding.duration.period_incomplete",
                {"text": quote, "example": _until_msg(f"12/{when.year:04d}")},
            ),
            (_until_msg(f"12/{when.year:04d}"),),
        )
    year = when.year if when.year is not None else _first_ending_from(when, start)
    ends = _end_of(when, year)
    if ends is None:
        return _year_out_of_range(year)
    months = start.months_until(ends)
    if months < 1:
        return _end_before_start(start, ends)
    understood = Msg(
        "understanding.duration.understood_until",
        {
            "text": quote,
            "start": start.display(),
            "end": ends.display(),
            "months": months_msg(months),
        },
    )
    return _check_months(months, quote, understood)


def _until_msg(end: str) -> Msg:
    return Msg("understanding.duration.until", {"end": end})


def _first_ending_from(when: _When, start: YearMonth) -> int:
    """The year in which a yearless end ("bis Dezember") first ends at or after `start`."""
    for year in (start.year, start.year + 1):
        ends = _end_of(when, year)
        if ends is not None and ends >= start:
            return year
    return start.year + 1


def _bare(bare: list[Quantity], quote: str) -> Parsed[Duration]:
    """A number without a unit: months if above 10, asked about if 1..10 (years or months?)."""
    values = list(dict.fromkeys(q.value for q in bare))
    if len(values) > 1:
        return _several([_ceil(value) for value in values if value > 0] or [0])
    value = values[0]
    if value <= 0:
        return _duration_unclear("not_positive", text=quote)
    if value <= 10 and is_integral(value):
        count = int(value)
        return Unclear(
            Msg(
                "understanding.duration.years_or_months",
                {
                    "years": years_msg(count),
                    "months": months_msg(count * 12),
                    "short": months_msg(count),
                },
            ),
            (years_msg(count), months_msg(count)),
        )
    exact = value * 12 if value <= 10 else value
    return _check_months(_ceil(exact), quote, _understood(quote, exact))
