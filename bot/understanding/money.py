"""Amounts of money in a sponsor's answer: the total cost of a project, in whole euros.

Rules (besides the digit rules in `numbers`):

* Everything that looks like an amount counts: digits ("500.000", "EUR 300,000"), words
  ("zweihunderttausend", "eine halbe Million", "half a million") and scale words ("1,5 Mio.",
  "450k", "450 TEUR", "240 T€", "240 Tsd. Euro"). Hedges and labels around it ("ca.", "rund",
  "Gesamtkosten") are ignored.
* If some numbers carry a currency or a scale word, only those are amounts: in "400.000 € für
  24 Monate" the 24 is not an amount. Percentages and numbers followed by a time unit are never
  amounts, and a plain year (2027) is dropped when another number is present.
* "300.000 bis 400.000 €" names two amounts: the scale and currency of the second apply to the
  first ("1 bis 2 Mio." is 1.000.000 and 2.000.000). Different amounts are never guessed
  between: the answer is `Unclear`, names the amounts seen and offers each as a suggestion.
  The same amount repeated ("500.000 €, also eine halbe Million") is fine, and so is a total
  followed by parts that add up to it ("450.000 €: 300.000 € Personal, 150.000 € Sachkosten").
* Cents are rounded to whole euros (half up), with a note.
* 0 and negative amounts are refused. Amounts above `implausible_above` and below 1.000 € are
  questioned: they are `Unclear` with suggestions (for "500 €": "500.000 €" and
  "genau 500 €"). Writing "genau", "exakt", "wirklich", "tatsächlich", "exactly" or "really"
  confirms such an amount, which is then understood (with a note).
* A note is given unless the answer was a plain amount: digits grouped the German way or not
  at all, optionally ",00" or ",-" and "€"/"EUR"/"Euro" ("500.000 €", "500000", "EUR 500.000").
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from bot.texts.catalog import Msg
from bot.understanding.numbers import Quantity, clip, echo, enumeration, find_quantities
from bot.understanding.once import once
from bot.understanding.result import Parsed, Unclear, Understood

SMALL_BELOW = 1000
"""Total costs below this many euros are questioned ("Meinen Sie 500.000 €?")."""

MAX_LISTED = 5
"""At most this many different amounts are named when an answer holds several."""

_CURRENCY_AFTER = re.compile(r"\s*(?:€|eur(?:o|os)?(?![^\W\d_]))", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:€|(?<![^\W\d_])eur(?:o|os)?)\s*$", re.IGNORECASE)
_NOT_AMOUNT_AFTER = re.compile(
    r"\s*(?:%|prozent|percent|monat(?!lich)|jahr|woche|tag|month(?!ly)|year(?!ly)|week|day"
    r"|teilnehm|person|stelle"
    r"|plaetze|plätze|mitarbeit|beschaeftig|beschäftig)",
    re.IGNORECASE,
)
_RANGE = re.compile(r"\s*(?:bis|-|–|—|to|oder|or|und|and|bzw\.?|/)\s*(?:zu\s+)?", re.IGNORECASE)
_CONFIRM = re.compile(
    r"(?<![^\W\d_])(?:genau|exakt|wirklich|tatsächlich|tatsaechlich|exactly|really)(?![^\W\d_])",
    re.IGNORECASE,
)
_PLAIN = re.compile(
    r"(?:(?:€|eur|euro)\s*)?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,00?|,-|,–)?\s*(?:€|eur|euro)?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")


class Euros(int):
    """Whole euros that format German-style by default: `f"{Euros(1500000)}"` is "1.500.000".

    Any explicit format spec works as for int, so the English catalogue writes
    "EUR {amount:,}" and gets "EUR 1,500,000" from the same parameter.
    """

    def __format__(self, spec: str) -> str:
        if spec:
            return int(self).__format__(spec)
        return _group_de(int(self))

    def __str__(self) -> str:
        return _group_de(int(self))


def _group_de(amount: int) -> str:
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(amount):,}".replace(",", ".")


def eur_msg(amount: int) -> Msg:
    """An amount as a message parameter, formatted for whichever language renders it."""
    return Msg("understanding.money.eur", {"amount": Euros(amount)})


def exactly(amount: int) -> Msg:
    """ "genau 500 €": the confirmation of an unusual amount, as a button or typed."""
    return Msg("understanding.money.exactly", {"amount": eur_msg(amount)})


def _euros(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def _has_currency(text: str, quantity: Quantity) -> bool:
    if "eur" in quantity.scale_text.casefold():
        return True
    return bool(
        _CURRENCY_AFTER.match(text, quantity.end) or _CURRENCY_BEFORE.search(text[: quantity.start])
    )


def amounts_in(text: str) -> list[tuple[Quantity, bool]]:
    """The quantities that may be amounts, each with whether it is marked as one."""
    return list(_amounts(text))


@once
def _amounts(text: str) -> tuple[tuple[Quantity, bool], ...]:
    """`amounts_in`, once per turn; a tuple, so that no caller can change the next one's."""
    quantities = [
        quantity
        for quantity in find_quantities(text)
        if not (quantity.article and quantity.scale == 1)
        and not _NOT_AMOUNT_AFTER.match(text, quantity.end)
    ]
    marked = [_has_currency(text, q) or q.scale >= 1000 for q in quantities]
    # "300.000 bis 400.000 €", "1 bis 2 Mio.": the second one's scale and marking apply to both
    for index in range(len(quantities) - 1, 0, -1):
        first, second = quantities[index - 1], quantities[index]
        if _RANGE.fullmatch(text[first.end : second.start]) and first.scale == 1:
            if second.scale > 1 and not first.words:
                quantities[index - 1] = Quantity(
                    first.value * second.scale, first.start, first.end, second.scale
                )
            marked[index - 1] = marked[index - 1] or marked[index]
    candidates = list(zip(quantities, marked, strict=True))
    if any(marked):
        return tuple((q, True) for q, is_marked in candidates if is_marked)
    plain_years = [q for q, _ in candidates if _YEAR.fullmatch(text[q.start : q.end])]
    if plain_years and len(plain_years) < len(candidates):
        candidates = [(q, m) for q, m in candidates if q not in plain_years]
    return tuple(candidates)


