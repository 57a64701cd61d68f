"""Knowledge-base reports as plain text in the reader's language: a check's errors and
warnings, a dry run's changes, an apply, a merge or its refusal, an upload waiting for
confirmation, a roll-back, the version history. Shared by `python -m bot kb ...` and staff's
commands in the chat, so both say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.kb.diff import Change, EntryChange, FieldChange, SectionChange
from bot.kb.intake import Received
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KbError, KnowledgeError
from bot.kb.nouns import Noun
from bot.kb.store import Applied, Conflict, HistoryEntry, KnowledgeStore, Plan
from bot.kb.verify import Unverified
from bot.texts.catalog import Escape, Language, Msg, Param, render, verbatim
from bot.texts.formats import Count, Day, format_day

CHANGES_SHOWN = 40
"""Changes listed in one report; a file rewritten from scratch must not become a wall of text."""
SUMMARY_ITEMS = 3
"""Entries named in a history line."""
WARNED_BY_NAME = 4
"""Entries named in a warning about a source still to be checked (the rest are counted)."""


@dataclass(frozen=True)
class When:
    """A history timestamp (ISO 8601, UTC) as the language writes it."""

    iso: str

    def localize(self, language: Language, escape: Escape = verbatim) -> str:
        try:
            moment = datetime.fromisoformat(self.iso)
        except ValueError:
            return escape(self.iso)
        day = format_day(moment.date(), language)
        return render(Msg("kb.when", {"day": day, "time": f"{moment:%H:%M}"}), language, escape)


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


def describe_warnings(found: list[Unverified], language: Language) -> str:
    """Entries still marked as unverified (`kb check`): warnings, not errors. Municipality
    lists one by one; entries whose source says "zu prüfen" grouped by that source."""
    if not found:
        return ""
    count = Count(len(found), "kb_entries")
    lines = [render(Msg("kb.warn.title", {"count": count}), language)]
    groups: dict[tuple[str, str, str], list[str]] = {}
    for item in found:
        if item.municipalities:
            params: dict[str, Param] = {
                "file": item.file,
                "name": item.label,
                "source": item.source or "–",
            }
            if item.undated:
                lines.append(render(Msg("kb.warn.municipalities_undated", params), language))
                continue
            # the day it was compared with its source, or that none is given (issue 17, 4)
            checked: Msg = (
                Msg("kb.warn.checked", {"day": Day(item.checked)})
                if item.checked is not None
                else Msg("kb.warn.no_day")
            )
            line = Msg("kb.warn.municipalities", params)
            lines.append(f"{render(line, language)} · {render(checked, language)}")
        else:
            groups.setdefault((item.file, item.section, item.source or "–"), []).append(item.label)
    for (file, section, source), labels in groups.items():
        shown = ", ".join(labels[:WARNED_BY_NAME])
        if len(labels) > WARNED_BY_NAME:
            rest = len(labels) - WARNED_BY_NAME
            shown += " " + render(Msg("kb.change.summary_more", {"count": rest}), language)
        params = {
            "noun": Noun("noun", section),
            "file": file,
            "count": Count(len(labels), "kb_entries"),
            "labels": shown,
            "source": source,
        }
        lines.append(render(Msg("kb.warn.sources", params), language))
    return "\n".join(lines)


def describe_failure(error: KnowledgeError, language: Language) -> str:
    lines = [
        render(Msg("kb.report.failed", {"count": Count(len(error.errors), "problems")}), language)
    ]
    lines += [f"- {describe_error(problem, language)}" for problem in error.errors]
    return "\n".join(lines)


# --- changes ------------------------------------------------------------------------------------


def _value(change: FieldChange, language: Language) -> str:
    field = Noun("field_name", change.field)
    if change.is_list:
        items = [f"+ {item}" for item in change.added] + [f"− {item}" for item in change.removed]
        return render(Msg("kb.change.list", {"field": field, "items": ", ".join(items)}), language)
    if change.before is not None and change.after is not None:
        params: dict[str, Param] = {"field": field, "before": change.before, "after": change.after}
        return render(Msg("kb.change.value", params), language)
    if change.after is not None:
        return render(Msg("kb.change.value_set", {"field": field, "after": change.after}), language)
    if change.before is not None:
        params = {"field": field, "before": change.before}
        return render(Msg("kb.change.value_cleared", params), language)
    return render(Msg("kb.change.value_other", {"field": field}), language)


def _label(key: str, label: str, language: Language) -> str:
    """A nested entry (`region-hannover/Neustadtdorf`) with the entry it belongs to."""
    parent, slash, _ = key.rpartition("/")
    if not slash:
        return label
    return render(Msg("kb.change.in_parent", {"label": label, "parent": parent}), language)


def _entry_changes(section: SectionChange, change: EntryChange, language: Language) -> str:
    values = change.values or tuple(FieldChange(name) for name in change.fields)
    changes = "; ".join(_value(value, language) for value in values)
    noun = Noun("noun", section.section)
    if change.entry is None:
        return render(Msg("kb.change.changed_whole", {"noun": noun, "changes": changes}), language)
    label = _label(change.entry, change.label or change.entry, language)
    params: dict[str, Param] = {"noun": noun, "label": label, "changes": changes}
    return render(Msg("kb.change.changed", params), language)


def change_lines(change: Change, language: Language) -> list[str]:
    """Every change, one line each, grouped by file."""
    lines: list[str] = []
    file = None
    for section in change.sections:
        if section.file != file:
            file = section.file
            lines.append(render(Msg("kb.change.file", {"file": file}), language))
        noun = Noun("noun", section.section)
        for key in section.added:
            label = _label(key, section.label(key), language)
            lines.append(
                "  " + render(Msg("kb.change.added", {"noun": noun, "label": label}), language)
            )
        for entry in section.changed:
            lines.append("  " + _entry_changes(section, entry, language))
        for key in section.removed:
            label = _label(key, section.label(key), language)
            lines.append(
                "  " + render(Msg("kb.change.removed", {"noun": noun, "label": label}), language)
            )
    return lines


def describe_change(change: Change, language: Language, limit: int = CHANGES_SHOWN) -> str:
    lines = change_lines(change, language)
    if len(lines) > limit:
        more = len(lines) - limit
        lines = [*lines[:limit], render(Msg("kb.change.more", {"count": more}), language)]
    return "\n".join(lines)


def summary_line(change: Change, language: Language) -> str:
    """The entries a change touched, on one line: `+ „A“, ~ „B“ (Titel), − „C“ und 2 weitere`."""
    items: list[str] = []
    for section in change.sections:
        items += [f"+ {section.label(key)}" for key in section.added]
        for entry in section.changed:
            fields = ", ".join(Noun("field_name", f).localize(language) for f in entry.fields)
            name = entry.label or entry.entry or Noun("noun", section.section).localize(language)
            items.append(f"~ {name} ({fields})" if fields else f"~ {name}")
        items += [f"− {section.label(key)}" for key in section.removed]
    if not items:
        return render(Msg("kb.change.none"), language)
    text = ", ".join(items[:SUMMARY_ITEMS])
    if len(items) > SUMMARY_ITEMS:
        more = render(
            Msg("kb.change.summary_more", {"count": len(items) - SUMMARY_ITEMS}), language
        )
        text += " " + more
    return text


def _content(change: Change, language: Language) -> str:
    if change.empty:
        return render(Msg("kb.apply.no_content_change"), language)
    return describe_change(change, language)


# --- merges and conflicts -------------------------------------------------------------------


def _by(entry: HistoryEntry) -> Msg:
    params: dict[str, Param] = {
        "version": entry.version,
        "who": entry.author.shown,
        "when": When(entry.when),
    }
    return Msg("kb.merge.conflict_by", params)


def describe_conflicts(
    plan: Plan, language: Language, intro: Msg | None = None, how: Msg | None = None
) -> str:
    """Why a change was refused: the entries colleagues changed since, by whom and when.
    A dialog words the introduction and the way on itself (it sent no file)."""
    first = intro or plan.refusal
    lines = [render(first, language)] if first else []
    for conflict in plan.conflicts:
        lines.append(_conflict(conflict, plan.base, language))
    lines.append(render(how or Msg("kb.merge.how"), language))
    return "\n".join(lines)


def _conflict(conflict: Conflict, base: str, language: Language) -> str:
    if conflict.by:
        by = "; ".join(render(_by(entry), language) for entry in conflict.by)
    else:
        by = render(Msg("kb.merge.conflict_unknown", {"base": base}), language)
    noun = Noun("noun", conflict.section)
    params: dict[str, Param] = {"noun": noun, "label": conflict.label, "by": by}
    return render(Msg("kb.merge.conflict", params), language)


def describe_since(plan: Plan, language: Language) -> str:
    """The colleagues' versions a change on an older version is merged with."""
    lines = [render(Msg("kb.merge.based_on", {"base": plan.base, "version": plan.live}), language)]
    for entry in plan.since:
        params: dict[str, Param] = {
            "version": entry.version,
            "who": entry.author.shown,
            "when": When(entry.when),
            "summary": summary_line(entry.change, language),
        }
        lines.append(render(Msg("kb.merge.since", params), language))
    return "\n".join(lines)


