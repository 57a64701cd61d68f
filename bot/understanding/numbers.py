"""Numbers in free text: digits with German or English separators, and German number words.

The money and period parsers build on `find_quantities`, which finds every number in a text
together with where it stands, so they can look at what surrounds it (a currency, a unit, "bis").

Reading rules for digits (documented here because they decide ambiguous inputs):

* A dot followed by exactly three digits groups thousands: "1.500" is 1500, "1.500.000" is
  1500000. German readers write it so; an English "1.500" (one and a half) is rare in answers.
  A dot followed by any other number of digits is a decimal point: "1.5", "2.25", "1234.567".
  A leading "0" is never a thousands group: "0.500" is 0.5.
* A comma followed by one, two or four and more digits is a decimal comma: "1,5", "450,25".
* A single comma followed by exactly three digits ("1,500") is read as English thousands
  grouping (1500) unless a decimal hint says otherwise: a scale word after it ("1,500 Mio." is
  1.5 million), or the caller asks for decimal commas (durations: "2,500 Jahre" is 2.5 years).
  Several commas, each followed by three digits ("1,500,000"), always group thousands.
* With both separators the last one is the decimal separator: "450.000,00" (German) and
  "1,500,000.50" (English); the other one must then group thousands correctly.
* Spaces, no-break spaces and apostrophes group thousands when every group has three digits:
  "1 500 000", "1'500'000".
* Anything else with several separators ("1.3.27", a date) is not a number, and neither is a
  digit string of more than 18 digits.

Fractions: "1/2", "3/4", "1/4" and mixed "2 1/2" (also "2½"); other slashes are dates.

Number words: "null" to "neunzehn", the tens, compounds such as "einundzwanzig",
"zweihundertfünfzigtausend" or "hunderttausend", the fractions "halb/halbe/halbes",
"anderthalb", "eineinhalb", "zweieinhalb" (any "…einhalb"), "viertel", "dreiviertel", and the
English "one" to "twenty" and the tens. Scale words follow a number: "tausend", "Tsd.", "k",
"Mille" (colloquial: "200 Mille"), "TEUR", "T€", "Mio.", "Millionen", "million", "Mrd.",
"Milliarden" (and "hundert", "hundred").
Articles ("ein", "eine", "a") count as 1 only where a scale or unit follows ("eine Million",
"ein Jahr"); a quantity made of a lone article is flagged as such.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from bot.texts.catalog import Msg, Param
from bot.understanding.once import once

MAX_CHARS = 500
"""Parsers look at no more than this many characters of an answer."""

MAX_DIGITS = 18
"""Longer digit strings are no numbers a person means (and would make unreadable messages)."""

ECHO_CHARS = 60
"""How much of an answer a note or reason quotes back."""

_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def clip(text: object, *, normalize: bool = True) -> str:
    """The answer as parsers see it: NFKC-normalised, single-spaced, at most MAX_CHARS long.

    Without `normalize` the characters stay as typed ("½" rather than "1⁄2"), for quoting.
    """
    if not isinstance(text, str):
        return ""
    head = text[: MAX_CHARS * 2]
    if normalize:
        head = unicodedata.normalize("NFKC", head)[: MAX_CHARS * 2]
    # A printable text has no character of those categories (Python's "printable": neither
    # "Other" nor "Separator" but the ASCII space): nearly every answer, checked in C.
    if head.isprintable():
        cleaned = head
    else:
        cleaned = "".join(
            " " if unicodedata.category(char) in _INVISIBLE else char for char in head
        )
    return " ".join(cleaned.split())[:MAX_CHARS].strip()


def echo(text: str) -> str:
    """A short quote of the answer, as typed, for notes and reasons."""
    clipped = clip(text, normalize=False)
    if len(clipped) <= ECHO_CHARS:
        return clipped
    return clipped[: ECHO_CHARS - 1].rstrip() + "…"


def fold_word(word: str) -> str:
    """Lower case, ß as ss, umlauts written out; also accepts "funf"/"zwolf" typed without them."""
    folded = word.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return folded.replace("funf", "fuenf").replace("zwolf", "zwoelf")


def enumeration(items: Sequence[Param | Msg]) -> Param | Msg:
    """Several values as one message parameter: "a", "a und b", "a, b und c" (either language)."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return Msg("understanding.list.and", {"first": items[0], "last": items[1]})
    return Msg("understanding.list.comma", {"first": items[0], "rest": enumeration(items[1:])})


