"""Target groups, wave 8 of #12 (understand12i): origins named as a world region ("aus
Osteuropa", "from the Balkans"), people after prison, people who leave to study, "dropped out
of everything" (no university dropouts), and a group the sponsor already serves beside the one
the project is for ("Geflüchtete haben wir schon ein Projekt – diesmal …")."""

from __future__ import annotations

import pytest

from tests.understanding.reading import Finders, read


def _groups(finders: Finders, text: str) -> set[str]:
    reading = read(finders, text)
    return set(reading.target_groups.value) if reading.target_groups else set()


@pytest.mark.parametrize(
    ("text", "group"),
    [
        (
            "Wir möchten Saisonkräften aus Osteuropa eine dauerhafte Perspektive geben.",
            "zugewanderte",
        ),
        ("We want to train drivers from the Balkans for local haulage firms.", "zugewanderte"),
        ("Wir wollen Haftentlassenen den Weg in Arbeit ebnen.", "arbeitslose"),
        ("The people we want to help are ex-offenders looking for a first job.", "arbeitslose"),
        ("Wir verlieren die, die zum Studium weggehen und nicht wiederkommen.", "studierende"),
        ("We want to stay in touch with young people who moved away to study.", "studierende"),
    ],
)
def test_groups_said_as_people_say_them(finders: Finders, text: str, group: str) -> None:
    assert group in _groups(finders, text)


def test_dropping_out_of_everything_is_no_university_dropout(finders: Finders) -> None:
    text = "The job centre refers young people who've dropped out of everything: school, work."
    assert "studienabbrecher" not in _groups(finders, text)


@pytest.mark.parametrize(
    ("text", "served", "meant"),
    [
        (
            "Geflüchtete haben wir schon ein Projekt – diesmal geht es um einheimische Azubis.",
            "gefluechtete",
            "auszubildende",
        ),
        (
            "Wir wollen Azubis halten. Die Schüler erreichen wir bereits über die Schulen.",
            "schueler",
            "auszubildende",
        ),
    ],
)
def test_a_group_already_served_beside_another_is_not_whom_it_is_for(
    finders: Finders, text: str, served: str, meant: str
) -> None:
    groups = _groups(finders, text)
    assert meant in groups
    assert served not in groups


def test_the_only_group_named_stays(finders: Finders) -> None:
    assert "gefluechtete" in _groups(finders, "Geflüchtete haben wir schon lange im Blick.")


def test_what_people_learn_for_is_no_target_group(finders: Finders) -> None:
    groups = _groups(
        finders,
        "Wir wollen unseren Azubis aus Afghanistan beim Lernen für die Berufsschule helfen.",
    )
    assert "bildungstraeger" not in groups
    assert "auszubildende" in groups


def test_organisations_a_project_is_for_stay(finders: Finders) -> None:
    assert "bildungstraeger" in _groups(finders, "Wir wollen Workshops für Berufsschulen anbieten.")
