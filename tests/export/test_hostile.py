"""Whatever a sponsor typed, both formats render, and the Markdown keeps its structure."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from bot.advice.advise import Advisor
from bot.core.state import Answer, DialogState
from bot.export.markdown import render_markdown
from bot.export.pdf import render_pdf
from bot.export.sketch import Sketch, Sponsor
from bot.texts.catalog import LANGUAGES
from tests.export.conftest import sketch_of, with_answers

FREE_TEXT = (
    "title",
    "idea",
    "justification",
    "cofinancing",
    "need",
    "goals",
    "partners",
    "spatial_effect",
    "continuation",
    "transferability",
)
NASTY = (
    "<b>fett</b> **fett** __kursiv__ # Überschrift\n- Punkt\n1. Schritt\n> Zitat\n---\n"
    "```code``` [Link](javascript:alert(1)) |a|b| ~~x~~ &amp; {nb} {page} "
    "\x00\x07\x1b[31m\x7f\u202e\u2028 🎉👨‍👩‍👧 你好 Привет مرحبا \ud800 "
)


def markdown_headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def check_both_formats(sketch: Sketch) -> None:
    markdown = render_markdown(sketch)
    markdown.encode("utf-8")  # no lone surrogates: the file can be written and sent
    headings = markdown_headings(markdown)
    assert headings[1:] == [f"## {section.heading}" for section in sketch.sections]
    assert len(headings) == 1 + len(sketch.sections)
    data = render_pdf(sketch)
    assert data.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(data)).pages) >= 1


def hostile_state(state: DialogState, text: str) -> DialogState:
    hostile = with_answers(state, **dict.fromkeys(FREE_TEXT, text))
    answers = {
        **hostile.answers,
        "organisation": Answer(text=text, value="other"),
        "target_group": Answer(text=text, value={"ids": ["frauen", "unknown-id"], "text": text}),
        "region": Answer(text=text, value=hostile.answers["region"].value),
    }
    return hostile.model_copy(update={"answers": answers})


def test_ten_thousand_characters_everywhere(advisor: Advisor, complete_state: DialogState) -> None:
    text = (NASTY * 100)[:10_000]
    state = hostile_state(complete_state, text)
    sponsor = Sponsor(organisation=text, contact_name=text, contact=text)
    sketch = sketch_of(advisor, state, "de", sponsor)  # English: the property test below
    check_both_formats(sketch)
    assert render_markdown(sketch).count(text.split("\n")[0]) == 0  # every line escaped


def test_one_word_of_ten_thousand_characters(advisor: Advisor, main_state: DialogState) -> None:
    state = with_answers(main_state, idea="ä" * 10_000, title="ß" * 10_000)
    sketch = sketch_of(advisor, state)
    assert len(sketch.slug) <= 40 and sketch.slug.startswith("ss")
    check_both_formats(sketch)


def test_state_with_odd_values(advisor: Advisor, main_state: DialogState) -> None:
    """Values of unexpected types (an old or hand-edited draft) are shown as open, not fatal."""
    answers = {
        **main_state.answers,
        "costs": Answer(text="viel", value="viel"),
        "duration": Answer(text="ja", value=True),
        "participants": Answer(text="", value=None),
        "target_group": Answer(text="", value=["kein", "dict"]),
        "organisation": Answer(text="", value=None),
    }
    sketch = sketch_of(advisor, main_state.model_copy(update={"answers": answers}))
    check_both_formats(sketch)
    markdown = render_markdown(sketch)
    assert "**Gesamtkosten:** *— offen: bitte ergänzen —*" in markdown
    assert "**Laufzeit:** *— offen: bitte ergänzen —*" in markdown


@settings(max_examples=20)
@given(
    text=st.text(min_size=0, max_size=400),
    title=st.text(max_size=80),
    language=st.sampled_from(LANGUAGES),
)
def test_any_answer_text_renders(
    advisor: Advisor, complete_state: DialogState, text: str, title: str, language: str
) -> None:
    state = with_answers(hostile_state(complete_state, text), title=title)
    assert language in LANGUAGES
    check_both_formats(sketch_of(advisor, state, "de" if language == "de" else "en"))
