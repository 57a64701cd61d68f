"""Amounts and dates written the way each language writes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.base.yearmonth import YearMonth
from bot.texts.catalog import Escape, Language, Localized, Msg, render, verbatim


def format_eur(amount: int, language: Language) -> str:
    grouped = f"{amount:,}"
    if language == "de":
        return grouped.replace(",", ".") + " €"
    return f"EUR {grouped}"


def format_month(month: YearMonth, language: Language) -> str:
    return f"{month.month:02d}/{month.year}"


def format_day(day: date, language: Language) -> str:
    if language == "de":
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    return day.isoformat()


@dataclass(frozen=True)
class Eur:
    amount: int

    def localize(self, language: Language, escape: Escape = verbatim) -> str:
        return escape(format_eur(self.amount, language))


@dataclass(frozen=True)
class Month:
    month: YearMonth

    def localize(self, language: Language, escape: Escape = verbatim) -> str:
        return escape(format_month(self.month, language))


@dataclass(frozen=True)
class Day:
    day: date

    def localize(self, language: Language, escape: Escape = verbatim) -> str:
        return escape(format_day(self.day, language))


@dataclass(frozen=True)
class Choice:
    """One of two wordings chosen by language-independent data (e.g. an optional title_en)."""

    de: str
    en: str

    def localize(self, language: Language, escape: Escape = verbatim) -> str:
        return escape(self.de if language == "de" else self.en)


@dataclass(frozen=True)
class Lines:
    """Several texts written one below the other (list items in a summary)."""

    items: tuple[Localized | str, ...]
    separator: str = "\n"

    def localize(self, language: Language, escape: Escape = verbatim) -> str:
        return self.separator.join(
            # `str` first: isinstance against the runtime-checkable Protocol is slow.
            escape(item) if isinstance(item, str) else item.localize(language, escape)
            for item in self.items
        )


@dataclass(frozen=True)
class Sentence:
    """A text ending a sentence: its full stop, unless it ends in one already or in "…" (an
    answer cut short), so no "…." stands in a reply."""

    text: Localized

    def localize(self, language: Language, escape: Escape = verbatim) -> str:
        shown = self.text.localize(language, escape).rstrip()
        return shown if shown.endswith((".", "…", "!", "?")) else f"{shown}."


@dataclass(frozen=True)
class Count:
    """A number with its noun, singular for one: "1 Monat", "24 Monate", "1 month".

    `noun` names the forms in the catalogue (`count.<noun>.one`, `count.<noun>.many`); both
    languages use the singular for exactly one only, zero included ("0 Monate", "0 months").
    """

    number: int
    noun: str

    def localize(self, language: Language, escape: Escape = verbatim) -> str:
        form = "one" if self.number == 1 else "many"
        return render(Msg(f"count.{self.noun}.{form}", {"count": self.number}), language, escape)
