"""Target groups and kinds of organisation, wave 9 of #12 (understand12o): the children of the
people named, in a sentence about their care, are their family, not pupils; students in a school
year are pupils; "Pflegeschülerinnen und -schüler" is one word in two forms; working parents
by their everyday names; family and community centres, and plants named "-werk", by their kind."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.organisations import organisation_in, organisation_kind
from tests.understanding.reading import Finders, read


def _groups(finders: Finders, text: str) -> set[str]:
    reading = read(finders, text)
    return set(reading.target_groups.value) if reading.target_groups else set()


@pytest.mark.parametrize(
    "text",
    [
        "Alleinerziehende brauchen Betreuung für ihre Kids in den Ferien.",
        "Our working parents need childcare for their kids so they can do more hours.",
        "We want to help women returning to work after raising their kids.",
        "Wir wollen Müttern, die nach der Elternzeit zurückkommen, mit ihren Kindern helfen.",
    ],
)
def test_the_children_of_the_people_named_are_no_pupils(finders: Finders, text: str) -> None:
    assert "schueler" not in _groups(finders, text)


@pytest.mark.parametrize(
    "text",
    [
        "Wir wollen Eltern erklären, wie die Ausbildung funktioniert, damit sie ihre Kids bei "
        "der Berufswahl besser begleiten.",
        "Parents' evenings so that parents can support their kids in choosing an apprenticeship.",
    ],
)
def test_children_whose_own_way_is_the_subject_stay(finders: Finders, text: str) -> None:
    assert "schueler" in _groups(finders, text)


def test_what_is_said_of_grown_children_still_names_their_mothers(finders: Finders) -> None:
    groups = _groups(
        finders,
        "Wir suchen Quereinsteiger für unsere Kitas, z.B. Mütter, deren Kinder schon groß sind.",
    )
    assert "berufsrueckkehrende" in groups


@pytest.mark.parametrize(
    "text",
    [
        "Unsere Pflegeschülerinnen und -schüler brechen zu oft im ersten Jahr ab.",
        "Our Pflegeschülerinnen and -schüler need help with German for the exams.",
    ],
)
def test_a_feminine_and_its_completed_compound_are_one_word(finders: Finders, text: str) -> None:
    groups = _groups(finders, text)
    assert "auszubildende" in groups
    assert "frauen" not in groups
    assert "schueler" not in groups  # "-schüler" completes "Pflegeschülerinnen"


@pytest.mark.parametrize(
    "text",
    [
        "Wir wollen Schülerinnen für MINT-Berufe begeistern.",
        "We want to get Migrantinnen in Hameln into work.",
        "Erzieherinnen in Teilzeit sollen ihre Stunden aufstocken können.",
        "Wir wollen unsere Mitarbeiterinnen in Führungspositionen bringen.",
    ],
)
def test_a_feminine_plural_alone_still_names_women(finders: Finders, text: str) -> None:
    assert "frauen" in _groups(finders, text)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Eltern in Schichtarbeit brauchen Betreuung in den Randzeiten.", "beschaeftigte"),
        ("Working parents on our wards need childcare in the early mornings.", "beschaeftigte"),
    ],
)
def test_everyday_names_of_groups(finders: Finders, text: str, group: str) -> None:
    assert group in _groups(finders, text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Familienzentrum", "other"),
        ("family centre", "other"),
        ("community centre", "other"),
        ("Mehrgenerationenhaus", "other"),
        ("Lebensmittelwerk", "company"),
        ("Sägewerk", "company"),
        ("food factory", "company"),
        ("Diakonisches Werk", "care"),
        ("Jugendwerk", "care"),
        ("Kolping-Bildungswerk", "education"),
        ("Netzwerk", "other"),
    ],
)
def test_kinds_of_organisation(text: str, kind: str, kb: KnowledgeBase) -> None:
    assert organisation_kind(text, kb) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Familienzentrum Sarstedt: diesmal geht es um die Eltern.", "other"),
        ("Hello, community centre in Hildesheim. Single parents need flexible training.", "other"),
        ("Wir sind ein Lebensmittelwerk in Nienburg.", "company"),
        ("We are a food factory near Nienburg.", "company"),
    ],
)
def test_kinds_of_organisation_in_a_first_message(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb)
    assert found is not None
    assert found.kind == kind


@pytest.mark.parametrize(
    "text",
    ["Unser Projekt heißt Zukunft Handwerk.", "Wir sind ein Netzwerk im Handwerk."],
)
def test_a_trade_or_network_named_werk_is_no_plant(text: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb)
    assert found is None or found.kind != "company"


@pytest.mark.parametrize(
    "text",
    [
        "For year 11 students at two Oberschulen we want taster days in local firms.",
        "Coding workshops for students in year 10 and 10th grade students.",
        "Bewerbungstraining für Studierende der Jahrgangsstufe 12 am Gymnasium.",
        "Werkstatttage für 10. Klässler in Handwerksbetrieben.",
    ],
)
def test_students_in_a_school_year_are_pupils(finders: Finders, text: str) -> None:
    groups = _groups(finders, text)
    assert "schueler" in groups
    assert "studierende" not in groups


@pytest.mark.parametrize(
    "text",
    [
        "Mentoring for 2nd year students at the university of Hildesheim.",
        "Mentoring für Studierende im 3. Semester an der HAWK.",
    ],
)
def test_university_years_stay_students(finders: Finders, text: str) -> None:
    assert "studierende" in _groups(finders, text)
