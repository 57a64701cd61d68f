"""#12 (understand12p), in both languages: a first message that says what its people should get
or need describes the project ("Unsere Lagerhelfer brauchen einen Staplerschein", "our
engineers need training in battery technology"): the message is the idea, as one with "wollen"
or "sollen" is; asking the idea question again would ask what was said. A message that only
needs something from the bot ("wir brauchen Geld") is too short to be an idea."""

from __future__ import annotations

import pytest

from tests.understanding.reading import Finders, read

NEEDS = [
    "Hallo, Spedition in Nienburg. Unsere Lagerhelfer ohne Ausbildung brauchen einen"
    " Staplerschein und eine Teilqualifizierung.",
    "Moin, Tischlerei in Rinteln. Unsere Gesellen benötigen dringend Weiterbildung in"
    " CNC-Technik und Digitalisierung.",
    "Hello, logistics company in Nienburg. Our warehouse helpers without any vocational"
    " training should get a forklift licence and a partial qualification.",
    "hi, small engineering company in stadthagen. our engineers need training in battery"
    " technology",
]
TOO_SHORT = ["Hallo, wir brauchen Geld für ein Projekt.", "Hi, we need funding for a project."]


@pytest.mark.parametrize("text", NEEDS)
def test_what_people_should_get_or_need_is_the_idea(finders: Finders, text: str) -> None:
    reading = read(finders, text, "place")
    assert reading.idea is not None, text


@pytest.mark.parametrize("text", TOO_SHORT)
def test_needing_money_is_no_idea(finders: Finders, text: str) -> None:
    assert read(finders, text, "place").idea is None
