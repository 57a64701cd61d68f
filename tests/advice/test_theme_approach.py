"""Issue #14, wave 11b: a project's theme says what it does for whom; a theme of one word beside
the people ("Lotsen für Jugendliche", "Berufswahl von Jugendlichen", "Aufgaben von Unternehmen
für Schülergruppen") was met by any plan for those people that uses the word, and showed a
project that does something else (a campaign for school leavers without a certificate, a
parents' evening, a craft taster day). Those themes are gone from knowledge/projects.yaml; the
projects stay findable on the themes that name their approach."""

from __future__ import annotations

import pytest

from bot.advice.advise import Advisor


def shown(advisor: Advisor, idea: str, group: str) -> list[str]:
    return [p.id for p in advisor.matcher.match(idea, group).projects]


@pytest.mark.parametrize(
    ("idea", "group", "not_alike"),
    [
        (
            "Wir wollen Jugendlichen ohne Schulabschluss einen Lotsen an die Seite stellen, "
            "der sie in Arbeit begleitet.",
            "Jugendliche",
            "schulberufslotsen",
        ),
        (
            "Ein Abend für Eltern über die Berufswahl von Jugendlichen in der Region.",
            "Eltern",
            "schulberufslotsen",
        ),
        (
            "Im Handwerksbetrieb bekommen Schülergruppen eine kleine Aufgabe.",
            "Schüler",
            "digitale-lernallianzen",
        ),
    ],
)
def test_one_word_beside_the_people_makes_no_look_alike(
    advisor: Advisor, idea: str, group: str, not_alike: str
) -> None:
    assert not_alike not in shown(advisor, idea, group)


@pytest.mark.parametrize(
    ("idea", "group", "alike"),
    [
        ("Schulberufslotsen begleiten Schüler bei der Berufswahl.", "Schüler", "schulberufslotsen"),
        ("Schüler lösen eine Aufgabe aus einem Betrieb.", "Schüler", "digitale-lernallianzen"),
    ],
)
def test_the_projects_stay_found_on_their_approach(
    advisor: Advisor, idea: str, group: str, alike: str
) -> None:
    assert alike in shown(advisor, idea, group)


def test_a_word_of_a_phrase_found_is_no_second_word_shared(advisor: Advisor) -> None:
    """Where no theme is met, a project's text is shown on two telling words beside a sub-goal;
    "Intelligenz" beside "künstliche Intelligenz" is one of them, not two (wave 11b: an AI
    course for staff showed the robotics project for pupils)."""
    staff = "Wir bieten KMU Kurse zur künstlichen Intelligenz für ihre Mitarbeitenden an."
    assert "robonatives" not in shown(advisor, staff, "Beschäftigte")
    pupils = "Kurse zu künstlicher Intelligenz und Robotik für Schüler."
    assert "robonatives" in shown(advisor, pupils, "Schüler")
