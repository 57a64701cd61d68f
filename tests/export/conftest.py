"""Drafts for the export tests: the real engine answers a complete dialog on a fixed day.

The complete draft is built once per session (the engine and the knowledge base are the real
ones), and so are its PDFs, since rendering a PDF costs about a tenth of a second.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from bot.advice.advise import Advice, Advisor
from bot.clock import FixedClock
from bot.core.answers import PLAN_ANSWERS, facts_from_answers
from bot.core.events import Command, Press, Text
from bot.core.state import Answer, DialogState
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG, SUMMARY
from bot.export.markdown import render_markdown
from bot.export.pdf import render_pdf
from bot.export.sketch import Sketch, Sponsor, build_sketch
from bot.texts.catalog import Language

TODAY = date(2026, 11, 25)

MAIN_ANSWERS = (
    "Hameln",
    "Bildungsträger",
    "Geflüchtete Frauen ohne Berufsabschluss",
    "Wir wollen geflüchteten Frauen in Pflegeheimen ein bezahltes Praktikum mit begleitendem "
    "Deutschkurs und Qualifizierungsmaßnahmen anbieten, zusammen mit dem Jobcenter.",
    "Pflege-Brücke Weserbergland",
    "1,2 Mio",
    "Ja",
    "Das Projekt läuft in allen vier Landkreisen des Weserberglands und braucht dafür vier "
    "Coaches.",
    "01/2027",
    "24 Monate",
    "Landkreis Hameln-Pyrmont übernimmt 30 %",
)
"""region, organisation, target group, idea, title, costs, whether the excess raises the grant,
justification, start, duration,
co-financing: what a sponsor types, in the order the dialog asks."""

EXTRA_ANSWERS = (
    "In Hameln-Pyrmont sind über 200 Stellen in der Altenpflege unbesetzt; viele geflüchtete "
    "Frauen haben Berufserfahrung, aber keinen anerkannten Abschluss.",
    "Zwei Drittel der Teilnehmerinnen beginnen eine Ausbildung zur Pflegefachassistenz.",
    "60",
    "Jobcenter Hameln-Pyrmont, AWO Pflegeheime, Berufsbildende Schulen Hameln",
    "Alle vier Landkreise des Weserberglands, Praktikumsplätze auch im ländlichen Raum.",
    "Die Pflegeheime übernehmen die Sprachbegleitung als Teil ihrer Ausbildungsplanung.",
    "Das Modell ist auf andere Pflegeregionen in Niedersachsen übertragbar.",
)
"""need, goals, participants, partners, spatial effect, continuation, transferability."""

SPONSOR = Sponsor(
    organisation="Bildungswerk Weserbergland e. V.",
    contact_name=None,
    contact="pflege@bildungswerk.example",
)


def run_dialog(
    engine: DialogEngine,
    main: Sequence[str] = MAIN_ANSWERS,
    extras: Sequence[str] = (),
    language: Language = "de",
) -> DialogState:
    """Answer the main questions by typing, then optionally complete the sketch questions."""
    state, _ = engine.start(language)
    for text in main:
        before = state.step
        state, _ = engine.handle(state, Text(text))
        assert state.step != before, (before, text)
    assert state.step == SUMMARY
    if extras:
        state, _ = engine.handle(state, Press(SUMMARY, "summary:complete"))
        for text in extras:
            before = state.step
            state, _ = engine.handle(state, Text(text))
            assert state.step != before, (before, text)
        while state.step in PLAN_ANSWERS:  # the guided plan questions, skipped here
            state, _ = engine.handle(state, Command("skip"))
        assert state.step == SUMMARY
    return state


def advice_for(advisor: Advisor, state: DialogState) -> Advice:
    return advisor.advise(facts_from_answers(state.answers), TODAY)


def sketch_of(
    advisor: Advisor,
    state: DialogState,
    language: Language = "de",
    sponsor: Sponsor | None = None,
) -> Sketch:
    advice = advice_for(advisor, state)
    return build_sketch(state, advice, advisor.kb, language, sponsor, created=TODAY)


def with_answers(state: DialogState, **texts: str) -> DialogState:
    """The state with free-text answers replaced (as the engine stores them: text = value)."""
    answers = dict(state.answers)
    for step, text in texts.items():
        answers[step] = Answer(text=text, value=text)
    return state.model_copy(update={"answers": answers})


def pdf_text(data: bytes) -> tuple[str, int]:
    """The text pypdf extracts from every page, and the number of pages."""
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


@pytest.fixture(scope="session")
def engine(advisor: Advisor) -> DialogEngine:
    return DialogEngine(SPONSOR_DIALOG, advisor, FixedClock(datetime(2026, 11, 25, 9, 0)))


@pytest.fixture(scope="session")
def complete_state(engine: DialogEngine) -> DialogState:
    return run_dialog(engine, extras=EXTRA_ANSWERS)


@pytest.fixture(scope="session")
def main_state(engine: DialogEngine) -> DialogState:
    """Only the main questions answered (the sketch questions skipped)."""
    return run_dialog(engine)


@pytest.fixture(scope="session")
def sketch_de(advisor: Advisor, complete_state: DialogState) -> Sketch:
    return sketch_of(advisor, complete_state, "de", SPONSOR)


@pytest.fixture(scope="session")
def sketch_en(advisor: Advisor, complete_state: DialogState) -> Sketch:
    return sketch_of(advisor, complete_state, "en", SPONSOR)


@pytest.fixture(scope="session")
def markdown_de(sketch_de: Sketch) -> str:
    return render_markdown(sketch_de)


@pytest.fixture(scope="session")
def pdf_de(sketch_de: Sketch) -> bytes:
    return render_pdf(sketch_de)


@pytest.fixture(scope="session")
def pdf_en(sketch_en: Sketch) -> bytes:
    return render_pdf(sketch_en)
