"""Lemmas of whole words, in German and English."""

from __future__ import annotations

import pytest

from bot.understanding.words import lemma_set, lemmas, words


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("Azubis", "azubi"),
        ("Pflegekräfte", "pflegekraft"),
        ("pflegekräfte", "pflegekraft"),
        ("Studienabbrechern", "studienabbrecher"),
        ("refugees", "refugee"),
        ("leavers", "leaver"),
    ],
)
def test_dictionary_forms(word: str, lemma: str) -> None:
    assert lemma in lemmas(word)


def test_compounds_are_whole_words() -> None:
    # "Pflegeschulen" is one word about schools of nursing, not the word "Schüler".
    assert "schuler" not in lemma_set("Pflegeschulen") and "schüler" not in lemma_set(
        "Pflegeschulen"
    )


def test_words_keep_hyphenated_compounds() -> None:
    assert words("IT-Fachkräfte und 3 Azubis") == ["IT-Fachkräfte", "und", "Azubis"]