# --- digits -------------------------------------------------------------------------------------

_GROUPED_SPACE = re.compile(r"^[0-9]{1,3}(?:[ '’][0-9]{3})+$")


def _thousands(integer: str, separator: str) -> str | None:
    """`integer` without its thousands separators, or None if the groups are malformed."""
    if separator not in integer:
        return integer
    groups = integer.split(separator)
    if not 1 <= len(groups[0]) <= 3 or groups[0].startswith("0"):
        return None
    if any(len(group) != 3 for group in groups[1:]):
        return None
    return "".join(groups)


def parse_digits(token: str, *, decimal_hint: bool = False) -> Decimal | None:
    """The value of a digit string with separators (see the module's rules), or None.

    `decimal_hint` reads an ambiguous "1,500" as 1.5 rather than 1500.
    """
    token = token.strip()
    if not token or sum(char.isdigit() for char in token) > MAX_DIGITS:
        return None
    try:
        if _GROUPED_SPACE.match(token):
            return Decimal(re.sub(r"[ '’]", "", token))
        if not re.fullmatch(r"[0-9]+(?:[.,][0-9]+)*", token):
            return None
        dots, commas = token.count("."), token.count(",")
        if dots and commas:
            last = max(token.rfind("."), token.rfind(","))
            decimal_sep = token[last]
            thousands_sep = "," if decimal_sep == "." else "."
            integer, fraction = token[:last], token[last + 1 :]
            if decimal_sep in integer:
                return None
            whole = _thousands(integer, thousands_sep)
            return None if whole is None else Decimal(f"{whole}.{fraction}")
        if not dots and not commas:
            return Decimal(token)
        separator = "." if dots else ","
        groups = token.split(separator)
        if len(groups) > 2:
            whole = _thousands(token, separator)
            return None if whole is None else Decimal(whole)
        integer, fraction = groups
        looks_grouped = len(fraction) == 3 and len(integer) <= 3 and not integer.startswith("0")
        if looks_grouped and (separator == "." or not decimal_hint):
            return Decimal(integer + fraction)
        return Decimal(f"{integer}.{fraction}")
    except (InvalidOperation, ValueError):
        return None


# --- words --------------------------------------------------------------------------------------

_ONES = {
    "ein": 1,
    "eins": 1,
    "eine": 1,
    "een": 1,  # Low German ("een Johr")
    "zwei": 2,
    "zwo": 2,
    "twee": 2,  # Low German ("twee Johr")
    "drei": 3,
    "dree": 3,
    "vier": 4,
    "fuenf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
}
_TEENS = {
    "zehn": 10,
    "elf": 11,
    "zwoelf": 12,
    "dreizehn": 13,
    "vierzehn": 14,
    "fuenfzehn": 15,
    "sechzehn": 16,
    "siebzehn": 17,
    "achtzehn": 18,
    "neunzehn": 19,
}
_TENS = {
    "zwanzig": 20,
    "dreissig": 30,
    "vierzig": 40,
    "fuenfzig": 50,
    "sechzig": 60,
    "siebzig": 70,
    "achtzig": 80,
    "neunzig": 90,
}
_ENGLISH = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_FRACTIONS = {
    "halb": Decimal("0.5"),
    "halbe": Decimal("0.5"),
    "halbes": Decimal("0.5"),
    "halben": Decimal("0.5"),
    "halber": Decimal("0.5"),
    "einhalb": Decimal("0.5"),
    "anderthalb": Decimal("1.5"),
    "viertel": Decimal("0.25"),
    "dreiviertel": Decimal("0.75"),
}
ARTICLES = frozenset({"ein", "eine", "einen", "einem", "einer", "eines", "a", "an"})
_COMPOUND_ONES = "ein|zwei|drei|vier|fuenf|sechs|sieben|acht|neun"
_TENS_COMPOUND = re.compile(rf"^({_COMPOUND_ONES})und({'|'.join(_TENS)})$")


