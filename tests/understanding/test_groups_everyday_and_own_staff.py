"""Target groups, wave 6 of #12 (understand12d): the strategy's groups in everyday words (ages,
long out of work, staff who already work, grown-up children, other countries, young refugees),
and group words that describe the sponsor's own staff: who stops working, an average age, staff
the company cannot find."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.groups.finder import GroupFinder


@pytest.fixture(scope="module")
def finder(kb: KnowledgeBase) -> GroupFinder:
    return GroupFinder(kb.target_groups)


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        (
            "people in their fifties who have been out of work for a long time",
            {"aeltere", "arbeitslose"},
        ),
        ("people in their late fifties who lost their job", {"aeltere", "arbeitslose"}),
        ("ü50 die lange raus sind", {"aeltere", "arbeitslose"}),
        ("Kollegen Mitte 50", {"aeltere", "beschaeftigte"}),
        ("arbeitsmarktferne Menschen", {"arbeitslose"}),
        ("staff who already work here", {"beschaeftigte"}),
        ("people who moved here from other countries", {"zugewanderte"}),
        ("Menschen aus anderen Ländern", {"zugewanderte"}),
        ("Mütter, deren Kinder schon groß sind", {"frauen", "berufsrueckkehrende"}),
        ("junge Geflüchtete", {"schueler", "gefluechtete"}),
        ("young migrants", {"schueler", "zugewanderte"}),
        ("people who hardly speak any German yet", {"zugewanderte"}),
        ("Leute, die psychisch angeschlagen sind", {"menschen-mit-beeintraechtigung"}),
        # the small children of the parents the project is for are no pupils
        ("our nurses with small kids", {"beschaeftigte"}),
    ],
)
def test_everyday_words_for_the_groups(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # the sponsor's own staff who stop working are why the project is needed
        (
            "Unsere älteren Kollegen hören in den nächsten Jahren auf und wir finden keinen "
            "Nachwuchs. Wir möchten Schülerpraktika anbieten.",
            {"schueler"},
        ),
        # an average age is a figure about the staff
        (
            "Unsere Belegschaft ist im Schnitt über 50 und wir brauchen Nachwuchs. Deshalb "
            "wollen wir Geflüchtete ausbilden.",
            {"gefluechtete"},
        ),
        # staff the company cannot find
        (
            "Wir sind ein Hotel und finden seit zwei Jahren kaum noch Personal. Wir wollen "
            "Bürgergeld-Bezieher anlernen.",
            {"arbeitslose"},
        ),
        # a count of staff broken down
        (
            "Wir sind ein Pflegeheim mit 80 Beschäftigten, davon viele Frauen in Teilzeit. Wir "
            "wollen Schüler für die Pflege begeistern.",
            {"schueler"},
        ),
        # an age said of the sponsor's own people, and those who retire
        (
            "Most of my guys are over 55 and will retire soon. I want to get school leavers "
            "interested in the trade.",
            {"schueler"},
        ),
        ("Unsere Mitarbeiter sind fast alle über 50. Wir wollen Schüler erreichen.", {"schueler"}),
        # volunteers do the work
        ("Bei uns engagieren sich viele Rentner ehrenamtlich.", set()),
        ("Retired engineers volunteer as mentors for apprentices.", {"auszubildende"}),
    ],
)
def test_the_sponsors_own_staff_are_no_target(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text, running_text=True)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # older people kept in work until they retire are the target group
        ("Wir wollen Ältere bis in die Rente begleiten.", {"aeltere"}),
        (
            "Wir wollen unsere älteren Kollegen bis in die Rente gesund halten.",
            {"aeltere", "beschaeftigte"},
        ),
        # "hören … auf" that does not end the clause is listening, not stopping
        (
            "Die Jugendlichen hören oft auf ihre Eltern, deshalb wollen wir Elternabende machen.",
            {"schueler"},
        ),
        # finding something for a group is no search for staff
        ("Wir finden für unsere Azubis keine Wohnungen.", {"auszubildende"}),
        ("Wir finden es wichtig, dass Azubis besser begleitet werden.", {"auszubildende"}),
        # a sentence that names the target group, and people the volunteers help
        ("Unsere Zielgruppe sind Menschen über 50.", {"aeltere"}),
        (
            "Unsere Teilnehmenden sind meist über 50 und lange arbeitslos.",
            {"aeltere", "arbeitslose"},
        ),
        (
            "Ehrenamtliche Lotsen begleiten zugewanderte Fachkräfte in den ersten Monaten.",
            {"zugewanderte"},
        ),
        ("Wir wollen ehrenamtliche Lotsen für Geflüchtete ausbilden.", {"gefluechtete"}),
        # an average in another clause leaves the group whom the project is for
        (
            "Der Altersdurchschnitt im Handwerk steigt, deshalb wollen wir Schüler begeistern.",
            {"schueler"},
        ),
    ],
)
def test_groups_the_new_rules_leave(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text, running_text=True)) == groups


@pytest.mark.parametrize(
    ("text", "groups", "running_text"),
    [
        # a relative clause that says people already work
        (
            "leute mit migrationshintergrund die schon arbeiten",
            {"zugewanderte", "beschaeftigte"},
            False,
        ),
        ("people who work in care homes", {"beschaeftigte"}, True),
        # … not a wish, nor a negation
        (
            "Wir wollen Geflüchtete, die arbeiten wollen, in Betriebe vermitteln.",
            {"gefluechtete"},
            True,
        ),
        ("refugees who want to work in care", {"gefluechtete"}, True),
        ("Frauen, die nicht mehr arbeiten", {"frauen"}, True),
        # people the sponsor calls its own, at the question
        ("unsere Leute in der Werkstatt", {"beschaeftigte"}, False),
    ],
)
def test_people_who_already_work(
    finder: GroupFinder, text: str, groups: set[str], running_text: bool
) -> None:
    assert set(finder.groups(text, running_text=running_text)) == groups
