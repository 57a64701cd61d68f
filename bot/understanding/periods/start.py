"""The project's start in a sponsor's answer (`parse_start`), from the points in time of when.py.

* A month (or quarter, season) without a year is the next one after today: "Januar" in March
  2026 is 01/2027, "Mai" in March 2026 is 05/2026 ("nächsten Jahres" picks the year).
  "ab sofort", "sofort", "nächsten Monat" (and "next month", "asap") are the month after today,
  "diesen Monat" is this month, "in 3 Monaten" three months after this one.
* A year alone ("2027", "nächstes Jahr") is not enough: `Unclear`, suggesting "01/2027".
* Starts must lie in EARLIEST_YEAR..LATEST_YEAR. A start in the past is still understood: the
  pre-check makes that a hint, not the parser. Two dates joined by "bis"/"-" give the first.
"""

from __future__ import annotations

import re
from datetime import date

from bot.base.yearmonth import YearMonth
from bot.texts.catalog import Msg
from bot.understanding.numbers import (
    clip,
    echo,
    enumeration,
    parse_number,
)
from bot.understanding.once import once
from bot.understanding.periods.when import _NEEDS_YEAR_WORD, _find_whens, _fold, _When
from bot.understanding.result import Parsed, Unclear, Understood

EARLIEST_YEAR = 2020
LATEST_YEAR = 2035
"""Project starts outside these years are refused."""

_RANGE = re.compile(
    r"\s*(?:-|bis(?:\s+(?:zum|zur|ende|einschliesslich|inkl\.?))?|to|until|till|through)\s*"
)

_START_MARK = re.compile(
    r"(?:^|[^a-z])(?:ab|von|vom|from|starting|beginning|beginn|start|startet|starten|beginnt"
    r"|beginnend|seit|since)(?:\s*[:,]?\s*(?:dem|den|im|in|am|at|on|the|des|der))*\s*[:,]?\s*$"
)

_PLAIN_START = re.compile(
    r"(?:0?[1-9]|1[0-2])[/.](?:19|20)\d{2}|(?:19|20)\d{2}-(?:0[1-9]|1[0-2])"
    r"|(?:januar|februar|maerz|april|mai|juni|juli|august|september|oktober|november|dezember"
    r"|january|february|march|may|june|july|october|december) (?:19|20)\d{2}"
)

_NEXT_MONTH = re.compile(
    r"(?<![a-z])(?:sofort|umgehend|schnellstmoeglich|asap|immediately|as soon as possible"
    r"|so (?:schnell|bald|frueh) wie moeglich|(?:naechste[nmr]?|kommende[nmr]?) monat|next month)"
    r"(?![a-z])"
)

_THIS_MONTH = re.compile(r"(?<![a-z])(?:(?:diese[nmr]?|laufende[nmr]?) monat|this month)(?![a-z])")
_IN_MONTHS = re.compile(r"(?<![a-z])in (?P<n>[a-z0-9]+) (?:monaten|monate|months?)(?![a-z])")
_IN_YEARS = re.compile(
    r"(?<![a-z])in (?:(?P<half>einem halben|(?:about )?half a) (?:jahr|year)"
    r"|(?P<n>einem|a|one|[0-9]) (?:jahr|jahren|years?))(?![a-z])"
)
"""A point in time counted from today ("in einem halben Jahr", "in a year"), not a length."""

_YEAR_WORDS = [
    (re.compile(r"(?<![a-z])(?:uebernaechste[nmrs]?|uebernaechsten) jahr(?:es|e)?(?![a-z])"), 2),
    (
        re.compile(
            r"(?<![a-z])(?:(?:naechste[nmrs]?|kommende[nmrs]?|neue[nmrs]?) jahr(?:es|e)?"
            r"|next year|the new year)(?![a-z])"
        ),
        1,
    ),
    (
        re.compile(
            r"(?<![a-z])(?:(?:diese[nmrs]?|laufende[nmrs]?) jahr(?:es|e)?|this year)(?![a-z])"
        ),
        0,
    ),
]


def _ym(year: int, month: int) -> YearMonth | None:
    """YearMonth, or None where YearMonth itself would refuse the year."""
    if 1900 <= year <= 2200 and 1 <= month <= 12:
        return YearMonth(year, month)
    return None


def _today(today: date) -> YearMonth:
    return YearMonth(min(max(today.year, 1901), 2199), today.month)


def _next_after(month: int, after: YearMonth) -> int:
    """The year of the first `month` strictly after `after`."""
    return after.year if month > after.month else after.year + 1


def _start_unclear(key: str, params: dict[str, str | int], now: YearMonth) -> Unclear:
    return Unclear(
        Msg(f"understanding.start.{key}", {"example": now.plus_months(1).display(), **params})
    )


