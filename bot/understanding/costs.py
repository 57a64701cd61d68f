"""Costs as sponsors state them: a total, or an amount per year or per month.

"180.000 € jährlich", "15.000 € im Monat", "EUR 250k per year", "monatlich 12k" or
"Jahreskosten ca. 110.000" name an amount *per period*. Taken as the total, a two-year project of
180.000 € a year would pass the cost cap it exceeds; so the period is kept with the amount and the
total is only computed once the duration is known, to be shown for confirmation
(`total_costs`), never stored silently.

Rules (the amount itself is read by `money.parse_money`):

* A period marker counts when it stands in the same clause as the amount (clauses end at ".",
  ";", a line break, ", " and " und "/" and "), or opens the clause right after it
  ("15.000 €, monatlich"). Markers: "jährlich", "pro/je/im/per Jahr", "p.a.", "per annum",
  "Jahreskosten", "Jahresbudget", "/Jahr", "per/a/each year", "yearly", "annually", "annual";
  "monatlich", "mtl.", "pro/je/im/per Monat", "Monatskosten", "/Monat", "per/a/each month",
  "monthly". "im Jahr 2027" is a date, not a period.
* "für zwei Jahre", "über die gesamte Laufzeit", "insgesamt" name no period: the amount is the
  total.
* An amount per period and a total that is a whole number of those periods ("90.000 € im Jahr,
  also 180.000 € gesamt") are the total.
* Amounts per month are questioned only below `SMALL_PER_MONTH` (100 € a month), not below
  1.000 € like totals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from bot.texts.catalog import Msg
from bot.understanding.money import SMALL_BELOW, amounts_in, eur_msg, parse_money
from bot.understanding.numbers import clip, echo
from bot.understanding.once import once
from bot.understanding.result import Parsed, Unclear, Understood

Period = Literal["year", "month"]

SMALL_PER_MONTH = 100
"""Amounts per month below this are questioned (as totals below 1.000 € are)."""

MAX_PERIODS = {"year": 10, "month": 120}
"""An amount per period and a total are read together only up to this many periods."""

_W = r"(?<![^\W\d_])"
"""No letter before: markers are whole words."""
_PER_YEAR = re.compile(
    _W + r"(?:jährlich\w*|jaehrlich\w*|jährl\.|jaehrl\.|jahreskosten|jahresbudget"
    r"|(?:pro|je|per)\s+(?:kalender)?jahr(?![^\W\d_])"
    r"|im\s+jahr(?![^\W\d_])(?!\s*(?:19|20)\d\d)"
    r"|p\.\s?a\.?|per\s+annum|(?:per|a|an|each|every)\s+year(?![^\W\d_])|yearly|annually|annual"
    r"|/\s*(?:jahr|year|yr|a)(?![^\W\d_]))",
    re.IGNORECASE,
)
_PER_MONTH = re.compile(
    _W + r"(?:monatlich\w*|mtl\.|monatskosten|monatsbudget"
    r"|(?:pro|je|per|im)\s+monat(?![^\W\d_])"
    r"|(?:per|a|each|every)\s+month(?![^\W\d_])|monthly"
    r"|/\s*(?:monat|mon\.?|month|mo)(?![^\W\d_]))",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[;\n!?]|\.(?=\s|$)|,(?=\s)|\s(?:und|and|aber|but|also)\s", re.IGNORECASE)
_ABBREVIATION = re.compile(r"(?:^|\W)(?:[^\W\d_]{1,2}|ca|rd|mio|tsd|bzw|ggf|inkl|zzgl|mtl)$", re.I)


@dataclass(frozen=True)
class Costs:
    amount: int
    """Whole euros: the total, or the amount per `per`."""
    per: Period | None = None
    """None: `amount` is the total cost."""

    def total(self, months: int) -> int:
        """The total over a duration of `months`."""
        return total_costs(self, months)


def total_costs(costs: Costs, months: int) -> int:
    """The total of `costs` over `months` (per year: a twelfth a month, rounded half up)."""
    if costs.per is None:
        return costs.amount
    if costs.per == "month":
        return costs.amount * months
    exact = Decimal(costs.amount) * months / 12
    return int(exact.to_integral_value(rounding=ROUND_HALF_UP))


def period_msg(period: Period) -> Msg:
    """ "pro Jahr", "a month" (in the reader's language)."""
    return Msg(f"understanding.costs.per.{period}")


def _boundaries(text: str) -> list[int]:
    """Where clauses end; a "." after an abbreviation ("ca.", "Mio.") ends none."""
    ends = []
    for match in _CLAUSE_END.finditer(text):
        if match.group() == "." and _ABBREVIATION.search(text[: match.start()]):
            continue
        ends.append(match.start())
    return ends


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    ends = _boundaries(text)
    before = max((e for e in ends if e < start), default=-1)
    after = min((e for e in ends if e >= end), default=len(text))
    return before + 1, after


def _period_at(text: str, start: int, end: int) -> Period | None:
    """The period named for the amount at text[start:end], if any."""
    first, last = _clause(text, start, end)
    spans = [(first, last)]
    # "15.000 €, monatlich": a marker opening the next clause belongs to the amount too
    following = _clause(text, min(last + 1, len(text)), min(last + 1, len(text)))
    spans.append(following)
    for index, (a, b) in enumerate(spans):
        segment = text[a:b]
        found: list[tuple[int, Period]] = []
        markers: tuple[tuple[re.Pattern[str], Period], ...] = (
            (_PER_YEAR, "year"),
            (_PER_MONTH, "month"),
        )
        for pattern, period in markers:
            for match in pattern.finditer(segment):
                if index == 1 and segment[: match.start()].strip(" ,"):
                    continue
                found.append((match.start(), period))
        if found:
            periods = {period for _, period in found}
            if len(periods) == 1:
                return found[0][1]
            # both named: the one closest to the amount
            anchor = start - a
            return min(found, key=lambda item: abs(item[0] - anchor))[1]
    return None


def names_period(text: str) -> bool:
    """`text` names a year or a month as a period ("pro Jahr", "monthly"), not as a date."""
    return _PER_YEAR.search(text) is not None or _PER_MONTH.search(text) is not None


def _whole_periods(total: int, amount: int, period: Period) -> bool:
    if amount <= 0 or total <= amount or total % amount:
        return False
    return total // amount <= MAX_PERIODS[period]


@once
def parse_costs(text: str, *, implausible_above: int = 100_000_000) -> Parsed[Costs]:
    """The costs a sponsor names: a total, or an amount per year or month (module rules)."""
    clipped = clip(text)
    located = [
        (
            int(q.value.to_integral_value(rounding=ROUND_HALF_UP)),
            _period_at(clipped, q.start, q.end),
        )
        for q, _ in amounts_in(clipped)
    ]
    periods = {period for _, period in located}
    if len(located) == 2 and len(periods) == 2 and None in periods:
        (per_amount, period), (total, _) = sorted(located, key=lambda item: item[1] is None)
        if period is not None and _whole_periods(total, per_amount, period):
            return Understood(
                Costs(total),
                Msg(
                    "understanding.money.understood", {"text": echo(text), "amount": eur_msg(total)}
                ),
            )
    marked = {period for _, period in located if period is not None}
    if len(marked) != 1:
        parsed = parse_money(text, implausible_above=implausible_above)
        if isinstance(parsed, Unclear):
            return parsed
        return Understood(Costs(parsed.value), parsed.note)
    period = marked.pop()
    small = SMALL_PER_MONTH if period == "month" else SMALL_BELOW
    parsed = parse_money(text, implausible_above=implausible_above, small_below=small)
    if isinstance(parsed, Unclear):
        return parsed
    return Understood(
        Costs(parsed.value, period),
        Msg(
            "understanding.costs.understood_per",
            {"text": echo(text), "amount": eur_msg(parsed.value), "per": period_msg(period)},
        ),
    )
