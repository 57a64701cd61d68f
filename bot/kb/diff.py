"""What a new knowledge file changes: entries added, changed and removed, with their titles and
each changed field's value before and after (as staff read it: "Projekt „X“: Titel „A“ → „B“").

The comparison runs on the validated models, so defaults written out, quoting, comments and
formatting are not changes. Lists of entries are matched by their key (`id`, else `name`, else
`date`); nested entry lists (sub-goals of an action field, municipalities of a district) are
sections of their own, named `action_fields.sub_goals`, with entries such as `I/I.3`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.kb.knowledge import KnowledgeBase

_KEYS = ("id", "name", "date")
_LABELS = ("title", "name", "label", "date", "id")
_SHORT = 70
"""Values longer than this are shortened in a diff (a description is not repeated whole)."""


@dataclass(frozen=True)
class FieldChange:
    """One field's value before and after; for a list, the items added and removed."""

    field: str
    before: str | None = None
    after: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.added or self.removed)

    def to_json(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "before": self.before,
            "after": self.after,
            "added": list(self.added),
            "removed": list(self.removed),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldChange:
        def text(key: str) -> str | None:
            value = data.get(key)
            return None if value is None else str(value)

        return cls(
            str(data["field"]),
            text("before"),
            text("after"),
            tuple(str(v) for v in data.get("added", [])),
            tuple(str(v) for v in data.get("removed", [])),
        )


@dataclass(frozen=True)
class EntryChange:
    entry: str | None
    """The entry's key; None for a section that is a single mapping or value (`limits`)."""
    fields: tuple[str, ...] = ()
    label: str = ""
    """The entry's title or name as it is now."""
    values: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class SectionChange:
    file: str
    section: str
    """The YAML key (`projects`, `limits`), or a nested path (`districts.municipalities`)."""
    added: tuple[str, ...] = ()
    changed: tuple[EntryChange, ...] = ()
    removed: tuple[str, ...] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    """Titles of the added and removed entries, by key."""

    def label(self, key: str) -> str:
        return self.labels.get(key) or key

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "section": self.section,
            "added": list(self.added),
            "changed": [
                {
                    "entry": c.entry,
                    "fields": list(c.fields),
                    "label": c.label,
                    "values": [v.to_json() for v in c.values],
                }
                for c in self.changed
            ],
            "removed": list(self.removed),
            "labels": dict(self.labels),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SectionChange:
        return cls(
            file=str(data["file"]),
            section=str(data["section"]),
            added=tuple(str(key) for key in data.get("added", [])),
            changed=tuple(
                EntryChange(
                    None if item.get("entry") is None else str(item["entry"]),
                    tuple(str(name) for name in item.get("fields", [])),
                    str(item.get("label") or ""),
                    tuple(FieldChange.from_json(v) for v in item.get("values", [])),
                )
                for item in data.get("changed", [])
            ),
            removed=tuple(str(key) for key in data.get("removed", [])),
            labels={str(k): str(v) for k, v in (data.get("labels") or {}).items()},
        )


@dataclass(frozen=True)
class Change:
    sections: tuple[SectionChange, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not self.sections

    def counts(self) -> dict[str, int]:
        return {
            "added": sum(len(s.added) for s in self.sections),
            "changed": sum(len(s.changed) for s in self.sections),
            "removed": sum(len(s.removed) for s in self.sections),
        }

    def section(self, name: str) -> SectionChange | None:
        return next((s for s in self.sections if s.section == name), None)

    def to_json(self) -> list[dict[str, Any]]:
        return [section.to_json() for section in self.sections]

    @classmethod
    def from_json(cls, data: object) -> Change:
        if not isinstance(data, list):
            raise ValueError("a change is a list of sections")
        return cls(tuple(SectionChange.from_json(item) for item in data))


def file_content(kb: KnowledgeBase, file: str) -> dict[str, Any]:
    """The validated content of one knowledge file, as plain data."""
    if file == "action_fields.yaml":
        return {"action_fields": [e.model_dump(mode="json") for e in kb.action_fields]}
    if file == "target_groups.yaml":
        return {"target_groups": [e.model_dump(mode="json") for e in kb.target_groups]}
    if file == "projects.yaml":
        return {"projects": [e.model_dump(mode="json") for e in kb.projects]}
    if file == "regions.yaml":
        return kb.regions.model_dump(mode="json")
    if file == "alliances.yaml":
        return kb.alliances.model_dump(mode="json")
    if file == "rules.yaml":
        return kb.rules.model_dump(mode="json")
    if file == "faq.yaml":
        return {"faq": [e.model_dump(mode="json") for e in kb.faq]}
    if file == "organisation_kinds.yaml":
        return {"kinds": [e.model_dump(mode="json") for e in kb.organisation_kinds]}
    raise KeyError(file)


def diff_kb(file: str, old: KnowledgeBase, new: KnowledgeBase) -> Change:
    """The changes to `file` between two knowledge bases."""
    return diff_file(file, file_content(old, file), file_content(new, file))


def diff_file(file: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> Change:
    sections: list[SectionChange] = []
    for key in _union(new, old):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if key_field(before, after):
            sections += _diff_list(file, key, _as_list(before), _as_list(after), "")
        elif isinstance(before, dict) and isinstance(after, dict):
            names = tuple(k for k in _union(after, before) if before.get(k) != after.get(k))
            values = tuple(field_change(n, before.get(n), after.get(n)) for n in names)
            change = EntryChange(None, names, values=values)
            sections.append(SectionChange(file, key, changed=(change,)))
        else:
            values = (field_change(key, before, after),)
            sections.append(SectionChange(file, key, changed=(EntryChange(None, values=values),)))
    return Change(tuple(sections))


def _union(first: Mapping[str, Any], second: Mapping[str, Any]) -> list[str]:
    return [*first, *(key for key in second if key not in first)]


def _as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def key_field(*values: object) -> str | None:
    """The key of a list of entries (`id`, `name`, `date`), or None if it is not one."""
    items = [item for value in values if isinstance(value, list) for item in value]
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    return next((key for key in _KEYS if all(key in item for item in items)), None)


def _keyed(items: Sequence[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    keyed: dict[str, dict[str, Any]] = {}
    for item in items:
        name = str(item[key])
        label, n = name, 1
        while label in keyed:  # a duplicate key (the loader refuses most): keep both apart
            n += 1
            label = f"{name} ({n})"
        keyed[label] = item
    return keyed


def _diff_list(
    file: str, section: str, before: list[Any], after: list[Any], prefix: str
) -> list[SectionChange]:
    key = key_field(before, after)
    assert key is not None
    old, new = _keyed(before, key), _keyed(after, key)
    changed: list[EntryChange] = []
    nested: list[SectionChange] = []
    for name in (name for name in new if name in old):
        fields: list[str] = []
        for attribute in _union(new[name], old[name]):
            was, now = old[name].get(attribute), new[name].get(attribute)
            if was == now:
                continue
            if key_field(was, now):
                nested += _diff_list(
                    file,
                    f"{section}.{attribute}",
                    _as_list(was),
                    _as_list(now),
                    f"{prefix}{name}/",
                )
            else:
                fields.append(attribute)
        if fields:
            values = tuple(field_change(f, old[name].get(f), new[name].get(f)) for f in fields)
            entry = EntryChange(prefix + name, tuple(fields), _label(new[name], name), values)
            changed.append(entry)
    added = {prefix + name: _label(new[name], name) for name in new if name not in old}
    removed = {prefix + name: _label(old[name], name) for name in old if name not in new}
    own = SectionChange(
        file,
        section,
        added=tuple(added),
        changed=tuple(changed),
        removed=tuple(removed),
        labels=added | removed,
    )
    return _merge([own, *nested])


def _label(entry: Mapping[str, Any], key: str) -> str:
    for name in _LABELS:
        value = entry.get(name)
        if isinstance(value, str | int) and str(value).strip():
            return str(value)
    return key


def short(value: object) -> str:
    """A value as one short line: lists joined, mappings as `key: value`, long texts cut."""
    if value is None:
        text = "–"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, list):
        text = ", ".join(short(item) for item in value)
    elif isinstance(value, dict):
        text = ", ".join(f"{k}: {short(v)}" for k, v in value.items() if v is not None)
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= _SHORT else text[: _SHORT - 1].rstrip() + "…"


def field_change(name: str, before: object, after: object) -> FieldChange:
    if isinstance(before, list | type(None)) and isinstance(after, list | type(None)):
        was, now = [short(v) for v in before or []], [short(v) for v in after or []]
        added = tuple(v for v in now if v not in was)
        removed = tuple(v for v in was if v not in now)
        if (added or removed) and (before is not None and after is not None):
            return FieldChange(name, added=added, removed=removed)
    return FieldChange(
        name,
        None if before is None else short(before),
        None if after is None else short(after),
    )


def _merge(sections: Iterable[SectionChange]) -> list[SectionChange]:
    """One SectionChange per section name (nested ones come from several parents)."""
    merged: dict[str, SectionChange] = {}
    for s in sections:
        if not (s.added or s.changed or s.removed):
            continue
        if (have := merged.get(s.section)) is None:
            merged[s.section] = s
        else:
            merged[s.section] = SectionChange(
                s.file,
                s.section,
                have.added + s.added,
                have.changed + s.changed,
                have.removed + s.removed,
                {**have.labels, **s.labels},
            )
    return list(merged.values())
