"""What a new knowledge file changes: entries added, changed (which fields) and removed.

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


@dataclass(frozen=True)
class EntryChange:
    entry: str | None
    """The entry's key; None for a section that is a single mapping or value (`limits`)."""
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionChange:
    file: str
    section: str
    """The YAML key (`projects`, `limits`), or a nested path (`districts.municipalities`)."""
    added: tuple[str, ...] = ()
    changed: tuple[EntryChange, ...] = ()
    removed: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "section": self.section,
            "added": list(self.added),
            "changed": [{"entry": c.entry, "fields": list(c.fields)} for c in self.changed],
            "removed": list(self.removed),
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
                )
                for item in data.get("changed", [])
            ),
            removed=tuple(str(key) for key in data.get("removed", [])),
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
        if _key_field(before, after):
            sections += _diff_list(file, key, _as_list(before), _as_list(after), "")
        elif isinstance(before, dict) and isinstance(after, dict):
            names = tuple(k for k in _union(after, before) if before.get(k) != after.get(k))
            sections.append(SectionChange(file, key, changed=(EntryChange(None, names),)))
        else:
            sections.append(SectionChange(file, key, changed=(EntryChange(None),)))
    return Change(tuple(sections))


def _union(first: Mapping[str, Any], second: Mapping[str, Any]) -> list[str]:
    return [*first, *(key for key in second if key not in first)]


def _as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _key_field(*values: object) -> str | None:
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
    key = _key_field(before, after)
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
            if _key_field(was, now):
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
            changed.append(EntryChange(prefix + name, tuple(fields)))
    own = SectionChange(
        file,
        section,
        added=tuple(prefix + name for name in new if name not in old),
        changed=tuple(changed),
        removed=tuple(prefix + name for name in old if name not in new),
    )
    return _merge([own, *nested])


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
            )
    return list(merged.values())