@once
def parse_start(text: str, today: date, *, year: int | None = None) -> Parsed[YearMonth]:
    """The month a project starts (see the module's rules); `today` resolves relative answers.

    `year` is a year the sponsor named before (the dialog asked for the month in it): a month
    said without a year lies in it, and "May" alone is a month then ("let's say May")."""
    clipped = clip(text)
    folded = _fold(clipped)
    now = _today(today)
    quote = echo(text)
    whens = _find_whens(folded)
    if year is not None and not whens:
        whens = [w for w in _find_whens(_NEEDS_YEAR_WORD.sub(rf"\g<0> {year}", folded)) if w.year]
    year_hint = next(
        (now.year + offset for pattern, offset in _YEAR_WORDS if pattern.search(folded)), year
    )
    if not whens:
        relative = _relative_month(folded, now)
        if relative is not None:
            return _checked_start(relative, quote, now, plain=False)
        if year_hint is not None:
            return _month_missing(year_hint)
        return _start_unclear("missing", {}, now)
    years = [w for w in whens if w.kind == "year"]
    if len(years) == 1 and len(whens) == 2 and any(w.year is None for w in whens):
        # "2027, im März": the lone year belongs to the month
        year_hint = years[0].year
        whens = [w for w in whens if w.kind != "year"]
    if any(w.kind == "invalid" for w in whens):
        return _start_unclear("invalid_month", {"text": quote}, now)
    resolved = [(w, _resolve_start_year(w, year_hint, now)) for w in whens]
    if len(resolved) > 1:
        distinct = {(year, w.month, w.kind == "year") for w, year in resolved}
        joined = len(whens) == 2 and _RANGE.fullmatch(folded[whens[0].end : whens[1].start])
        if len(distinct) > 1 and not joined:
            shown = [
                str(year) if w.kind == "year" else f"{w.month:02d}/{year:04d}"
                for w, year in resolved
            ]
            months = [label for label in shown if "/" in label]
            return Unclear(
                Msg(
                    "understanding.start.several",
                    {
                        "months": enumeration(shown[:5]),
                        "example": months[0] if months else now.plus_months(1).display(),
                    },
                ),
                tuple(months[:5]),
            )
    when, year = resolved[0]
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return _start_unclear(
            "year_out_of_range",
            {"year": year, "earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
            now,
        )
    if when.kind == "year":
        return _month_missing(year)
    # "Ende Winter 2027": the end of a season may lie in the next year (02/2028)
    month = YearMonth(year, when.month).plus_months(_within(folded[: when.start], when))
    return _checked_start(month, quote, now, plain=bool(_PLAIN_START.fullmatch(folded)))


_LATE_IN = re.compile(
    r"(?<![a-z])(?:ende|end\s+of(?:\s+the)?|late|spaet\w*)\s*(?:des|der|im|in)?\s*$"
)

_MID_IN = re.compile(
    r"(?<![a-z])(?:mitte|mid|middle\s+of(?:\s+the)?)\s*(?:des|der|im|in)?\s*-?\s*$"
)


def _within(before: str, when: _When) -> int:
    """Months into a quarter or season a start said to be at its end or middle lies ("end of
    Q1 2027" is 03/2027, "Mitte Q3" 08)."""
    if when.kind not in ("quarter", "season") or when.span < 2:
        return 0
    if _LATE_IN.search(before):
        return when.span - 1
    if _MID_IN.search(before):
        return when.span // 2
    return 0


def _resolve_start_year(when: _When, year_hint: int | None, now: YearMonth) -> int:
    if when.year is not None:
        return when.year
    if year_hint is not None:
        return year_hint
    return _next_after(when.month, now)


def _relative_month(folded: str, now: YearMonth) -> YearMonth | None:
    if _NEXT_MONTH.search(folded):
        return now.plus_months(1)
    if _THIS_MONTH.search(folded):
        return now
    match = _IN_MONTHS.search(folded)
    if match:
        count = parse_number(match["n"])
        if isinstance(count, int) and 0 <= count <= 120:
            return now.plus_months(count)
    years = _IN_YEARS.search(folded)
    if years:
        if years["half"]:
            return now.plus_months(6)
        count = 1 if years["n"] in ("einem", "a", "one") else parse_number(years["n"])
        if isinstance(count, int) and 1 <= count <= 9:
            return now.plus_months(12 * count)
    return None


def _month_missing(year: int) -> Unclear:
    return Unclear(
        Msg("understanding.start.month_missing", {"year": year}),
        (f"01/{year:04d}",) if EARLIEST_YEAR <= year <= LATEST_YEAR else (),
    )


def _checked_start(ym: YearMonth, quote: str, now: YearMonth, *, plain: bool) -> Parsed[YearMonth]:
    if not EARLIEST_YEAR <= ym.year <= LATEST_YEAR:
        return _start_unclear(
            "year_out_of_range",
            {"year": ym.year, "earliest": EARLIEST_YEAR, "latest": LATEST_YEAR},
            now,
        )
    if plain:
        return Understood(ym)
    return Understood(
        ym, Msg("understanding.start.understood", {"text": quote, "month": ym.display()})
    )
