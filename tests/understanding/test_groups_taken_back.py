"""Target groups, wave 8 of #12 (understand12i): groups a sponsor takes back in the same
message ("Schüler. Ach nein, eher Azubis", "actually, I mean our apprentices", "oder besser
gesagt …")."""

from __future__ import annotations

import pytest

from tests.understanding.reading import Finders, read


def _groups(finders: Finders, text: str, *, answer: bool) -> set[str]:
    reading = read(finders, text, "target_groups" if answer else None)
    return set(reading.target_groups.value) if reading.target_groups else set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Schüler. Ach nein, eher Azubis, die Schüler haben wir schon über die Schulen.",
            {"auszubildende"},
        ),
        (
            "young staff - actually, I mean our apprentices, not all young employees",
            {"auszubildende"},
        ),
        ("Jugendliche, ich meine Schüler der 9. Klasse", {"schueler"}),
        ("Arbeitslose, oder besser gesagt Leute, die ihren Job verloren haben", {"arbeitslose"}),
    ],
)
def test_an_answer_that_corrects_itself_keeps_the_groups_after_the_correction(
    finders: Finders, text: str, expected: set[str]
) -> None:
    assert _groups(finders, text, answer=True) == expected


def test_a_message_that_corrects_itself_keeps_the_groups_after_the_correction(
    finders: Finders,
) -> None:
    text = "Wir wollen Schüler fördern, besser gesagt Azubis im ersten Lehrjahr."
    assert _groups(finders, text, answer=False) == {"auszubildende"}


@pytest.mark.parametrize(
    "text",
    [
        "refugees who actually want to work, and women",  # "actually" only stresses
        "Geflüchtete und Frauen. Eigentlich alle, die Arbeit suchen.",
    ],
)
def test_words_that_only_stress_take_nothing_back(finders: Finders, text: str) -> None:
    assert {"gefluechtete", "frauen"} <= _groups(finders, text, answer=True)


@pytest.mark.parametrize(
    "text", ["Azubis, actually also Schüler", "Azubis, besser gesagt auch Schüler"]
)
def test_words_that_add_take_nothing_back(finders: Finders, text: str) -> None:
    assert _groups(finders, text, answer=True) == {"auszubildende", "schueler"}
