"""The words of points in time as data: month names, seasons, parts of a year, ordinals, units,
and Lower Saxony's school holidays (bot/understanding/periods/when.py reads texts with them).

Each table maps a word as `when._fold` leaves it (lower case, umlauts written out: "maerz",
"fruehjahr") to what it means; multi-word entries are written with single spaces and matched
with any spaces between their words.
"""

from __future__ import annotations

MIN_MONTH_TYPO = 6
"""Month names this long or longer are recognised with a typo ("Jnauar"); shorter ones
("Mai", "Juni") would match too many words."""

MONTHS = {
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
"""Month names, German and English, full and abbreviated, with and without umlaut, to their
month (1..12)."""

NEEDS_YEAR = {"may", "mar", "fall"}
"""Words that are months or seasons only when a year follows ("it may start", "auf jeden Fall")."""

SEASONS = {
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
"""Seasons to their first month (each spans three)."""

PARTS = {
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
"""Parts of a year to (first month, months spanned): "Ende 2027" starts a project in the last
quarter; "Mitte" is a point (0 months), which an end reads as 06."""

ORDINALS = {
    "erst": 1,
    "first": 1,
    "zweit": 2,
    "second": 2,
    "dritt": 3,
    "third": 3,
    "viert": 4,
    "fourth": 4,
}
"""Stems of ordinal numbers ("zweites Quartal", "second half") to their number."""

UNIT_WORDS = (
    r"monat|mon\b|mon\.|mte|jahr|j\b|j\.|month|year|yr|woche|week|tag|day|quartal|quarter|halbjahr"
)
"""Units a number may carry: a two-digit year is none ("März 24 Monate" is no year 2024)."""

HOLIDAYS = {
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
"""Lower Saxony's school holidays (the region's state; Niedersächsisches Kultusministerium,
public source) to (first month, last month, month after). ASSUMPTION, as the exact days change
every year: the summer holidays are July and August and end in August, the autumn holidays are
in October, the Easter holidays end in April."""
