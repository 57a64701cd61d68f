"""Replies, wave 7 of #12 (understand12g): at the place question a word of two or three
capitals is a licence plate's code, not the greeting it spells ("HI" is Hildesheim)."""

from __future__ import annotations

import pytest

from bot.understanding.replies import Kind, classify


@pytest.mark.parametrize("text", ["HI", "Kennzeichen HI", "HI."])
def test_a_plate_code_at_the_place_question_is_an_answer(text: str) -> None:
    assert classify(text, "place").kind is Kind.ANSWER


@pytest.mark.parametrize(("text", "step"), [("hi", "place"), ("Hi", "place"), ("HI", "idea")])
def test_a_greeting_stays_a_greeting(text: str, step: str) -> None:
    assert classify(text, step).kind is Kind.GREETING
