"""Knowledge-base reports as plain text in the reader's language: a check's errors, a dry
run's changes, an apply or roll-back, the version history. Shared by `python -m bot kb ...` and
staff's commands in the chat, so both say the same.
"""

from __future__ import annotations

from bot.kb.diff import Change, EntryChange
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KbError, KnowledgeError
from bot.kb.store import Applied, HistoryEntry, KnowledgeStore, Plan
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
