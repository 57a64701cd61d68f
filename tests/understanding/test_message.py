"""read_message: every answer a message carries, with its words and a confidence."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.base.yearmonth import YearMonth
from bot.kb.knowledge import KnowledgeBase
from bot.understanding.costs import Costs
from bot.understanding.groups.finder import GroupFinder
from bot.understanding.message import LIKELY, SURE, Reading, ReadingContext, read_message
from bot.understanding.organisations import organisation_words
from bot.understanding.places import Elsewhere, InRegion, PlaceResolver
from bot.understanding.replies import Kind
from tests.understanding.reading import Finders

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def finders(kb: KnowledgeBase) -> Finders:
    return PlaceResolver(kb), GroupFinder(kb.target_groups), organisation_words(kb)


def read(
    finders: Finders,
    text: str,
    step: str | None = None,
    start: YearMonth | None = None,
) -> Reading:
    places, groups, organisations = finders
    return read_message(text, ReadingContext(places, groups, organisations, TODAY, step, start))


def district(reading: Reading) -> str | None:
    if reading.place is None or not isinstance(reading.place.value, InRegion):
        return None
    return reading.place.value.district_id


def test_everything_in_one_german_message(finders: Finders) -> None:
    text = (
        "Wir sind ein Jugendhilfeträger aus Hameln und wollen ab Herbst 2027 zwei Jahre lang "
        "junge Leute ohne Ausbildungsplatz in Betriebe der Region vermitteln, mit Coaching und "
        "Praktika. Kosten rund 240.000 €"
    )
    reading = read(finders, text)
    assert reading.reply.kind is Kind.ANSWER and reading.language == "de"
    assert district(reading) == "hameln-pyrmont"
    assert reading.organisation is not None and reading.organisation.value == "care"
    assert reading.target_groups is not None
    assert "unternehmen" not in reading.target_groups.value  # "in Betriebe" are partners
    assert reading.idea is not None
    assert reading.costs is not None and reading.costs.value == Costs(240_000)
    assert reading.start is not None and reading.start.value == YearMonth(2027, 9)
    assert reading.duration is not None and reading.duration.value == 24
    said = {name: text[found.span[0] : found.span[1]] for name, found in reading.found()}
    assert said["place"] == "Hameln"
    assert said["organisation"] == "Jugendhilfeträger"
    assert said["costs"] == "240.000"
    assert said["start"] == "Herbst 2027"
    assert said["duration"] == "zwei Jahre"


def test_everything_in_one_english_message(finders: Finders) -> None:
    text = (
        "Hi, we are a small IT training company in Hannover. We'd like to run a 18 month "
        "programme from April 2027 that helps international graduates get jobs at local SMEs. "
        "Budget EUR 250k per year."
    )
    reading = read(finders, text)
    assert reading.language == "en"
    assert district(reading) == "region-hannover"
    assert reading.organisation is not None and reading.organisation.value == "education"
    assert reading.target_groups is not None and "zugewanderte" in reading.target_groups.value
    assert "unternehmen" not in reading.target_groups.value
    assert reading.costs is not None and reading.costs.value == Costs(250_000, "year")
    assert reading.start is not None and reading.start.value == YearMonth(2027, 4)
    assert reading.duration is not None and reading.duration.value == 18


def test_period_title_and_cofinancing(finders: Finders) -> None:
    text = (
        "Guten Tag, wir sind ein Bildungsträger in Hildesheim. Wir planen ein Projekt für "
        "geflüchtete Frauen, die in der Pflege anfangen wollen. Laufzeit 01/2027 bis 12/2028, "
        "Gesamtkosten ca. 380.000 Euro. Eigenanteil übernimmt zum Teil die Stadt. "
        "Titel: Pflege gemeinsam."
    )
    reading = read(finders, text)
    assert district(reading) == "hildesheim"
    assert reading.target_groups is not None
    assert set(reading.target_groups.value) == {"gefluechtete", "frauen"}
    assert reading.start is not None and reading.start.value == YearMonth(2027, 1)
    assert reading.end is not None and reading.end.value == YearMonth(2028, 12)
    assert reading.duration is not None and reading.duration.value == 24
    assert reading.cofinancing is not None
    assert reading.cofinancing.value == "Eigenanteil übernimmt zum Teil die Stadt"
    assert reading.title is not None and reading.title.value == "Pflege gemeinsam"
    assert reading.title.sure


def test_costs_per_period_keep_their_period(finders: Finders) -> None:
    reading = read(finders, "Projekt in Barsinghausen, 3 Jahre ab 01/2027, jährlich ca. 140.000 €")
    assert reading.costs is not None and reading.costs.value == Costs(140_000, "year")
    assert reading.duration is not None and reading.duration.value == 36
    assert reading.idea is None


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Start Januar 2027, Laufzeit 2 Jahre, Kosten 180.000.", True),
        ("Budget: ca. 95.000", True),
        ("Wir haben 120 Mitarbeiter und starten 2027", False),
        ("Wir betreuen 150 Jugendliche", False),
    ],
)
def test_an_amount_right_after_a_cost_word_is_costs(
    finders: Finders, text: str, read: bool
) -> None:
    """No currency, but "Kosten 180.000": taken (and shown), not left for a question."""
    reading = read_message(text, ReadingContext(*finders, TODAY))
    costs = reading.costs
    assert (costs is not None and costs.confidence >= LIKELY) == read


def test_an_idea_said_with_soll(finders: Finders) -> None:
    text = (
        "Zwei unserer Mitarbeiterinnen sollen Geflüchtete in Pflegeheime vermitteln und dort "
        "im ersten Jahr begleiten, zusammen mit den Heimen im Landkreis."
    )
    assert read_message(text, ReadingContext(*finders, TODAY)).idea is not None


@pytest.mark.parametrize(
    "text",
    [
        "Wir planen Kosten für Personal und wollen das gut machen",
        "Good morning, could we do this in English?",
        "Wir sind ein Verein und möchten etwas für Jugendliche tun",
        "Das Essen war gut",
    ],
)
def test_no_place_from_random_words(finders: Finders, text: str) -> None:
    reading = read(finders, text)
    assert reading.place is None and reading.place_question is None


def test_places_outside_count_after_a_preposition(
    finders: Finders,
) -> None:
    reading = read(finders, "Wir sind ein Bildungsträger aus Celle")
    assert reading.place is not None and isinstance(reading.place.value, Elsewhere)


def test_a_name_in_several_places_is_asked_about(
    finders: Finders,
) -> None:
    reading = read(finders, "Unser Projekt soll in Gronau stattfinden")
    assert reading.place is None and reading.place_question is not None
    assert len(reading.place_question.value.suggestions) >= 2


def test_several_districts(finders: Finders) -> None:
    reading = read(finders, "Das Projekt läuft in Hameln-Pyrmont und Holzminden")
    assert [p.value.district_id for p in reading.places if isinstance(p.value, InRegion)] == [
        "hameln-pyrmont",
        "holzminden",
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hallo", Kind.GREETING),
        ("english please", Kind.LANGUAGE),
        ("nein", Kind.NO),
        ("steht doch oben", Kind.SEE_ABOVE),
    ],
)
def test_replies_without_answers_carry_no_slots(finders: Finders, text: str, kind: Kind) -> None:
    reading = read(finders, text, "title")
    assert reading.reply.kind is kind
    assert list(reading.found()) == []


def test_a_question_gives_no_slots_but_the_statements_do(
    finders: Finders,
) -> None:
    reading = read(finders, "Ich habe eine Frage: Können auch Unternehmen einen Antrag stellen?")
    assert reading.reply.kind is Kind.QUESTION and list(reading.found()) == []
    reading = read(finders, "Wir sind ein Unternehmen in Hameln. Können wir einen Antrag stellen?")
    assert reading.reply.kind is Kind.QUESTION
    assert district(reading) == "hameln-pyrmont"
    assert reading.organisation is not None and reading.organisation.value == "company"


@pytest.mark.parametrize(
    ("step", "text", "slot", "value"),
    [
        ("costs", "15.000 € im Monat", "costs", Costs(15_000, "month")),
        ("costs", "EUR 250k per year", "costs", Costs(250_000, "year")),
        ("start", "zum Wintersemester 2027", "start", YearMonth(2027, 10)),
        ("duration", "bis Ende 2028", "duration", 22),
        ("title", "ja, „Fahr los“", "title", "Fahr los"),
        ("organisation", "Jugendhilfeträger, hab ich doch geschrieben", "organisation", "care"),
        ("target_groups", "Maler und Tischler, die sich fortbilden wollen", "target_groups",
         ("beschaeftigte",)),
        ("cofinancing", "30 % Eigenmittel", "cofinancing", "30 % Eigenmittel"),
    ],
)  # fmt: skip
def test_the_answer_to_the_question_asked_is_sure(
    finders: Finders, step: str, text: str, slot: str, value: object
) -> None:
    reading = read(finders, text, step, YearMonth(2027, 3))
    found = dict(reading.found())
    assert found[slot].value == value
    assert found[slot].confidence >= (SURE if slot != "target_groups" else 0.7)


def test_a_range_at_the_start_question_gives_start_and_duration(
    finders: Finders,
) -> None:
    reading = read(finders, "04/2027 bis 03/2029", "start")
    assert reading.start is not None and reading.start.value == YearMonth(2027, 4)
    assert reading.duration is not None and reading.duration.value == 24


@given(st.text(max_size=500), st.sampled_from([None, "place", "costs", "start", "title"]))
def test_read_message_never_raises_and_spans_are_in_the_text(
    finders: Finders, text: str, step: str | None
) -> None:
    reading = read(finders, text, step)
    for _, found in reading.found():
        start, end = found.span
        assert 0 <= start <= end <= len(text)
        assert 0 < found.confidence <= 1
