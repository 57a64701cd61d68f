"""`python -m bot kb check [DIR]`: validate a set of knowledge files as staff would fix them."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KbError, KnowledgeError, load_directory
from bot.texts.catalog import Language, Msg, render


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
    lines = [render(Msg("kb.report.failed", {"count": len(error.errors)}), language)]
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
