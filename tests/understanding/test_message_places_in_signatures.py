"""Places of a first message, wave 11 of #12 (understand12v): a place only in the signature or
the address under a mail ("31582 Nienburg", "Jobcenter Region Hannover"), where the region's
town is taken over its namesakes elsewhere as at the place question, and the district as named
counts over a close spelling of one of its towns read earlier ("in spring 2027"); the place of
the project over the sender's seat ("mit Sitz in Hannover. Wir möchten in Holzminden …"), and
places named apart in a message are no project in several districts."""

from __future__ import annotations

import pytest

from bot.understanding.message import LIKELY, SURE
from bot.understanding.places import InRegion
from bot.understanding.result import Unclear, Understood
from tests.understanding.reading import Finders, read


def _district(finders: Finders, text: str, at_least: float = LIKELY) -> str | None:
    reading = read(finders, text)
    place = reading.place
    if place is None or place.confidence < at_least or not isinstance(place.value, InRegion):
        return None
    return place.value.district_id


def test_a_town_with_namesakes_in_the_address_under_a_mail(finders: Finders) -> None:
    text = (
        "Sehr geehrtes Team,\n\nwir möchten Langzeitarbeitslose zu Berufskraftfahrern ausbilden"
        " lassen. Start wäre im Mai 2027.\n\nMit freundlichen Grüßen\nKarin Wolters\nSpedition"
        " Wolters GmbH\nIndustriestraße 4\n31582 Nienburg"
    )
    assert _district(finders, text) == "nienburg"


def test_a_town_with_namesakes_after_standort(finders: Finders) -> None:
    text = "Mit freundlichen Grüßen\nThomas Brandt\nBildungswerk\nStandort Nienburg"
    assert _district(finders, f"Wir planen ab August 2027 ein Projekt.\n\n{text}") == "nienburg"


def test_the_district_as_named_over_a_close_spelling_read_earlier(finders: Finders) -> None:
    text = (
        "Dear team,\nwe would like to set up a coaching programme for young adults. Start in"
        " spring 2027, for two years.\nKind regards,\nAnna Weber\nJobcenter Region Hannover"
    )
    reading = read(finders, text)
    assert reading.place is not None and reading.place.confidence >= SURE
    assert text[reading.place.span[0] : reading.place.span[1]] == "Hannover"


def test_a_close_spelling_alone_is_still_no_place(finders: Finders) -> None:
    assert _district(finders, "We want to start in spring 2027 with a coaching programme.") is None


def test_the_project_place_over_the_senders_seat(finders: Finders) -> None:
    text = (
        "Hallo, ich bin Bildungsreferentin bei einem Bildungsträger mit Sitz in Hannover. Wir "
        "möchten in Holzminden ein Projekt für junge Mütter starten."
    )
    assert _district(finders, text) == "holzminden"
    reading = read(finders, text, "place")  # as the opening at the place question
    assert reading.place is not None and isinstance(reading.place.value, InRegion)
    assert reading.place.value.district_id == "holzminden" and not reading.place.value.also


def test_the_seat_alone_is_the_place(finders: Finders) -> None:
    text = "Wir sind ein Bildungsträger mit Sitz in Hannover und wollen Mütter qualifizieren."
    assert _district(finders, text) == "region-hannover"


@pytest.mark.parametrize(
    "text",
    [
        "Hameln-Pyrmont und Holzminden",
        "Region Hannover sowie im Landkreis Hildesheim",
        "Nienburg, Schaumburg",
    ],
)
def test_places_joined_are_a_project_in_several(finders: Finders, text: str) -> None:
    resolved = finders[0].resolve(text)
    assert isinstance(resolved, Understood) and isinstance(resolved.value, InRegion)
    assert resolved.value.also, text


def test_places_apart_in_a_message_are_asked_about(finders: Finders) -> None:
    resolved = finders[0].resolve(
        "IHK Hannover, Geschäftsstelle Nienburg. Wir wollen Azubis mit Prüfungsangst unterstützen."
    )
    assert isinstance(resolved, Unclear) and resolved.suggestions


@pytest.mark.parametrize(
    "text",
    ["zwischen Hameln und Holzminden", "in Hameln und in Teilen von Holzminden"],
)
def test_places_joined_with_more_words(finders: Finders, text: str) -> None:
    resolved = finders[0].resolve(text)
    assert isinstance(resolved, Understood) and isinstance(resolved.value, InRegion)
    assert resolved.value.also, text
