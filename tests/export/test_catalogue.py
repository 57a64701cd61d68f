"""The Projektskizze's texts: a heading for every section, plain text (the PDF shows no markup).
Keys, placeholders and both languages are checked for every catalogue in tests/texts/."""

from __future__ import annotations

from bot.export.sketch import SECTIONS
from tests.texts.test_catalog import texts


def test_every_section_has_its_heading() -> None:
    german = texts("de", "export.yaml")
    assert all(key.startswith("export.") for key in german)
    for section in SECTIONS:
        assert f"export.section.{section}" in german


def test_free_of_markup() -> None:
    for language in ("de", "en"):
        for key, text in texts(language, "export.yaml").items():
            assert "<" not in text and "*" not in text, key
