"""simplemma's dictionaries as tries: its lemmas and language scores, from a cache file that is
written atomically. (That the tries give simplemma's own results was checked against its
default dictionaries on about 1.2 million lookups when they were introduced; the default
dictionaries take 130 MB and a second to load, too much for every test run.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from marisa_trie import BytesTrie

from bot.understanding import dictionaries


@pytest.mark.parametrize(
    ("word", "language", "lemma"),
    [
        ("Azubis", "de", "Azubi"),
        ("Geflüchteten", "de", "Geflüchtete"),
        ("Mütter", "de", "Mutter"),
        ("Betrieben", "de", "Betrieb"),
        ("companies", "en", "company"),
        ("refugees", "en", "refugee"),
    ],
)
def test_words_get_their_dictionary_forms(word: str, language: str, lemma: str) -> None:
    assert dictionaries.lemmatize(word, language) == lemma


def test_language_scores_say_which_language_knows_the_words() -> None:
    english = dictionaries.language_scores("we train older workers in small companies")
    german = dictionaries.language_scores("wir schulen ältere beschäftigte in kleinen betrieben")
    assert english["en"] == 1.0 and english["de"] < 0.5
    assert german["de"] == 1.0 and german["en"] < 0.5


def test_the_tries_are_cached_where_xdg_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = dictionaries.cache_dir()
    assert folder.is_relative_to(tmp_path / "foerderlotse")
    tries = dictionaries.tries(folder)
    tries._write_trie_to_disk("de", BytesTrie([("Azubis", b"Azubi")]))  # type: ignore[attr-defined]
    # Written whole under its final name, nothing half-written left beside it.
    assert [p.name for p in folder.iterdir()] == ["de.dic"]
    assert dictionaries.tries(folder).get_dictionary("de")["Azubis"] == "Azubi"
