"""Issue 17 point 4: each district's municipal list names the day it was compared with its
public source; `kb check` reports lists without that day. In process, on real files."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from bot.adapters import kb_cli
from bot.kb.knowledge import KnowledgeBase
from bot.kb.shipped import shipped_knowledge_dir

CHECKED = {"hildesheim": date(2026, 12, 7), "nienburg": date(2026, 12, 7)}
"""The lists corrected from public lists (regions.yaml names the sources) and the day."""


def _copy(tmp_path: Path) -> Path:
    directory = tmp_path / "kb"
    directory.mkdir(parents=True)
    for path in shipped_knowledge_dir().iterdir():
        if path.suffix == ".yaml":
            (directory / path.name).write_bytes(path.read_bytes())
    return directory


def _edit_district(directory: Path, district: str, old: str, new: str) -> None:
    path = directory / "regions.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {district}\n", text.index("\ndistricts:"))
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def _check(directory: Path, language: str = "de") -> tuple[int, str]:
    out = io.StringIO()
    code = kb_cli.check(directory, out, "de" if language == "de" else "en")
    return code, out.getvalue()


def test_the_checked_lists_carry_their_day_and_the_others_none(kb: KnowledgeBase) -> None:
    for district in kb.regions.districts:
        assert district.municipalities_checked == CHECKED.get(district.id), district.id
        # a list never compared is still marked as to be verified
        assert district.municipalities_to_verify is (district.id not in CHECKED)


def test_kb_check_says_which_lists_have_no_day(tmp_path: Path) -> None:
    code, text = _check(_copy(tmp_path))
    assert code == 0
    undated = re.findall(r"• Landkreis „([^“]+)“ .*ohne Datum der Prüfung", text)
    assert len(undated) == 4
    assert "Hildesheim" not in " ".join(undated)

    code, text = _check(_copy(tmp_path / "en"), "en")
    assert code == 0 and text.count("no date of checking (municipalities_checked)") == 4


def test_a_list_marked_as_checked_without_its_day_is_reported(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    _edit_district(
        directory, "nienburg", "municipalities_checked: 2026-12-07", "municipalities_checked: null"
    )
    code, text = _check(directory)
    assert code == 0
    assert re.search(
        r"• Landkreis „Landkreis Nienburg/Weser“ \(regions\.yaml\): Gemeindeliste als geprüft "
        r"markiert, aber ohne Datum der Prüfung .* – Quelle: Wikipedia",
        text,
    )
    code, text = _check(directory, "en")
    assert "marked as checked, but without the day it was checked" in text


def test_a_german_day_is_taken_and_shown_and_a_wrong_one_gets_the_fix(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    _edit_district(
        directory,
        "schaumburg",
        "municipalities_checked: null",
        "municipalities_checked: 15.03.2026",
    )
    code, text = _check(directory)
    assert code == 0
    assert re.search(r"„Landkreis Schaumburg“ .* · geprüft am 15\.03\.2026", text), text

    _edit_district(
        directory,
        "schaumburg",
        "municipalities_checked: 15.03.2026",
        "municipalities_checked: 31.02.2026",
    )
    code, text = _check(directory)
    assert code == 1
    assert "ungültiges Datum „31.02.2026“" in text
