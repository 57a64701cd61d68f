"""#12, wave 8 (understand12n): dates said of something else than the project, the length of
a part of the project, kinds of organisation people name themselves by, and the words a place
note quotes."""

from __future__ import annotations

from datetime import date

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import render
from bot.understanding.dates import read_dates
from bot.understanding.organisations import organisation_in, organisation_kind
from bot.understanding.places import InRegion, PlaceResolver
from bot.understanding.result import Understood

TODAY = date(2026, 12, 7)


# --- 1. dates said of people, a school year or an event are no start ------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wir möchten junge Leute, die nach dem Sommer immer noch ohne Lehrstelle dastehen, in "
        "Betriebe bringen.",
        "wir möchten jugendliche, die im september noch keinen ausbildungsvertrag haben, mit "
        "betrieben zusammenbringen",
        "Wir begleiten Azubis, die im August 2027 ihre Ausbildung beginnen.",
        "school leavers who didnt get a place sit at home all autumn, we want a workshop year",
        "Apprentices who start in September often drop out in the first months.",
        "Viele Jugendliche hängen den ganzen Sommer über zu Hause herum.",
    ],
)
def test_a_date_said_of_someone_else_is_no_start(text: str) -> None:
    assert read_dates(text, TODAY).start is None


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("Das Projekt, das im September 2027 startet, richtet sich an Jugendliche.", 9),
        ("Wir wollen im September 2027 starten.", 9),
        ("We'd start in May 2027 with school leavers who have no place.", 5),
        ("Beginn nach den Sommerferien 2027", 8),
        ("Kurs für Eltern, ab März 2027", 3),
        ("We are a small firm who would like to start a project in May 2027.", 5),
        ("Wir, die Stadt Alfeld, die im März 2027 ein Projekt beginnen will, …", 3),
    ],
)
def test_a_start_the_sentence_gives_the_project_is_still_read(text: str, month: int) -> None:
    start = read_dates(text, TODAY).start
    assert start is not None and start.month == month


# --- 2. the length of a part of the project is not its duration -----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We'd run a 12-week coding bootcamp for women returning to work, starting May 2027.",
        "Geplant ist ein 6-wöchiger Intensivkurs Deutsch für Pflegekräfte.",
        "We offer two-day workshops for trainers in local firms.",
        "ein 3-monatiges betriebliches Praktikum für Geflüchtete",
    ],
)
def test_the_length_of_a_part_is_no_duration(text: str) -> None:
    assert read_dates(text, TODAY).months is None


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("3 years of workshops in schools, from August 2027", 36),
        ("Laufzeit 2 Jahre, mit Kursen und Praktika", 24),
        ("a 12 month programme for career changers", 12),
    ],
)
def test_the_projects_own_length_is_still_read(text: str, months: int) -> None:
    assert read_dates(text, TODAY).months == months


# --- 3. kinds of organisation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Guten Tag, Agentur für Arbeit Hannover. Wir wollen Abiturienten erreichen.",
            "employment",
        ),
        ("Wir sind die Agentur für Arbeit Hameln und möchten …", "employment"),
        ("Stadtwerke Hameln: Mitarbeiter/innen ab 50 sollen ihr Wissen weitergeben.", "company"),
        ("Hi, car repair shop in Hameln here. Our Azubis need support.", "company"),
        ("We're a small bike shop in Nienburg.", "company"),
        ("Wir, die Werkstatt für Menschen mit Behinderung in Rinteln, …", "care"),
    ],
)
def test_an_organisation_named_at_the_start_has_its_kind(
    text: str, kind: str, kb: KnowledgeBase
) -> None:
    found = organisation_in(text, kb)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Agentur für Arbeit", "employment"),
        ("die Stadtwerke", "company"),
        ("car repair shop", "company"),
        ("eine Werbeagentur", "company"),
    ],
)
def test_the_answer_to_the_organisation_question_has_its_kind(
    text: str, kind: str, kb: KnowledgeBase
) -> None:
    assert organisation_kind(text, kb) == kind


# --- 4. the place note quotes the words that named the place --------------------------------


@pytest.fixture(scope="module")
def places(kb: KnowledgeBase) -> PlaceResolver:
    return PlaceResolver(kb)


@pytest.mark.parametrize(
    ("answer", "quoted", "district"),
    [
        (
            "The project is a mobile careers bus that visits rural schools in the district of "
            "Nienburg with local employers on board.",
            "Nienburg",
            "nienburg",
        ),
        (
            "Wir sind ein Verein in Alfeld und wollen Schulabgänger begleiten.",
            "Alfeld",
            "hildesheim",
        ),
    ],
)
def test_the_namesake_note_quotes_the_words_that_named_the_place(
    places: PlaceResolver, answer: str, quoted: str, district: str
) -> None:
    result = places.resolve(answer)
    assert isinstance(result, Understood) and isinstance(result.value, InRegion)
    assert result.value.district_id == district
    assert result.note is not None and result.note.key == "understanding.place.namesake"
    for language in ("de", "en"):
        note = render(result.note, language)
        assert f"“{quoted}”" in note or f"„{quoted}“" in note, note
        assert answer[:20] not in note
