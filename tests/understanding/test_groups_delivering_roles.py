"""Target groups, wave 8 of #12 (understand12i): people named in a role of doing the project's
work ("als Lernbegleiter", "als Tutoren", "as mentors") beside the group it is for are its
staff, not its target group."""

from __future__ import annotations

import pytest

from tests.understanding.reading import Finders, read


def _groups(finders: Finders, text: str) -> set[str]:
    reading = read(finders, text)
    return set(reading.target_groups.value) if reading.target_groups else set()


@pytest.mark.parametrize(
    ("text", "expected", "staff"),
    [
        (
            "Unsere beiden Ausbilder sollen als Lernbegleiter für Jugendliche mit "
            "Hauptschulabschluss eingesetzt werden.",
            "schueler",
            "beschaeftigte",
        ),
        (
            "Wir sind ein Pflegedienst. Unsere Mitarbeiterinnen über 55 sollen digital fit "
            "werden. Die Azubis helfen dabei als Tutoren.",
            "aeltere",
            "auszubildende",
        ),
        (
            "Unsere Azubis gehen als Ausbildungsbotschafter in die Oberschulen und erzählen den "
            "Jugendlichen aus der Praxis.",
            "schueler",
            "auszubildende",
        ),
        (
            "Studierende sollen als Tutoren Nachhilfe in Mathe für Hauptschüler geben.",
            "schueler",
            "studierende",
        ),
        (
            "Our apprentices would act as buddies for refugees starting a job with us.",
            "gefluechtete",
            "auszubildende",
        ),
    ],
)
def test_people_in_a_role_of_doing_the_work_are_no_target_group(
    finders: Finders, text: str, expected: str, staff: str
) -> None:
    groups = _groups(finders, text)
    assert expected in groups
    assert staff not in groups


def test_the_group_a_role_is_given_to_stays_whom_it_is_for(finders: Finders) -> None:
    # "als Paten" names the seniors' role; the apprentices after it are whom it is for
    groups = _groups(
        finders,
        "Ehrenamtliche Senioren sollen als Paten Azubis mit Migrationshintergrund durch die "
        "Ausbildung begleiten.",
    )
    assert {"auszubildende", "zugewanderte"} <= groups
    assert "aeltere" not in groups


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the only group named: the project trains them for the role
        ("Wir bilden Studierende als Tutoren aus.", "studierende"),
        # introduced as whom it is for
        ("Ein Kurs für Azubis, die als Ausbildungsbotschafter in Schulen gehen.", "auszubildende"),
        # people who are to become something are no role of doing the work
        (
            "Langzeitarbeitslose sollen als Erzieher arbeiten, Schüler schnuppern mit.",
            "arbeitslose",
        ),
    ],
)
def test_people_in_a_role_stay_where_they_are_whom_it_is_for(
    finders: Finders, text: str, expected: str
) -> None:
    assert expected in _groups(finders, text)


@pytest.mark.parametrize(
    ("text", "expected", "staff"),
    [
        (
            "Die Oberschule möchte Praxistage für die Klassen 9 und 10 einführen. "
            "Ansprechpartner im Betrieb wären jeweils die Ausbilder.",
            "schueler",
            "beschaeftigte",
        ),
        (
            "Wir wollen Geflüchtete in Ausbildung bringen. Mentoren sind Studierende der HAWK.",
            "gefluechtete",
            "studierende",
        ),
        (
            "Wir wollen Geflüchtete in Ausbildung bringen. Die Studierenden sind Mentoren.",
            "gefluechtete",
            "studierende",
        ),
    ],
)
def test_a_role_of_doing_the_work_said_of_people_makes_them_staff(
    finders: Finders, text: str, expected: str, staff: str
) -> None:
    groups = _groups(finders, text)
    assert expected in groups
    assert staff not in groups


@pytest.mark.parametrize(
    ("text", "expected", "staff"),
    [
        (
            "From April 2027, for 18 months, our nurses would train unemployed locals as care "
            "assistants.",
            "arbeitslose",
            "beschaeftigte",
        ),
        (
            "Wir möchten ein Repair-Café aufziehen, in dem Rentnerinnen und Rentner aus dem "
            "Handwerk Jugendlichen das Reparieren beibringen.",
            "schueler",
            "aeltere",
        ),
        (
            "Unsere Lehrkräfte würden gern Abendkurse für Beschäftigte aus der Gastronomie "
            "anbieten.",
            "beschaeftigte",
            "lehrkraefte",
        ),
    ],
)
def test_people_doing_the_work_may_open_a_clause_and_offer_it(
    finders: Finders, text: str, expected: str, staff: str
) -> None:
    groups = _groups(finders, text)
    assert expected in groups
    assert staff not in groups


def test_a_clause_opened_by_time_words_keeps_whom_it_is_for(finders: Finders) -> None:
    text = "Ab Herbst 2027 und für zwei Jahre wollen wir ältere Arbeitslose und Frauen begleiten."
    assert {"aeltere", "arbeitslose", "frauen"} <= _groups(finders, text)


@pytest.mark.parametrize(
    "text",
    [
        "Wir wollen Lehrkräfte als Multiplikatoren für die Berufsorientierung ihrer Schüler "
        "schulen.",
        "Wir wollen Studierende als Tutoren für Schüler ausbilden.",
    ],
)
def test_people_trained_for_a_role_are_whom_the_project_is_for(finders: Finders, text: str) -> None:
    groups = _groups(finders, text)
    assert groups & {"lehrkraefte", "studierende"}
