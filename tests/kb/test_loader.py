"""The knowledge base: the shipped files are complete and valid; broken sets are refused with
file, entry, field and line, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KnowledgeError, load_directory
from bot.kb.models import Funding, ProjectState
from bot.kb.shipped import shipped_knowledge_dir
from bot.texts.catalog import render
from tests.kb.edits import check, line_of, replace_in_file


def test_shipped_knowledge_covers_the_strategy(kb: KnowledgeBase) -> None:
    counts = kb.counts()
    assert counts["action_fields"] == 4
    assert counts["sub_goals"] == 20  # 7 + 4 + 6 + 3 sub-goals in chapter 4
    assert counts["districts"] == 6
    assert counts["subregions"] == 3
    assert counts["local_alliances"] == 3
    assert counts["regional_alliances"] == 7
    assert counts["projects"] >= 30
    assert all(len(d.municipalities) >= 5 for d in kb.regions.districts)
    assert kb.rules.limits.cost_cap_eur == 500_000
    assert kb.rules.limits.max_duration_months == 36
    assert str(kb.rules.limits.latest_end) == "2028-12-31"


def test_only_projects_the_strategy_names_as_its_own_are_alliance_funded(kb: KnowledgeBase) -> None:
    alliance_funded = {p.id for p in kb.projects if p.funding is Funding.ALLIANCE}
    assert alliance_funded == {"adelante", "umsteigen-statt-aussteigen"}
    assert kb.project("adelante").state is ProjectState.RUNNING


def test_every_local_alliance_belongs_to_one_subregion(kb: KnowledgeBase) -> None:
    for district in kb.regions.districts:
        assert kb.alliance_for_district(district.id).subregion == district.subregion


def test_check_accepts_the_shipped_set_and_prints_a_summary() -> None:
    code, output = check(shipped_knowledge_dir())
    assert code == 0
    assert "valid" in output and "6 districts" in output


def test_unknown_district_reference_names_file_entry_field_and_line(knowledge_copy: Path) -> None:
    projects = knowledge_copy / "projects.yaml"
    replace_in_file(projects, "districts: [holzminden]", "districts: [holzmindn]")
    code, output = check(knowledge_copy)
    assert code == 1
    line = line_of(projects, "[holzmindn]")
    assert f"projects.yaml, line {line}" in output
    assert "districts[" in output and "holzmindn" in output
    assert "Traceback" not in output


def test_unknown_key_is_refused(knowledge_copy: Path) -> None:
    rules = knowledge_copy / "rules.yaml"
    replace_in_file(rules, "cost_cap_eur:", "cost_cap_euro:")
    code, output = check(knowledge_copy)
    assert code == 1
    assert "unknown field" in output and "cost_cap_euro" in output
    assert f"line {line_of(rules, 'cost_cap_euro')}" in output


def test_wrong_type_is_refused(knowledge_copy: Path) -> None:
    rules = knowledge_copy / "rules.yaml"
    replace_in_file(rules, "max_duration_months: 36", "max_duration_months: drei Jahre")
    code, output = check(knowledge_copy)
    assert code == 1
    assert "whole number" in output and "max_duration_months" in output


def test_invalid_yaml_names_the_line(knowledge_copy: Path) -> None:
    regions = knowledge_copy / "regions.yaml"
    regions.write_text("districts:\n  - id: x\n    name: [unclosed\n", encoding="utf-8")
    code, output = check(knowledge_copy)
    assert code == 1
    assert "regions.yaml, line" in output and "not valid YAML" in output


def test_duplicate_project_id_is_refused(knowledge_copy: Path) -> None:
    projects = knowledge_copy / "projects.yaml"
    replace_in_file(projects, "id: care\n", "id: adelante\n")
    code, output = check(knowledge_copy)
    assert code == 1
    assert "“adelante” occurs twice" in output


def test_alias_pointing_to_two_districts_is_refused(knowledge_copy: Path) -> None:
    regions = knowledge_copy / "regions.yaml"
    # Give the district Schaumburg an alias that is a town in the district of Hildesheim.
    replace_in_file(regions, "      - Schaumburger Land", "      - Sarstedt")
    code, output = check(knowledge_copy)
    assert code == 1
    assert "“Sarstedt” points to several districts" in output


def test_missing_and_extra_files_are_reported(knowledge_copy: Path) -> None:
    (knowledge_copy / "rules.yaml").unlink()
    (knowledge_copy / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    code, output = check(knowledge_copy)
    assert code == 1
    assert "rules.yaml: file is missing" in output
    assert "notes.yaml: unknown file" in output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"a: &x [1]\nb: *x\n", "anchors and aliases"),
        (b"a: !!python/object/apply:os.system ['echo hi']\n", "not valid YAML"),
        ("a: ü".encode("utf-16"), "UTF-16"),
        (b"a: \xff\xfe\xfa", "not valid UTF-8"),
        (b"a: " + b"x" * (3 * 1024 * 1024), "too large"),
    ],
)
def test_hostile_files_are_refused(knowledge_copy: Path, content: bytes, expected: str) -> None:
    (knowledge_copy / "target_groups.yaml").write_bytes(content)
    with pytest.raises(KnowledgeError) as caught:
        load_directory(knowledge_copy)
    messages = [render(e.message, "en") for e in caught.value.errors]
    assert any(expected in m for m in messages), messages


def test_cli_exit_codes_without_traceback(knowledge_copy: Path) -> None:
    replace_in_file(
        knowledge_copy / "projects.yaml", "districts: [holzminden]", "districts: [nirgendwo]"
    )
    ok = subprocess.run(
        [sys.executable, "-m", "bot", "kb", "check"], capture_output=True, text=True, check=False
    )
    broken = subprocess.run(
        [sys.executable, "-m", "bot", "kb", "check", str(knowledge_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert "Wissensbasis gültig" in ok.stdout
    assert broken.returncode == 1
    assert "nirgendwo" in broken.stdout
    assert "Traceback" not in broken.stdout + broken.stderr


def test_a_broken_file_does_not_hide_problems_in_the_others(knowledge_copy: Path) -> None:
    replace_in_file(knowledge_copy / "rules.yaml", "cost_cap_eur:", "cost_cap_euro:")
    replace_in_file(
        knowledge_copy / "projects.yaml", "districts: [holzminden]", "districts: [holzmindn]"
    )
    replace_in_file(knowledge_copy / "projects.yaml", "id: care\n", "id: adelante\n")
    code, output = check(knowledge_copy)
    assert code == 1
    assert "cost_cap_euro" in output
    assert "there is no district “holzmindn” – perhaps “holzminden” is meant" in output
    assert "“adelante” occurs twice" in output


def test_references_into_an_invalid_file_are_not_reported_twice(knowledge_copy: Path) -> None:
    (knowledge_copy / "target_groups.yaml").write_text("target_groups: [\n", encoding="utf-8")
    code, output = check(knowledge_copy)
    assert code == 1
    assert "target_groups.yaml, line" in output and "not valid YAML" in output
    assert "there is no target group" not in output  # unknowable, not wrong


def test_members_of_a_samtgemeinde_must_be_entries_of_the_district(knowledge_copy: Path) -> None:
    regions = knowledge_copy / "regions.yaml"
    replace_in_file(regions, "members: [Ahnsen, Bad Eilsen,", "members: [Ahnsen, Bad Eilsn,")
    replace_in_file(regions, "members: [Helpsen, Hespe,", "members: [Luhden, Helpsen, Hespe,")
    code, output = check(knowledge_copy)
    assert code == 1
    assert f"regions.yaml, line {line_of(regions, 'Bad Eilsn')}" in output
    assert "“Bad Eilsn” is not listed as a municipality of its own" in output
    assert "“Luhden” already belongs to Samtgemeinde Eilsen" in output
    assert "field “municipalities[" in output and "members[" in output
