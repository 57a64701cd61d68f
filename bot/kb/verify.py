"""Entries of the knowledge base still marked as unverified, for `kb check` to warn about.

Two markings are recognised: a flag `<something>_to_verify: true` (a district's
`municipalities_to_verify`, with its `municipalities_source`), and a source that says the
entry is still to be checked ("… von Mitarbeitenden zu prüfen"). A list with a source of its
own (`<something>_source`) also names the day it was compared with that source
(`<something>_checked`); one without that day is reported too. None of these makes the
knowledge base invalid: the bot works with it, staff see what to confirm.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.kb.diff import file_content
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import KNOWLEDGE_FILES
from bot.kb.units import entry_label

_TO_CHECK = ("zu prüfen", "zu pruefen", "ungeprüft", "to be checked", "to verify", "unverified")


@dataclass(frozen=True)
class Unverified:
    file: str
    section: str
    label: str
    source: str | None
    municipalities: bool = False
    """A district's list of municipalities (rather than a source marked in words)."""
    checked: date | None = None
    """The day the list was compared with its source (`municipalities_checked`); None: none
    given."""
    undated: bool = False
    """Marked as checked, but without the day it was checked on."""


def unverified(kb: KnowledgeBase) -> list[Unverified]:
    found: list[Unverified] = []
    for file in KNOWLEDGE_FILES:
        for section, value in file_content(kb, file).items():
            items = value if isinstance(value, list) else [value]
            for item in items:
                if isinstance(item, Mapping):
                    found += _marked(file, section, item)
    return found


def _marked(file: str, section: str, entry: Mapping[str, Any]) -> list[Unverified]:
    label = entry_label(entry, section)
    source = _text(entry.get("source"))
    flagged = [
        Unverified(
            file,
            section,
            label,
            _text(entry.get(key.removesuffix("to_verify") + "source"))
            or _text(entry.get("source")),
            municipalities=key == "municipalities_to_verify",
            checked=_day(entry.get(key.removesuffix("to_verify") + "checked")),
        )
        for key, value in entry.items()
        if key.endswith("to_verify") and value is True
    ]
    # Lists marked as checked (`…_to_verify: false`) that do not say when.
    flagged += [
        Unverified(
            file,
            section,
            label,
            _text(entry.get(key.removesuffix("to_verify") + "source")),
            municipalities=key == "municipalities_to_verify",
            undated=True,
        )
        for key, value in entry.items()
        if key.endswith("to_verify")
        and value is False
        and _day(entry.get(key.removesuffix("to_verify") + "checked")) is None
    ]
    if flagged:
        return flagged
    if source and any(marker in source.lower() for marker in _TO_CHECK):
        return [Unverified(file, section, label, source)]
    return []


def _day(value: object) -> date | None:
    """A day as the file content holds it (a date, or its ISO text in JSON form)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
