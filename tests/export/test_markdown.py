"""The Markdown sketch: every section in order, open fields marked, sponsor text kept inert."""

from __future__ import annotations

from bot.advice.advise import Advisor
from bot.core.state import DialogState
from bot.export.markdown import escape, escape_line, render_markdown
from bot.export.sketch import Sketch
from tests.export.conftest import EXTRA_ANSWERS, MAIN_ANSWERS, sketch_of, with_answers

OPEN = "*— offen: bitte ergänzen —*"


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("#")]


def expected_headings(sketch: Sketch) -> list[str]:
    return [f"# {sketch.title}"] + [f"## {s.heading}" for s in sketch.sections]


def test_every_section_in_order(markdown_de: str, sketch_de: Sketch) -> None:
    assert headings(markdown_de) == [
        "# Pflege-Brücke Weserbergland",
        "## 1. Projektträger",
        "## 2. Region und Teilraum",
        "## 3. Projektidee",
        "## 4. Bedarf und Ausgangslage",
        "## 5. Ziele",
        "## 6. Zielgruppe und Teilnehmende",
        "## 7. Handlungsschwerpunkte und Unterziele",
        "## 8. Arbeitsschritte und Zeitplan",
        "## 9. Kosten und Finanzierung",
        "## 10. Verstetigung nach der Förderung",
        "## 11. Übertragbarkeit und Modellcharakter",
        "## 12. Räumliche Wirkung",
        "## 13. Kooperationspartner",
        "## 14. Vorprüfung durch den Förderlotsen",
        "## 15. Ähnliche Projekte aus der Strategie",
    ]
    assert headings(markdown_de) == expected_headings(sketch_de)
    assert markdown_de.index("Projektskizze für das Fachkräftebündnis Leine-Weser") < (
        markdown_de.index("## 1.")
    )


def test_answers_and_open_fields(markdown_de: str) -> None:
    assert "**Gesamtkosten:** 1.200.000 €" in markdown_de
    assert "**Projektbeginn:** 01/2027" in markdown_de
    assert f"**Ansprechperson:** {OPEN}" in markdown_de
    assert f"**Arbeitsschritte und Meilensteine:** {OPEN}" in markdown_de
    for answer in (MAIN_ANSWERS[3], MAIN_ANSWERS[7], *EXTRA_ANSWERS[:2], *EXTRA_ANSWERS[3:]):
        assert answer in markdown_de
    assert "Angaben, die noch fehlen, sind mit „— offen: bitte ergänzen —“ markiert." in (
        markdown_de
    )


def test_skipped_questions_are_open_in_their_sections(
    advisor: Advisor, main_state: DialogState
) -> None:
    markdown = render_markdown(sketch_of(advisor, main_state))
    for heading in ("## 4. Bedarf und Ausgangslage", "## 5. Ziele", "## 13. Kooperationspartner"):
        assert f"{heading}\n\n{OPEN}\n" in markdown
    assert f"**Geplante Teilnehmende:** {OPEN}" in markdown


def test_english(advisor: Advisor, complete_state: DialogState) -> None:
    markdown = render_markdown(sketch_of(advisor, complete_state, "en"))
    assert "## 9. Costs and financing" in markdown
    assert "**Total costs:** EUR 1,200,000" in markdown
    assert "**Contact person:** *— open: please complete —*" in markdown


def test_sponsor_text_cannot_change_the_structure(
    advisor: Advisor, complete_state: DialogState
) -> None:
    hostile = with_answers(
        complete_state,
        title="# Titel *fett* _kursiv_ <b>HTML</b> [Link](http://x) `code` |a|b| ~~weg~~ #",
        idea="## Keine Überschrift\n- kein Punkt\n1. kein Schritt\n> kein Zitat\n---\n===\n"
        "    kein Code\n```\n<script>alert(1)</script>\n&amp; &#169;",
        need="Zeile\\\nnoch eine",
        partners="+ Partner A\n* Partner B\n2) Partner C",
    )
    sketch = sketch_of(advisor, hostile)
    markdown = render_markdown(sketch)
    assert headings(markdown) == [f"# {escape_line(sketch.title)}"] + [
        f"## {s.heading}" for s in sketch.sections
    ]
    assert markdown.startswith(
        "# \\# Titel \\*fett\\* \\_kursiv\\_ \\<b>HTML\\</b> \\[Link\\](http://x) \\`code\\` "
        "\\|a\\|b\\| \\~\\~weg\\~\\~ \\#\n"
    )
    lines = markdown.splitlines()
    for line in (
        "\\#\\# Keine Überschrift\\",
        "\\- kein Punkt\\",
        "1\\. kein Schritt\\",
        "\\> kein Zitat\\",
        "\\---\\",
        "\\===\\",
        "kein Code\\",
        "\\`\\`\\`\\",
        "\\<script>alert(1)\\</script>\\",
        "\\&amp; &\\#169;",
        "\\+ Partner A\\",
        "\\* Partner B\\",
        "2\\) Partner C",
        "Zeile\\\\\\",
    ):
        assert line in lines, line
    assert "<script>" not in markdown.replace("\\<script>", "")


def test_escape_keeps_ordinary_text_readable() -> None:
    assert escape_line("1.200.000 € für 2027, z. B. 30 % - nicht mehr") == (
        "1.200.000 € für 2027, z. B. 30 % - nicht mehr"
    )
    assert escape_line("-5 % Kosten") == "-5 % Kosten"
    assert escape_line("2027. Jahr") == "2027\\. Jahr"
    assert escape("eins\n\n- zwei", "  ") == "eins\\\n  \\- zwei"
