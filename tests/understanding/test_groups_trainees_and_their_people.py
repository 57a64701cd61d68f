"""Target groups, wave 8 of #12 (understand12i), second batch: a profession people are still
training for ("angehende Erzieherinnen") is no group of employees, organisations named with
their people ("kleine Betriebe und deren Beschäftigte") are a target group too, the sponsor's
own people stay whom the project is for when the verb of doing belongs to the sponsor ("Viele
unserer Lagerhelfer sprechen kaum Deutsch, wir wollen … anbieten"), and people in mini-jobs or
with Long Covid."""

from __future__ import annotations

import pytest

from tests.understanding.reading import Finders, read


def _groups(finders: Finders, text: str) -> set[str]:
    reading = read(finders, text)
    return set(reading.target_groups.value) if reading.target_groups else set()


def test_a_profession_still_trained_for_is_no_employees(finders: Finders) -> None:
    groups = _groups(
        finders,
        "Es geht um unsere PiA-Azubis, also angehende Erzieherinnen in der praxisintegrierten "
        "Ausbildung.",
    )
    assert "auszubildende" in groups
    assert "beschaeftigte" not in groups


@pytest.mark.parametrize(
    "text",
    [
        "Wir wollen kleine Betriebe und deren Beschäftigte beim Thema KI fit machen.",
        "We want to help SMEs and their staff with AI.",
    ],
)
def test_organisations_named_with_their_people_are_a_target_group(
    finders: Finders, text: str
) -> None:
    assert {"unternehmen", "beschaeftigte"} <= _groups(finders, text)


def test_organisations_with_their_things_stay_partners(finders: Finders) -> None:
    assert "unternehmen" not in _groups(
        finders, "Wir wollen Praktika in Betrieben und deren Werkstätten anbieten."
    )


def test_the_sponsors_verb_does_not_make_its_people_staff(finders: Finders) -> None:
    groups = _groups(
        finders,
        "Viele unserer Lagerhelfer sprechen kaum Deutsch, wir wollen Deutsch am Arbeitsplatz "
        "anbieten.",
    )
    assert {"beschaeftigte", "zugewanderte"} <= groups


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Viele Frauen hier arbeiten nur im Minijob.", "beschaeftigte"),
        (
            "Wir möchten Menschen mit Long Covid beim Wiedereinstieg begleiten.",
            "menschen-mit-beeintraechtigung",
        ),
    ],
)
def test_situations_people_are_in(finders: Finders, text: str, group: str) -> None:
    assert group in _groups(finders, text)
