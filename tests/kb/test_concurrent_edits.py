"""Two staff members edit the knowledge base at the same time: each exports the files, edits
them and sends them back. Changes to different entries are merged; changes to the same entry
are refused, naming what changed in between (which entry, by whom, when) and how to go on.
A file without a version line is shown against the live version and applied only once its
author confirms, exactly as shown. All on real files in a real data directory."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.adapters import kb_cli
from bot.clock import FixedClock
from bot.kb import report
from bot.kb.intake import Received, receive
from bot.kb.stamp import read_stamp, strip_stamp
from bot.kb.store import Author, Edit, EntryEdits, KnowledgeStore
from tests.kb.edits import NEW_PROJECT, disk, remove_project, replace, shipped

# Each test applies staff's changes to whole knowledge sets (parse, verify, build the matcher's
# vocabulary): about 0.7 s of CPU a test, left to `make test` so that `make test-fast` stays
# under a minute.
pytestmark = pytest.mark.slow

ANNA = Author("telegram:101", "Anna Becker")
BEN = Author("telegram:202", "Ben Yilmaz")
START = datetime(2025, 3, 1, 9, 30)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def store(tmp_path: Path, clock: FixedClock) -> KnowledgeStore:
    return KnowledgeStore(tmp_path / "data", clock)


def export(store: KnowledgeStore, directory: Path) -> Path:
    """`python -m bot kb export` into a staff member's own folder."""
    assert kb_cli.export(store, directory, io.StringIO()) == 0
    return directory


