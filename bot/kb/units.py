"""The units two staff members' changes to one knowledge file are merged by.

A file's top-level keys that hold lists of entries (projects, districts, target groups …) are
split into one unit per entry, keyed by its `id` (else `name`, else `date`); every other
top-level key is one unit. `rules.yaml` is a set of rules rather than a list of entries, and
its top-level keys are its units (a procedure's steps belong together).

Units are compared on the validated content (`diff.file_content`), so quoting, comments,
defaults written out and display names used instead of codes are not changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.kb.diff import key_field

Unit = tuple[str, str | None]
"""(top-level key, entry key); the entry key is None where the whole top-level key is one."""

WHOLE_KEY_FILES = frozenset({"rules.yaml"})
"""Files whose top-level keys are merged as a whole."""

_LABEL_FIELDS = ("title", "name", "label", "id", "date")


def key_fields(file: str, *contents: Mapping[str, Any]) -> dict[str, str | None]:
    """For each top-level key of any of `contents`: the key field of its entries, or None."""
    keys: dict[str, str | None] = {}
    for content in contents:
        for key in content:
            if key not in keys:
                values = [c.get(key) for c in contents]
                keys[key] = None if file in WHOLE_KEY_FILES else key_field(*values)
    return keys


def units(content: Mapping[str, Any], keys: Mapping[str, str | None]) -> dict[Unit, Any]:
    """The units of a file's content, in file order."""
    found: dict[Unit, Any] = {}
    for section, value in content.items():
        field = keys.get(section)
        if field is None or not isinstance(value, list):
            found[(section, None)] = value
            continue
        for item in value:
            found.setdefault((section, str(item[field])), item)
    return found


def entry_label(value: object, fallback: str) -> str:
    """How an entry is named to staff: its title or name, else its key."""
    if isinstance(value, Mapping):
        for name in _LABEL_FIELDS:
            text = value.get(name)
            if isinstance(text, str | int) and str(text).strip():
                return str(text)
    return fallback


def unit_of_entry(file: str, section: str, entry: str | None) -> Unit:
    """The unit a diff's (section, entry) falls in: `districts.municipalities` entry
    `nienburg/Marklohe` is a change of the unit (districts, nienburg)."""
    top = section.split(".")[0]
    if file in WHOLE_KEY_FILES or entry is None:
        return (top, None)
    return (top, entry.split("/")[0]) if "." in section else (top, entry)


@dataclass(frozen=True)
class ThreeWay:
    """The units of a file at the version a change was based on, live, and as the author
    wants them."""

    base: Mapping[Unit, Any]
    live: Mapping[Unit, Any]
    mine: Mapping[Unit, Any]

    def changed_by_author(self) -> list[Unit]:
        return _changed(self.base, self.mine)

    def changed_since(self) -> list[Unit]:
        """Units changed between the base version and the live one (by colleagues)."""
        return _changed(self.base, self.live)

    def conflicts(self) -> list[Unit]:
        """Units both changed, differently."""
        since = set(self.changed_since())
        return [
            unit
            for unit in self.changed_by_author()
            if unit in since and self.mine.get(unit, _ABSENT) != self.live.get(unit, _ABSENT)
        ]

    def to_apply(self) -> list[Unit]:
        """The author's changes the live file does not have yet."""
        return [
            unit
            for unit in self.changed_by_author()
            if self.mine.get(unit, _ABSENT) != self.live.get(unit, _ABSENT)
        ]

    def merged(self) -> dict[Unit, Any]:
        """The live units with the author's changes applied (what the result must contain)."""
        result = dict(self.live)
        for unit in self.to_apply():
            if unit in self.mine:
                result[unit] = self.mine[unit]
            else:
                result.pop(unit, None)
        return result


_ABSENT = object()


def _changed(before: Mapping[Unit, Any], after: Mapping[Unit, Any]) -> list[Unit]:
    order: Iterable[Unit] = [*after, *(unit for unit in before if unit not in after)]
    return [u for u in order if before.get(u, _ABSENT) != after.get(u, _ABSENT)]
