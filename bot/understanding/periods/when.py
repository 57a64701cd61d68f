"""Points in time as a sponsor writes them: every reading of a text, with the months it covers.
The words they are read by (months, seasons, parts of a year, school holidays) are data in
bot/understanding/periods/names.py.

* "03/2027", "3/27", "2027-03", "2027/03", "03.2027", "03-2027"; a date "01.03.2027",
  "1.3.27" or "01.07." (the day is ignored); month names, abbreviated or not, German or English,
  with or without umlaut ("März 2027", "Mär 2027", "maerz 2027", "March 2027", "Mar. '27"),
  a long one also with a typo ("Jnauar").
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
  "bis Anfang 2028" 03/2028 (each reading carries the months it spans).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from bot.understanding.dictionaries import is_word
from bot.understanding.periods.names import (
    HOLIDAYS,
    MIN_MONTH_TYPO,
    MONTHS,
    NEEDS_YEAR,
    ORDINALS,
    PARTS,
    SEASONS,
    UNIT_WORDS,
)


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


_NEEDS_YEAR_WORD = re.compile(r"(?<![a-z])(?:may|mar|fall)(?![a-z])")

_Y = rf"(?P<y>\d{{4}}(?!\d)|'\d{{2}}(?!\d)|\d{{2}}(?!\d)(?!\s*(?:{UNIT_WORDS})))"
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
    return next(value for prefix, value in ORDINALS.items() if word.startswith(prefix))


def _numeric(match: re.Match[str]) -> _When:
    month = int(match["m"])
    kind = "month" if 1 <= month <= 12 else "invalid"
    return _When(
        match.start(), match.end(), _year(match["y"]), month if kind == "month" else 0, 1, kind
    )


def _named_month(match: re.Match[str]) -> _When | None:
    name = match["name"]
    if name in NEEDS_YEAR and not match["y"]:
        return None
    return _When(match.start(), match.end(), _year(match["y"]), MONTHS[name], 1, "month")


def _quarter(match: re.Match[str]) -> _When:
    quarter = int(match["q"]) if match.groupdict().get("q") else _ordinal(match["o"])
    return _When(match.start(), match.end(), _year(match["y"]), quarter * 3 - 2, 3, "quarter")


def _half(match: re.Match[str]) -> _When:
    half = int(match["h"]) if match.groupdict().get("h") else _ordinal(match["o"])
    return _When(match.start(), match.end(), _year(match["y"]), half * 6 - 5, 6, "half")


def _season(match: re.Match[str]) -> _When | None:
    name = match["name"]
    if name in NEEDS_YEAR and not match["y"]:
        return None
    return _When(match.start(), match.end(), _year(match["y"]), SEASONS[name], 3, "season")


def _part(match: re.Match[str]) -> _When:
    month, span = PARTS[" ".join(match["p"].split())]
    return _When(match.start(), match.end(), _year(match["y"]), month, span, "part")


def _year_only(match: re.Match[str]) -> _When:
    return _When(match.start(), match.end(), int(match["y"]), 1, 12, "year")


def _semester(match: re.Match[str]) -> _When:
    month = 10 if match["s"].startswith(("w", "fall", "autumn")) else 4
    return _When(match.start(), match.end(), _year(match["y"]), month, 6, "semester")


def _holiday(match: re.Match[str]) -> _When:
    first, last, after = HOLIDAYS[" ".join(match["h"].split())]
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
    month, span = PARTS[" ".join(match["p"].split())]
    return _When(match.start(), match.end(), None, month, span, "part")


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_PART_NAMES = "|".join(part.replace(" ", r"\s+") for part in PARTS)
_HOLIDAY_NAMES = "|".join(name.replace(" ", r"\s+") for name in HOLIDAYS)
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
            rf"(?<![a-z])(?P<name>{'|'.join(SEASONS)})(?![a-z])"
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
            rf"(?<![\d.,/'])(?P<y>(?:19|20)\d{{2}})(?!\d)(?![.,/]\d)(?!\s*(?:{UNIT_WORDS}))"
        ),
        _year_only,
    ),
]

_WITHOUT_DIGITS = [_PATTERNS[index] for index in (8, 11, 13, 15, 16, 17, 18, 19)]
"""The patterns that can match a text without a digit, in their order: each of the others
needs one (`tests/understanding/test_shortcuts.py` reads it from the patterns themselves)."""

_DIGIT = re.compile(r"\d")
_FULL_MONTHS = tuple(name for name in MONTHS if len(name) >= MIN_MONTH_TYPO)
_LONG_WORD = re.compile(rf"[a-z]{{{MIN_MONTH_TYPO},}}")


def _month_typo(match: re.Match[str]) -> str:
    """A month's name typed on a phone ("Jnauar", "Septmber"): one letter missing, added,
    changed or two swapped, in a word no dictionary knows ("Jaguar" stays)."""
    word = match.group()
    if word in MONTHS:
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
