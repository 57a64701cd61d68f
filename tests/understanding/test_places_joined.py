"""read_message: places joined on one line are one place in several districts (#12 point 1);
a place named elsewhere in the message, or joined by "oder", is not joined to the first."""

from __future__ import annotations

import pytest

from bot.understanding.message import Reading
from bot.understanding.places import InRegion
from tests.understanding.reading import Finders, read


def districts(reading: Reading) -> set[str | None]:
    assert reading.place is not None
    place = reading.place.value
    assert isinstance(place, InRegion)
    return {p.district_id for p in place.places}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kurz zu uns:\n* Weiterbildung Hochvolttechnik für Gesellen\n"
            "* Region Hannover und Landkreis Hildesheim",
            {"region-hannover", "hildesheim"},
        ),
        (
            "Notes:\n• evening classes for warehouse staff\n• Hameln-Pyrmont and Holzminden",
            {"hameln-pyrmont", "holzminden"},
        ),
        (
            "Wir sind ein Verein aus Hameln und wollen junge Leute in Betriebe vermitteln. "
            "Ein Partner sitzt in Holzminden.",
            {"hameln-pyrmont"},
        ),
        (
            "Stichpunkte:\n• Abendkurse für Lagerhelfer\n"
            "• Hameln oder Holzminden, steht noch nicht fest",
            {"hameln-pyrmont"},
        ),
    ],
)
def test_places_joined_on_a_line_are_read_together(
    finders: Finders, text: str, expected: set[str]
) -> None:
    assert districts(read(finders, text)) == expected
