"""The action field first (#14): an idea outside working life fits no field even where a keyword
points to a sub-goal; a narrower target group named by its own sub-goal's words ("quit their
degree") is the one the idea is about; girls in a robotics club are pupils in MINT (I.6)."""

from __future__ import annotations

import pytest

from bot.advice.advise import Advisor
from bot.advice.matching import Matches


def match(advisor: Advisor, idea: str, group: str = "") -> Matches:
    return advisor.matcher.match(idea, group, (), None)


@pytest.mark.parametrize(
    ("idea", "group"),
    [
        ("Wir wollen den Spielplatz im Dorf neu machen, mit Bänken für die Eltern.", ""),
        ("Bau von barrierefreien Wohnungen für Senioren im Ortskern.", "ältere Menschen"),
        ("A citizens' cooperative builds a solar park and sells the power to the villages.", ""),
        (
            "Begegnungscafé für Geflüchtete und Nachbarn: gemeinsam kochen und feiern.",
            "Geflüchtete",
        ),
        ("Football for refugee kids and local kids, twice a week after school.", "refugees"),
    ],
)
def test_an_idea_outside_working_life_fits_no_field(
    advisor: Advisor, idea: str, group: str
) -> None:
    matches = match(advisor, idea, group)
    # The keyword still counts as evidence; it is not presented as a fit.
    assert matches.sub_goals
    assert matches.fitting == ()


@pytest.mark.parametrize(
    ("idea", "group", "field", "goal"),
    [
        (
            "Geflüchtete lernen Deutsch und machen ein Praktikum im Betrieb.",
            "Geflüchtete",
            "III",
            "III.6",
        ),
        (
            "Mütter nach der Elternzeit: Coaching und Teilzeitstellen bei Arbeitgebern vor Ort.",
            "Eltern",
            "III",
            "III.5",
        ),
        (
            "Schülerinnen und Schüler bauen eine Solaranlage und lernen die Berufe im Handwerk "
            "rund um Solar kennen.",
            "",
            "I",
            "I.3",
        ),
    ],
)
def test_the_same_keywords_fit_where_the_idea_speaks_of_work(
    advisor: Advisor, idea: str, group: str, field: str, goal: str
) -> None:
    fitting = match(advisor, idea, group).fitting
    assert fitting and fitting[0].id == field
    assert goal in fitting[0].sub_goals


@pytest.mark.parametrize(
    ("idea", "group"),
    [
        (
            "Lots of students quit their degree after two semesters. We show them a shortened "
            "apprenticeship in a trade.",
            "students who want to quit uni",
        ),
        (
            "Viele Studierende wollen ihr Studium hinschmeißen; wir zeigen ihnen eine verkürzte "
            "Ausbildung im Handwerk.",
            "Studierende",
        ),
    ],
)
def test_students_who_quit_are_dropouts(advisor: Advisor, idea: str, group: str) -> None:
    matches = match(advisor, idea, group)
    assert "studienabbrecher" in matches.target_groups
    assert matches.fitting[0].id == "III"
    assert matches.fitting[0].sub_goals[0] == "III.4"


def test_girls_in_a_robotics_club_are_pupils_in_mint(advisor: Advisor) -> None:
    matches = match(
        advisor,
        "Robotik-AG nur für Mädchen aus Klasse 5 bis 7, zusammen mit einem Maschinenbauer.",
        "Mädchen",
    )
    assert matches.fitting[0].id == "I"
    assert matches.fitting[0].sub_goals[0] == "I.6"


def test_a_general_word_of_a_field_for_a_group_it_serves_fits_where_nothing_tells_more(
    advisor: Advisor,
) -> None:
    # "Qualifizierung" is a generic word; employees are whom II.2 serves.
    matches = match(advisor, "Qualifizierung für Beschäftigte im Einzelhandel.", "Beschäftigte")
    assert [field.id for field in matches.fitting][:1] == ["II"]
    # For companies (a group nearly every idea names) the general word is not enough.
    assert (
        match(advisor, "Ein IT-Projekt für Unternehmen in der Region.", "Unternehmen").fitting == ()
    )


def test_a_general_word_for_the_named_group_outweighs_a_keyword_for_other_people(
    advisor: Advisor,
) -> None:
    # "Roboter" is a keyword of I.6 (MINT for pupils); employees learning to work with robots
    # are II.
    idea = "Beschäftigte der Metallindustrie lernen den Umgang mit CNC-Maschinen und Robotern."
    assert match(advisor, idea, "Beschäftigte").fitting[0].id == "II"


def test_keywords_with_ohne_are_found(advisor: Advisor) -> None:
    # "ohne" was a stop word, so "ohne Schulabschluss" shrank to "Schulabschluss" and was
    # never looked for; young people without a school certificate are III.2's.
    matches = match(
        advisor,
        "Jugendliche ohne Schulabschluss bekommen einen Ausbildungsplatz und einen Coach.",
        "Jugendliche ohne Abschluss",
    )
    assert matches.fitting[0].id == "III"
    assert matches.fitting[0].sub_goals[0] == "III.2"


def test_a_target_group_chosen_from_the_buttons_counts_as_working_life(advisor: Advisor) -> None:
    idea = "Ein Zukunftsforum zur Kreislaufwirtschaft: weniger Deponievolumen, weniger Rohstoffe."
    assert advisor.matcher.match(idea, "", (), None).fitting == ()
    chosen = advisor.matcher.match(idea, "", ("unternehmen",), None).fitting
    assert chosen and chosen[0].id == "I"
    assert chosen[0].sub_goals[0] == "I.3"
