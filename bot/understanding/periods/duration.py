"""Project start and duration in a sponsor's answer.

Points in time (`parse_start`, and the dates inside a duration answer):

* "03/2027", "3/27", "2027-03", "2027/03", "03.2027", "03-2027"; a date "01.03.2027",
  "1.3.27" or "01.07." (the day is ignored); month names, abbreviated or not, German or English,
  with or without umlaut ("März 2027", "Mär 2027", "maerz 2027", "March 2027", "Mar. '27").
* Quarters and seasons mean their first month: Q1 01, Q2 04, Q3 07, Q4 10 ("Q2/2027", "Q2 2027",
  "2. Quartal 2027", "zweites Quartal 2027", "2027-Q2"); Frühjahr/Frühling/spring 03,
  Sommer/summer 06, Herbst/autumn/fall 09, Winter 12 ("Winter 2027/28" is 12/2027); half years
  ("2. Halbjahr 2027", "H2 2027") 01 and 07.
* Parts of a year, as a start: Anfang/early 01, Mitte/mid 07, Ende/late 10 (the first month of
  the last quarter: "Ende 2027" starts a project in the last quarter, not in its last month).
  With a relative year ("Anfang nächsten Jahres", "early next year") the year is counted from
  today.
* Semesters: the winter semester starts in 10, the summer semester in 04 ("zum Wintersemester
  2027", "WS 2027/28", "SoSe 2028", "winter term 2027"); each spans six months.
* School holidays of Lower Saxony (the region's state), by the schedule of the Niedersächsisches
  Kultusministerium (public source; set up to 2030, e.g. 2026: 2 July – 12 August, autumn
  12–24 October, Easter 23 March – 7 April). ASSUMPTION, as the exact days change every year:
  the summer holidays are July and August and end in August, so "nach den Sommerferien 2027" is
  08/2027 and "bis zu den Sommerferien 2028" ends in 07/2028; the autumn holidays are in
  October ("nach den Herbstferien" 11), the Easter holidays end in April ("nach den
  Osterferien" 04, "nach Ostern" too). "vor den Sommerferien" is the month before they start
  (06). The school year and the training year start in August ("zum neuen Ausbildungsjahr
  2027", "Schuljahr 2027/28": 08/2027).
* As an *end* (in a duration answer) the same expressions mean their last month: "bis Ende 2028"
  is 12/2028, "bis Q2 2028" 06/2028, "bis Sommer 2028" 08/2028, "bis Mitte 2028" 06/2028,
  "bis Anfang 2028" 03/2028.
* A month (or quarter, season) without a year is the next one after today: "Januar" in March
  2026 is 01/2027, "Mai" in March 2026 is 05/2026 ("nächsten Jahres" picks the year).
  "ab sofort", "sofort", "nächsten Monat" (and "next month", "asap") are the month after today,
  "diesen Monat" is this month, "in 3 Monaten" three months after this one.
* A year alone ("2027", "nächstes Jahr") is not enough: `Unclear`, suggesting "01/2027".
* Starts must lie in EARLIEST_YEAR..LATEST_YEAR. A start in the past is still understood: the
  pre-check makes that a hint, not the parser. Two dates joined by "bis"/"-" give the first.

Durations (`parse_duration`):

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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rapidfuzz.distance import OSA

from bot.base.yearmonth import YearMonth
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Count
from bot.understanding.dictionaries import is_word
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
from bot.understanding.result import Parsed, Unclear, Understood

EARLIEST_YEAR = 2020
LATEST_YEAR = 2035
"""Project starts outside these years are refused."""

MAX_MONTHS = 120
MIN_MONTH_TYPO = 6
"""Month names this long or longer are recognised with a typo ("Jnauar"); shorter ones
("Mai", "Juni") would match too many words."""
"""The longest duration understood (10 years)."""

_END_YEARS = (2000, 2100)
"""Years an end date may name at all (anything beyond is far too long anyway)."""


@dataclass(frozen=True)
class Duration:
    months: int
    start: YearMonth | None = None
    """Set only when the answer itself named a period ("01/2027 bis 12/2029")."""


# --- points in time -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _When:
    start: int
    end: int
    year: int | None
    """None when no year was given ("Januar", "Q3")."""
    month: int
    """The first month (1..12); 0 for an invalid month ("13/2027")."""
    span: int
    """Months covered: the end of "Q2" is its first month plus span - 1. "Mitte" has 0."""
    kind: str
    """month, quarter, half, season, part, year or invalid."""


_MONTHS = {
    "januar": 1,
    "jaenner": 1,
    "january": 1,
    "jan": 1,
    "februar": 2,
    "feber": 2,
    "february": 2,
    "feb": 2,
    "maerz": 3,
    "marz": 3,
    "march": 3,
    "maer": 3,
    "mrz": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "jun": 6,
    "juli": 7,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "october": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "dezember": 12,
    "december": 12,
    "dez": 12,
    "dec": 12,
}
_NEEDS_YEAR = {"may", "mar", "fall"}
"""Words that are months or seasons only when a year follows ("it may start", "auf jeden Fall")."""
_NEEDS_YEAR_WORD = re.compile(r"(?<![a-z])(?:may|mar|fall)(?![a-z])")
_SEASONS = {
    "fruehjahr": 3,
    "fruehling": 3,
    "spring": 3,
    "sommer": 6,
    "summer": 6,
    "herbst": 9,
    "autumn": 9,
    "fall": 9,
    "winter": 12,
}
_PARTS = {
    "anfang": (1, 3),
    "jahresanfang": (1, 3),
    "jahresbeginn": (1, 3),
    "early": (1, 3),
    "beginning of": (1, 3),
    "start of": (1, 3),
    "mitte": (7, 0),
    "jahresmitte": (7, 0),
    "mid": (7, 0),
    "middle of": (7, 0),
    "ende": (10, 3),
    "jahresende": (10, 3),
    "end of": (10, 3),
    "late": (10, 3),
}
_ORDINALS = {"erst": 1, "first": 1, "zweit": 2, "second": 2, "dritt": 3, "third": 3}
_ORDINALS |= {"viert": 4, "fourth": 4}

_UNIT_WORDS = (
    r"monat|mon\b|mon\.|mte|jahr|j\b|j\.|month|year|yr|woche|week|tag|day|quartal|quarter|halbjahr"
)
_Y = rf"(?P<y>\d{{4}}(?!\d)|'\d{{2}}(?!\d)|\d{{2}}(?!\d)(?!\s*(?:{_UNIT_WORDS})))"
"""A year after a name: 4 digits, or 2 ("'27", "27") unless a unit follows ("März 24 Monate")."""
_Y_STRICT = r"(?P<y>\d{4}(?!\d)|'\d{2}(?!\d))"
_OF_YEAR = r"(?:\s+des\s+jahres|\s+the\s+year)?"
_ORD = r"(?P<o>erste[nmrs]?|zweite[nmrs]?|dritte[nmrs]?|vierte[nmrs]?|first|second|third|fourth)"


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.lstrip("'")
    return int(digits) if len(digits) == 4 else 2000 + int(digits)


def _ordinal(word: str) -> int:
    return next(value for prefix, value in _ORDINALS.items() if word.startswith(prefix))


def _numeric(match: re.Match[str]) -> _When:
    month = int(match["m"])
    kind = "month" if 1 <= month <= 12 else "invalid"
    return _When(
        match.start(), match.end(), _year(match["y"]), month if kind == "month" else 0, 1, kind
    )


def _named_month(match: re.Match[str]) -> _When | None:
    name = match["name"]
    if name in _NEEDS_YEAR and not match["y"]:
        return None
    return _When(match.start(), match.end(), _year(match["y"]), _MONTHS[name], 1, "month")


def _quarter(match: re.Match[str]) -> _When:
    quarter = int(match["q"]) if match.groupdict().get("q") else _ordinal(match["o"])
    return _When(match.start(), match.end(), _year(match["y"]), quarter * 3 - 2, 3, "quarter")


def _half(match: re.Match[str]) -> _When:
    half = int(match["h"]) if match.groupdict().get("h") else _ordinal(match["o"])
    return _When(match.start(), match.end(), _year(match["y"]), half * 6 - 5, 6, "half")


def _season(match: re.Match[str]) -> _When | None:
    name = match["name"]
    if name in _NEEDS_YEAR and not match["y"]:
        return None
    return _When(match.start(), match.end(), _year(match["y"]), _SEASONS[name], 3, "season")


def _part(match: re.Match[str]) -> _When:
    month, span = _PARTS[" ".join(match["p"].split())]
    return _When(match.start(), match.end(), _year(match["y"]), month, span, "part")


def _year_only(match: re.Match[str]) -> _When:
    return _When(match.start(), match.end(), int(match["y"]), 1, 12, "year")


def _semester(match: re.Match[str]) -> _When:
    month = 10 if match["s"].startswith(("w", "fall", "autumn")) else 4
    return _When(match.start(), match.end(), _year(match["y"]), month, 6, "semester")


_HOLIDAYS = {
    # name: (first month, last month, month after) of Lower Saxony's school holidays
    "sommerferien": (7, 8, 8),
    "summer holidays": (7, 8, 8),
    "summer holiday": (7, 8, 8),
    "summer break": (7, 8, 8),
    "summer vacation": (7, 8, 8),
    "herbstferien": (10, 10, 11),
    "autumn holidays": (10, 10, 11),
    "fall break": (10, 10, 11),
    "osterferien": (4, 4, 4),
    "easter holidays": (4, 4, 4),
    "easter break": (4, 4, 4),
    "ostern": (4, 4, 4),
    "easter": (4, 4, 4),
}


def _holiday(match: re.Match[str]) -> _When:
    first, last, after = _HOLIDAYS[" ".join(match["h"].split())]
    before = " ".join((match["pre"] or "").split())
    if before in ("nach", "after", "nach ende", "after the end of"):
        month, span = after, 1
    elif before in ("vor", "before"):
        month, span = (first - 2) % 12 + 1, 1
    elif before in ("zu", "zum beginn", "until", "till", "to"):
        month, span = first, 1
    else:
        month, span = first, last - first + 1
    return _When(match.start(), match.end(), _year(match["y"]), month, span, "holiday")


def _school_year(match: re.Match[str]) -> _When:
    """The school year and the training year start in August in Lower Saxony."""
    return _When(match.start(), match.end(), _year(match["y"]), 8, 12, "school year")


def _relative_part(match: re.Match[str]) -> _When:
    """ "Anfang nächsten Jahres": the year comes from the year words (`_YEAR_WORDS`)."""
    month, span = _PARTS[" ".join(match["p"].split())]
    return _When(match.start(), match.end(), None, month, span, "part")


_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_PART_NAMES = "|".join(part.replace(" ", r"\s+") for part in _PARTS)
_HOLIDAY_NAMES = "|".join(name.replace(" ", r"\s+") for name in _HOLIDAYS)
_SEMESTER = (
    r"(?P<s>wintersemester|winter\s*semester|winter\s+term|wise|ws|fall\s+semester"
    r"|autumn\s+semester|sommersemester|sommer\s*semester|summer\s+semester|summer\s+term"
    r"|spring\s+semester|sose|ss)"
)
_RELATIVE_YEAR = (
    r"(?:uebernaechste[nmrs]?|naechste[nmrs]?|kommende[nmrs]?|neue[nmrs]?|diese[nmrs]?"
    r"|laufende[nmrs]?|next|this|the\s+coming|the\s+new)\s+(?:jahr(?:es|e)?|year)"
)
_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], _When | None]]] = [
    (
        re.compile(r"(?<![\d.])\d{1,2}\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})(?!\d)(?!\.\d)"),
        _numeric,
    ),
    (
        re.compile(r"(?<![\d/.])(?P<y>\d{4})[-/](?P<m>0?[1-9]|1[0-2])(?![\d/])(?:-\d{1,2}(?!\d))?"),
        _numeric,
    ),
    (re.compile(r"(?<![\d./])(?P<m>\d{1,2})\s?[/.]\s?(?P<y>\d{4})(?!\d)(?![./]\d)"), _numeric),
    (re.compile(r"(?<![\d.])\d{1,2}\.\s?(?P<m>\d{1,2})\.(?!\s?\d)(?P<y>)"), _numeric),
    (re.compile(r"(?<![\d./])(?P<m>\d{1,2})/(?P<y>\d{2})(?!\d)(?![./]\d)"), _numeric),
    (re.compile(r"(?<![\d./-])(?P<m>\d{1,2})-(?P<y>\d{4})(?!\d)(?![-./]\d)"), _numeric),
    (re.compile(rf"(?<![a-z])q\s?(?P<q>[1-4])(?!\d)(?:\s*[/.-]?\s*{_Y})?"), _quarter),
    (
        re.compile(
            rf"(?<![\d.])(?P<q>[1-4])\s?\.?\s*(?:quartal|qu\.|quarter)(?![a-z])"
            rf"(?:{_OF_YEAR}\s*(?:of\s+)?{_Y_STRICT})?"
        ),
        _quarter,
    ),
    (
        re.compile(
            rf"(?<![a-z]){_ORD}\s+(?:quartal|quarter)(?![a-z])(?:{_OF_YEAR}\s*(?:of\s+)?{_Y_STRICT})?"
        ),
        _quarter,
    ),
    (re.compile(r"(?<![\d.])(?P<y>\d{4})\s*[-/]?\s*q(?P<q>[1-4])(?![a-z\d])"), _quarter),
    (
        re.compile(
            rf"(?<![\d.])(?P<h>[12])\s?\.?\s*(?:halbjahr|hj\.?)(?![a-z])(?:{_OF_YEAR}\s*{_Y_STRICT})?"
        ),
        _half,
    ),
    (
        re.compile(
            rf"(?<![a-z]){_ORD}\s+(?:halbjahr|half(?:\s+of)?(?:\s+the\s+year)?)(?![a-z])"
            rf"(?:{_OF_YEAR}\s*{_Y_STRICT})?"
        ),
        _half,
    ),
    (re.compile(rf"(?<![a-z])h(?P<h>[12])(?!\d)(?:\s*[/.-]?\s*{_Y_STRICT})?(?![a-z])"), _half),
    (
        re.compile(
            rf"(?<![a-z])(?P<name>{_MONTH_NAMES})(?![a-z])\.?"
            rf"(?:\s*(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?=\d{{4}}))?{_Y})?"
        ),
        _named_month,
    ),
    (
        re.compile(
            rf"(?<![a-z]){_SEMESTER}(?![a-z])\.?\s*(?:des\s+jahres\s+|of\s+)?"
            rf"(?P<y>\d{{4}}(?!\d)|'\d{{2}}(?!\d)|\d{{2}}(?![\d.]))(?:\s*/\s*\d{{2,4}}(?!\d))?"
        ),
        _semester,
    ),
    (
        re.compile(
            r"(?<![a-z])(?P<s>wintersemester|sommersemester|winter\s+semester|summer\s+semester)"
            r"(?![a-z])(?P<y>)"
        ),
        _semester,
    ),
    (
        re.compile(
            r"(?<![a-z])(?:(?P<pre>nach(?:\s+ende)?|after(?:\s+the\s+end\s+of)?|vor|before"
            r"|zum\s+beginn|zu|until|till|to)\s+)?(?:den\s+|der\s+|the\s+)?"
            rf"(?P<h>{_HOLIDAY_NAMES})(?![a-z])"
            rf"(?:{_OF_YEAR}\s*(?:of\s+)?{_Y_STRICT})?"
        ),
        _holiday,
    ),
    (
        re.compile(
            r"(?<![a-z])(?:schuljahr(?:es|s)?(?:beginn)?|ausbildungsjahr(?:es|s)?(?:beginn)?"
            r"|ausbildungsbeginn|school\s+year|academic\s+year|training\s+year)(?![a-z])"
            r"(?:\s*(?P<y>\d{4}(?!\d)|\d{2}(?!\d))(?:\s*/\s*\d{2,4}(?!\d))?)?"
        ),
        _school_year,
    ),
    (
        re.compile(
            rf"(?<![a-z])(?P<p>{_PART_NAMES})(?:\s+(?:des|of|in|im))?\s+{_RELATIVE_YEAR}(?![a-z])"
        ),
        _relative_part,
    ),
    (
        re.compile(
            rf"(?<![a-z])(?P<name>{'|'.join(_SEASONS)})(?![a-z])"
            rf"(?:{_OF_YEAR}\s*(?:of\s+)?{_Y_STRICT}(?:\s*/\s*\d{{2,4}}(?!\d))?)?"
        ),
        _season,
    ),
    (
        re.compile(
            rf"(?<![a-z])(?P<p>{_PART_NAMES})"
            rf"{_OF_YEAR}\s*-?\s*{_Y_STRICT}"
        ),
        _part,
    ),
    (
        re.compile(
            rf"(?<![\d.,/'])(?P<y>(?:19|20)\d{{2}})(?!\d)(?![.,/]\d)(?!\s*(?:{_UNIT_WORDS}))"
        ),
        _year_only,
    ),
]


_WITHOUT_DIGITS = [_PATTERNS[index] for index in (8, 11, 13, 15, 16, 17, 18, 19)]
"""The patterns that can match a text without a digit, in their order: each of the others
needs one (`tests/understanding/test_shortcuts.py` reads it from the patterns themselves)."""
_DIGIT = re.compile(r"\d")


_FULL_MONTHS = tuple(name for name in _MONTHS if len(name) >= MIN_MONTH_TYPO)
_LONG_WORD = re.compile(rf"[a-z]{{{MIN_MONTH_TYPO},}}")


def _month_typo(match: re.Match[str]) -> str:
    """A month's name typed on a phone ("Jnauar", "Septmber"): one letter missing, added,
    changed or two swapped, in a word no dictionary knows ("Jaguar" stays)."""
    word = match.group()
    if word in _MONTHS:
        return word
    for name in _FULL_MONTHS:
        if OSA.distance(word, name, score_cutoff=1) <= 1 and not is_word(word):
            return name
    return word


def _fold(clipped: str) -> str:
    folded = clipped.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    folded = _LONG_WORD.sub(_month_typo, folded)
    return folded.translate({0x2013: "-", 0x2014: "-", 0x2212: "-", 0x2012: "-", 0x2019: "'"})


def _find_whens(folded: str) -> list[_When]:
    """Every point in time in `folded`, left to right, overlapping readings resolved."""
    found: list[_When] = []
    # most sentences name no date: the patterns that each need a digit are not tried on them
    for pattern, make in _PATTERNS if _DIGIT.search(folded) else _WITHOUT_DIGITS:
        for match in pattern.finditer(folded):
            when = make(match)
            if when is not None:
                found.append(when)
    found.sort(key=lambda w: (w.start, -(w.end - w.start)))
    chosen: list[_When] = []
    for when in found:
        if not chosen or when.start >= chosen[-1].end:
            chosen.append(when)
    return chosen


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


# --- durations ----------------------------------------------------------------------------------


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
