"""School years name pupils: "year 11 students", "Schüler der Klasse 9", "students in grade 10",
"Studenten der 10. Klasse" are at school, not at university.

A word for students ("students", "Studenten", "Studierende") right after a school year or
followed by one ("students in year 11", "Studierende der Jahrgangsstufe 12") is read as pupils.
A school year is a year word with its number in figures up to 13 ("year 11", "grade 9",
"Klasse 9", "Jahrgang 10") or an ordinal before it ("9. Klasse", "10th grade"; not "2nd year
students", who are at university, nor "the second year").
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.understanding.groups.tokens import Word

YEAR_WORDS = frozenset(
    """
    year grade klasse klassen jahrgang jahrgangs jahrgangsstufe jahrgangsstufen klassenstufe
    klassenstufen
    """.split()
)
LAST_SCHOOL_YEAR = 13
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")
STUDENT_WORDS = frozenset("students student studenten studierende studierenden".split())
YEAR_GAP = frozenset({"in", "im", "der", "den", "dem", "of", "aus", "from", "the"})
"""Words between the students and the year after them ("students in year 11")."""


def _school_year(word: Word) -> bool:
    """ "11", "10th": a year of school in figures (a university's "second year" is written out
    and names no school year)."""
    key = word.key
    if key.endswith(ORDINAL_SUFFIXES) and len(key) > 2:
        key = key[:-2]
    return key.isdigit() and 1 <= int(key) <= LAST_SCHOOL_YEAR


def _year_ends_at(index: int, words: Sequence[Word]) -> bool:
    """Whether a school year ends with the word at `index` ("year 11", "9. Klasse")."""
    if index < 1 or words[index - 1].sentence != words[index].sentence:
        return False
    last, before = words[index], words[index - 1]
    # "2nd year students" are at university; "10th grade", "9. Klasse" at school
    return (before.key in YEAR_WORDS and _school_year(last)) or (
        last.key in YEAR_WORDS and last.key != "year" and _school_year(before)
    )


def _year_starts_at(index: int, words: Sequence[Word]) -> bool:
    return index + 1 < len(words) and _year_ends_at(index + 1, words)


def at_school(start: int, words: Sequence[Word]) -> bool:
    """Whether the students at `start` are said to be in a school year."""
    if words[start].key not in STUDENT_WORDS:
        return False
    if _year_ends_at(start - 1, words):
        return True
    after = start + 1
    while after < len(words) and after - start <= 2 and words[after].key in YEAR_GAP:
        after += 1
    return (
        after > start + 1
        and words[after - 1].sentence == words[start].sentence
        and (_year_starts_at(after, words))
    )


def pupils_by_year(
    found: Sequence[tuple[str, int, int]],
    words: Sequence[Word],
    students: str | None,
    pupils: str | None,
) -> list[tuple[str, int, int]]:
    """`found` with students in a school year read as pupils."""
    if students is None or pupils is None:
        return list(found)
    return [
        (pupils, start, end)
        if group == students and at_school(start, words)
        else (group, start, end)
        for group, start, end in found
    ]
