"""Target groups, wave 8 of #12 (understand12i): the signature of an e-mail-like message (after
"Mit freundlichen Grüßen", "Viele Grüße aus …", "Kind regards") names the sender's position
and address, no target group."""

from __future__ import annotations

import pytest

from bot.understanding.groups.signatures import signature_start
from tests.understanding.reading import Finders, read


def _groups(finders: Finders, text: str, asked: str | None = None) -> set[str]:
    reading = read(finders, text, asked)  # type: ignore[arg-type]
    return set(reading.target_groups.value) if reading.target_groups else set()


@pytest.mark.parametrize(
    ("text", "expected", "signed"),
    [
        (
            "Sehr geehrtes Team, die Oberschule möchte Praxistage für die Klassen 9 und 10 "
            "einführen. Mit freundlichen Grüßen, Thomas Becker, Schulleiter, Oberschule Bad "
            "Münder, Am Schulzentrum 3, 31848 Bad Münder",
            {"schueler"},
            "lehrkraefte",
        ),
        (
            "Hallo, wir planen ein Matching-Programm für Studienabbrecher, die in eine duale "
            "Ausbildung wechseln wollen. Viele Grüße aus Hannover, Dr. Jana Hoffmann, "
            "Referentin Berufsbildung, IHK Hannover",
            {"studienabbrecher"},
            "beschaeftigte",
        ),
        (
            "We want to bring refugees into care jobs.\nKind regards,\nAnna Schmidt\nTeacher "
            "and project lead",
            {"gefluechtete"},
            "lehrkraefte",
        ),
    ],
)
def test_a_signature_names_no_target_group(
    finders: Finders, text: str, expected: set[str], signed: str
) -> None:
    groups = _groups(finders, text)
    assert expected <= groups
    assert signed not in groups


@pytest.mark.parametrize(
    "text",
    [
        "Liebe Grüße! Wir wollen Schüler fördern.",  # a greeting opening the message
        "Wir wollen Schüler fördern und Lehrkräfte fortbilden.",
    ],
)
def test_without_a_closing_after_the_first_sentence_nothing_is_a_signature(text: str) -> None:
    assert signature_start(text) is None


def test_at_the_target_group_question_the_whole_answer_counts(finders: Finders) -> None:
    assert "lehrkraefte" in _groups(finders, "Lehrkräfte. Viele Grüße", "target_groups")
