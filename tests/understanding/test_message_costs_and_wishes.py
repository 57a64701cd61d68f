"""A first message, wave 11 of #12 (understand12v): costs said with the cost word after the
amount ("ca 150.000 gesamt"), with "kostet", in thousands with the currency after the scale
("160 T€"), or as an amount that looks like a year ("kostet so 2000 im monat"); and ideas said
as a wish in the singular ("Ich würde gern …"), with eagerness ("we're keen to run …"), a way
sought, or in a few words with a word of intent, which the idea question's parser then judges."""

from __future__ import annotations

import pytest

from bot.understanding.costs import Costs, parse_costs
from bot.understanding.message import LIKELY
from tests.understanding.reading import Finders, read


@pytest.mark.parametrize(
    ("text", "costs", "words"),
    [
        ("start april 2027, 18 monate, ca 150.000 gesamt", Costs(150000), "150.000"),
        ("Laufzeit 2 Jahre ab 1.4.2027, Budget 160 T€.", Costs(160000), "160 T€"),
        ("ach so, kostet ca. 35.000", Costs(35000), "35.000"),
        ("girls coding club, kostet so 2000 im monat, 2 jahre", Costs(2000, "month"), "2000"),
    ],
)
def test_costs_as_people_say_them(finders: Finders, text: str, costs: Costs, words: str) -> None:
    reading = read(finders, text)
    assert reading.costs is not None and reading.costs.confidence >= LIKELY, text
    assert reading.costs.value == costs
    span = reading.costs.span
    assert text[span[0] : span[1]] == words
    if costs.per is None:  # the words read again by the cost question's parser
        parsed = parse_costs(words)
        assert parsed.value == costs  # type: ignore[union-attr]


def test_an_amount_without_a_cost_word_stays_unsure(finders: Finders) -> None:
    reading = read(finders, "Wir haben 150.000 Einwohner im Landkreis.")
    assert reading.costs is None or reading.costs.confidence < LIKELY


@pytest.mark.parametrize(
    "text",
    [
        "Als Inhaberin einer Bäckerei in Alfeld suche ich Azubis. Ich würde gern Schülerinnen und "
        "Schüler der Oberschule zu Schnupperpraktika in die Backstube holen.",
        "Hi,\nwe're keen to run a mentoring scheme that pairs international students with local "
        "engineering firms, so they stay in the region after graduating.",
        "Diakoniestation Springe, Pflegedienstleitung. Wir suchen einen Weg, unsere "
        "Pflegehelfer*innen berufsbegleitend zur Fachkraft weiterzubilden.",
        "Moin, Altenheim in Holzminden. Unsere Hilfskräfte sollen berufsbegleitend zur "
        "Pflegefachkraft werden.",
    ],
)
def test_an_opening_that_says_what_is_wanted_is_the_idea(finders: Finders, text: str) -> None:
    reading = read(finders, text)
    assert reading.idea is not None, text


def test_a_few_words_of_intent_at_the_organisation_question_are_no_idea(
    finders: Finders,
) -> None:
    reading = read(
        finders, "Altenheim, unsere Hilfskräfte sollen Fachkräfte werden", "organisation"
    )
    assert reading.idea is None


def test_a_few_words_without_intent_are_no_idea(finders: Finders) -> None:
    assert read(finders, "Moin, Altenheim in Holzminden hier, Pflegedienstleitung.").idea is None


@pytest.mark.parametrize(
    "text",
    [
        "Verein in Nienburg: Ingenieure im Ruhestand coachen Schülerinnen und Schüler bei "
        "Technikprojekten.",
        "Moin, Caritas Hildesheim hier. Ehrenamtliche begleiten Geflüchtete in ihre erste "
        "Ausbildung.",
        "We're a training company from Hildesheim. Our bootcamp retrains people who lost their "
        "jobs in the automotive supply industry as software testers.",
    ],
)
def test_what_is_done_for_whom_in_the_present_is_the_idea(finders: Finders, text: str) -> None:
    assert read(finders, text).idea is not None, text


@pytest.mark.parametrize(
    "text",
    [
        "Wir sind ein Verein, der Geflüchtete begleitet.",
        "Moin, Caritas Hildesheim hier. Wir begleiten seit 20 Jahren Geflüchtete.",
        "Moin, Caritas Hildesheim hier. Wir begleiten Familien.",
    ],
)
def test_who_the_sponsor_is_or_long_has_been_is_no_idea(finders: Finders, text: str) -> None:
    assert read(finders, text).idea is None, text
