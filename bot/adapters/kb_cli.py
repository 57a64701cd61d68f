"""`python -m bot kb check|apply|history|rollback|export`: the knowledge base for staff.

The `describe_*` functions render plain text in a language; the Telegram staff commands use
them too.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import TextIO

from bot.kb.diff import Change, EntryChange
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KbError, KnowledgeError, load_directory
from bot.kb.store import (
    MAX_UPLOAD_BYTES,
    Applied,
    HistoryEntry,
    KnowledgeStore,
    Plan,
    check_upload,
)
from bot.texts.catalog import Language, Msg, Param, render
from bot.texts.formats import Count


def describe_error(error: KbError, language: Language) -> str:
    where = (
        Msg("kb.report.where", {"file": error.file, "line": error.line})
        if error.line
        else Msg("kb.report.where_no_line", {"file": error.file})
    )
    parts = [render(where, language)]
    if error.entry:
        parts.append(render(Msg("kb.report.entry", {"entry": error.entry}), language))
    if error.field:
        parts.append(render(Msg("kb.report.field", {"field": error.field}), language))
    return " – ".join(parts) + ": " + render(error.message, language)


def describe_summary(kb: KnowledgeBase, language: Language) -> str:
    return "\n".join(
        (
            render(Msg("kb.report.ok", {"version": kb.version}), language),
            render(Msg("kb.report.counts", dict(kb.counts())), language),
        )
    )


def describe_failure(error: KnowledgeError, language: Language) -> str:
    lines = [
        render(Msg("kb.report.failed", {"count": Count(len(error.errors), "problems")}), language)
    ]
    lines += [f"- {describe_error(problem, language)}" for problem in error.errors]
    return "\n".join(lines)


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


def describe_change(change: Change, language: Language) -> str:
    lines: list[str] = []
    for section in change.sections:
        lines.append(
            render(
                Msg("kb.diff.section", {"file": section.file, "section": section.section}), language
            )
        )
        if section.added:
            entries = ", ".join(section.added)
            lines.append("  + " + render(Msg("kb.diff.added", {"entries": entries}), language))
        if section.changed:
            entries = ", ".join(_changed_entry(c, language) for c in section.changed)
            lines.append("  ~ " + render(Msg("kb.diff.changed", {"entries": entries}), language))
        if section.removed:
            entries = ", ".join(section.removed)
            lines.append("  - " + render(Msg("kb.diff.removed", {"entries": entries}), language))
    return "\n".join(lines)


def _changed_entry(change: EntryChange, language: Language) -> str:
    fields = ", ".join(change.fields)
    if change.entry is None:
        return fields or render(Msg("kb.diff.value_changed"), language)
    if not fields:
        return change.entry
    return render(Msg("kb.diff.entry_fields", {"entry": change.entry, "fields": fields}), language)


def _counts(change: Change) -> Msg:
    return Msg("kb.diff.counts", dict(change.counts()))


def describe_plan(plan: Plan, language: Language) -> str:
    """A dry run: the errors, or what the file would add, change and remove."""
    if not plan.ok:
        return describe_failure(KnowledgeError(list(plan.errors)), language)
    if plan.identical:
        return render(
            Msg("kb.apply.identical", {"file": plan.file, "version": plan.base}), language
        )
    assert plan.change is not None and plan.kb is not None
    lines = [render(Msg("kb.apply.dry_run", {"file": plan.file, "base": plan.base}), language)]
    lines.append(_describe_content(plan.change, language))
    lines.append(render(Msg("kb.apply.would_be_valid"), language))
    lines.append(render(Msg("kb.report.counts", dict(plan.kb.counts())), language))
    return "\n".join(lines)


def _describe_content(change: Change, language: Language) -> str:
    if change.empty:
        return render(Msg("kb.apply.no_content_change"), language)
    return describe_change(change, language)


def describe_applied(applied: Applied, language: Language) -> str:
    """The answer to an apply or a rollback."""
    lines: list[str] = []
    if applied.errors:
        lines.append(describe_failure(KnowledgeError(list(applied.errors)), language))
    if applied.refusal is not None:
        lines.append(render(applied.refusal, language))
    if lines:
        return "\n".join(lines)
    entry = applied.entry
    if entry is None:
        plan = applied.plan
        file = plan.file if plan else ""
        return render(
            Msg("kb.apply.identical", {"file": file, "version": applied.version}), language
        )
    key = "kb.rollback.done" if entry.rollback else "kb.apply.done"
    params = {"file": entry.file or "", "version": entry.version, "previous": entry.parent}
    return "\n".join(
        (_describe_content(entry.change, language), render(Msg(key, params), language))
    )


def describe_entry(entry: HistoryEntry, language: Language) -> str:
    params: dict[str, Param] = {
        "version": entry.version,
        "parent": entry.parent,
        "when": entry.when,
        "who": entry.who,
    }
    if entry.rollback:
        return render(Msg("kb.history.rollback", params), language)
    params |= {"file": entry.file or "", "counts": _counts(entry.change)}
    return render(Msg("kb.history.apply", params), language)


def describe_version(store: KnowledgeStore, language: Language) -> str:
    """The live version and who made it live when (for /kb_version)."""
    version = store.live_version()
    entry = store.made_live_by(version)
    if entry is None:
        return render(Msg("kb.history.live", {"version": version}), language)
    params = {"version": version, "when": entry.when, "who": entry.who}
    return render(Msg("kb.history.live_since", params), language)


def describe_history(store: KnowledgeStore, language: Language, limit: int | None = None) -> str:
    """The live version, then the history newest first (at most `limit` entries)."""
    entries = store.history()[::-1]
    lines = [describe_version(store, language)]
    if not entries:
        lines.append(render(Msg("kb.history.empty"), language))
    lines += [describe_entry(entry, language) for entry in entries[:limit]]
    return "\n".join(lines)


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