def _below_hundred(word: str) -> int | None:
    for table in (_ONES, _TEENS, _TENS):
        if word in table:
            return table[word]
    match = _TENS_COMPOUND.match(word)
    if match:
        return _ONES[match[1]] + _TENS[match[2]]
    return None


def _below_thousand(word: str) -> int | None:
    head, found, tail = word.partition("hundert")
    if not found:
        return _below_hundred(word)
    if head in ("", "ein"):
        hundreds: int | None = 1
    else:
        hundreds = None if head in ("eins", "eine") else _ONES.get(head)
    if hundreds is None:
        return None
    tail = tail.removeprefix("und")
    rest = 0 if not tail else _below_hundred(tail)
    return None if rest is None else hundreds * 100 + rest


def _whole(word: str) -> int | None:
    head, found, tail = word.partition("tausend")
    if not found:
        return _below_thousand(word)
    thousands = 1 if head in ("", "ein") else _below_thousand(head)
    if thousands is None:
        return None
    tail = tail.removeprefix("und")
    rest = 0 if not tail else _below_thousand(tail)
    return None if rest is None else thousands * 1000 + rest


@lru_cache(maxsize=4096)
def parse_number_word(word: str) -> Decimal | None:
    """The value of one German (or simple English) number word, or None.

    "zweihundertfünfzigtausend" → 250000, "eineinhalb" → 1.5, "dreiviertel" → 0.75. Cached:
    every word of a message is tried as a number, and the same words recur (Decimal is
    immutable).
    """
    folded = fold_word(word.strip())
    if not folded or len(folded) > 80:
        return None
    if folded == "null":
        return Decimal(0)
    if folded in _ENGLISH:
        return Decimal(_ENGLISH[folded])
    if folded in _FRACTIONS:
        return _FRACTIONS[folded]
    if folded.endswith("einhalb"):
        whole = _whole(folded.removesuffix("einhalb"))
        return None if whole is None else whole + Decimal("0.5")
    whole = _whole(folded)
    return None if whole is None else Decimal(whole)


# --- scanning -----------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<num>[0-9]{1,3}(?:[ '’][0-9]{3})+(?![0-9])|[0-9]+(?:[.,][0-9]+)*)|(?P<word>[^\W\d_]+)"
)
_NOT_LETTER = r"(?![^\W\d_])"
_SCALE = re.compile(
    rf"""[ \t]*(?:
        (?P<e9>milliarden|milliarde|mrd\.?|billions?|bn\.?){_NOT_LETTER}
      | (?P<e6>millionen|millions|million|mio\.?|mill\.?|mn\.?|m){_NOT_LETTER}
      | (?P<e3>tausend|thousand|tsd\.?|teur|keur|mille|k|t(?=[ \t]*(?:€|eur))){_NOT_LETTER}
      | (?P<e2>hundert|hundred){_NOT_LETTER}
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_FRACTION = re.compile(
    r"(?:(?P<whole>[0-9]{1,3}) ?)?(?P<num>[13]) ?[/⁄] ?(?P<den>[24])(?![0-9/.⁄])"
)
_RANGE_GAP = re.compile(r"\s*(?:€|eur|euro|euros)?\s*", re.IGNORECASE)
_SCALES = {"e9": Decimal(10**9), "e6": Decimal(10**6), "e3": Decimal(1000), "e2": Decimal(100)}


@dataclass(frozen=True)
class Quantity:
    """A number found in a text, with its place there."""

    value: Decimal
    """Signed and scaled: "-5.000" is -5000, "1,5 Mio." is 1500000."""
    start: int
    end: int
    """The span in the text, including a minus sign and scale words."""
    scale: Decimal = Decimal(1)
    """The scale words' factor (1000 for "Tsd.", 1000000 for "Mio."), 1 without any."""
    scale_text: str = ""
    words: bool = False
    """Written (at least partly) in words."""
    article: bool = False
    """Just an article ("ein", "a"): a number only where a scale or unit follows."""

    @property
    def base(self) -> Decimal:
        """The value before the scale words."""
        return self.value / self.scale


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    is_number: bool


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(match.start(), match.end(), match.group(), match.lastgroup == "num")
        for match in _TOKEN.finditer(text)
    ]


