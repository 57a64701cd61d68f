"""`reading_once`: within one turn a reader (or a question's parser, per context object) computes
each call once; outside, as before."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from bot.core.answers import read_answers
from bot.core.state import Answer
from bot.understanding.dates import read_dates
from bot.understanding.money import amounts_in
from bot.understanding.numbers import find_quantities
from bot.understanding.once import once, once_per_context, once_per_object, reading_once
from bot.understanding.replies import classify

calls: list[tuple[object, ...]] = []


@once
def _counted(text: str, *, step: str | None = None) -> tuple[str, str | None]:
    calls.append((text, step))
    return (text.strip(), step)


@once
def _failing(text: str) -> str:
    calls.append((text,))
    raise ValueError(text)


@pytest.fixture(autouse=True)
def _no_calls() -> None:
    calls.clear()


def test_a_call_is_computed_once_within_a_turn_and_gives_the_same_result() -> None:
    with reading_once():
        first = _counted(" Hameln ", step="region")
        second = _counted(" Hameln ", step="region")
    assert first is second
    assert calls == [(" Hameln ", "region")]


def test_other_arguments_are_computed_again() -> None:
    with reading_once():
        _counted("Hameln", step="region")
        _counted("Hameln", step="idea")
        _counted("Hameln")
        _counted("Holzminden", step="region")
    assert len(calls) == 4


def test_outside_a_turn_every_call_is_computed() -> None:
    _counted("Hameln")
    _counted("Hameln")
    assert len(calls) == 2


def test_nothing_is_kept_from_one_turn_to_the_next() -> None:
    with reading_once():
        _counted("Hameln")
    with reading_once():
        _counted("Hameln")
    assert len(calls) == 2


def test_a_nested_turn_shares_the_outer_memo_and_leaves_it_open() -> None:
    with reading_once():
        _counted("Hameln")
        with reading_once():
            _counted("Hameln")
        _counted("Hameln")
    assert len(calls) == 1


def test_an_unhashable_argument_is_computed_not_remembered() -> None:
    @once
    def total(numbers: list[int]) -> int:
        calls.append((tuple(numbers),))
        return sum(numbers)

    with reading_once():
        assert total([1, 2]) == 3
        assert total([1, 2]) == 3
    assert len(calls) == 2


def test_an_exception_is_raised_every_time_and_not_remembered() -> None:
    with reading_once():
        for _ in range(2):
            with pytest.raises(ValueError):
                _failing("x")
    assert len(calls) == 2


def test_the_readers_give_what_they_give_outside() -> None:
    text = "Wir starten im Q1/2027 und laufen 2 Jahre, Kosten 1,2 Mio. €"
    today = date(2026, 12, 7)
    plain = (classify(text, "start"), read_dates(text, today))
    with reading_once():
        once_read = (classify(text, "start"), read_dates(text, today))
        again = (classify(text, "start"), read_dates(text, today))
    assert plain == once_read == again
    assert all(a is b for a, b in zip(once_read, again, strict=True))


@dataclass(frozen=True)
class _Context:
    answers: dict[str, str]


@once_per_context
def _parsed(text: str, context: _Context) -> tuple[str, int]:
    calls.append((text, id(context)))
    return (text, len(context.answers))


def test_a_parser_is_computed_once_per_text_and_context_object() -> None:
    context = _Context({"region": "Hameln"})
    with reading_once():
        first = _parsed("Hameln", context)
        again = _parsed("Hameln", context)
        _parsed("Holzminden", context)
        equal_but_other = _parsed("Hameln", _Context({"region": "Hameln"}))
    assert first is again
    assert equal_but_other == first
    assert len(calls) == 3


def test_a_parser_outside_a_turn_is_computed_every_time() -> None:
    context = _Context({})
    _parsed("Hameln", context)
    _parsed("Hameln", context)
    assert len(calls) == 2


def test_numbers_read_once_are_handed_out_as_fresh_lists() -> None:
    with reading_once():
        first = find_quantities("1,2 Mio. € und 300.000 €")
        first.clear()  # a caller changing its list changes nobody else's
        again = find_quantities("1,2 Mio. € und 300.000 €")
        amounts = amounts_in("1,2 Mio. € und 300.000 €")
        amounts.pop()
        amounts_again = amounts_in("1,2 Mio. € und 300.000 €")
    assert again == find_quantities("1,2 Mio. € und 300.000 €")
    assert len(again) == 2
    assert amounts_again == amounts_in("1,2 Mio. € und 300.000 €")
    assert len(amounts_again) == 2


@once_per_object
def _decoded(answers: dict[str, str]) -> tuple[str, ...]:
    calls.append((id(answers),))
    return tuple(sorted(answers.values()))


def test_a_decoding_is_computed_once_per_object_within_a_turn() -> None:
    answers = {"region": "Hameln"}
    with reading_once():
        first = _decoded(answers)
        again = _decoded(answers)
        equal_but_other = _decoded({"region": "Hameln"})
    _decoded(answers)  # outside a turn: computed
    assert first is again
    assert equal_but_other == first
    assert len(calls) == 3


def test_answers_read_once_in_a_turn_are_what_they_are_outside() -> None:
    answers = {
        "region": Answer(text="Hameln", value="Hameln"),
        "duration": Answer(text="2 Jahre", value=24),
    }
    with reading_once():
        inside = read_answers(answers)
        assert read_answers(answers) is inside
    assert read_answers(answers) == inside
