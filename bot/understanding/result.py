"""What a parser makes of a sponsor's answer: a value, or a reason the sponsor can act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.texts.catalog import Language, Localized, Msg

T = TypeVar("T")

Suggestion = str | Localized
"""A candidate answer offered as a button: a text, or one written in the reader's language
("genau 2.024 €", "exactly EUR 2,024"). Picked, its German wording is what is read back."""


def wording(suggestion: Suggestion, language: Language = "de") -> str:
    return suggestion if isinstance(suggestion, str) else suggestion.localize(language)


@dataclass(frozen=True)
class Understood(Generic[T]):
    value: T
    note: Msg | None = None
    """What was understood, when worth echoing ("1,5 Mio. € verstanden als 1.500.000 €")."""


@dataclass(frozen=True)
class Unclear:
    reason: Msg
    """Says precisely what is needed, with an example."""
    suggestions: tuple[Suggestion, ...] = ()
    """Close candidates the sponsor may pick from (places, amounts, durations)."""


Parsed = Understood[T] | Unclear
