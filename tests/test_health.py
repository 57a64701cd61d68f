"""The heartbeat and `python -m bot health` (Docker's HEALTHCHECK): fresh is healthy, stale,
missing or garbled is not; time is the injected clock's. That the real polling process writes
the heartbeat is tested in tests/telegram/test_process.py."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.clock import FixedClock
from bot.health import BEAT_EVERY, HEARTBEAT_FILE, MAX_AGE, Heartbeat, check

NOW = datetime(2026, 11, 25, 9, 0)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


def test_a_fresh_heartbeat_is_healthy(tmp_path: Path, clock: FixedClock) -> None:
    Heartbeat(tmp_path, clock).beat()
    clock.advance(timedelta(seconds=MAX_AGE))
    health = check(tmp_path, clock)
    assert health.healthy, health.message
    assert "90 s ago" in health.message


def test_a_stale_heartbeat_is_not(tmp_path: Path, clock: FixedClock) -> None:
    Heartbeat(tmp_path, clock).beat()
    clock.advance(timedelta(seconds=MAX_AGE + 1))
    health = check(tmp_path, clock)
    assert not health.healthy
    assert "91 s ago" in health.message
    assert check(tmp_path, clock, max_age=120).healthy


def test_no_heartbeat_is_not_healthy(tmp_path: Path, clock: FixedClock) -> None:
    health = check(tmp_path, clock)
    assert not health.healthy and "no heartbeat" in health.message


@pytest.mark.parametrize("content", ["", "soon", "\udcff"])
def test_a_garbled_heartbeat_is_not_healthy(
    tmp_path: Path, clock: FixedClock, content: str
) -> None:
    (tmp_path / HEARTBEAT_FILE).write_text(content, errors="surrogateescape")
    assert not check(tmp_path, clock).healthy


def test_beats_are_written_at_most_every_few_seconds(tmp_path: Path, clock: FixedClock) -> None:
    heartbeat = Heartbeat(tmp_path, clock)
    heartbeat.beat()
    written = (tmp_path / HEARTBEAT_FILE).read_text()
    clock.advance(timedelta(seconds=BEAT_EVERY - 1))
    heartbeat.beat()  # hundreds of polls a second under load: not a write each
    assert (tmp_path / HEARTBEAT_FILE).read_text() == written
    clock.advance(timedelta(seconds=1))
    heartbeat.beat()
    assert (tmp_path / HEARTBEAT_FILE).read_text() != written
    assert [p.name for p in tmp_path.iterdir()] == [HEARTBEAT_FILE]  # no partial file left


def test_a_stopped_bot_is_unhealthy_at_once(tmp_path: Path, clock: FixedClock) -> None:
    heartbeat = Heartbeat(tmp_path, clock)
    heartbeat.beat()
    heartbeat.stop()
    assert not check(tmp_path, clock).healthy
    heartbeat.beat()  # started again
    assert check(tmp_path, clock).healthy


def test_a_heartbeat_that_cannot_be_written_does_not_stop_the_bot(
    tmp_path: Path, clock: FixedClock
) -> None:
    Heartbeat(tmp_path / "gone", clock).beat()  # logged; the check says unhealthy
    assert not check(tmp_path / "gone", clock).healthy


def test_the_command_exits_1_when_the_heartbeat_is_missing_or_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    assert main(["health"]) == 1
    assert "no heartbeat" in capsys.readouterr().err
    Heartbeat(tmp_path, FixedClock(datetime(2020, 1, 1))).beat()
    assert main(["health"]) == 1
    assert "unhealthy: last heartbeat" in capsys.readouterr().err