def _adjacent(text: str, end: int, token: _Token) -> bool:
    return text[end : token.start].strip(" -") == ""


def _next_index(tokens: Sequence[_Token], index: int, position: int) -> int:
    while index < len(tokens) and tokens[index].start < position:
        index += 1
    return index


def _negative(text: str, start: int) -> int | None:
    """Where a minus sign belonging to the number at `start` begins, if there is one.

    A minus counts when it is attached to the digits and not to a word or number before it
    ("-5000", "Kosten: -5000"; not "01/2027-12/2029"). A dash between two quantities is a range,
    which `find_quantities` sorts out.
    """
    if start >= 1 and text[start - 1] in "-−" and (start == 1 or not text[start - 2].isalnum()):
        return start - 1
    match = re.search(r"(?:^|\s)(minus)\s*$", text[max(0, start - 12) : start], re.IGNORECASE)
    if match:
        return max(0, start - 12) + match.start(1)
    return None


def _read_scales(text: str, end: int) -> tuple[Decimal, int, str]:
    """Scale words directly after a number, multiplied: ("zwei") "hundert tausend" is 100000."""
    factor, scale_text, last = Decimal(1), "", Decimal(0)
    while True:
        match = _SCALE.match(text, end)
        if not match or not match.lastgroup:
            return factor, end, scale_text
        step = _SCALES[match.lastgroup]
        if step <= last:
            return factor, end, scale_text
        factor, last, end = factor * step, step, match.end()
        scale_text += match.group()


