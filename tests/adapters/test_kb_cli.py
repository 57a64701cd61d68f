"""`python -m bot kb apply|history|rollback|export` as staff run it: exit codes, no tracebacks,
German by default and English on request."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

from bot.kb.models import KNOWLEDGE_FILES
from bot.kb.stamp import with_stamp
from tests.kb.edits import disk, edited_projects, replace, shipped, shipped_text


def _bot(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BOT_DATA_DIR": str(data_dir)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", "kb", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def _no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr


def test_dry_run_then_apply_then_history_rollback_and_export(tmp_path: Path) -> None:
    data = tmp_path / "data"
    upload = tmp_path / "upload" / "projects.yaml"
    upload.parent.mkdir()
    upload.write_bytes(edited_projects())

    dry = _bot(data, "apply", str(upload), "--dry-run")
    _no_traceback(dry)
    assert dry.returncode == 0
    assert "Probelauf: projects.yaml gegen die Live-Version v0" in dry.stdout
    assert "+ Projekt „Pflegelotsen (Test)“ hinzugefügt" in dry.stdout
    assert "~ Projekt „Lehrerexkursionen 2025“: Titel „Lehrerexkursionen“ →" in dry.stdout
    assert "− Projekt „Schulberufslotsen“ entfernt" in dry.stdout
    assert disk(data) == {} and not data.exists()

    # A file without a version line is shown, not applied: the author confirms the base.
    unconfirmed = _bot(data, "apply", str(upload), "--lang", "en")
    _no_traceback(unconfirmed)
    assert unconfirmed.returncode == 1
    assert "+ project “Pflegelotsen (Test)” added" in unconfirmed.stdout
    assert f"python -m bot kb apply {upload} --based-on v0" in unconfirmed.stdout
    assert not data.exists()

    applied = _bot(data, "apply", str(upload), "--based-on", "v0", "--lang", "en")
    _no_traceback(applied)
    assert applied.returncode == 0
    assert "projects.yaml applied: v1 is live now (before: v0)." in applied.stdout
    assert (data / "knowledge" / "LIVE").read_text() == "0001\n"

    history = _bot(data, "history")
    assert history.returncode == 0
    assert "Live: v1 (seit " in history.stdout and "cli:" in history.stdout
    assert "projects.yaml: + Pflegelotsen (Test), ~ Lehrerexkursionen 2025 (Titel)" in (
        history.stdout
    )

    export = _bot(data, "export", str(tmp_path / "out"))
    assert export.returncode == 0, export.stdout
    exported = (tmp_path / "out" / "projects.yaml").read_bytes()
    assert exported == with_stamp(edited_projects(), "v1")
    assert {p.name for p in (tmp_path / "out").iterdir()} == set(KNOWLEDGE_FILES)

    # The exported file names its version: applied without further ado.
    (tmp_path / "out" / "projects.yaml").write_bytes(exported.replace(b"2025\n", b"2026\n", 1))
    again = _bot(data, "apply", str(tmp_path / "out" / "projects.yaml"))
    assert again.returncode == 0 and "v2 ist jetzt live (vorher v1)" in again.stdout
    assert "Titel „Lehrerexkursionen 2025“ → „Lehrerexkursionen 2026“" in again.stdout
    back = _bot(data, "rollback", "--lang", "en")
    assert back.returncode == 0 and "Rolled back: v1 is live again" in back.stdout

    back = _bot(data, "rollback", "--lang", "en")
    assert back.returncode == 0 and "Rolled back: v0 is live again" in back.stdout
    refused = _bot(data, "rollback")
    _no_traceback(refused)
    assert refused.returncode == 1 and "Nichts zurückzurollen" in refused.stdout

    _bot(data, "export", str(tmp_path / "out"))
    assert (tmp_path / "out" / "projects.yaml").read_bytes() == with_stamp(
        shipped("projects.yaml"), "v0"
    )


def test_a_file_name_close_to_a_known_one_is_recognised_and_applied_with_as(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    upload = tmp_path / "Projekte neu.yaml"
    upload.write_bytes(with_stamp(edited_projects(), "v0"))
    shown = _bot(data, "apply", str(upload))
    _no_traceback(shown)
    assert shown.returncode == 1 and not data.exists()
    assert "„Projekte neu.yaml“ wird als projects.yaml verstanden" in shown.stdout
    assert f"python -m bot kb apply {shlex.quote(str(upload))} --as projects.yaml" in shown.stdout
    applied = _bot(data, "apply", str(upload), "--as", "projects.yaml")
    assert applied.returncode == 0 and "v1 ist jetzt live" in applied.stdout


def test_the_hint_for_a_near_name_without_a_version_is_one_command_that_applies_it(
    tmp_path: Path,
) -> None:
    """Followed as printed (copied into a shell), the hint applies the file: it names the file
    it was taken as and the version it was compared with, and quotes the path's space."""
    data = tmp_path / "data"
    upload = tmp_path / "Projekte neu.yaml"
    upload.write_bytes(edited_projects())
    shown = _bot(data, "apply", str(upload))
    assert shown.returncode == 1 and not data.exists()
    hint = shown.stdout.rsplit("Zum Übernehmen: ", 1)[1].strip()
    words = shlex.split(hint)
    assert words[:5] == ["python", "-m", "bot", "kb", "apply"]
    assert words[5] == str(upload) and words[6:] == ["--as", "projects.yaml", "--based-on", "v0"]
    applied = _bot(data, *words[4:])
    assert applied.returncode == 0 and "v1 ist jetzt live" in applied.stdout


def test_invalid_and_unreadable_files_exit_1_and_change_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    ok = tmp_path / "projects.yaml"
    ok.write_bytes(edited_projects())
    assert _bot(data, "apply", str(ok), "--based-on", "v0").returncode == 0
    before = disk(data)

    broken = tmp_path / "broken" / "projects.yaml"
    broken.parent.mkdir()
    text = replace(shipped_text("projects.yaml"), "[holzminden]", "[nirgendwo]")
    broken.write_text(text, encoding="utf-8")
    for args in (("apply", str(broken)), ("apply", str(broken), "--dry-run")):
        result = _bot(data, *args)
        _no_traceback(result)
        assert result.returncode == 1
        assert "Wissensbasis ungültig" in result.stdout and "nirgendwo" in result.stdout
        assert "projects.yaml, Zeile" in result.stdout

    hostile = tmp_path / "target_groups.yml"
    hostile.write_bytes(b"a: !!python/object/apply:os.system ['echo pwned']\n")
    result = _bot(data, "apply", str(hostile), "--lang", "en")
    _no_traceback(result)
    assert result.returncode == 1 and "not valid YAML" in result.stdout

    for path in (tmp_path / "missing.yaml", tmp_path):
        result = _bot(data, "apply", str(path))
        _no_traceback(result)
        assert result.returncode == 1
        assert f"Die Datei {path} kann nicht gelesen werden" in result.stdout

    wrong = tmp_path / "notes.yaml"
    wrong.write_text("notes: hi\n", encoding="utf-8")
    result = _bot(data, "apply", str(wrong), "--lang", "en")
    assert result.returncode == 1 and "unknown file name" in result.stdout

    assert disk(data) == before
