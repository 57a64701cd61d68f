"""The sketch's texts exist in both languages with the same placeholders, as plain text."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.export.sketch import SECTIONS
from bot.texts.catalog import TEXTS_DIR, load_catalogue, placeholders


def _flat(node: object, prefix: str = "") -> dict[str, str]:
    if isinstance(node, dict):
        flat: dict[str, str] = {}
        for key, value in node.items():
            flat |= _flat(value, f"{prefix}.{key}" if prefix else str(key))
        return flat
    assert isinstance(node, str), prefix
    return {prefix: node}


def _texts(language: str) -> dict[str, str]:
    path: Path = TEXTS_DIR / language / "export.yaml"
    return _flat(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_same_keys_and_placeholders_in_both_languages() -> None:
    german, english = _texts("de"), _texts("en")
    assert german.keys() == english.keys()
    assert all(key.startswith("export.") for key in german)
    for key in german:
        assert placeholders(german[key]) == placeholders(english[key]), key
    for section in SECTIONS:
        assert f"export.section.{section}" in german


def test_loaded_by_the_catalogue_and_free_of_markup() -> None:
    for language in ("de", "en"):
        catalogue = load_catalogue(language)
        for key, text in _texts(language).items():
            assert catalogue[key] == text
            assert "<" not in text and "*" not in text, key


def test_german_texts_address_the_reader_formally() -> None:
    for key, text in _texts("de").items():
        words = set(text.replace(",", " ").replace(".", " ").split())
        assert not words & {"du", "Du", "dein", "Dein", "deine", "dir", "dich"}, key
