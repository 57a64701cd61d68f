"""The PDF sketch: a real PDF whose extracted text carries the answers, umlauts and euro signs."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import font_source_sans_pro
from pypdf import PdfReader

from bot.advice.advise import Advisor
from bot.core.state import DialogState
from bot.export.pdf import PAGES_ALIAS, PLACEHOLDER, font_path, printable, render_pdf
from bot.export.sketch import Bullet, Bullets, Item, Paragraph, Section, Sketch
from tests.export.conftest import (
    EXTRA_ANSWERS,
    MAIN_ANSWERS,
    pdf_text,
    sketch_of,
    with_answers,
)


def flat(text: str) -> str:
    """Extracted text with line breaks undone (a long answer wraps over many lines)."""
    return re.sub(r"\s+", " ", text)


def tiny_sketch(*blocks: Item | Paragraph | Bullets, title: str = "Titel") -> Sketch:
    return Sketch(
        language="de",
        created=date(2026, 11, 25),
        title=title,
        title_given=True,
        kicker="Projektskizze",
        meta=(),
        notes=(),
        sections=(Section("idea", "1. Projektidee", blocks),),
        open_marker="— offen: bitte ergänzen —",
        author="Förderlotse Leine-Weser",
        subject="Projektskizze",
        page_header=f"Projektskizze · {title}",
        page_footer="Förderlotse Leine-Weser",
        page_number="Seite {page} von {pages}",
        slug="titel",
    )


def test_a_pdf_with_the_sponsors_answers(pdf_de: bytes) -> None:
    assert pdf_de.startswith(b"%PDF-")
    assert pdf_de.rstrip().endswith(b"%%EOF")
    text, pages = pdf_text(pdf_de)
    for expected in (
        "Pflege-Brücke Weserbergland",
        "Gesamtkosten: 1.200.000 €",
        "Qualifizierungsmaßnahmen",
        "Übertragbarkeit und Modellcharakter",
        "Ähnliche Projekte aus der Strategie",
        "Spätestes Projektende: 31.12.2028",
        "Begründung für Gesamtkosten über 500.000 €",
        "Ansprechperson: — offen: bitte ergänzen —",
        "Arbeitsschritte und Meilensteine: — offen: bitte ergänzen —",
        "„— offen: bitte ergänzen —“",
        "Bildungswerk Weserbergland e. V.",
        "pflege@bildungswerk.example",
        "Landkreis Hameln-Pyrmont übernimmt 30 %",
        "ESF+ 2021–2027",
    ):
        assert expected in text, expected
    for answer in (MAIN_ANSWERS[3], MAIN_ANSWERS[7], *EXTRA_ANSWERS[:2], *EXTRA_ANSWERS[3:]):
        assert answer in flat(text), answer
    assert pages >= 2
    for page in range(1, pages + 1):
        assert f"Seite {page} von {pages}" in text


def test_sections_appear_in_order(pdf_de: bytes, sketch_de: Sketch) -> None:
    text, _ = pdf_text(pdf_de)
    positions = [text.index(f"{section.heading}\n") for section in sketch_de.sections]
    assert positions == sorted(positions)


def test_metadata_and_fonts_from_the_package(pdf_de: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf_de))
    assert reader.metadata is not None
    assert reader.metadata.title == "Pflege-Brücke Weserbergland"
    assert reader.metadata.subject == (
        "Projektskizze für das Fachkräftebündnis Leine-Weser (Entwurf vom 25.11.2026)"
    )
    assert reader.metadata.author == "Förderlotse Leine-Weser"
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()  # type: ignore[index]
    }
    assert any("SourceSansPro" in name for name in fonts), fonts
    package = Path(font_source_sans_pro.__file__).parent
    for style in ("", "B", "I"):
        assert font_path(style).parent == package / "files"


def test_english_pdf(pdf_en: bytes) -> None:
    text, pages = pdf_text(pdf_en)
    for expected in (
        "Pflege-Brücke Weserbergland",
        "Total costs: EUR 1,200,000",
        "Contact person: — open: please complete —",
        "Transferability and model character",
        "Qualifizierungsmaßnahmen",
        f"Page 1 of {pages}",
    ):
        assert expected in text, expected


def test_skipped_questions_are_open(advisor: Advisor, main_state: DialogState) -> None:
    text, _ = pdf_text(render_pdf(sketch_of(advisor, main_state)))
    assert "4. Bedarf und Ausgangslage\n— offen: bitte ergänzen —" in text
    assert "Geplante Teilnehmende: — offen: bitte ergänzen —" in text


def test_a_long_word_wraps_and_breaks_pages() -> None:
    word = "Fachkräftesicherungsmaßnahme" * 150  # 4,200 characters without a space
    text, pages = pdf_text(render_pdf(tiny_sketch(Paragraph(word), Item("Idee", word))))
    assert pages >= 2
    body = [line for line in text.splitlines() if "Titel" not in line and "Seite" not in line]
    assert "".join(body).count(word) == 2


def test_missing_glyphs_become_a_visible_placeholder() -> None:
    assert printable("Straße „Ö“ – 1.200 € ✓") == "Straße „Ö“ – 1.200 € ✓"
    assert printable("Daumen 👍🏽 hoch") == f"Daumen {PLACEHOLDER} hoch"
    assert printable("👨‍👩‍👧 Familie") == f"{PLACEHOLDER} Familie"
    assert printable("你好 世界") == f"{PLACEHOLDER} {PLACEHOLDER}"
    assert printable("Zeile 1\nZeile 2") == "Zeile 1\nZeile 2"
    assert PAGES_ALIAS not in printable(f"x {PAGES_ALIAS} y")

    sketch = tiny_sketch(
        Paragraph("Wir 🚀 starten: Привет, 你好, مرحبا"),
        Bullets((Bullet("Punkt 🙂", ("Detail 🌍",)),), "Liste"),
        title="Titel 🎉",
    )
    text, _ = pdf_text(render_pdf(sketch))
    assert "Titel ☐" in text
    assert "Wir ☐ starten:" in text
    assert "🚀" not in text and "你" not in text


def test_page_count_placeholder_in_sponsor_text_stays_text() -> None:
    text, pages = pdf_text(render_pdf(tiny_sketch(Paragraph("{nb} {pages} {page}"))))
    assert "{nb} {pages} {page}" in text
    assert f"Seite 1 von {pages}" in text


def test_hostile_answers_render(advisor: Advisor, complete_state: DialogState) -> None:
    state = with_answers(
        complete_state,
        title="<b>Titel</b> **fett** # 🎉",
        need="A\x00B\x1b[31mC\x7f\u202eD\r\nE\tF",
    )
    text, _ = pdf_text(render_pdf(sketch_of(advisor, state)))
    assert "<b>Titel</b> **fett** # ☐" in text
    assert "AB[31mCD\nE F" in text
