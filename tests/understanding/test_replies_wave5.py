"""Questions back without a question mark, wave 5 of #12, in both languages: "ab wann …",
"wofür …", "do staff costs count", "Eigenanteil – was ist das"; answers stay answers."""

from __future__ import annotations

import pytest

from bot.understanding.replies import Kind, classify, language_of


@pytest.mark.parametrize(
    ("step", "text"),
    [
        ("start", "ab wann geht das frühestens"),
        ("target_group", "für wen gilt das"),
        ("cofinancing", "wofür ist der eigenanteil"),
        ("cofinancing", "Eigenanteil – was ist das"),
        ("costs", "do staff costs count"),
        ("cofinancing", "what does that mean"),
    ],
)
def test_a_question_without_a_question_mark(step: str, text: str) -> None:
    assert classify(text, step).kind is Kind.QUESTION


@pytest.mark.parametrize(
    ("step", "text"),
    [
        ("cofinancing", "mit Eigenmitteln"),
        ("target_group", "mit Behinderung"),
        ("start", "ab März"),
        ("target_group", "für Azubis"),
        ("costs", "bis 200.000"),
        ("start", "von April 2027 an"),
        ("idea", "Was wir wollen: Azubis begleiten"),
    ],
)
def test_answers_stay_answers(step: str, text: str) -> None:
    assert classify(text, step).kind is Kind.ANSWER


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("trainee nurses in their first year", "en"),
        ("Mentoring so fewer trainee nurses drop out", "en"),
        ("Azubis in der Pflege", "de"),
        ("Workshops in Betrieben für Jugendliche", "de"),
        ("Job Coaching für Young Professionals", None),
    ],
)
def test_short_answers_tell_their_language(text: str, language: str | None) -> None:
    assert language_of(text) == language
