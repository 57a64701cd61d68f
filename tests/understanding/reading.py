"""Reading one message in a test: the shipped knowledge's resolvers, on a fixed day."""

from __future__ import annotations

from datetime import date

from bot.understanding.groups.finder import GroupFinder
from bot.understanding.message import Reading, ReadingContext, read_message
from bot.understanding.organisations import OrganisationWords
from bot.understanding.places import PlaceResolver
from bot.understanding.slots import Asked

TODAY = date(2026, 12, 7)

Finders = tuple[PlaceResolver, GroupFinder, OrganisationWords]
"""The `finders` fixture of tests/understanding/conftest.py."""


def read(finders: Finders, text: str, asked: Asked | None = None) -> Reading:
    """`text` read as a first message (`asked` None) or at a question asking for `asked`."""
    places, groups, organisations = finders
    return read_message(text, ReadingContext(places, groups, organisations, TODAY, asked))