# --- plans, applies, roll-backs ---------------------------------------------------------------


def describe_plan(plan: Plan, language: Language) -> str:
    """A dry run: the errors, the refusal, or what the change would add, change and remove."""
    if plan.errors:
        return describe_failure(KnowledgeError(list(plan.errors)), language)
    if plan.conflicts:
        return describe_conflicts(plan, language)
    if plan.refusal is not None:
        return render(plan.refusal, language)
    if plan.identical:
        return _identical(plan, language)
    assert plan.change is not None and plan.kb is not None
    lines = [render(Msg("kb.apply.dry_run", {"file": plan.file, "base": plan.live}), language)]
    if plan.merged:
        lines.append(describe_since(plan, language))
    lines.append(_content(plan.change, language))
    lines.append(render(Msg("kb.apply.would_be_valid"), language))
    lines.append(render(Msg("kb.report.counts", dict(plan.kb.counts())), language))
    return "\n".join(lines)


def _identical(plan: Plan, language: Language) -> str:
    if plan.merged:
        return render(Msg("kb.merge.already", {"version": plan.live}), language)
    return render(Msg("kb.apply.identical", {"file": plan.file, "version": plan.live}), language)


def describe_applied(applied: Applied, language: Language) -> str:
    """The answer to an apply or a rollback."""
    plan = applied.plan
    if plan is not None and (plan.errors or plan.conflicts or plan.refusal):
        return describe_plan(plan, language)
    if applied.refusal is not None:
        return render(applied.refusal, language)
    entry = applied.entry
    if entry is None:
        if plan is not None:
            return _identical(plan, language)
        return render(Msg("kb.apply.identical", {"file": "", "version": applied.version}), language)
    key = "kb.rollback.done" if entry.rollback else "kb.apply.done"
    params = {"file": entry.file or "", "version": entry.version, "previous": entry.parent}
    lines = []
    if plan is not None and plan.merged:
        lines.append(describe_since(plan, language))
    lines += [_content(entry.change, language), render(Msg(key, params), language)]
    return "\n".join(lines)