def edit(path: Path, old: str, new: str) -> bytes:
    """Change the file on disk as an editor would, and return what would be sent."""
    path.write_text(replace(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")
    return path.read_bytes()


def send(store: KnowledgeStore, path: Path, author: Author, name: str | None = None) -> Received:
    return receive(store, name or path.name, path.read_bytes(), author)


def both(received: Received) -> str:
    return "\n".join(report.describe_received(received, lang) for lang in ("de", "en"))


# --- merged when disjoint -----------------------------------------------------------------------


def test_changes_to_different_projects_are_merged_and_nothing_is_lost(
    store: KnowledgeStore, tmp_path: Path, clock: FixedClock
) -> None:
    anna = export(store, tmp_path / "anna") / "projects.yaml"
    ben = export(store, tmp_path / "ben") / "projects.yaml"
    assert read_stamp(anna.read_bytes()) == read_stamp(ben.read_bytes()) == "v0"

    # Anna adds a project.
    anna.write_bytes(anna.read_bytes().rstrip(b"\n") + b"\n" + NEW_PROJECT.encode())
    first = send(store, anna, ANNA)
    assert first.applied is not None and first.applied.changed
    assert store.live_version() == "v1"

    # Ben, still on his export of v0, retitles another one: Anna's project stays.
    clock.advance(timedelta(minutes=20))
    edit(ben, "    title: Lehrerexkursionen\n", "    title: Lehrerexkursionen 2025\n")
    second = send(store, ben, BEN)
    assert second.applied is not None and second.applied.changed
    kb = store.live()
    assert kb.version == "v2"
    assert kb.project("pflegelotsen-test").title == "Pflegelotsen (Test)"
    assert kb.project("lehrerexkursionen").title == "Lehrerexkursionen 2025"

    text = report.describe_received(second, "de")
    assert "Ihre Datei beruht auf v0; inzwischen ist v1 live" in text
    assert "v1 von Anna Becker (telegram:101) am 01.03.2025 09:30 UTC: + Pflegelotsen (Test)" in (
        text
    )
    assert "Titel „Lehrerexkursionen“ → „Lehrerexkursionen 2025“" in text
    assert "pflegelotsen" not in text.split("bleiben erhalten:")[1].split("\n", 2)[2]

    # The merged file is the live one with Ben's entry replaced: everything else byte for byte.
    merged = store.live_files()["projects.yaml"].decode()
    expected = replace(
        strip_stamp(anna.read_bytes()).decode(),
        "    title: Lehrerexkursionen\n",
        "    title: Lehrerexkursionen 2025\n",
    )
    assert merged == expected

    [_, entry] = store.history()
    assert (entry.version, entry.parent, entry.based_on) == ("v2", "v1", "v0")
    assert (entry.who, entry.name) == ("telegram:202", "Ben Yilmaz")
    history = report.describe_history(store, "de")
    assert (
        "v2 · 01.03.2025 09:50 UTC · Ben Yilmaz (telegram:202) · projects.yaml "
        "(auf Basis von v0 zusammengeführt): ~ Lehrerexkursionen 2025 (Titel)"
    ) in history
    assert "Live: v2 (seit 01.03.2025 09:50 UTC, Ben Yilmaz (telegram:202))" in history


def test_a_colleagues_removal_and_a_new_entry_are_kept_by_an_older_file(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    ben = export(store, tmp_path / "ben") / "projects.yaml"
    anna = export(store, tmp_path / "anna") / "projects.yaml"
    anna.write_text(remove_project(anna.read_text(encoding="utf-8"), "schulberufslotsen"))
    assert send(store, anna, ANNA).applied is not None

    # Ben's old file still lists the removed project, and adds one after "care".
    text = ben.read_text(encoding="utf-8")
    care = text.index("  - id: care\n")
    after_care = text.index("\n  - id: ", care + 1) + 1
    ben.write_text(text[:after_care] + NEW_PROJECT.lstrip("\n") + "\n" + text[after_care:])
    received = send(store, ben, BEN)
    assert received.applied is not None and received.applied.changed
    kb = store.live()
    with pytest.raises(KeyError):
        kb.project("schulberufslotsen")
    ids = [project.id for project in kb.projects]
    assert ids[ids.index("care") + 1] == "pflegelotsen-test"


def test_rules_are_merged_by_top_level_key(store: KnowledgeStore, tmp_path: Path) -> None:
    anna = export(store, tmp_path / "anna") / "rules.yaml"
    ben = export(store, tmp_path / "ben") / "rules.yaml"
    carla = export(store, tmp_path / "carla") / "rules.yaml"
    edit(anna, "cost_cap_eur: 500000", "cost_cap_eur: 400000")
    assert send(store, anna, ANNA).applied is not None

    # A meeting date is another top-level key: merged.
    edit(
        ben,
        "steering_group_meetings: []",
        "steering_group_meetings:\n  - date: 12.06.2025\n    source: Koordinierungsstelle\n",
    )
    merged = send(store, ben, BEN)
    assert merged.applied is not None and merged.applied.changed
    rules = store.live().rules
    assert rules.limits.cost_cap_eur == 400000
    assert [m.date.isoformat() for m in rules.steering_group_meetings] == ["2025-06-12"]

    # Another field of `limits`: the same unit, refused.
    edit(carla, "max_duration_months: ", "max_duration_months: 1")
    refused = send(store, carla, Author("cli:carla"))
    assert refused.applied is not None and not refused.applied.ok
    assert [(c.section, c.key) for c in refused.plan.conflicts] == [("limits", None)]
    assert "~ Grenzen und Fristen" not in report.describe_received(refused, "de")
    assert "• Grenzen und Fristen „limits“ – v1 von Anna Becker" in report.describe_received(
        refused, "de"
    )


# --- refused when not ---------------------------------------------------------------------------


def test_the_same_project_changed_by_both_is_refused_naming_who_when_and_how(
    store: KnowledgeStore, tmp_path: Path, clock: FixedClock
) -> None:
    anna = export(store, tmp_path / "anna") / "projects.yaml"
    ben = export(store, tmp_path / "ben") / "projects.yaml"
    edit(anna, "    title: Lehrerexkursionen\n", "    title: Lehrerexkursionen (Anna)\n")
    assert send(store, anna, ANNA).applied is not None
    before = disk(tmp_path / "data")

    clock.advance(timedelta(hours=2))
    edit(ben, "    title: Lehrerexkursionen\n", "    title: Lehrerexkursionen (Ben)\n")
    edit(ben, "    title: CARE\n", "    title: CARE (Ben)\n")
    received = send(store, ben, BEN)
    assert received.applied is not None and not received.applied.ok
    assert not received.applied.changed and received.pending is None
    assert disk(tmp_path / "data") == before
    assert store.live().project("care").title == "CARE"  # nothing of Ben's file went live

    text = both(received)
    assert (
        "Nicht übernommen: Ihre Datei beruht auf v0, inzwischen ist v1 live, und dieselben "
        "Einträge wurden seitdem anders geändert:"
    ) in text
    assert (
        "• Projekt „Lehrerexkursionen (Anna)“ – v1 von Anna Becker (telegram:101) "
        "am 01.03.2025 09:30 UTC"
    ) in text
    assert "CARE" not in text  # the disjoint change is not a conflict
    assert "/kb_export" in text and "python -m bot kb export" in text
    assert (
        "• project “Lehrerexkursionen (Anna)” – v1 by Anna Becker (telegram:101) "
        "on 2025-03-01 09:30 UTC"
    ) in text
    assert "download the current files" in text


def test_the_same_change_on_both_sides_is_no_conflict(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    anna = export(store, tmp_path / "anna") / "projects.yaml"
    ben = export(store, tmp_path / "ben") / "projects.yaml"
    for path in (anna, ben):
        edit(path, "    title: Lehrerexkursionen\n", "    title: Lehrerexkursionen 2025\n")
    assert send(store, anna, ANNA).applied is not None
    received = send(store, ben, BEN)
    assert received.applied is not None and received.applied.ok
    assert not received.applied.changed
    assert "Ihre Änderungen sind schon live (v1)" in report.describe_received(received, "de")


# --- without a version: shown, confirmed, applied as shown ------------------------------------


def test_a_file_without_version_is_shown_in_full_and_applied_only_when_confirmed(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    anna = export(store, tmp_path / "anna") / "projects.yaml"
    anna.write_bytes(anna.read_bytes() + NEW_PROJECT.encode())
    assert send(store, anna, ANNA).applied is not None

    # Ben edits an old copy from before versions were written into files.
    old = tmp_path / "projects.yaml"
    old.write_bytes(shipped("projects.yaml"))
    edit(old, "    title: CARE\n", "    title: CARE Pflege\n")
    before = disk(tmp_path / "data" / "knowledge" / "versions")
    received = send(store, old, BEN)
    assert received.applied is None and received.pending is not None and received.unversioned
    text = report.describe_received(received, "de")
    assert "Die Datei projects.yaml nennt keine Version" in text
    assert "Verglichen mit der Live-Version v1" in text
    assert "− Projekt „Pflegelotsen (Test)“ entfernt" in text  # the full diff: Anna's project
    assert "~ Projekt „CARE Pflege“: Titel „CARE“ → „CARE Pflege“" in text
    assert text.endswith("Übernehmen?")
    assert disk(tmp_path / "data" / "knowledge" / "versions") == before
    assert store.live_version() == "v1"

    # Discarded: nothing changes, and the button cannot apply it later.
    token = received.pending.token
    assert store.discard(token)
    gone = store.confirm(token, BEN)
    assert not gone.ok and "nicht mehr zur Bestätigung" in report.describe_applied(gone, "de")
    assert store.live_version() == "v1"

    # Sent again and confirmed: exactly what was shown goes live.
    again = send(store, old, BEN)
    assert again.pending is not None
    applied = store.confirm(again.pending.token, BEN)
    assert applied.ok and applied.version == "v2"
    assert store.live_files()["projects.yaml"] == old.read_bytes()
    with pytest.raises(KeyError):
        store.live().project("pflegelotsen-test")
    assert store.pending(again.pending.token) is None


def test_a_confirmation_after_a_colleagues_change_is_merged_or_refused(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    # Ben's file without a version is shown against v0 ...
    old = tmp_path / "projects.yaml"
    old.write_bytes(shipped("projects.yaml"))
    edit(old, "    title: CARE\n", "    title: CARE Pflege\n")
    shown = send(store, old, BEN)
    assert shown.pending is not None and shown.pending.base == "v0"
    # ... then Anna applies a change to another project before Ben taps "Übernehmen".
    anna = export(store, tmp_path / "anna") / "projects.yaml"
    edit(anna, "    title: Lehrerexkursionen\n", "    title: Lehrerexkursionen 2025\n")
    assert send(store, anna, ANNA).applied is not None
    applied = store.confirm(shown.pending.token, BEN)
    assert applied.ok and applied.version == "v2"
    kb = store.live()
    assert kb.project("care").title == "CARE Pflege"
    assert kb.project("lehrerexkursionen").title == "Lehrerexkursionen 2025"

    # The same again, but Anna changes the same project: refused, and nothing changes.
    edit(old, "    title: CARE Pflege\n", "    title: CARE Nord\n")
    shown = send(store, old, BEN)
    assert shown.pending is not None and shown.pending.base == "v2"
    anna = export(store, tmp_path / "anna-again") / "projects.yaml"
    edit(anna, "    title: CARE Pflege\n", "    title: CARE Süd\n")
    assert send(store, anna, ANNA).applied is not None
    refused = store.confirm(shown.pending.token, BEN)
    assert not refused.ok and store.live().project("care").title == "CARE Süd"
    assert "Projekt „CARE Süd“ – v3 von Anna Becker" in report.describe_applied(refused, "de")


# --- a dialog's change: the same API ------------------------------------------------------------


def test_a_dialogs_entry_edits_are_merged_like_a_file(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    anna = export(store, tmp_path / "anna") / "projects.yaml"
    edit(anna, "    title: CARE\n", "    title: CARE Pflege\n")
    assert send(store, anna, ANNA).applied is not None
    live_before = store.live_files()["projects.yaml"].decode()

    project = {
        "id": "mint-mobil",
        "title": "MINT-Mobil: Technik zum Anfassen",
        "districts": ["Hameln-Pyrmont"],
        "target_groups": ["Schüler*innen"],
        "action_fields": ["I"],
        "sub_goals": ["I.6"],
        "description": "Ein Werkstattbus besucht Schulen.",
        "period": {"start_year": 2025, "end_year": 2026},
        "source": "Koordinierungsstelle, Gespräch am 15.03.2025",
    }
    change = EntryEdits(
        "projects.yaml",
        (
            Edit("projects", "mint-mobil", project, after="lehrerexkursionen"),
            Edit("projects", "schulberufslotsen", None),
        ),
    )
    applied = store.apply(change, based_on="v0", author=BEN)  # the dialog started on v0
    assert applied.ok and applied.version == "v2"
    kb = store.live()
    mint = kb.project("mint-mobil")
    assert mint.districts == ["hameln-pyrmont"] and mint.target_groups == ["schueler"]
    assert kb.project("care").title == "CARE Pflege"
    with pytest.raises(KeyError):
        kb.project("schulberufslotsen")
    ids = [p.id for p in kb.projects]
    assert ids[ids.index("lehrerexkursionen") + 1] == "mint-mobil"
    text = store.live_files()["projects.yaml"].decode()
    assert 'title: "MINT-Mobil: Technik zum Anfassen"' in text or (
        "title: 'MINT-Mobil: Technik zum Anfassen'" in text
    )
    # Only the new entry was added and the removed one cut: the rest stays as it was.
    kept = remove_project(live_before, "schulberufslotsen")
    assert re.sub(r"\n  - id: mint-mobil\n(    .*\n)+", "\n", text) == kept

    [*_, entry] = store.history()
    assert entry.based_on == "v0" and entry.name == "Ben Yilmaz"
    summary = report.describe_entry(entry, "en")
    assert "+ MINT-Mobil: Technik zum Anfassen, − Schulberufslotsen" in summary
