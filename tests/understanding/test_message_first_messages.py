"""read_message, wave 6 of #12: what made a first message cost questions — a self-description
starting with "an" ("We are an adult education centre") or after a filler ("hallo also wir
sind …"), church welfare organisations by their compound, costs after dates in one long
sentence ("…, kosten so um die 170.000"), co-financing as its own clause, "co-fund", and a
project said without a word of intent but for a named group."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.message import LIKELY
from bot.understanding.organisations import organisation_in
from bot.understanding.replies import Kind, classify
from tests.understanding.reading import Finders, read

ALL_IN_ONE = (
    "hallo also wir sind der caritasverband in hildesheim und wollen ab august 27 für 2 jahre "
    "junge geflüchtete ohne schulabschluss auf die ausbildung vorbereiten, kosten so um die "
    "170.000, eigenanteil zahlt das bistum"
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "The course is for bus drivers. We are an adult education centre in Nienburg.",
            "education",
        ),
        ("we're an association of craft businesses in Hameln", "chamber"),
        ("hallo also wir sind der caritasverband in hildesheim", "care"),
        ("Moin, ja wir sind die Diakoniestation Springe", "care"),
        # "an" as a German preposition still ends the description
        ("wir sind ein Verein an der Weser", "other"),
    ],
)
def test_self_descriptions(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb)
    assert found is not None and found.kind == kind


def test_costs_after_dates_in_one_long_sentence(finders: Finders) -> None:
    reading = read(finders, ALL_IN_ONE, "place")
    assert reading.costs is not None and reading.costs.value.amount == 170_000
    assert reading.costs.confidence >= LIKELY
    assert reading.start is not None and reading.start.value.iso() == "2027-08"
    assert reading.duration is not None and reading.duration.value == 24


def test_cofinancing_is_its_clause_of_a_long_sentence(
    finders: Finders,
) -> None:
    reading = read(finders, ALL_IN_ONE, "place")
    assert reading.cofinancing is not None
    assert reading.cofinancing.value == "eigenanteil zahlt das bistum"


def test_co_fund_is_cofinancing(finders: Finders) -> None:
    reading = read(finders, "Local bus companies and the district will co-fund this.", "place")
    assert reading.cofinancing is not None


def test_an_offer_for_a_named_group_is_the_idea(finders: Finders) -> None:
    text = (
        "Vorbereitungskurs für angehende Meister im Kfz-Handwerk, abends und samstags, in "
        "Hameln. Wir sind die Innung."
    )
    reading = read(finders, text, "place")
    assert reading.idea is not None
    assert reading.target_groups is not None and reading.target_groups.value == ("beschaeftigte",)


def test_a_greeting_with_a_place_is_no_idea(finders: Finders) -> None:
    # no group introduced, no intent: nothing said about a project
    text = "Guten Tag, wir sind die Kreishandwerkerschaft in Hildesheim und haben eine Frage."
    assert read(finders, text, "place").idea is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Guten Tag! Wir, der Verein Arbeit und Leben in Nienburg, planen ein Mentoring", "other"),
        ("Moin aus Rinteln. Ich bin Geschäftsführer einer Tischlerei und wir wollen", "company"),
        ("Hi, I'm with the Hildesheim chamber of crafts. We'd like to run a project", "chamber"),
        ("Die Lebenshilfe Hildesheim möchte für Menschen mit Behinderung Arbeitsplätze", "care"),
        ("Ich bin Lehrerin an einer BBS in Hameln und möchte ein Projekt starten", "education"),
        (
            "Sehr geehrte Damen und Herren, die Stadt Bückeburg beabsichtigt, ab Juli",
            "municipality",
        ),
        ("Ich bin Mitarbeiterin bei der Stadt Hameln", "municipality"),
    ],
)
def test_who_writes_as_people_say_it(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize(
    "text",
    ["Die Schüler wollen mehr Praktika", "Ich bin Lehrerin und möchte etwas tun"],
)
def test_no_organisation_where_none_is_said(text: str, kb: KnowledgeBase) -> None:
    assert organisation_in(text, kb) is None


def test_a_plan_the_city_intends_is_an_idea(finders: Finders) -> None:
    text = (
        "Sehr geehrte Damen und Herren, die Stadt Bückeburg beabsichtigt, ab dem 01.07.2027 ein "
        "Projekt zur Berufsorientierung für Schülerinnen und Schüler der Oberschulen durchzuführen."
    )
    assert read(finders, text, "place").idea is not None


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Wir rechnen mit 50.000 € pro Jahr über 3 Jahre.", 36),
        ("over three years", 36),
        # ages stay ages
        ("Menschen über 50 Jahre", None),
    ],
)
def test_over_a_few_years_is_a_duration(finders: Finders, text: str, months: int | None) -> None:
    reading = read(finders, text, "place")
    assert (reading.duration.value if reading.duration else None) == months


@pytest.mark.parametrize(
    ("text", "wants"),
    [
        ("Deutsch für die Pflege", None),
        ("English for nurses", None),
        ("Englisch im Beruf", None),
        ("Sprachkurs Deutsch für Geflüchtete", None),
        ("Englisch?", "en"),
        ("I would prefer English", "en"),
        ("Sprechen Sie auch Englisch?", "en"),
        ("German", "de"),
    ],
)
def test_a_language_named_is_no_request_for_it(text: str, wants: str | None) -> None:
    reply = classify(text, "title")
    assert (reply.wants if reply.kind is Kind.LANGUAGE else None) == wants


def test_low_german_first_message(finders: Finders) -> None:
    text = (
        "Moin! Wi sünd de Landfrauenvereen ut Nienborg un wüllt Froons, de lang to Hus weern, "
        "weer in Arbeit bringen. Dat schall een Johr duern un so 50.000 Euro kosten."
    )
    reading = read(finders, text, "place")
    assert reading.place is not None and "Nienburg" in reading.place.value.name
    assert reading.organisation is not None and reading.organisation.value == "other"
    assert reading.duration is not None and reading.duration.value == 12


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Good afternoon. Our organisation, a vocational college in Nienburg, plans", "education"),
        ("Hi there! We run a care home in Bad Münder and want to", "care"),
        ("Hey, I'm Anna from the Hildesheim job centre. Idea: a bootcamp", "employment"),
        ("Hallo! Wir sind drei Kitas in Gehrden und suchen Erzieherinnen.", "other"),
    ],
)
def test_who_writes_in_english_and_in_passing(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("We'd like to support young mums, about 60k a year for 2 years, from April 2027.", 24),
        ("a bootcamp for the long-term unemployed, 3 months each, running for 2 years", 24),
        ("ab April 2027 zwei Jahre lang", 24),
    ],
)
def test_a_cost_period_or_a_part_is_not_the_duration(
    finders: Finders, text: str, months: int
) -> None:
    reading = read(finders, text, "place")
    assert reading.duration is not None and reading.duration.value == months


def test_wuerden_gern_says_a_plan(finders: Finders) -> None:
    text = (
        "Moin moin, ich bin von der Diakonie in Stadthagen. Wir würden gern Menschen mit "
        "psychischen Erkrankungen in Arbeit bringen, mit Jobcoaching."
    )
    assert read(finders, text, "place").idea is not None


def test_the_job_people_want_to_become_is_no_group(
    finders: Finders,
) -> None:
    reading = read(finders, "a bridging course for migrants who want to become bus drivers")
    assert reading.target_groups is not None and reading.target_groups.value == ("zugewanderte",)


@pytest.mark.parametrize(
    ("text", "district"),
    [
        (
            "Hi, we're a small IT company in Hildeshiem and want to train older workers",
            "hildesheim",
        ),
        ("wir sind ein jugendhilfeträger in holzmindn und wollen ein werkstattjahr", "holzminden"),
    ],
)
def test_a_slip_of_the_keys_after_in_is_said_back(
    finders: Finders, text: str, district: str
) -> None:
    reading = read(finders, text)
    assert reading.place is not None and reading.place.confidence == LIKELY
    assert getattr(reading.place.value, "district_id", None) == district


def test_a_name_only_somewhat_like_a_place_is_still_asked_for(finders: Finders) -> None:
    # "Hamlen" is too far from "Hameln" to be read at all; nothing is said back as a place
    reading = read(finders, "we're a language school near Hamlen and would like to run courses")
    assert reading.place is None or reading.place.confidence < LIKELY


def test_the_idea_starts_after_a_self_introduction(finders: Finders) -> None:
    text = (
        "Moin! Ich bin von der Kreishandwerkerschaft Nienburg. Wir wollen Schulabbrecher über "
        "Praxistage in Handwerksbetrieben doch noch in eine Ausbildung bringen."
    )
    reading = read(finders, text)
    assert reading.idea is not None and reading.idea.value.startswith("Wir wollen Schulabbrecher")
    assert text[reading.idea.span[0] : reading.idea.span[1]] == reading.idea.value


def test_an_introduction_stays_where_the_rest_says_too_little(finders: Finders) -> None:
    # what follows the introduction alone would be no idea: the message is kept whole
    text = (
        "Ich bin von der Kreishandwerkerschaft Nienburg und wir bilden seit Jahren aus. "
        "Wir wollen mehr machen."
    )
    reading = read(finders, text)
    assert reading.idea is None or reading.idea.value.startswith("Ich bin von")
