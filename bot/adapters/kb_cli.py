"""`python -m bot kb check|apply|history|rollback|export`: the knowledge base for staff.

The reports are `bot/kb/report.py`'s, the same the Telegram staff commands show.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import TextIO

from bot.kb.loader import KbError, KnowledgeError, load_directory
from bot.kb.report import (
    describe_applied,
    describe_failure,
    describe_history,
    describe_plan,
    describe_summary,
)
from bot.kb.store import (
    MAX_UPLOAD_BYTES,
    KnowledgeStore,
    check_upload,
)
from bot.texts.catalog import Language, Msg, render


def check(directory: Path, out: TextIO, language: Language = "de") -> int:
    try:
        kb = load_directory(directory, version=str(directory))
    except KnowledgeError as error:
        out.write(describe_failure(error, language) + "\n")
        return 1
    out.write(describe_summary(kb, language) + "\n")
    return 0


# --- apply, history, rollback, export ---------------------------------------------------------


def cli_user() -> str:
    """Who runs the command, for the history: `cli:<login name>`."""
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


def read_upload(path: Path) -> tuple[bytes | None, list[KbError]]:
    """A file to apply, read at most up to the size limit (content, or the problems)."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        errors = check_upload(path.name, size)
        if errors:
            return None, errors
        return handle.read(MAX_UPLOAD_BYTES + 1), []


def apply(
    store: KnowledgeStore,
    path: Path,
    out: TextIO,
    language: Language = "de",
    *,
    dry_run: bool = False,
    who: str | None = None,
) -> int:
    try:
        content, errors = read_upload(path)
    except OSError as error:
        detail = error.strerror or type(error).__name__
        out.write(
            render(Msg("kb.upload.unreadable", {"path": str(path), "detail": detail}), language)
            + "\n"
        )
        return 1
    if content is None:
        out.write(describe_failure(KnowledgeError(errors), language) + "\n")
        return 1
    if dry_run:
        plan = store.plan(path.name, content)
        out.write(describe_plan(plan, language) + "\n")
        return 0 if plan.ok else 1
    applied = store.apply(path.name, content, who or cli_user())
    out.write(describe_applied(applied, language) + "\n")
    return 0 if applied.ok else 1


def rollback(
    store: KnowledgeStore, out: TextIO, language: Language = "de", who: str | None = None
) -> int:
    applied = store.rollback(who or cli_user())
    out.write(describe_applied(applied, language) + "\n")
    return 0 if applied.ok else 1


def history(store: KnowledgeStore, out: TextIO, language: Language = "de") -> int:
    out.write(describe_history(store, language) + "\n")
    return 0


def export(store: KnowledgeStore, directory: Path, out: TextIO, language: Language = "de") -> int:
    """Write the live files to `directory` (created if needed), byte for byte."""
    live = store.current()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, content in live.files.items():
            (directory / name).write_bytes(content)
    except OSError as error:
        detail = error.strerror or type(error).__name__
        failed = Msg("kb.export.failed", {"directory": str(directory), "detail": detail})
        out.write(render(failed, language) + "\n")
        return 1
    done = Msg(
        "kb.export.done",
        {"count": len(live.files), "version": live.version, "directory": str(directory)},
    )
    out.write(render(done, language) + "\n")
    return 0
