"""The Projektskizze and the alliance's notification name the place, not the message it was
read from (review11: "Projektort: Hi, we're a small IT company in Hildesheim and want to train
older workers in digital skills (Landkreis Hildesheim)"); a place typed as such stays as typed."""

from __future__ import annotations

from bot.advice.advise import Advisor
from bot.core.answers import read_answers
from bot.core.state import Answer, DialogState
from bot.export.markdown import render_markdown
from tests.export.conftest import sketch_of

OPENING = (
    "Hi, we're a small IT company in Hildesheim and want to train older workers in digital skills"
)
REGION = {
    "kind": "in_region",
    "subregion": "hildesheim",
    "district": "hildesheim",
    "name": "Hildesheim",
}


def test_a_place_read_from_a_message_is_given_by_its_name() -> None:
    answers = {"region": Answer(text=OPENING, value=REGION)}
    assert read_answers(answers).place_as_given == "Hildesheim"
    several = {
        **REGION,
        "also": [{"subregion": "hannover", "district": "hannover", "name": "Garbsen"}],
    }
    answers = {
        "region": Answer(
            text=f"Wir sind ein Träger aus Hildesheim und Garbsen, {OPENING}", value=several
        )
    }
    assert read_answers(answers).place_as_given == "Hildesheim, Garbsen"


def test_a_place_typed_as_such_stays_as_typed() -> None:
    for typed in ("Steinhude", "LK Hildesheim", "Samtgemeinde Nienstädt, Landkreis Schaumburg"):
        answers = {"region": Answer(text=typed, value=REGION)}
        assert read_answers(answers).place_as_given == typed


def test_the_sketch_names_the_place_read_from_a_message(
    advisor: Advisor, main_state: DialogState
) -> None:
    region = main_state.answers["region"]
    said = "Wir sind ein Bildungsträger aus Hameln und wollen geflüchteten Frauen helfen"
    answers = {**main_state.answers, "region": Answer(text=said, value=region.value)}
    state = main_state.model_copy(update={"answers": answers})
    for language, label in (("de", "Projektort"), ("en", "Project location")):
        markdown = render_markdown(sketch_of(advisor, state, language))
        (line,) = [line for line in markdown.splitlines() if line.startswith(f"**{label}:**")]
        assert line == f"**{label}:** Hameln", line
