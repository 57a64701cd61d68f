"""The German nouns behind compound splitting: read from a cache file, written atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.advice import lexicon


def test_the_nouns_hold_what_compounds_are_made_of() -> None:
    nouns = lexicon.german_nouns()
    assert {"doku", "wirtschaft", "pflege", "kurs"} <= nouns
    assert "wirtsc" not in nouns
    assert lexicon.fold("Geflüchtete") == lexicon.fold("Gefluechtete") == "gefluchtete"


def test_the_cache_is_written_where_xdg_says_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert lexicon.cache_file().is_relative_to(tmp_path / "foerderlotse")
    assert lexicon._read() is None  # nothing cached there yet
    lexicon._write(frozenset({"doku", "kurs"}))
    assert lexicon._read() == frozenset({"doku", "kurs"})
    assert [p.name for p in (tmp_path / "foerderlotse").iterdir()] == [lexicon.cache_file().name]


def test_a_broken_cache_file_is_rebuilt_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    lexicon.cache_file().parent.mkdir(parents=True)
    lexicon.cache_file().write_bytes(b"not marshal")
    assert lexicon._read() is None
