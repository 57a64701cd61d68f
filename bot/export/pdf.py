"""The Projektskizze as PDF: A4, Source Sans Pro from the installed font package, fpdf2.

Umlauts, ß, „“, – and € are in the font and stay text (they survive copying and extraction).
Characters the font lacks (emoji, most other scripts) would print as empty boxes or fail, so each
run of them is replaced by a visible placeholder. Long words without spaces are broken by fpdf2;
pages break automatically, with a header and a footer carrying "Seite n von m".
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from bot.export.sketch import Block, Bullets, Item, Paragraph, Sketch

FAMILY = "SourceSansPro"
FONT_FILES = {
    "": "SourceSansPro-Regular.ttf",
    "B": "SourceSansPro-Bold.ttf",
    "I": "SourceSansPro-It.ttf",
}
PLACEHOLDER = "☐"
"""Printed for each run of characters the font cannot show (in all three styles)."""
FALLBACK_PLACEHOLDER = "?"
PAGES_ALIAS = "{\ue000pages\ue000}"
"""fpdf2 replaces this in all page text by the page count. It holds a private-use character the
font lacks, so no text passed through `printable` can contain it."""

Style = Literal["", "B", "I"]
STYLES: tuple[Style, ...] = ("", "B", "I")

MARGIN = 20.0
BULLET_INDENT = 5.0
BODY = 10.5
SMALL = 9.0
LINE = 5.2
SMALL_LINE = 4.4
BLACK = (0, 0, 0)
GREY = (90, 90, 90)
LIGHT = (170, 170, 170)
OPEN = (166, 62, 0)
"""Open fields stand out in a dark orange, besides the marker's wording."""
ACCENT = (0, 84, 130)


def font_path(style: Style) -> Path:
    """A TTF of the `font-source-sans-pro` package (installed with the project)."""
    path = Path(str(files("font_source_sans_pro").joinpath("files", FONT_FILES[style])))
    if not path.is_file():
        raise FileNotFoundError(f"font file missing from font-source-sans-pro: {path}")
    return path


@cache
def _glyphs(style: Style) -> frozenset[int]:
    """The code points a style can show (read once from the font as fpdf2 parses it)."""
    probe = FPDF()
    probe.add_font(FAMILY, style, font_path(style))
    font = probe.fonts[f"{FAMILY.lower()}{style}"]
    assert isinstance(font, TTFFont)
    font.close()
    return frozenset(font.cmap)


def printable(text: str, style: Style = "") -> str:
    """`text` with every run of characters missing from the font replaced by a placeholder."""
    glyphs = _glyphs(style)
    placeholder = PLACEHOLDER if ord(PLACEHOLDER) in glyphs else FALLBACK_PLACEHOLDER
    out: list[str] = []
    missing = False
    for char in text:
        if char == "\n" or ord(char) in glyphs:
            out.append(char)
            missing = False
        elif not missing:
            out.append(placeholder)
            missing = True
    return "".join(out)


class _Document(FPDF):
    def __init__(self, sketch: Sketch) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.sketch = sketch
        for style in STYLES:
            self.add_font(FAMILY, style, font_path(style))
        self.set_margins(MARGIN, MARGIN + 2, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.alias_nb_pages(PAGES_ALIAS)
        self.set_title(" ".join(sketch.title.split()))
        self.set_subject(sketch.subject)
        self.set_author(sketch.author)
        self.set_creator(sketch.author)
        self.set_lang(sketch.language)
        self.set_creation_date(datetime.combine(sketch.created, time(12), tzinfo=UTC))
        self.body_left = MARGIN

    # page furniture

    @property
    def body_width(self) -> float:
        return self.w - 2 * MARGIN

    def header(self) -> None:
        self.set_xy(MARGIN, 10)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*GREY)
        self.cell(self.body_width, 4, printable(self.sketch.page_header))
        self.set_draw_color(*LIGHT)
        self.line(MARGIN, 15, self.w - MARGIN, 15)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        self.set_xy(MARGIN, -14)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*GREY)
        half = self.body_width / 2
        self.cell(half, 4, printable(self.sketch.page_footer))
        number = self.sketch.page_number.format(page=self.page_no(), pages=PAGES_ALIAS)
        self.cell(half, 4, number, align="R")

    # text

    def style(self, style: Style, size: float, color: tuple[int, int, int] = BLACK) -> None:
        self.set_font(FAMILY, style, size)
        self.set_text_color(*color)

    def paragraph(
        self,
        text: str,
        style: Style = "",
        size: float = BODY,
        color: tuple[int, int, int] = BLACK,
        line: float = LINE,
    ) -> None:
        self.style(style, size, color)
        self.set_x(self.l_margin)
        self.multi_cell(
            0, line, printable(text, style), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def item(self, item: Item) -> None:
        self.set_x(self.l_margin)
        self.style("B", BODY)
        self.write(LINE, printable(f"{item.label}: ", "B"))
        if item.open:
            self.style("I", BODY, OPEN)
            self.write(LINE, printable(item.value, "I"))
        else:
            self.style("", BODY)
            self.write(LINE, printable(item.value))
        self.ln(LINE)

    def bullets(self, block: Bullets) -> None:
        if block.title:
            self.paragraph(block.title, "B")
        left = self.l_margin
        for bullet in block.items:
            self.style("", BODY, ACCENT)
            self.set_x(left)
            self.cell(BULLET_INDENT, LINE, "•")
            self.set_left_margin(left + BULLET_INDENT)
            try:
                self.style("", BODY)
                self.write(LINE, printable(bullet.text))
                self.ln(LINE)
                for detail in bullet.details:
                    self.paragraph(detail, size=SMALL, color=GREY, line=SMALL_LINE)
            finally:
                self.set_left_margin(left)
            self.ln(1)

    def block(self, block: Block) -> None:
        if isinstance(block, Item):
            self.item(block)
        elif isinstance(block, Paragraph):
            if block.style == "open":
                self.paragraph(block.text, "I", color=OPEN)
            elif block.style == "note":
                self.paragraph(block.text, "I", SMALL, GREY, SMALL_LINE)
            else:
                self.paragraph(block.text)
        else:
            self.bullets(block)
        self.ln(1.5)

    def heading(self, text: str) -> None:
        if self.get_y() > self.page_break_trigger - 30:
            self.add_page()
        self.ln(3)
        self.paragraph(text, "B", 13, ACCENT, 6.5)
        self.set_draw_color(*ACCENT)
        self.line(MARGIN, self.get_y() + 0.5, self.w - MARGIN, self.get_y() + 0.5)
        self.ln(3)

    # the document

    def compose(self) -> bytes:
        sketch = self.sketch
        self.add_page()
        self.paragraph(sketch.kicker, size=SMALL, color=GREY)
        self.ln(1)
        self.paragraph(sketch.title, "B", 18, BLACK, 8)
        self.ln(2)
        for item in sketch.meta:
            self.item(item)
        self.ln(2)
        for note in sketch.notes:
            self.paragraph(note, "I", SMALL, GREY, SMALL_LINE)
            self.ln(1)
        for section in sketch.sections:
            self.heading(section.heading)
            for block in section.blocks:
                self.block(block)
        try:
            return bytes(self.output())
        finally:
            self.close_fonts()

    def close_fonts(self) -> None:
        """Release the font files (fpdf2 closes only the fonts a document used)."""
        for font in self.fonts.values():
            if isinstance(font, TTFFont):
                font.close()


def render_pdf(sketch: Sketch) -> bytes:
    """The sketch as a PDF document (A4, embedded Source Sans Pro subsets)."""
    return _Document(sketch).compose()
