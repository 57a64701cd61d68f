"""Target groups, wave 6 of #12: group-like words that are not whom a project is for — who the
sponsor is, a title before a name, an organisation's name, its size, a cost item, staff who
retire, its own business, partners joined to partners, doers named one after another, roles
people are trained for, hits inside a negated group — and activities named for a group."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.groups.finder import GroupFinder


@pytest.fixture(scope="module")
def finder(kb: KnowledgeBase) -> GroupFinder:
    return GroupFinder(kb.target_groups)


NOT_THE_TARGET = [
    # who the sponsor is, up to where the project is said
    (
        "We are three teachers at a secondary school in Rinteln and want to set up a careers "
        "day for our year 9 and 10 pupils.",
        {"schueler"},
    ),
    (
        "hi, we're a small women's network in hildesheim (volunteers, mostly retired teachers) "
        "and want to run coding clubs for girls",
        {"schueler", "frauen"},
    ),
    (
        "wir sind ein kleines software-startup aus hannover. wir möchten studis begeistern",
        {"studierende"},
    ),
    ("Als Lehrerin sehe ich, dass Jugendliche keinen Plan haben.", {"schueler"}),
    # … but not what the organisation does for others
    ("Wir sind ein Verein für Alleinerziehende und wollen helfen.", {"frauen"}),
    ("Wir sind ein Verein, der geflüchtete Frauen begleitet.", {"gefluechtete", "frauen"}),
    ("we're a charity working with women who have been out of work", {"frauen", "arbeitslose"}),
    # a title before a name; an organisation's name
    ("Guten Tag, hier ist Frau Meyer. Wir möchten Langzeitarbeitslose fördern.", {"arbeitslose"}),
    ("We are a refugee-led association. Our idea: coaching for women.", {"frauen"}),
    # the organisation's size, staff as a cost item, staff who retire, its own business
    ("Ein Metallbetrieb mit 40 Mitarbeitern will Schülern Praktika anbieten.", {"schueler"}),
    ("Wir bräuchten ca 4000 € im Monat für Personal und Miete.", set()),
    (
        "Bei uns gehen fünf Gesellen in Rente, deshalb wollen wir Jugendliche begeistern.",
        {"schueler"},
    ),
    ("Wir suchen dringend Azubis für unseren Gartenbaubetrieb.", set()),
    ("we just can't find staff, so we train unemployed people", {"arbeitslose"}),
    # partners joined to partners; doers named one after another
    (
        "Together with local employers and two teachers we help young people on benefits.",
        {
            "schueler",
            "arbeitslose",
        },
    ),
    (
        "zwei sozialpädagoginnen und eine lehrerin begleiten geflüchtete jugendliche",
        {"gefluechtete", "schueler"},
    ),
    # roles people are trained for; hits inside a negated group
    ("Die sollen berufsbegleitend zur Erzieherin ausgebildet werden.", set()),
    ("long-term unemployed people who want to retrain as bus drivers", {"arbeitslose"}),
    ("apprentices and young workers, not school kids", {"auszubildende", "beschaeftigte"}),
]


@pytest.mark.parametrize(("text", "groups"), NOT_THE_TARGET)
def test_group_like_words_that_are_not_the_target(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text, running_text=True)) == groups


STILL_THE_TARGET = [
    ("Rentner, die noch Lust haben zu arbeiten, in Betriebe vermitteln", {"aeltere"}),
    ("sowohl Arbeitslose als auch Beschäftigte", {"arbeitslose", "beschaeftigte"}),
    ("Kurse für Beschäftigte, such as older workers", {"beschaeftigte", "aeltere"}),
    ("Retired engineers volunteer as mentors for apprentices", {"auszubildende"}),
    ("Frauen mit kleinen Kindern und Alleinerziehende", {"frauen"}),
    ("Wir wollen unsere Mitarbeiter weiterbilden.", {"beschaeftigte"}),
]


@pytest.mark.parametrize(("text", "groups"), STILL_THE_TARGET)
def test_group_words_that_still_name_the_target(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text, running_text=True)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Idee: Schülerpraktika mit Betrieben", {"schueler"}),
        ("Frauenkurse am Abend", {"frauen"}),
        # an office, a school, a practice of companies name no group
        ("Wir vom Seniorenbüro Holzminden", set()),
        ("Betriebspraktika und Praxistage", set()),
    ],
)
def test_activities_named_for_a_group(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text, running_text=True)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("mit Schulen und Betrieben Langzeitarbeitslose in Ausbildung bringen", {"arbeitslose"}),
        # organisations alone, or named for whom, are the answer
        ("Beratung kleiner Betriebe zur Digitalisierung", {"unternehmen"}),
        ("Azubis und Betriebe", {"auszubildende", "unternehmen"}),
        # the "mit" of a group's own words makes no partners
        (
            "Menschen mit Behinderung und Betriebe",
            {"menschen-mit-beeintraechtigung", "unternehmen"},
        ),
    ],
)
def test_organisations_at_the_question(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Rückkehrer, die wieder in die Region wollen", set()),
        ("returners who want to move back to the area", set()),
        ("Rückkehrerinnen nach der Familienzeit", {"berufsrueckkehrende", "frauen"}),
    ],
)
def test_coming_back_to_the_region_is_no_return_to_work(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Abiturientinnen", {"schueler", "frauen"}),
        ("Facharbeiterinnen aus der Produktion", {"beschaeftigte", "frauen"}),
        ("Lehrerin", {"lehrkraefte"}),
        ("blinde Menschen", {"menschen-mit-beeintraechtigung"}),
        # words that only end like feminine forms
        ("Medizin und Termin in Berlin", set()),
    ],
)
def test_feminine_forms_and_everyday_words(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("idee wär ne art azubi-botschafter die in die schulen gehen", set()),
        ("apprentice ambassadors visit schools to talk to pupils", {"schueler"}),
        ("Coaching für Azubis in Betrieben", {"auszubildende"}),
    ],
)
def test_ambassadors_do_the_work(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text, running_text=True)) == groups