def _read(
    text: str,
    tokens: Sequence[_Token],
    index: int,
    scales: bool,
    decimal_comma: bool,
) -> tuple[Quantity | None, int]:
    """The quantity starting at token `index`, and the index of the first token after it."""
    token = tokens[index]
    start, end, following = token.start, token.end, index + 1
    words = article = False
    fraction = _FRACTION.match(text, start) if token.is_number else None
    if fraction and fraction["num"] < fraction["den"]:
        # "1/2", "2 1/2", "3/4" ("½" arrives as "1⁄2" after NFKC)
        whole = Decimal(fraction["whole"] or 0)
        value: Decimal | None = whole + Decimal(fraction["num"]) / Decimal(fraction["den"])
        end = fraction.end()
        following = _next_index(tokens, following, end)
    elif token.is_number:
        value = None
    else:
        words = True
        word = fold_word(token.text)
        nxt = tokens[following] if following < len(tokens) else None
        # the next word matters only after an article or "half" (most words are neither)
        leads = word in ARTICLES or word == "half"
        nxt_word = fold_word(nxt.text) if leads and nxt and not nxt.is_number else ""
        if word in ARTICLES and nxt and _adjacent(text, end, nxt) and nxt_word in _FRACTIONS:
            value, end, following = _FRACTIONS[nxt_word], nxt.end, following + 1
        elif word == "half" and nxt and nxt_word in ("a", "an") and _adjacent(text, end, nxt):
            value, end, following = Decimal("0.5"), nxt.end, following + 1
        elif word in ARTICLES:
            value, article = Decimal(1), True
        else:
            value = parse_number_word(token.text)
            if value is None:
                return None, index + 1
        # "zwei Komma fünf", "one and a half", "zwei und ein halb"
        after = [fold_word(t.text) for t in tokens[following : following + 3]]
        if after[:1] == ["komma"] and len(after) > 1:
            digit = parse_number_word(tokens[following + 1].text)
            if digit is not None and 0 <= digit <= 9 and is_integral(digit):
                value, end = value + digit / 10, tokens[following + 1].end
                following += 2
        for tail in (["and", "a", "half"], ["und", "ein", "halb"], ["und", "einhalb"]):
            if after[: len(tail)] == tail:
                value, end = value + Decimal("0.5"), tokens[following + len(tail) - 1].end
                following += len(tail)
                break
    factor, scale_text = Decimal(1), ""
    if scales:
        factor, end, scale_text = _read_scales(text, end)
        following = _next_index(tokens, following, end)
    if value is None:
        value = parse_digits(token.text, decimal_hint=decimal_comma or factor > 1)
        if value is None:
            return None, index + 1
    if article and factor > 1:
        article = False
    value *= factor
    # "eine Million zweihunderttausend": a smaller number in words adds to a scaled one
    if words and factor >= 1000 and following < len(tokens):
        nxt = tokens[following]
        if not nxt.is_number and _adjacent(text, end, nxt) and fold_word(nxt.text) not in ARTICLES:
            addition, following_addition = _read(text, tokens, following, scales, decimal_comma)
            if addition is not None and addition.words and 0 < addition.value < factor:
                value, end, following = value + addition.value, addition.end, following_addition
    if token.is_number:
        sign_at = _negative(text, start)
        if sign_at is not None:
            value, start = -value, sign_at
    return (
        Quantity(value, start, end, factor, scale_text, words=words, article=article),
        following,
    )


def find_quantities(
    text: str, *, scales: bool = True, decimal_comma: bool = False
) -> list[Quantity]:
    """Every number in `text` (at most MAX_CHARS of it), in order.

    `scales` reads scale words ("Mio.", "Tsd.", "k"); `decimal_comma` reads "1,500" as 1.5.
    """
    return list(_quantities(text, scales, decimal_comma))


@once
def _quantities(text: str, scales: bool, decimal_comma: bool) -> tuple[Quantity, ...]:
    """`find_quantities`, once per turn (the reader, the costs and the dates read the same
    amount); a tuple, so that no caller can change what the next one gets."""
    text = text[:MAX_CHARS]
    tokens = _tokens(text)
    found: list[Quantity] = []
    index = 0
    while index < len(tokens):
        quantity, index = _read(text, tokens, index, scales, decimal_comma)
        if quantity is None:
            continue
        if (
            quantity.value < 0
            and found
            and _RANGE_GAP.fullmatch(text[found[-1].end : quantity.start])
        ):
            # "300.000 -400.000": the dash joins two amounts, it is no minus sign
            quantity = replace(quantity, value=-quantity.value, start=quantity.start + 1)
        found.append(quantity)
    return tuple(found)


def parse_number(text: str) -> int | float | None:
    """The number a whole answer stands for, or None if it is not exactly one number.

    "zweihundertfünfzigtausend" → 250000, "1.500" → 1500, "1,5" → 1.5, "eine halbe Million" →
    500000. Integral values come back as int.
    """
    clipped = clip(text)
    quantities = find_quantities(clipped)
    if len(quantities) != 1:
        return None
    quantity = quantities[0]
    if quantity.start != 0 or quantity.end != len(clipped):
        return None
    if quantity.value == quantity.value.to_integral_value():
        return int(quantity.value)
    return float(quantity.value)


def is_integral(value: Decimal) -> bool:
    return value == value.to_integral_value()