def _suggestions_small(value: Decimal, limit: int) -> list[int]:
    by_thousand, by_million = _euros(value * 1000), _euros(value * 1_000_000)
    order = [by_million, by_thousand] if value < 10 else [by_thousand, by_million]
    return [amount for amount in order if SMALL_BELOW <= amount <= limit]


def parse_money(
    text: str, *, implausible_above: int = 100_000_000, small_below: int = SMALL_BELOW
) -> Parsed[int]:
    """The total cost a sponsor names, in whole euros (see the module's rules)."""
    clipped = clip(text)
    candidates = amounts_in(clipped)
    if not candidates:
        return Unclear(Msg("understanding.money.missing"))
    values: list[int] = []
    for quantity, _ in candidates:
        amount = _euros(quantity.value)
        if amount not in values:
            values.append(amount)
    if len(values) > 2 and 2 * max(values) == sum(values):
        # "450.000 € (Personal 300.000 €, Sachkosten 150.000 €)": a total and its parts
        values = [max(values)]
    if len(values) > 1:
        shown = values[:MAX_LISTED]
        return Unclear(
            Msg(
                "understanding.money.several",
                {
                    "amounts": enumeration([eur_msg(amount) for amount in shown]),
                    "example": eur_msg(max(shown)),
                },
            ),
            tuple(eur_msg(amount) for amount in shown),
        )
    amount = values[0]
    confirmed = bool(_CONFIRM.search(clipped))
    if amount == 0:
        return Unclear(Msg("understanding.money.zero", {"amount": eur_msg(0)}))
    if amount < 0:
        return Unclear(Msg("understanding.money.negative", {"amount": eur_msg(amount)}))
    if amount > implausible_above and not confirmed:
        return Unclear(
            Msg(
                "understanding.money.too_large",
                {"amount": eur_msg(amount), "limit": eur_msg(implausible_above)},
            ),
            (exactly(amount),),
        )
    if amount < small_below and not confirmed:
        alternatives = _suggestions_small(candidates[0][0].value, implausible_above)
        confirm = exactly(amount)
        if alternatives:
            return Unclear(
                Msg(
                    "understanding.money.too_small",
                    {"amount": eur_msg(amount), "suggestion": eur_msg(alternatives[0])},
                ),
                (*(eur_msg(a) for a in alternatives), confirm),
            )
        return Unclear(
            Msg("understanding.money.too_small_plain", {"amount": eur_msg(amount)}), (confirm,)
        )
    if _PLAIN.fullmatch(clipped) and not confirmed:
        return Understood(amount)
    return Understood(
        amount,
        Msg("understanding.money.understood", {"text": echo(text), "amount": eur_msg(amount)}),
    )