# --- history ------------------------------------------------------------------------------------


def describe_entry(entry: HistoryEntry, language: Language) -> str:
    """One version on one line: version, time, author, file and what changed."""
    params: dict[str, Param] = {
        "version": entry.version,
        "parent": entry.parent,
        "when": When(entry.when),
        "who": entry.author.shown,
    }
    if entry.rollback:
        return render(Msg("kb.hist.rollback", params), language)
    params |= {"file": entry.file or "", "summary": summary_line(entry.change, language)}
    if entry.based_on:
        return render(Msg("kb.hist.merged", params | {"base": entry.based_on}), language)
    return render(Msg("kb.hist.apply", params), language)


def describe_version(store: KnowledgeStore, language: Language) -> str:
    """The live version and who made it live when (for /kb_version)."""
    version = store.live_version()
    entry = store.made_live_by(version)
    if entry is None:
        return render(Msg("kb.history.live", {"version": version}), language)
    params: dict[str, Param] = {
        "version": version,
        "when": When(entry.when),
        "who": entry.author.shown,
    }
    return render(Msg("kb.hist.live_since", params), language)


def describe_history(store: KnowledgeStore, language: Language, limit: int | None = None) -> str:
    """The live version, then the history newest first (at most `limit` entries)."""
    entries = store.history()[::-1]
    lines = [describe_version(store, language)]
    if not entries:
        lines.append(render(Msg("kb.history.empty"), language))
    lines += [describe_entry(entry, language) for entry in entries[:limit]]
    return "\n".join(lines)


# --- files sent in the chat -----------------------------------------------------------------


def describe_received(received: Received, language: Language) -> str:
    """What became of a sent file: applied, refused, or shown for confirmation."""
    if received.applied is not None:
        return describe_applied(received.applied, language)
    plan = received.plan
    lines: list[str] = []
    if received.guessed:
        params = {"sent": received.sent_as, "file": plan.file}
        lines.append(render(Msg("kb.pending.guessed", params), language))
    if received.pending is None or plan.change is None:
        lines.append(describe_plan(plan, language))
        return "\n".join(lines)
    if received.unversioned:
        params = {"file": plan.file, "version": plan.live}
        lines.append(render(Msg("kb.pending.unversioned", params), language))
    elif plan.merged:
        lines.append(describe_since(plan, language))
    lines.append(_content(plan.change, language))
    lines.append(render(Msg("kb.pending.question"), language))
    return "\n".join(lines)
