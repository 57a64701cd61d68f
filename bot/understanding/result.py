"""What a parser makes of a sponsor's answer: a value, or a reason the sponsor can act on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.texts.catalog import Msg

T = TypeVar("T")


@dataclass(frozen=True)
class Understood(Generic[T]):
    value: T
    note: Msg | None = None
    """What was understood, when worth echoing ("1,5 Mio. € verstanden als 1.500.000 €")."""


@dataclass(frozen=True)
class Unclear:
    reason: Msg
    """Says precisely what is needed, with an example."""
    suggestions: tuple[str, ...] = ()
    """Close candidates the sponsor may pick from (places, for instance)."""


Parsed = Understood[T] | Unclear
