"""Target groups, wave 11 of #12 (understand12u): groups described in a sentence; the parents of
a group are whom it is for; what people were is no group; feminine plurals that name everyone in
an occupation of women; the writer's family; staff sought beside the group answered; partners
described by a group word ("with retired nurses")."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.groups.finder import GroupFinder
from tests.understanding.reading import Finders, read


@pytest.fixture(scope="module")
def finder(kb: KnowledgeBase) -> GroupFinder:
    return GroupFinder(kb.target_groups)


def _groups(finders: Finders, text: str) -> set[str]:
    reading = read(finders, text)
    return set(reading.target_groups.value) if reading.target_groups else set()


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        (
            "Hello, community centre in Hildesheim. Single parents who are not in work need "
            "flexible training and childcare.",
            {"frauen", "arbeitslose"},
        ),
        (
            "Alleinerziehende, die keine Arbeit haben, brauchen Kinderbetreuung und Coaching.",
            {"frauen", "arbeitslose"},
        ),
    ],
)
def test_a_group_said_of_people_in_their_relative_clause_keeps_them(
    finders: Finders, text: str, groups: set[str]
) -> None:
    # "who are not in work" says who the single parents are: they are not staff who train
    # the unemployed
    assert _groups(finders, text) == groups


def test_staff_who_do_the_work_to_a_later_group_still_go(finders: Finders) -> None:
    groups = _groups(
        finders, "Unsere Lehrkräfte begleiten Geflüchtete in Hameln beim Berufseinstieg."
    )
    assert groups == {"gefluechtete"}


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        (
            "Familienzentrum Sarstedt: diesmal die Eltern von Schülern mit Migrationsgeschichte, "
            "die selbst eine Arbeit suchen.",
            "schueler",
            {"zugewanderte", "arbeitslose"},
        ),
        ("We run evening courses for parents of apprentices in Hameln.", "auszubildende", set()),
        ("Wir wollen Mütter von Grundschülern in Teilzeitjobs bringen.", "schueler", {"frauen"}),
    ],
)
def test_the_group_whose_parents_the_people_are_is_not_whom_it_is_for(
    finders: Finders, text: str, absent: str, present: set[str]
) -> None:
    groups = _groups(finders, text)
    assert absent not in groups
    assert present <= groups


def test_pupils_with_their_parents_stay(finders: Finders) -> None:
    assert "schueler" in _groups(finders, "Wir wollen Schüler und ihre Eltern informieren.")


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("people from Ukraine who were developers at home", "beschaeftigte"),
        ("Frauen aus Syrien, die dort Lehrerinnen waren, sollen in Kitas arbeiten.", "lehrkraefte"),
    ],
)
def test_what_people_were_is_no_group(finder: GroupFinder, text: str, absent: str) -> None:
    groups = set(finder.groups(text, running_text=True))
    assert absent not in groups
    assert groups  # the people themselves are still read


def test_a_profession_without_other_people_still_names_them(finder: GroupFinder) -> None:
    assert set(finder.groups("Unsere Mitarbeiter waren lange krank.")) == {"beschaeftigte"}


@pytest.mark.parametrize(
    "text",
    [
        "unsere pflegeschülerinnen brauchen mehr praxisanleitung",
        "Wir wollen Altenpflegeschülerinnen im ersten Jahr begleiten.",
    ],
)
def test_a_generic_feminine_of_an_occupation_names_no_women(finder: GroupFinder, text: str) -> None:
    groups = set(finder.groups(text))
    assert "auszubildende" in groups
    assert "frauen" not in groups


def test_other_feminine_plurals_still_name_women(finder: GroupFinder) -> None:
    assert "frauen" in set(finder.groups("Wir wollen Schülerinnen für MINT-Berufe begeistern."))


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("our junior developers", "beschaeftigte"),
        ("our engineers need training in battery technology", "beschaeftigte"),
        ("Softwareentwickler und Programmierer in kleinen Firmen", "beschaeftigte"),
        ("die jungs und mädels die nach dem abi nicht wissen was sie machen sollen", "schueler"),
        ("women over 45", "aeltere"),
        ("Viele Verkäuferinnen verlieren ihren Job, weil Filialen schließen.", "arbeitslose"),
        ("people losing their jobs when the plant closes", "arbeitslose"),
    ],
)
def test_everyday_words_of_wave_11(finder: GroupFinder, text: str, group: str) -> None:
    assert group in set(finder.groups(text))


def test_a_firm_without_an_apprenticeship_place_names_no_pupils(finder: GroupFinder) -> None:
    assert set(finder.groups("Wir haben keine Lehrstelle frei.", running_text=True)) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Meine Frau und ich führen einen Hof in Holzminden und wollen Jugendlichen die "
        "Landwirtschaft zeigen.",
        "Ich habe mit meiner Mutter eine Bäckerei in Rinteln, wir wollen Jugendliche ausbilden.",
    ],
)
def test_the_writers_wife_or_mother_is_no_group_of_women(finders: Finders, text: str) -> None:
    assert _groups(finders, text) == {"schueler"}


def test_women_named_beside_the_writers_family_still_count(finders: Finders) -> None:
    text = "Meine Frau und ich wollen Frauen in Hameln in Führungspositionen bringen."
    assert "frauen" in _groups(finders, text)


def test_staff_sought_beside_the_group_answered_is_no_group(finder: GroupFinder) -> None:
    assert set(finder.answer_groups("Langzeitarbeitslose, we need forklift drivers")) == {
        "arbeitslose"
    }


def test_staff_sought_alone_is_the_answer(finder: GroupFinder) -> None:
    assert set(finder.answer_groups("wir suchen Azubis")) == {"auszubildende"}


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("young adults under 25 who are receiving benefits", "arbeitslose"),
        ("Menschen, die eine Behinderung haben", "menschen-mit-beeintraechtigung"),
    ],
)
def test_groups_described_in_a_sentence(finder: GroupFinder, text: str, group: str) -> None:
    assert set(finder.groups(text, running_text=True)) == {group}


def test_partners_described_by_a_group_word_are_partners(finders: Finders) -> None:
    text = (
        "Now I'd like to start something in Nienburg for young people who want to go into care "
        "but are unsure, like a mentoring scheme with retired nurses."
    )
    assert _groups(finders, text) == {"schueler"}


def test_what_people_named_before_with_have_still_describes_them(finders: Finders) -> None:
    groups = _groups(finders, "Wir wollen Frauen mit Behinderung in Hameln in Arbeit bringen.")
    assert groups == {"frauen", "menschen-mit-beeintraechtigung"}


@pytest.mark.parametrize(
    "text",
    [
        "Wir sind ein Pflegeheim in Hameln mit 80 Bewohnern und 60 Mitarbeitenden. Wir wollen "
        "Schulabgänger für die Pflegeausbildung gewinnen.",
        "We're a care home in Hameln with 40 beds and about 55 staff. We want to attract school "
        "leavers.",
    ],
)
def test_staff_in_a_list_of_the_organisations_figures_give_its_size(
    finders: Finders, text: str
) -> None:
    assert _groups(finders, text) == {"schueler"}


def test_figures_of_the_projects_people_are_no_size(finder: GroupFinder) -> None:
    groups = set(
        finder.groups("Wir wollen 15 Azubis und 10 Beschäftigte qualifizieren.", running_text=True)
    )
    assert groups == {"auszubildende", "beschaeftigte"}


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Rentner helfen Jugendlichen in Hameln bei Bewerbungen.", {"schueler"}),
        (
            "We'd like to set up a mentoring scheme in Hameln in which retired managers help "
            "young founders.",
            {"gruendende"},
        ),
        (
            "basically a buddy scheme - local retirees from industry help refugee apprentices in "
            "Hildesheim with vocational school stuff",
            {"gefluechtete", "auszubildende"},
        ),
    ],
)
def test_people_who_help_another_group_are_the_projects_staff(
    finders: Finders, text: str, groups: set[str]
) -> None:
    assert _groups(finders, text) == groups


def test_whom_the_sponsor_helps_stays(finders: Finders) -> None:
    groups = _groups(
        finders, "Wir wollen in Hameln Frauen helfen, die nach der Elternzeit zurück wollen."
    )
    assert groups == {"frauen", "berufsrueckkehrende"}


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Frauen und Männer über 50", {"aeltere"}),
        ("men and women over 50 who lost their jobs", {"aeltere", "arbeitslose"}),
        ("Pflegefachfrauen und -männer", {"beschaeftigte"}),
    ],
)
def test_women_and_men_or_a_job_title_in_frau_name_no_group_of_women(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text)) == groups


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        (
            "Ich bin Rentnerin und ehemalige Lehrerin und möchte Geflüchteten in Hameln Deutsch "
            "beibringen.",
            "lehrkraefte",
        ),
        ("Former teachers mentor pupils in Hameln.", "lehrkraefte"),
        ("We want to bring retired nurses in Hameln back into part-time work.", "beschaeftigte"),
    ],
)
def test_a_profession_people_had_is_no_group(finders: Finders, text: str, absent: str) -> None:
    groups = _groups(finders, text)
    assert absent not in groups
    assert groups


def test_people_the_sponsor_employs_beside_the_target_group_are_its_own(
    finders: Finders,
) -> None:
    text = (
        "Wir beschäftigen in Hameln viele Frauen in Teilzeit, aber das Projekt soll "
        "Langzeitarbeitslose erreichen."
    )
    assert _groups(finders, text) == {"arbeitslose"}


def test_people_the_sponsor_employs_and_the_project_is_for_stay(finders: Finders) -> None:
    text = "Wir beschäftigen in Hameln viele Frauen in Teilzeit und wollen ihnen Aufstieg bieten."
    assert _groups(finders, text) == {"frauen"}


@pytest.mark.parametrize(
    "text",
    [
        "Wir, die Wirtschaftsförderung Holzminden, wollen Rückkehrer in die Region holen.",
        "We want to attract returners back to the area.",
    ],
)
def test_returners_brought_to_the_region_are_no_career_returners(
    finder: GroupFinder, text: str
) -> None:
    assert "berufsrueckkehrende" not in set(finder.groups(text, running_text=True))


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("teenagers at risk of dropping out", {"schueler"}),
        ("apprentices who are about to drop out", {"auszubildende"}),
        ("dropouts from vocational training", set()),
        ("uni students who are thinking about dropping out", {"studierende", "studienabbrecher"}),
        ("dropouts", {"studienabbrecher"}),
    ],
)
def test_dropping_out_names_university_dropouts_only_beside_students(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text)) == groups
