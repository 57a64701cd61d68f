"""A sponsor's answers are decoded once (`read_answers`): values as understood, texts as given;
the advice, the summary's facts, the Projektskizze and the drafts menu read this view."""

from __future__ import annotations

from bot.base.yearmonth import YearMonth
from bot.core.answers import read_answers
from bot.core.state import Answer
from bot.understanding.places import InRegion
from tests.dialogs.conftest import DialogDriver, complete


def test_a_complete_draft_reads_as_typed_values(driver: DialogDriver) -> None:
    complete(driver)
    answers = read_answers(driver.state.answers)
    assert isinstance(answers.place, InRegion) and answers.place.name == "Garbsen"
    assert answers.organisation == "education"
    assert answers.target_groups != () and answers.target_group_text == "Langzeitarbeitslose"
    assert answers.costs_eur == 1_200_000
    assert answers.start == YearMonth(2027, 1) and answers.duration_months == 18
    assert answers.text("costs") == "1,2 Mio" and answers.title == "Pflegebrücke"
    assert answers.participants is None
    facts = answers.facts
    assert (facts.costs_eur, facts.start, facts.title) == (
        1_200_000,
        YearMonth(2027, 1),
        "Pflegebrücke",
    )


def test_values_of_the_wrong_shape_read_as_missing() -> None:
    """A stored answer of another shape (a knowledge or parser change since) is not a value."""
    answers = read_answers(
        {
            "costs": Answer(text="viel", value="viel"),
            "duration": Answer(text="ja", value=True),
            "target_group": Answer(text="Frauen", value="Frauen"),
        }
    )
    assert answers.costs_eur is None and answers.duration_months is None
    assert answers.target_groups == () and answers.target_groups_as_given == "Frauen"
