"""A running bot sees knowledge applied by another process, re-validating only on a change."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from bot.clock import FixedClock
from bot.kb.knowledge import KnowledgeBase
from bot.kb.live import LiveKnowledge, load_live
from bot.kb.store import Author, KnowledgeStore
from tests.kb.edits import put, retitled_projects

CLOCK = FixedClock(datetime(2025, 3, 1, 9, 30))


def test_load_live_without_a_data_directory_is_the_shipped_set(tmp_path: Path) -> None:
    kb = load_live(tmp_path / "nothing-here")
    assert kb.version == "v0" and kb.counts()["districts"] == 6
    assert not (tmp_path / "nothing-here").exists()


def test_live_knowledge_picks_up_a_change_applied_by_another_store(tmp_path: Path) -> None:
    live = LiveKnowledge(tmp_path, CLOCK)
    first = live.current()
    assert first.version == "v0" and live.version == "v0"
    assert live.current() is first  # nothing changed: the same object, no re-validation

    other = KnowledgeStore(tmp_path, CLOCK)  # e.g. `python -m bot kb apply` in another process
    assert put(other, "projects.yaml", retitled_projects("Neu"), "cli:anna").ok
    second = live.current()
    assert second.version == "v1" and live.version == "v1"
    assert second.project("lehrerexkursionen").title == "Neu"
    assert live.current() is second

    assert other.rollback(Author("cli:anna")).ok
    assert live.current().version == "v0"
    assert live.current().project("lehrerexkursionen").title == "Lehrerexkursionen"


def test_its_own_store_applies_and_is_seen_at_once(tmp_path: Path) -> None:
    live = LiveKnowledge(tmp_path, CLOCK)
    assert put(live.store, "projects.yaml", retitled_projects("Sofort"), "telegram:1").ok
    assert live.current().project("lehrerexkursionen").title == "Sofort"


def test_derived_values_are_rebuilt_only_when_the_knowledge_changes(tmp_path: Path) -> None:
    live = LiveKnowledge(tmp_path, CLOCK)
    built: list[str] = []

    def build(kb: KnowledgeBase) -> str:
        built.append(kb.version)
        return kb.project("lehrerexkursionen").title

    title = live.derived(build)
    assert title.get() == "Lehrerexkursionen"
    assert title.get() == "Lehrerexkursionen"
    put(KnowledgeStore(tmp_path, CLOCK), "projects.yaml", retitled_projects("Neu"), "cli:a")
    assert title.get() == "Neu"
    assert title.get() == "Neu"
    assert built == ["v0", "v1"]


def test_a_rollback_by_the_command_line_in_another_process_is_seen_at_once(
    tmp_path: Path,
) -> None:
    """`LIVE` is checked by its stamp (`stat`), not read on every update: a switch by another
    process, to a pointer of the same length moments after the last, must still be seen."""
    live = LiveKnowledge(tmp_path, CLOCK)
    assert live.current().version == "v0"
    other = KnowledgeStore(tmp_path, CLOCK)
    assert put(other, "projects.yaml", retitled_projects("Eins"), "cli:anna").ok
    assert put(other, "projects.yaml", retitled_projects("Zwei"), "cli:anna").ok
    assert live.current().project("lehrerexkursionen").title == "Zwei"

    env = {**os.environ, "BOT_DATA_DIR": str(tmp_path)}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "kb", "rollback"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert live.current().version == "v1"
    assert live.current().project("lehrerexkursionen").title == "Eins"


def test_a_pointer_rewritten_in_place_within_the_same_moment_is_read_again(
    tmp_path: Path,
) -> None:
    """`LIVE` changed in place, back and forth at once, is seen each time. (Our writers replace
    the file, which gives a new one; where the file system's times are coarse, such a change
    can keep the stamp, which is why a stamp younger than `_SETTLE_NS` is not trusted. This
    machine's kernel gives every change a fine time, so here the stamp alone tells.)"""
    live = LiveKnowledge(tmp_path, CLOCK)
    other = KnowledgeStore(tmp_path, CLOCK)
    assert put(other, "projects.yaml", retitled_projects("Eins"), "cli:anna").ok
    assert put(other, "projects.yaml", retitled_projects("Zwei"), "cli:anna").ok
    pointer = tmp_path / "knowledge" / "LIVE"
    text = pointer.read_text()
    assert text.strip().endswith("2")
    for number in (1, 2) * 10:
        with pointer.open("r+") as same_file:
            same_file.write(text.replace("2", str(number)))
        assert live.current().version == f"v{number}"
    assert live.current().project("lehrerexkursionen").title == "Zwei"
