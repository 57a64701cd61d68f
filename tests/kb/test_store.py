"""Staff replace knowledge files: validated as a whole set, applied atomically, versioned,
rolled back and exported; a broken or hostile upload changes nothing."""

from __future__ import annotations

import io
import logging
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.adapters import kb_cli
from bot.clock import FixedClock
from bot.kb import report
from bot.kb.knowledge import KnowledgeBase
from bot.kb.live import load_live
from bot.kb.models import KNOWLEDGE_FILES
from bot.kb.stamp import strip_stamp
from bot.kb.store import Author, FileUpload, KnowledgeStore, upload_name
from bot.texts.catalog import render
from tests.kb.edits import (
    disk,
    edited_projects,
    put,
    remove_project,
    replace,
    retitled_projects,
    shipped,
    shipped_text,
)

START = datetime(2025, 3, 1, 9, 30)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path, clock: FixedClock) -> KnowledgeStore:
    return KnowledgeStore(data_dir, clock)


def _line_of(content: bytes, needle: str) -> int:
    for number, line in enumerate(content.decode("utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


# --- a valid change ---------------------------------------------------------------------------


def test_without_changes_the_shipped_set_is_live(store: KnowledgeStore) -> None:
    assert store.live_version() == "v0"
    assert store.live_files() == {name: shipped(name) for name in KNOWLEDGE_FILES}
    assert store.history() == []
    assert store.live().project("schulberufslotsen")


def test_dry_run_lists_exactly_the_added_changed_and_removed_projects(
    store: KnowledgeStore, data_dir: Path
) -> None:
    plan = store.plan(FileUpload("projects.yaml", edited_projects()))
    assert plan.ok and plan.base == "v0" and plan.change is not None
    [section] = plan.change.sections
    assert section.file == "projects.yaml" and section.section == "projects"
    assert section.added == ("pflegelotsen-test",)
    assert [(c.entry, c.fields) for c in section.changed] == [("lehrerexkursionen", ("title",))]
    assert section.removed == ("schulberufslotsen",)
    assert disk(data_dir) == {}

    text = report.describe_plan(plan, "en")
    assert "Dry run: projects.yaml against the live version v0" in text
    assert "+ project “Pflegelotsen (Test)” added" in text
    assert (
        "~ project “Lehrerexkursionen 2025”: title “Lehrerexkursionen” → “Lehrerexkursionen 2025”"
        in text
    )
    assert "− project “Schulberufslotsen” removed" in text


def test_apply_makes_the_change_live_and_records_who_and_when(
    store: KnowledgeStore, data_dir: Path, clock: FixedClock
) -> None:
    applied = put(store, "projects.yaml", edited_projects(), "telegram:12345")
    assert applied.ok and applied.changed
    assert (applied.version, applied.previous) == ("v1", "v0")

    kb = store.live()
    assert kb.version == "v1"
    assert kb.project("lehrerexkursionen").title == "Lehrerexkursionen 2025"
    assert kb.project("pflegelotsen-test").districts == ["holzminden", "nienburg"]
    with pytest.raises(KeyError):
        kb.project("schulberufslotsen")
    assert store.live_files()["projects.yaml"] == edited_projects()

    [entry] = store.history()
    assert (entry.version, entry.parent, entry.who) == ("v1", "v0", "telegram:12345")
    assert entry.when == "2025-03-01T09:30:00+00:00"
    assert entry.file == "projects.yaml" and not entry.rollback
    assert entry.change.counts() == {"added": 1, "changed": 1, "removed": 1}

    # On disk: the shipped snapshot, the new version, the pointer; a new store sees the same.
    root = data_dir / "knowledge"
    assert (root / "LIVE").read_text() == "0001\n"
    assert (root / "versions" / "0001" / "projects.yaml").read_bytes() == edited_projects()
    assert (root / "versions" / "0000" / "projects.yaml").read_bytes() == shipped("projects.yaml")
    assert not list((root / "versions").glob(".tmp-*"))
    assert KnowledgeStore(data_dir, clock).live_version() == "v1"
    assert load_live(data_dir).project("pflegelotsen-test")

    output = report.describe_applied(applied, "de")
    assert "projects.yaml übernommen: v1 ist jetzt live (vorher v0)." in output
    assert "+ Projekt „Pflegelotsen (Test)“ hinzugefügt" in output
    history = report.describe_history(store, "en")
    assert "Live: v1 (since 2025-03-01 09:30 UTC, telegram:12345)" in history
    assert (
        "v1 · 2025-03-01 09:30 UTC · telegram:12345 · projects.yaml: + Pflegelotsen (Test), "
        "~ Lehrerexkursionen 2025 (title), − Schulberufslotsen"
    ) in history


def test_the_same_file_again_changes_nothing(store: KnowledgeStore, data_dir: Path) -> None:
    put(store, "projects.yaml", edited_projects(), "cli:anna")
    before = disk(data_dir)
    applied = put(store, "projects.yaml", edited_projects(), "cli:anna")
    assert applied.ok and not applied.changed and applied.version == "v1"
    assert disk(data_dir) == before
    assert "identical" in report.describe_applied(applied, "en")


def test_comments_only_is_a_version_without_content_changes(store: KnowledgeStore) -> None:
    content = b"# Stand: Maerz 2025\n" + shipped("projects.yaml")
    plan = store.plan(FileUpload("projects.yaml", content))
    assert plan.ok and not plan.identical and plan.change is not None and plan.change.empty
    assert "only comments" in report.describe_plan(plan, "en")


@pytest.mark.parametrize("name", ["projects.yml", "Projects.YAML"])
def test_yml_and_capitals_name_the_same_file(name: str) -> None:
    assert upload_name(name) == "projects.yaml"


def test_nested_and_single_sections_are_diffed(store: KnowledgeStore) -> None:
    regions = replace(
        shipped_text("regions.yaml"),
        "      - name: Barsinghausen\n",
        "      - name: Barsinghausen\n      - name: Neustadtdorf\n",
    )
    plan = store.plan(FileUpload("regions.yml", regions.encode()))
    assert plan.ok and plan.change is not None and plan.file == "regions.yaml"
    municipalities = plan.change.section("districts.municipalities")
    assert municipalities is not None
    assert municipalities.added == ("region-hannover/Neustadtdorf",)
    assert plan.change.section("districts") is None

    rules = replace(shipped_text("rules.yaml"), "cost_cap_eur: 500000", "cost_cap_eur: 400000")
    rules = replace(
        rules,
        "steering_group_meetings: []",
        "steering_group_meetings:\n  - date: 2025-06-12\n    source: Koordinierungsstelle\n",
    )
    plan = store.plan(FileUpload("rules.yaml", rules.encode()))
    assert plan.ok and plan.change is not None
    limits = plan.change.section("limits")
    assert limits is not None and [c.fields for c in limits.changed] == [("cost_cap_eur",)]
    meetings = plan.change.section("steering_group_meetings")
    assert meetings is not None and meetings.added == ("2025-06-12",)
    text = report.describe_plan(plan, "en")
    assert "rules.yaml:\n  ~ limits and deadlines: cost_cap_eur “500000” → “400000”" in text
    assert "+ steering-group meeting “2025-06-12” added" in text


# --- invalid files ----------------------------------------------------------------------------


@pytest.fixture
def applied_once(store: KnowledgeStore, data_dir: Path) -> dict[str, bytes]:
    """A data directory with v1 live; returns every file on disk."""
    assert put(store, "projects.yaml", edited_projects(), "cli:anna").ok
    return disk(data_dir)


def _refused(store: KnowledgeStore, name: str, content: bytes) -> str:
    applied = put(store, name, content, "telegram:666")
    assert not applied.ok and not applied.changed
    plan = store.plan(FileUpload(name, content))
    assert not plan.ok
    text = report.describe_applied(applied, "en")
    assert report.describe_plan(plan, "en") == text
    assert "Nothing was applied" in text and "Traceback" not in text
    return text


def test_unknown_district_names_file_entry_field_and_line(
    store: KnowledgeStore, data_dir: Path, applied_once: dict[str, bytes]
) -> None:
    content = replace(
        shipped_text("projects.yaml"), "districts: [holzminden]", "districts: [holzmindn]"
    ).encode()
    text = _refused(store, "projects.yaml", content)
    line = _line_of(content, "[holzmindn]")
    assert f"projects.yaml, line {line} – entry “schulberufslotsen” – field “districts[0]”" in text
    assert "holzmindn" in text
    assert disk(data_dir) == applied_once
    assert store.live_version() == "v1"


def test_a_change_that_breaks_another_file_is_refused_there(
    store: KnowledgeStore, data_dir: Path, applied_once: dict[str, bytes]
) -> None:
    # Renaming a district in regions.yaml leaves projects.yaml pointing at the old id.
    content = replace(shipped_text("regions.yaml"), "  - id: holzminden\n", "  - id: hol\n")
    text = _refused(store, "regions.yaml", content.encode())
    assert "projects.yaml, line" in text and "there is no district “holzminden”" in text
    assert "perhaps “hol” is meant" in text
    assert disk(data_dir) == applied_once


def test_bad_yaml_names_the_line(
    store: KnowledgeStore, data_dir: Path, applied_once: dict[str, bytes]
) -> None:
    content = b"projects:\n  - id: x\n    title: [unclosed\n"
    text = _refused(store, "projects.yaml", content)
    assert "projects.yaml, line 4" in text and "not valid YAML" in text
    assert disk(data_dir) == applied_once


def test_unknown_key_names_the_field(
    store: KnowledgeStore, data_dir: Path, applied_once: dict[str, bytes]
) -> None:
    content = replace(shipped_text("rules.yaml"), "cost_cap_eur:", "cost_cap_euro:").encode()
    text = _refused(store, "rules.yaml", content)
    line = _line_of(content, "cost_cap_euro")
    assert f"rules.yaml, line {line}" in text
    assert "unknown field" in text and "cost_cap_euro" in text
    assert disk(data_dir) == applied_once


def _billion_laughs() -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


HOSTILE = {
    "billion laughs": ("target_groups.yaml", _billion_laughs(), "anchors and aliases"),
    "python tag": (
        "projects.yaml",
        b"projects: !!python/object/apply:os.system ['touch {marker}']\n",
        "not valid YAML",
    ),
    "3 MB": ("projects.yaml", b"projects:\n" + b"#" * (3 * 1024 * 1024) + b"\n", "too large"),
    "UTF-16": ("regions.yaml", shipped_text("regions.yaml").encode("utf-16"), "UTF-16"),
    "Latin-1": (
        "target_groups.yaml",
        shipped_text("target_groups.yaml").encode("latin-1", errors="replace"),
        "not valid UTF-8",
    ),
    "empty": ("rules.yaml", b"", "the file is empty"),
    "blank": ("rules.yaml", b"\n  \n", "the file is empty"),
    "path": ("../../etc/passwd.yaml", shipped("projects.yaml"), "unknown file name"),
    "other name": ("notes.yaml", b"notes: hi\n", "allowed are: action_fields.yaml"),
    "no suffix": ("projects", shipped("projects.yaml"), "unknown file name"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_uploads_are_refused_and_change_nothing(
    case: str,
    store: KnowledgeStore,
    data_dir: Path,
    tmp_path: Path,
    applied_once: dict[str, bytes],
) -> None:
    name, content, expected = HOSTILE[case]
    marker = tmp_path / "executed"
    content = content.replace(b"{marker}", str(marker).encode())
    text = _refused(store, name, content)
    assert expected in text, text
    assert disk(data_dir) == applied_once
    assert store.live_version() == "v1"
    assert KnowledgeStore(data_dir, FixedClock(START)).live_files()["projects.yaml"] == (
        edited_projects()
    )
    assert not marker.exists()
    assert not (tmp_path / "etc").exists() and not (data_dir / "etc").exists()


def test_a_huge_upload_is_refused_by_its_announced_size() -> None:
    from bot.kb.store import MAX_UPLOAD_BYTES, check_upload

    assert check_upload("projects.yaml", 10_000) == []
    [error] = check_upload("projects.yaml", MAX_UPLOAD_BYTES + 1)
    assert "too large" in render(error.message, "en")


# --- rollback -------------------------------------------------------------------------------


def test_rollback_twice_walks_back_to_the_shipped_set(
    store: KnowledgeStore, data_dir: Path, clock: FixedClock
) -> None:
    put(store, "projects.yaml", retitled_projects("Erste Fassung"), "cli:anna")
    clock.advance(timedelta(hours=1))
    put(store, "projects.yaml", retitled_projects("Zweite Fassung"), "telegram:7")
    assert store.live().project("lehrerexkursionen").title == "Zweite Fassung"

    clock.advance(timedelta(hours=1))
    first = store.rollback(Author("telegram:7"))
    assert first.ok and (first.version, first.previous) == ("v1", "v2")
    assert store.live().project("lehrerexkursionen").title == "Erste Fassung"
    assert store.live().version == "v1"

    clock.advance(timedelta(hours=1))
    second = store.rollback(Author("cli:anna"))
    assert second.ok and (second.version, second.previous) == ("v0", "v1")
    assert store.live_files() == {name: shipped(name) for name in KNOWLEDGE_FILES}
    assert "Rolled back: v0 is live again (before: v1)." in report.describe_applied(second, "en")

    before = disk(data_dir)
    third = store.rollback(Author("cli:anna"))
    assert not third.ok and not third.changed and third.version == "v0"
    assert "Nothing to roll back" in report.describe_applied(third, "en")
    assert disk(data_dir) == before

    entries = store.history()
    assert [(e.version, e.parent, e.rollback) for e in entries] == [
        ("v1", "v0", False),
        ("v2", "v1", False),
        ("v1", "v2", True),
        ("v0", "v1", True),
    ]
    assert [e.when[11:16] for e in entries] == ["09:30", "10:30", "11:30", "12:30"]
    assert entries[2].who == "telegram:7" and entries[2].file is None
    assert [(c.entry, c.fields) for c in entries[2].change.sections[0].changed] == [
        ("lehrerexkursionen", ("title",))
    ]
    assert KnowledgeStore(data_dir, clock).live_version() == "v0"


def test_rollback_after_a_new_apply_returns_to_its_parent(store: KnowledgeStore) -> None:
    put(store, "projects.yaml", retitled_projects("Eins"), "cli:anna")
    put(store, "projects.yaml", retitled_projects("Zwei"), "cli:anna")
    store.rollback(Author("cli:anna"))
    applied = put(store, "projects.yaml", retitled_projects("Drei"), "cli:anna")
    assert (applied.version, applied.previous) == ("v3", "v1")
    assert store.rollback(Author("cli:anna")).version == "v1"
    assert store.rollback(Author("cli:anna")).version == "v0"


def test_a_change_on_an_older_version_of_the_same_entry_is_refused(
    store: KnowledgeStore, data_dir: Path
) -> None:
    plan = store.plan(FileUpload("projects.yaml", retitled_projects("Eins")))
    put(store, "projects.yaml", retitled_projects("Zwei"), "cli:other")
    before = disk(data_dir)
    upload = FileUpload("projects.yaml", retitled_projects("Eins"))
    applied = store.apply(upload, based_on=plan.base, author=Author("cli:anna"))
    assert not applied.ok and applied.version == "v1" and not applied.changed
    assert [(c.section, c.key) for c in applied.conflicts] == [("projects", "lehrerexkursionen")]
    text = report.describe_applied(applied, "en")
    assert "Not applied: your file is based on v0, v1 is live by now" in text
    assert "project “Zwei” – v1 by cli:other on 2025-03-01 09:30 UTC" in text
    assert disk(data_dir) == before


# --- export -----------------------------------------------------------------------------------


def test_export_writes_the_live_files_with_their_version_line(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    put(store, "projects.yaml", edited_projects(), "cli:anna")
    out = io.StringIO()
    assert kb_cli.export(store, tmp_path / "export" / "kb", out, "en") == 0
    written = {p.name: p.read_bytes() for p in (tmp_path / "export" / "kb").iterdir()}
    assert set(written) == set(store.live_files())
    line = b"# Wissensbasis-Version: v1 "
    assert all(content.startswith(line) for content in written.values())
    assert {name: strip_stamp(content) for name, content in written.items()} == store.live_files()
    assert strip_stamp(written["projects.yaml"]) == edited_projects()
    assert strip_stamp(written["rules.yaml"]) == shipped("rules.yaml")
    assert f"Wrote {len(KNOWLEDGE_FILES)} files of version v1" in out.getvalue()

    blocked = tmp_path / "a-file"
    blocked.write_text("x")
    out = io.StringIO()
    assert kb_cli.export(store, blocked, out, "en") == 1
    assert "Export to" in out.getvalue() and "Traceback" not in out.getvalue()


# --- crashes and damage -------------------------------------------------------------------------


class _PowerCut(BaseException):
    """Stands for the process dying: nothing after it runs."""


def _cut_power_before_switch(store: KnowledgeStore, monkeypatch: pytest.MonkeyPatch) -> None:
    def switch(number: int) -> None:
        raise _PowerCut

    monkeypatch.setattr(store, "_switch", switch)


def test_a_crash_before_the_switch_leaves_the_old_version_live(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(KnowledgeStore(data_dir, clock), "projects.yaml", retitled_projects("Eins"), "cli:a")
    live_before = disk(data_dir)

    crashing = KnowledgeStore(data_dir, clock)
    _cut_power_before_switch(crashing, monkeypatch)
    with pytest.raises(_PowerCut):
        put(crashing, "projects.yaml", retitled_projects("Zwei"), "cli:a")
    versions = data_dir / "knowledge" / "versions"
    assert (versions / "0002" / "projects.yaml").read_bytes() == retitled_projects("Zwei")

    restarted = KnowledgeStore(data_dir, clock)
    assert restarted.live_version() == "v1"
    assert restarted.live().project("lehrerexkursionen").title == "Eins"
    assert {k: v for k, v in disk(data_dir).items() if not k.startswith("versions/0002")} == (
        live_before
    )

    applied = put(restarted, "projects.yaml", retitled_projects("Drei"), "cli:a")
    assert (applied.version, applied.previous) == ("v3", "v1")
    assert KnowledgeStore(data_dir, clock).live().project("lehrerexkursionen").title == "Drei"
    assert [e.version for e in restarted.history()] == ["v1", "v3"]


def test_a_crash_during_the_first_apply_leaves_the_shipped_set_live(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashing = KnowledgeStore(data_dir, clock)
    _cut_power_before_switch(crashing, monkeypatch)
    with pytest.raises(_PowerCut):
        put(crashing, "projects.yaml", retitled_projects("Eins"), "cli:a")
    restarted = KnowledgeStore(data_dir, clock)
    assert restarted.live_version() == "v0"
    assert restarted.live_files()["projects.yaml"] == shipped("projects.yaml")
    assert put(restarted, "projects.yaml", retitled_projects("Zwei"), "cli:a").version == "v2"


@pytest.fixture
def two_versions(data_dir: Path, clock: FixedClock) -> KnowledgeStore:
    store = KnowledgeStore(data_dir, clock)
    put(store, "projects.yaml", retitled_projects("Eins"), "cli:a")
    put(store, "projects.yaml", retitled_projects("Zwei"), "cli:a")
    return store


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        ("garbage", "v2"),
        ("missing target", "v2"),
        ("broken target", "v1"),
        ("no pointer", "v2"),
    ],
)
def test_a_damaged_pointer_falls_back_with_a_warning(
    two_versions: KnowledgeStore,
    data_dir: Path,
    clock: FixedClock,
    damage: str,
    expected: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    root = data_dir / "knowledge"
    if damage == "garbage":
        (root / "LIVE").write_bytes(b"\xff\x00nonsense")
    elif damage == "missing target":
        (root / "LIVE").write_text("0042\n")
    elif damage == "broken target":
        (root / "versions" / "0002" / "projects.yaml").write_bytes(b"projects: [\n")
    else:
        (root / "LIVE").unlink()
    with caplog.at_level(logging.WARNING, logger="bot.kb.store"):
        kb = load_live(data_dir)
    assert kb.version == expected
    assert any("falling back" in record.getMessage() for record in caplog.records)
    assert KnowledgeStore(data_dir, clock).live_version() == expected


def test_after_rolling_back_to_v0_a_damaged_pointer_keeps_v0(
    two_versions: KnowledgeStore, data_dir: Path, clock: FixedClock
) -> None:
    two_versions.rollback(Author("cli:a"))
    two_versions.rollback(Author("cli:a"))
    (data_dir / "knowledge" / "LIVE").write_text("rubbish")
    assert KnowledgeStore(data_dir, clock).live_version() == "v0"


def test_an_unreadable_history_line_is_skipped(
    two_versions: KnowledgeStore, data_dir: Path
) -> None:
    with (data_dir / "knowledge" / "history.jsonl").open("ab") as out:
        out.write(b'{"version": \n[1, 2]\n')
    assert [e.version for e in two_versions.history()] == ["v1", "v2"]
    assert two_versions.rollback(Author("cli:a")).version == "v1"


def test_a_removed_project_is_gone_from_the_live_set(
    store: KnowledgeStore, kb: KnowledgeBase
) -> None:
    content = remove_project(shipped_text("projects.yaml"), "lehrerexkursionen").encode()
    applied = put(store, "projects.yaml", content, "cli:a")
    assert applied.plan is not None and applied.plan.change is not None
    assert applied.plan.change.sections[0].removed == ("lehrerexkursionen",)
    assert store.live().counts()["projects"] == kb.counts()["projects"] - 1


def test_a_refused_upload_does_not_even_create_the_data_directory(
    store: KnowledgeStore, data_dir: Path
) -> None:
    for name, content, _ in HOSTILE.values():
        assert not put(store, name, content, "telegram:666").ok
    content = replace(shipped_text("projects.yaml"), "[holzminden]", "[holzmindn]").encode()
    assert not put(store, "projects.yaml", content, "telegram:666").ok
    assert not data_dir.exists()


def test_an_unwritable_data_directory_is_refused_clearly(tmp_path: Path) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data directory should be")
    store = KnowledgeStore(blocked, FixedClock(START))
    assert store.live_version() == "v0"
    applied = put(store, "projects.yaml", edited_projects(), "cli:anna")
    assert not applied.ok and applied.version == "v0"
    assert "could not be saved" in report.describe_applied(applied, "en")
    rolled = store.rollback(Author("cli:anna"))
    assert not rolled.ok and "could not be saved" in report.describe_applied(rolled, "en")
    assert blocked.read_text() == "a file where the data directory should be"


def test_a_damaged_shipped_snapshot_falls_back_to_the_package(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    crashing = KnowledgeStore(data_dir, clock)
    _cut_power_before_switch(crashing, monkeypatch)
    with pytest.raises(_PowerCut):
        put(crashing, "projects.yaml", retitled_projects("Eins"), "cli:a")
    (data_dir / "knowledge" / "versions" / "0000" / "rules.yaml").unlink()
    assert load_live(data_dir).version == "v0"
    assert KnowledgeStore(data_dir, clock).live_files()["rules.yaml"] == shipped("rules.yaml")


def test_an_applied_version_carries_its_day_for_the_stand_the_summary_names(
    store: KnowledgeStore, data_dir: Path, clock: FixedClock
) -> None:
    """#15: "Stand der Wissensbasis: v1 vom 01.03.2025" – the day the version was applied, read
    back after a restart; the shipped set has none (it is not given an invented one)."""
    assert store.live().version_day is None
    clock.set(START + timedelta(days=3))
    assert put(store, "projects.yaml", edited_projects(), "cli:anna").ok
    assert store.live().version == "v1"
    assert store.live().version_day == (START + timedelta(days=3)).date()
    assert KnowledgeStore(data_dir, clock).live().version_day == (START + timedelta(days=3)).date()
