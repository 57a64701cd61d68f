"""Every catalogue file: the same keys and placeholders in both languages, all of it loaded by
the catalogue, and German that addresses the reader formally."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.texts.catalog import TEXTS_DIR, load_catalogue, placeholders

FILES = sorted(path.name for path in (TEXTS_DIR / "de").glob("*.yaml"))
INFORMAL = frozenset({"du", "Du", "dein", "Dein", "deine", "dir", "dich"})


def flat(node: object, prefix: str = "") -> dict[str, str]:
    if isinstance(node, dict):
        found: dict[str, str] = {}
        for key, value in node.items():
            found |= flat(value, f"{prefix}.{key}" if prefix else str(key))
        return found
    assert isinstance(node, str), prefix
    return {prefix: node}


def texts(language: str, name: str) -> dict[str, str]:
    path: Path = TEXTS_DIR / language / name
    return flat(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_both_languages_have_the_same_files() -> None:
    assert FILES
    assert sorted(path.name for path in (TEXTS_DIR / "en").glob("*.yaml")) == FILES


@pytest.mark.parametrize("name", FILES)
def test_same_keys_and_placeholders_in_both_languages(name: str) -> None:
    german, english = texts("de", name), texts("en", name)
    assert german.keys() == english.keys()
    for key in german:
        assert placeholders(german[key]) == placeholders(english[key]), key


@pytest.mark.parametrize("name", FILES)
def test_loaded_by_the_catalogue(name: str) -> None:
    for language in ("de", "en"):
        catalogue = load_catalogue(language)
        for key, text in texts(language, name).items():
            assert catalogue[key] == text


@pytest.mark.parametrize("name", FILES)
def test_german_texts_address_the_reader_formally(name: str) -> None:
    for key, text in texts("de", name).items():
        words = set(text.replace(",", " ").replace(".", " ").split())
        assert not words & INFORMAL, key
