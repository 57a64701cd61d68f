"""A corrupt or locked database at start-up: both entry points say so clearly and exit
non-zero, and the file is left exactly as it was (the operator may still rescue it)."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path

from bot.storage.db import Database
from bot.storage.instance import LOCK_FILE
from tests.botapi import BotApiServer
from tests.reliability.process import bot_environment

DATABASE = "foerderlotse.sqlite3"


async def run_bot(command: str, data_dir: Path, server: BotApiServer) -> tuple[int, str]:
    """`python -m bot <command>`; the terminal chat gets an answer on stdin."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        command,
        cwd=data_dir.parent,
        env=bot_environment(data_dir, server if command == "telegram" else None),
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate(b"Hameln\n")
    assert process.returncode is not None
    return process.returncode, output.decode(errors="replace")


async def real_database(path: Path) -> None:
    """A database as the bot leaves it, with a sponsor in it."""
    database = await Database.open(path)
    async with database.transaction() as connection:
        await connection.execute(
            "INSERT INTO users (id, language, created_at, updated_at) VALUES (1, 'de', '', '')"
        )
    await database.close()


def files(directory: Path) -> dict[str, bytes]:
    """The directory's files, but the bot's lock file (empty until a bot holds it)."""
    return {
        item.name: item.read_bytes()
        for item in sorted(directory.iterdir())
        if item.name != LOCK_FILE
    }


async def test_a_corrupt_database_is_refused_and_left_as_it_was(
    tmp_path: Path, server: BotApiServer
) -> None:
    await real_database(tmp_path / "valid.sqlite3")
    valid = files(tmp_path)["valid.sqlite3"]
    corrupt = {
        "garbage": bytes(range(256)) * 64,
        "truncated": valid[: len(valid) // 2 + 100],
        "not sqlite": "Förderlotse: keine Datenbank, sondern Text.\n".encode() * 50,
        "damaged pages": valid[:4096] + b"\xff" * (len(valid) - 4096),
    }
    cases: list[tuple[str, str, Path]] = []
    # Both entry points share the opening code: the terminal gets two of the kinds.
    commands = {"telegram": list(corrupt), "chat": ["garbage", "truncated"]}
    for command, kinds in commands.items():
        for kind in kinds:
            content = corrupt[kind]
            data_dir = tmp_path / f"{kind}-{command}".replace(" ", "-") / "data"
            data_dir.mkdir(parents=True)
            (data_dir / DATABASE).write_bytes(content)
            cases.append((kind, command, data_dir))
    # in parallel: most of each run is starting the interpreter
    results = await asyncio.gather(*(run_bot(c, d, server) for _, c, d in cases))
    for (kind, command, data_dir), (code, output) in zip(cases, results, strict=True):
        case = f"{command} with a {kind} database:\n{output}"
        assert code == 1, case
        assert "damaged or not a database" in output and "Nothing was changed" in output, case
        assert "Traceback" not in output, case
        assert files(data_dir) == {DATABASE: corrupt[kind]}, case
    assert not server.requests, "the bot must stop before it talks to Telegram"


async def test_a_locked_database_is_refused_and_left_as_it_was(
    tmp_path: Path, server: BotApiServer
) -> None:
    """Another process (a second bot, a backup tool) holds the write lock."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    await real_database(data_dir / DATABASE)
    before = files(data_dir)
    holder = sqlite3.connect(data_dir / DATABASE, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        # No reading of the file meanwhile: closing any descriptor of it in this process would
        # release the holder's POSIX locks.
        # One after the other: side by side, the second would meet the first's instance
        # lock (tests/reliability/test_one_instance.py) before the database.
        results = [await run_bot(command, data_dir, server) for command in ("telegram", "chat")]
    finally:
        holder.close()  # checkpoints the WAL: whatever the bot wrote would show in the file
    for command, (code, output) in zip(("telegram", "chat"), results, strict=True):
        case = f"{command} with a locked database:\n{output}"
        assert code == 1, case
        assert "is locked by another process" in output, case
        assert "Traceback" not in output, case
    assert files(data_dir) == before
    assert not server.requests
