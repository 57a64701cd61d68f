"""Display names where the knowledge files expect codes: `Hameln-Pyrmont` for the district
`hameln-pyrmont`, `Schüler*innen` for the target group `schueler`, `Handlungsschwerpunkt III`
for `III`, `Unterziel III.6` (or its title) for the sub-goal `III.6`.

Staff write what they read in the strategy and in the bot; the codes are looked up in the
other files of the same set before validation. The file keeps what staff wrote; the validated
knowledge base holds the codes, so a diff does not count a name written as a code as a change.
A sub-goal written among the action fields (`action_fields: [III.6]`) becomes the sub-goal and
its action field. A name that matches nothing is left as it is, for validation to report with
its closest code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from bot.kb.yamlsafe import YamlDocument

_SUB_GOAL = re.compile(
    r"^(?:unterziel|sub-?goal|ziel)?\s*(I{1,3}|IV)\s*[.\s]\s*([1-9][0-9]?)\b", re.I
)
_FIELD = re.compile(
    r"^(?:handlungsschwerpunkt|handlungsfeld|hs|hf|action field)?\s*(I{1,3}|IV)\s*$", re.I
)
_PREFIXES = ("landkreis ", "lk ", "kreis ", "region ")


def key(text: str) -> str:
    """Case, umlauts, gender stars and punctuation do not matter for a match."""
    text = text.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("ß", "ss").replace("*innen", "innen").replace(":innen", "innen")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _names(entries: object, fields: Iterable[str], lists: Iterable[str] = ()) -> dict[str, str]:
    """Every name of every entry (`fields` and the items of `lists`) -> the entry's id."""
    found: dict[str, str] = {}
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("id"), str):
            continue
        names: list[object] = [entry.get(field) for field in ("id", *fields)]
        for field in lists:
            value = entry.get(field)
            names += value if isinstance(value, list) else []
        for name in names:
            if isinstance(name, str) and key(name):
                found.setdefault(key(name), entry["id"])
    return found


def _data(documents: Mapping[str, YamlDocument], name: str) -> Mapping[str, Any]:
    document = documents.get(name)
    return document.data if document is not None and isinstance(document.data, dict) else {}


class _Lookup:
    def __init__(self, documents: Mapping[str, YamlDocument]) -> None:
        regions = _data(documents, "regions.yaml")
        groups = _data(documents, "target_groups.yaml")
        fields = _data(documents, "action_fields.yaml").get("action_fields")
        self.districts = _names(regions.get("districts"), ("name",), ("aliases",))
        self.groups = _names(groups.get("target_groups"), ("label", "label_en"), ("synonyms",))
        self.fields = _names(fields, ("title", "title_en"))
        goals = [g for f in fields or [] if isinstance(f, dict) for g in f.get("sub_goals") or []]
        self.goals = _names(goals, ("title", "title_en"))

    def district(self, value: str) -> str | None:
        found = self.districts.get(key(value))
        for prefix in _PREFIXES:
            if found is None and key(value).startswith(prefix):
                found = self.districts.get(key(value).removeprefix(prefix))
        return found

    def group(self, value: str) -> str | None:
        return self.groups.get(key(value))

    def field(self, value: str) -> str | None:
        match = _FIELD.match(value.strip())
        return match.group(1).upper() if match else self.fields.get(key(value))

    def goal(self, value: str) -> str | None:
        match = _SUB_GOAL.match(value.strip())
        if match:
            return f"{match.group(1).upper()}.{match.group(2)}"
        return self.goals.get(key(value))


def resolve(documents: Mapping[str, YamlDocument]) -> None:
    """Replace display names by codes in the parsed (not yet validated) data, in place."""
    lookup = _Lookup(documents)
    for project in _entries(documents, "projects.yaml", "projects"):
        _replace(project, "districts", lookup.district)
        _replace(project, "target_groups", lookup.group)
        _replace(project, "sub_goals", lookup.goal)
        _fields_and_goals(project, lookup)
    for field in _entries(documents, "action_fields.yaml", "action_fields"):
        _replace(field, "target_groups", lookup.group)


def _entries(documents: Mapping[str, YamlDocument], file: str, section: str) -> list[Any]:
    entries = _data(documents, file).get(section)
    return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []


def _replace(entry: dict[str, Any], name: str, find: Any) -> None:
    values = entry.get(name)
    if not isinstance(values, list):
        return
    for index, value in enumerate(values):
        if isinstance(value, str):
            found = find(value)
            if found is not None:
                values[index] = found


def _fields_and_goals(project: dict[str, Any], lookup: _Lookup) -> None:
    """`action_fields: [III.6]` is sub-goal III.6 of action field III."""
    fields = project.get("action_fields")
    if not isinstance(fields, list):
        return
    goals = project.get("sub_goals")
    for index, value in enumerate(fields):
        if not isinstance(value, str):
            continue
        field = lookup.field(value)
        goal = lookup.goal(value) if field is None and _SUB_GOAL.match(value.strip()) else None
        if goal is not None:
            field = goal.split(".")[0]
            if goals is None:
                goals = project["sub_goals"] = []
            if isinstance(goals, list) and goal not in goals:
                goals.append(goal)
        if field is not None:
            fields[index] = field
    deduplicated = list(dict.fromkeys(f if isinstance(f, str) else repr(f) for f in fields))
    if len(deduplicated) < len(fields) and all(isinstance(f, str) for f in fields):
        project["action_fields"] = deduplicated
