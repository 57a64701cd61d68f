"""`python -m bot kb check|apply|history|rollback|export`: the knowledge base for staff.

The reports are `bot/kb/report.py`'s, the same the Telegram staff commands show.
"""

from __future__ import annotations

import getpass
import os
import shlex
from pathlib import Path
from typing import TextIO

from bot.advice.keywords import Unmatchable, unmatchable
from bot.advice.matching import vocabulary_of
from bot.advice.theme_groups import stray_themes
from bot.kb import theme_groups
from bot.kb.intake import target_of
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KbError, KnowledgeError, load_directory
from bot.kb.report import (
    describe_applied,
    describe_failure,
    describe_history,
    describe_plan,
    describe_summary,
    describe_warnings,
)
from bot.kb.stamp import read_stamp
from bot.kb.store import (
    MAX_UPLOAD_BYTES,
    Author,
    FileUpload,
    KnowledgeStore,
    check_upload,
    upload_name,
)
from bot.kb.theme_groups import StrayTheme
from bot.kb.verify import unverified
from bot.texts.catalog import Language, Msg, render


def check(directory: Path, out: TextIO, language: Language = "de") -> int:
    """Errors fail the check; entries still marked as unverified are warnings (exit code 0)."""
    try:
        kb = load_directory(directory, version=str(directory))
    except KnowledgeError as error:
        out.write(describe_failure(error, language) + "\n")
        return 1
    out.write(describe_summary(kb, language) + "\n")
    warnings = describe_warnings(unverified(kb), language)
    if warnings:
        out.write(warnings + "\n")
    # The vocabulary is all the keyword and theme checks read: the matcher's other parts
    # (sub-goals, look-alikes) took most of the time and check nothing.
    vocabulary = vocabulary_of(kb)
    lost = unmatchable(kb, vocabulary)
    if lost:
        out.write(describe_unmatchable(lost, language) + "\n")
    strays = stray_themes(kb, vocabulary)
    if strays:
        out.write(describe_stray_themes(kb, strays, language) + "\n")
    return 0


def describe_unmatchable(found: list[Unmatchable], language: Language) -> str:
    """Keywords no text can match: warnings, since the rest of the vocabulary works."""
    lines = [render(Msg("kb.warn.unmatchable_title", {"count": len(found)}), language)]
    for item in found:
        params = {"keyword": item.keyword, "file": item.file, "entry": item.entry}
        lines.append(render(Msg("kb.warn.unmatchable", params), language))
    return "\n".join(lines)


def describe_stray_themes(kb: KnowledgeBase, found: list[StrayTheme], language: Language) -> str:
    """Themes naming people their project does not serve: warnings, since a knowledge base
    with them works (a staff change that brings a new one is refused)."""
    lines = [render(Msg("kb.warn.stray_themes_title", {"count": len(found)}), language)]
    lines += [
        render(Msg("kb.warn.stray_theme", theme_groups.params(kb, stray)), language)
        for stray in found
    ]
    return "\n".join(lines)


# --- apply, history, rollback, export ---------------------------------------------------------


def cli_user() -> str:
    """Who runs the command, for the history: `cli:<login name>`."""
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


def read_upload(path: Path, name: str) -> tuple[bytes | None, list[KbError]]:
    """A file to apply, read at most up to the size limit (content, or the problems)."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        errors = check_upload(name, size)
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
    based_on: str | None = None,
    as_name: str | None = None,
) -> int:
    """Apply a file on the version it names (its version line, or `based_on`).

    A file that names no version is only shown against the live version: applying it needs
    `--based-on` with that version, the confirmation that its changes are meant. A name that is
    not exactly a knowledge file's is only recognised: applying needs `--as`.
    """
    name = as_name or path.name
    try:
        raw = path.read_bytes()[: MAX_UPLOAD_BYTES + 1] if upload_name(name) is None else b""
        target, guessed = target_of(name, raw) if raw else (upload_name(name), False)
        content, errors = read_upload(path, target or name)
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
    upload = FileUpload(target or name, content)
    base = based_on or read_stamp(content)
    plan = store.plan(upload, base)
    if dry_run or not plan.ok or plan.identical or guessed or base is None:
        out.write(describe_plan(plan, language) + "\n")
        if dry_run or not plan.ok or plan.identical:
            return 0 if plan.ok else 1
        # One command that applies it as shown: the file it was taken as and, without a
        # version line, the live version it was compared with (both, so that following the
        # hint never leads to the other hint); the path quoted for the shell.
        command = ["python", "-m", "bot", "kb", "apply", str(path)]
        if plan.file != path.name:
            command += ["--as", plan.file]
        if base is None:
            command += ["--based-on", plan.live]
        params = {"sent": path.name, "file": plan.file, "command": shlex.join(command)}
        key = "kb.pending.cli_guessed" if guessed else "kb.pending.cli_unversioned"
        out.write(render(Msg(key, params), language) + "\n")
        return 1
    applied = store.apply(upload, based_on=base, author=Author(who or cli_user()))
    out.write(describe_applied(applied, language) + "\n")
    return 0 if applied.ok else 1


def rollback(
    store: KnowledgeStore, out: TextIO, language: Language = "de", who: str | None = None
) -> int:
    applied = store.rollback(Author(who or cli_user()))
    out.write(describe_applied(applied, language) + "\n")
    return 0 if applied.ok else 1


def history(store: KnowledgeStore, out: TextIO, language: Language = "de") -> int:
    out.write(describe_history(store, language) + "\n")
    return 0


def export(store: KnowledgeStore, directory: Path, out: TextIO, language: Language = "de") -> int:
    """Write the live files to `directory` (created if needed), each with its version line."""
    version, files = store.exported_files()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (directory / name).write_bytes(content)
    except OSError as error:
        detail = error.strerror or type(error).__name__
        failed = Msg("kb.export.failed", {"directory": str(directory), "detail": detail})
        out.write(render(failed, language) + "\n")
        return 1
    done = Msg(
        "kb.export.done",
        {"count": len(files), "version": version, "directory": str(directory)},
    )
    out.write(render(done, language) + "\n")
    return 0
