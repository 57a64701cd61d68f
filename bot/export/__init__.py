"""The Projektskizze export: one content model, written as Markdown and as PDF.

advice = advisor.advise(facts_from_answers(state.answers), today)
sketch = build_sketch(state, advice, advisor.kb, state.language, sponsor, created=today)
render_pdf(sketch) -> bytes, sketch.file_name("pdf")
render_markdown(sketch) -> str, sketch.file_name("md")
"""

from bot.export.markdown import render_markdown
from bot.export.sketch import Sketch, Sponsor, build_sketch

MEDIA_TYPES = {"pdf": "application/pdf", "md": "text/markdown; charset=utf-8"}


def render_pdf(sketch: Sketch) -> bytes:
    """The sketch as PDF (`bot.export.pdf`). The PDF library is imported at the first PDF:
    it takes a quarter second and some 20 MB, which every start-up would pay otherwise (the
    staff's meetings desk imports the agenda, which makes PDFs)."""
    from bot.export.pdf import render_pdf as render

    return render(sketch)


__all__ = ["MEDIA_TYPES", "Sketch", "Sponsor", "build_sketch", "render_markdown", "render_pdf"]
