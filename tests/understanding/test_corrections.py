"""Corrections said in odd places, wave 7 of #12 (understand12g): the answer corrected named
first, a mistake owned anywhere in the reply, an afterthought with "doch"."""

from __future__ import annotations

import pytest

from bot.understanding.titles import corrects


@pytest.mark.parametrize(
    "text",
    [
        "Moment, zur Zielgruppe: eigentlich Studienabbrecher, nicht Azubis.",
        "sorry, bei der Zielgruppe hab ich mich vertan: es sind Alleinerziehende.",
        "Eigenmittel. Korrektur: Start erst 2028.",
        "Eigenmittel. Ach ja: der Start ist doch erst Januar 2028, nicht Oktober.",
        "Own funds. My mistake earlier, it starts in January 2028.",
        "wait, about the target group: actually career changers",
    ],
)
def test_a_correction_anywhere_is_one(text: str) -> None:
    assert corrects(text)


@pytest.mark.parametrize(
    "text",
    [
        "Zukunft Handwerk",
        "Wir wollen Azubis begleiten. Nicht nur Azubis, auch Schüler.",
        "Zum Beispiel: Praktika in Betrieben",
        "Eigenmittel und Spenden",
    ],
)
def test_an_answer_is_no_correction(text: str) -> None:
    assert not corrects(text)
