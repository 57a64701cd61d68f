"""Start, end and duration anywhere in a message, for reading several answers at once.

`parse_start` and `parse_duration` (in `periods`) read the answer to one question. A sponsor's
message says more: "ab Herbst 2027 zwei Jahre lang", "Laufzeit 01/2027 bis 12/2028",
"Start zum Wintersemester 2027, Laufzeit bis Ende 2028", "36 Monate ab 1.1.2027, Beginn sofort".
`read_dates` finds, per sentence, what such a message says, with the spans it came from:

* Two points in time joined by "bis", "-", "to", "until" are a period: its start and its end
  (the end counted inclusively, "bis Ende 2028" is 12/2028).
* A point after "bis", "until", "Ende"/"end" of the project, "endet" is an end; any other point
  (after "ab", "von", "Start", "Beginn", "from" or standing alone) is a start. A year alone
  ("2027", "nächstes Jahr") is no start: it is reported as `year`, so the question is asked.
* "sofort", "asap", "nächsten Monat" (see `periods`) are a start when nothing else is.
* Lengths with a unit ("zwei Jahre lang", "18 Monate", "a 18 month programme") are the
  duration; ages are not ("Jugendliche unter 25 Jahren", "15 Jahre alt", "seit 10 Jahren").
* When start, end and length disagree, the length named as such wins and `conflict` is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bot.base.yearmonth import YearMonth
from bot.understanding.numbers import MAX_CHARS
from bot.understanding.once import once
from bot.understanding.periods.duration import (
    MAX_MONTHS,
    _ceil,
    _end_of,
    _first_ending_from,
    _lengths,
    _total,
)
from bot.understanding.periods.start import (
    _IN_YEARS,
    _NEXT_MONTH,
    _RANGE,
    _YEAR_WORDS,
    EARLIEST_YEAR,
    LATEST_YEAR,
    _relative_month,
    _resolve_start_year,
    _today,
)
from bot.understanding.periods.when import _find_whens, _When

Span = tuple[int, int]

_DASHES = {0x2013: "-", 0x2014: "-", 0x2212: "-", 0x2012: "-", 0x2019: "'"}
_SENTENCE = re.compile(r"(?:[^.!?;\n]|\.(?!\s|$))*(?:[.!?;\n]+|$)")
"""A sentence: a "." ends one only before a space ("1.1.2027" is a date)."""
_END_MARK = re.compile(
    r"(?:^|[^a-z])(?:bis|until|till|through|endet|enden|ends?|ending|projektende|abschluss"
    r"|laufzeitende|abgeschlossen)(?:\s+(?:zum|zur|ende|spaetestens|in|im|am|the|of))*\s*[:,]?\s*$"
)
_AGE = re.compile(
    r"(?:unter|ueber|zwischen|ab|bis|im\s+alter\s+von|under|over|aged?|between|seit|since|vor"
    r"|nach|erfahrung)\s*$"
)
_PART_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:long\s+|lang\s+|langen?\s+|langes\s+)?"
    # a word or two that describe the part ("a 12-week coding bootcamp", "ein 3-monatiges
    # betriebliches Praktikum"), but no word that joins ("3 years of workshops")
    r"(?:(?!(?:of|for|with|and|und|mit|fuer|von|im|in|an|at|lang|long|laufzeit|duration)\s)"
    r"[a-z]+\s+){0,2}?"
    r"(?:bootcamps?|course|courses|kurs|kurse"
    r"|kursen|kurses|praktikum|praktika|praktikums|internships?|placements?|schulung|schulungen"
    r"|lehrgang|lehrgaenge|lehrgangs|modul|module|workshops?|umschulung|sprachkurs|sprachkurse"
    r"|probezeit|trial\s+(?:period|month)|einsatz|einsaetze|stage)(?![a-z])"
)
"""A length that says how long a part of the project lasts ("a six month bootcamp", "ein
6-monatiges Praktikum") is not the project's duration."""
_PATH_BEFORE = re.compile(r"(?:^|[^a-z])(?:in|within|innerhalb(?:\s+von)?)\s*$")
_PATH_AFTER = re.compile(r"\s*(?:zur|zum|to\s+become|to\s+be|into)(?![a-z])")
"""A length that says how long it takes a participant to get somewhere ("in 6 Monaten zur
Pflegehilfskraft qualifizieren", "within 6 months to become") is not the project's duration."""
_COST_PERIOD = re.compile(
    r"(?:\d[\d.,]*\s*(?:k|tsd|teur|eur|euro|euros|€)|\d{1,3}(?:[.,]\d{3})+)"
    r"\s*(?:per|pro|je|im|a|an|each|every)?\s*$"
)
"""A length right after an amount is the costs' period ("60k a year for 2 years")."""
_EACH_AFTER = re.compile(r"\s*(?:each|jeweils|pro\s+person|per\s+(?:person|participant))(?![a-z])")
"""… and one followed by "each" a part ("a bootcamp, 3 months each, running for 2 years")."""
_OVER = re.compile(r"(?:ueber|over)\s*$")
MAX_OVER_MONTHS = 120
"""… but "über 3 Jahre", "over three years" is how long (ages are higher: "über 50 Jahre")."""


_RELATIVE = re.compile(r",\s*(?:die|der|denen|deren|welche[rnms]?|who|whose)\s")
_WHO = re.compile(r"(?:^|[^a-z])(?:who|whose)\s")
WHO_REACH = 60
"""How far before a date (in characters) a "who" makes it said of people."""
_PROJECT = re.compile(r"projekt|project|vorhaben|massnahme|programm|program|angebot|initiative")
_THROUGHOUT = re.compile(
    r"(?:^|[^a-z])(?:den\s+ganzen|die\s+ganze|das\s+ganze|all|the\s+whole|the\s+entire)\s*$"
)


def _incidental(folded: str, at: int) -> bool:
    """Whether a point in time, by the words before it in its sentence, is said of someone or
    something else than the project: in a relative clause about people ("Jugendliche, die im
    September noch keinen Vertrag haben", "apprentices who start in September") or as a span
    they spend ("sit at home all autumn", "den ganzen Sommer"). A relative clause about the
    project ("das Projekt, das im März startet", "the programme, which starts …") still names
    its start."""
    before = folded[:at]
    if _THROUGHOUT.search(before):
        return True
    comma = before.rfind(",")
    clause = before[comma:] if comma >= 0 else before
    after = folded.find(",", at)
    if _PROJECT.search(folded[max(comma, 0) : after if after >= 0 else len(folded)]):
        return False  # "a small firm who would like to start a project in May 2027"
    if comma >= 0 and _RELATIVE.match(clause):
        return not _PROJECT.search(before[max(comma - 40, 0) : comma])
    # "apprentices who start in September"; in a long dictated sentence without commas, a
    # "who" far before the date began a clause about people that has ended ("… young people
    # who left school … and we want to … we would start in april")
    return bool(_WHO.search(clause[-WHO_REACH:]))


def _age(before: str, months: Decimal) -> bool:
    """Whether the words before a length make it an age or a time ago ("über 50 Jahre")."""
    if not _AGE.search(before):
        return False
    return not (_OVER.search(before) and months <= MAX_OVER_MONTHS)


_AGE_AFTER = re.compile(r"\s*(?:alt|alte[nr]?|old|erfahrung|experience|ago|her)(?![a-z])")


@dataclass(frozen=True)
class Dates:
    """What a message says about when a project runs (all optional)."""

    start: YearMonth | None = None
    start_span: Span | None = None
    end: YearMonth | None = None
    """The last month, where an end is named ("bis 12/2028")."""
    end_span: Span | None = None
    months: int | None = None
    """The duration, named as a length or following from start and end."""
    months_span: Span | None = None
    year: int | None = None
    """A year named without a month ("nächstes Jahr", "2027"): the start is to be asked."""
    conflict: bool = False
    """Start, end and length do not fit together; the length named as such was kept."""


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """`text` lower-cased with umlauts written out, and for each folded character the index
    of the character of `text` it comes from (so spans found in the folded text map back)."""
    # Each character folds on its own to one or more characters (casefold, umlauts, dashes):
    # when the lengths agree, every character folded to one, at its own index.
    whole = _fold_text(text)
    if len(whole) == len(text):
        return whole, list(range(len(text) + 1))
    # Otherwise only characters beyond ASCII can grow ("ü" -> "ue"); ASCII runs go whole.
    folded: list[str] = []
    offsets: list[int] = []
    known = _FOLDED.get
    done = 0
    for match in _BEYOND_ASCII.finditer(text):
        index = match.start()
        if index > done:
            folded.append(text[done:index].lower())
            offsets.extend(range(done, index))
        char = match.group()
        part = known(char)
        if part is None:
            part = _fold_char(char)
        folded.append(part)
        offsets.extend([index] * len(part))
        done = index + 1
    folded.append(text[done:].lower())
    offsets.extend(range(done, len(text) + 1))
    return "".join(folded), offsets


_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")
_FOLDED: dict[str, str] = {}
"""Characters folded so far (each on its own, so the same every time): folding a message
character by character was a good part of reading its dates."""


def _fold_text(text: str) -> str:
    folded = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return folded.translate(_DASHES)


def _fold_char(char: str) -> str:
    part = _fold_text(char)
    if len(_FOLDED) < 10_000:  # bounded: a text of rare characters does not grow it
        _FOLDED[char] = part
    return part


def _span(offsets: list[int], start: int, end: int, base: int) -> Span:
    return (base + offsets[start], base + offsets[max(end - 1, start)] + 1)


def _in_range(month: YearMonth) -> bool:
    return EARLIEST_YEAR <= month.year <= LATEST_YEAR


@dataclass
class _Found:
    start: YearMonth | None = None
    start_span: Span | None = None
    end_when: _When | None = None
    end_span: Span | None = None
    end: YearMonth | None = None
    lengths: list[tuple[int, Span]] | None = None
    year: int | None = None
    relative: tuple[YearMonth, Span] | None = None


def _sentence(sentence: str, base: int, now: YearMonth, found: _Found) -> None:
    folded, offsets = fold_with_offsets(sentence)
    whens = _find_whens(folded)
    year_hint = next(
        (now.year + offset for pattern, offset in _YEAR_WORDS if pattern.search(folded)), None
    )
    used: set[int] = set()
    for index, when in enumerate(whens):
        if index in used:
            continue
        span = _span(offsets, when.start, when.end, base)
        following = whens[index + 1] if index + 1 < len(whens) else None
        if when.kind == "year":
            alone = following is None or not _RANGE.fullmatch(folded[when.end : following.start])
            if alone and found.year is None and found.start is None:
                found.year = when.year
            continue
        if following is not None and _RANGE.fullmatch(folded[when.end : following.start]):
            used.add(index + 1)
            if following.kind == "year":
                continue
            if found.start is None:
                year = _period_start_year(when, following, year_hint, now)
                first = YearMonth(year, when.month) if 1900 <= year <= 2200 else None
                if first is not None and _in_range(first):
                    found.start, found.start_span = first, span
                    found.end_when = following
                    found.end_span = _span(offsets, following.start, following.end, base)
            continue
        if _END_MARK.search(folded[: when.start]):
            if found.end_when is None:
                found.end_when, found.end_span = when, span
            continue
        if found.start is None and not _incidental(folded, when.start):
            year = _resolve_start_year(when, year_hint, now)
            if EARLIEST_YEAR <= year <= LATEST_YEAR:
                found.start, found.start_span = YearMonth(year, when.month), span
    if year_hint is not None and found.year is None and not whens:
        found.year = year_hint
    half = _IN_YEARS.search(folded)
    relative = _NEXT_MONTH.search(folded) or (half if half and half["half"] else None)
    if relative is not None and found.relative is None:
        month = _relative_month(folded, now)
        if month is not None:
            found.relative = (month, _span(offsets, relative.start(), relative.end(), base))
    if found.lengths is None:
        # "in einem halben Jahr" is when the project starts, not how long it runs
        halves = [h for h in _IN_YEARS.finditer(folded) if h["half"]]
        lengths = [
            length
            for length in _lengths(folded, whens)[0]
            if not _age(folded[: length.start], length.months)
            and not _AGE_AFTER.match(folded, length.end)
            and not _COST_PERIOD.search(folded[: length.start])
            and not _EACH_AFTER.match(folded, length.end)
            and not _PART_AFTER.match(folded, length.end)
            and not (
                _PATH_BEFORE.search(folded[: length.start])
                and _PATH_AFTER.match(folded, length.end)
            )
            # a few days or weeks are a part of a project ("spend a week in local firms")
            and not (length.unit == "w" and length.months < 1)
            and not any(h.start() <= length.start < h.end() for h in halves)
        ]
        if lengths:
            total = _total(folded, lengths)
            if isinstance(total, Decimal) and 1 <= _ceil(total) <= MAX_MONTHS:
                span = _span(offsets, lengths[0].start, lengths[-1].end, base)
                found.lengths = [(_ceil(total), span)]


def _period_start_year(first: _When, last: _When, hint: int | None, now: YearMonth) -> int:
    if first.year is not None:
        return first.year
    if last.year is not None:
        return last.year if first.month <= last.month else last.year - 1
    return _resolve_start_year(first, hint, now)


@once
def read_dates(text: str, today: date, start: YearMonth | None = None) -> Dates:
    """When the project runs, as far as `text` says (see the module's rules).

    `start` is a start already known (from an earlier answer): an end alone is counted from it.
    """
    now = _today(today)
    found = _Found()
    for match in _SENTENCE.finditer(text[: MAX_CHARS * 8]):
        sentence = match.group()
        if not sentence.strip():
            continue
        for offset in range(0, len(sentence), MAX_CHARS):
            _sentence(sentence[offset : offset + MAX_CHARS], match.start() + offset, now, found)
    begins, begins_span = found.start, found.start_span
    if begins is None and found.relative is not None:
        begins, begins_span = found.relative
    end: YearMonth | None = None
    if found.end_when is not None:
        when = found.end_when
        anchor = begins or start
        year = when.year
        if year is None and anchor is not None:
            year = _first_ending_from(when, anchor)
        if year is not None:
            end = _end_of(when, year)
    months, months_span = found.lengths[0] if found.lengths else (None, None)
    conflict = False
    anchor = begins or start
    if end is not None and anchor is not None:
        counted = anchor.months_until(end)
        if counted < 1:
            end, conflict = None, True
        elif months is None:
            months, months_span = counted, found.end_span
        elif months != counted:
            conflict = True
    year = found.year if begins is None else None
    return Dates(
        start=begins,
        start_span=begins_span,
        end=end,
        end_span=found.end_span if end is not None else None,
        months=months,
        months_span=months_span,
        year=year,
        conflict=conflict,
    )
