"""read_message, wave 7 of #12 (understand12f): the target groups of a message in several
sentences — an answer to the target-group question is its first group sentence, and a
sentence of a first message about the sponsor's own people beside one naming the group."""

from __future__ import annotations

import pytest

from bot.understanding.message import Reading
from tests.understanding.reading import Finders, read


def groups_of(reading: Reading) -> set[str]:
    found = reading.target_groups
    return set(found.value) if found is not None else set()


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        (
            "school leavers who haven't found an apprenticeship. Our funders are a bank"
            " foundation and the district; our staff are two social workers.",
            {"schueler"},
        ),
        (
            "foreign truck drivers. Our teachers are native speakers.",
            {"zugewanderte", "beschaeftigte"},
        ),
        (
            "Frauen, die nach der Elternzeit wieder als Friseurin arbeiten wollen. Unsere"
            " Kundinnen sind übrigens auch meist ältere Damen.",
            {"frauen", "berufsrueckkehrende"},
        ),
    ],
)
def test_an_answer_at_the_group_question_is_its_first_group_sentence(
    finders: Finders, text: str, groups: set[str]
) -> None:
    assert groups_of(read(finders, text, "target_groups")) == groups


def test_a_first_message_sentence_about_the_sponsors_people_names_no_group(
    finders: Finders,
) -> None:
    text = (
        "Moin! Die Freiwillige Feuerwehr Samtgemeinde Nenndorf sucht Nachwuchs. Wir wollen"
        " Jugendliche über die Jugendfeuerwehr mit Ausbildungsbetrieben zusammenbringen. Unsere"
        " Kameraden sind fast alle über 50, das ist unser Problem."
    )
    assert groups_of(read(finders, text)) == {"schueler"}


def test_a_first_message_about_the_sponsors_people_alone_keeps_them(
    finders: Finders,
) -> None:
    text = "Wir sind ein Verein in Hameln. Unsere Mitglieder sind Frauen über 50."
    assert {"frauen", "aeltere"} <= groups_of(read(finders, text))


def test_a_municipality_that_plant_something_says_its_idea(
    finders: Finders,
) -> None:
    text = (
        "Sehr geehrte Damen und Herren, die Gemeinde Wedemark plant in Zusammenarbeit mit dem"
        " örtlichen Gewerbeverein eine Initiative, um Fachkräfte, die weggezogen sind, zur"
        " Rückkehr zu bewegen."
    )
    assert read(finders, text).idea is not None


def test_an_english_plant_is_no_plan(finders: Finders) -> None:
    assert read(finders, "We are a packaging plant in Nienburg with 300 staff.").idea is None
