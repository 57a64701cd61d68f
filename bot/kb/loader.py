"""Load, validate and cross-check a complete set of knowledge files.

Every problem is reported with file, entry, field and line, and all problems of a set are
collected in one pass, so staff can fix a file in one go.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import (
    KNOWLEDGE_FILES,
    ActionFieldsFile,
    AlliancesFile,
    ProjectsFile,
    RegionsFile,
    RulesFile,
    TargetGroupsFile,
)
from bot.kb.yamlsafe import YamlDocument, YamlProblem, line_of, load
from bot.texts.catalog import Msg
from bot.understanding.normalize import fold

Loc = tuple[int | str, ...]


@dataclass(frozen=True)
class KbError:
    file: str
    message: Msg
    loc: Loc = ()
    entry: str | None = None
    line: int | None = None

    @property
    def field(self) -> str | None:
        """The field path inside the entry, e.g. `districts[0]`."""
        inner = self.loc[2:] if len(self.loc) >= 2 and isinstance(self.loc[1], int) else self.loc
        return _path(inner) or None


@dataclass
class KnowledgeError(Exception):
    errors: list[KbError] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{len(self.errors)} problem(s) in the knowledge files"


def _path(loc: Iterable[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_PYDANTIC_KEYS = {
    "missing": "kb.error.missing",
    "extra_forbidden": "kb.error.unknown_key",
    "string_type": "kb.error.expected_text",
    "int_type": "kb.error.expected_number",
    "int_parsing": "kb.error.expected_number",
    "list_type": "kb.error.expected_list",
    "model_type": "kb.error.expected_mapping",
    "dict_type": "kb.error.expected_mapping",
    "too_short": "kb.error.too_short",
    "string_pattern_mismatch": "kb.error.bad_id",
    "enum": "kb.error.bad_choice",
    "date_from_datetime_parsing": "kb.error.bad_date",
    "date_parsing": "kb.error.bad_date",
    "date_type": "kb.error.bad_date",
}


class _Checker:
    """Collects errors for one set of files."""

    def __init__(self, documents: Mapping[str, YamlDocument]) -> None:
        self.documents = documents
        self.errors: list[KbError] = []

    def add(self, file: str, loc: Loc, message: Msg) -> None:
        document = self.documents.get(file)
        entry = self._entry_label(document.data if document else None, loc)
        line = line_of(document.root, loc) if document else None
        self.errors.append(KbError(file=file, message=message, loc=loc, entry=entry, line=line))

    @staticmethod
    def _entry_label(data: object, loc: Loc) -> str | None:
        if len(loc) < 2 or not isinstance(loc[1], int) or not isinstance(data, dict):
            return str(loc[0]) if loc else None
        items = data.get(loc[0])
        if not isinstance(items, list) or not 0 <= loc[1] < len(items):
            return None
        item = items[loc[1]]
        if isinstance(item, dict):
            for key in ("id", "name"):
                if isinstance(item.get(key), str):
                    return str(item[key])
        return f"{loc[0]}[{loc[1]}]"


def _validate(checker: _Checker, name: str, model: type[BaseModel]) -> Any:
    document = checker.documents[name]
    if not isinstance(document.data, dict):
        checker.add(name, (), Msg("kb.error.not_a_mapping"))
        return None
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            key = _PYDANTIC_KEYS.get(problem["type"], "kb.error.other")
            checker.add(name, tuple(problem["loc"]), Msg(key, {"detail": problem["msg"]}))
        return None


def parse_set(files: Mapping[str, bytes], version: str = "shipped") -> KnowledgeBase:
    """Validate a complete set of files (name -> raw bytes) into a KnowledgeBase."""
    documents: dict[str, YamlDocument] = {}
    errors: list[KbError] = []
    for name in sorted(set(files) - set(KNOWLEDGE_FILES)):
        errors.append(KbError(file=name, message=Msg("kb.error.unknown_file")))
    for name in KNOWLEDGE_FILES:
        if name not in files:
            errors.append(KbError(file=name, message=Msg("kb.error.missing_file")))
            continue
        try:
            documents[name] = load(files[name])
        except YamlProblem as problem:
            errors.append(
                KbError(
                    file=name,
                    message=Msg("kb.error.yaml", {"detail": problem.message}),
                    line=problem.line,
                )
            )
    checker = _Checker(documents)
    checker.errors.extend(errors)
    parsed = {name: _validate(checker, name, KNOWLEDGE_FILES[name]) for name in documents}
    if checker.errors or any(value is None for value in parsed.values()):
        raise KnowledgeError(checker.errors)
    kb = KnowledgeBase(
        action_fields=tuple(_typed(parsed, "action_fields.yaml", ActionFieldsFile).action_fields),
        target_groups=tuple(_typed(parsed, "target_groups.yaml", TargetGroupsFile).target_groups),
        regions=_typed(parsed, "regions.yaml", RegionsFile),
        alliances=_typed(parsed, "alliances.yaml", AlliancesFile),
        projects=tuple(_typed(parsed, "projects.yaml", ProjectsFile).projects),
        rules=_typed(parsed, "rules.yaml", RulesFile),
        version=version,
    )
    _cross_check(checker, kb)
    if checker.errors:
        raise KnowledgeError(checker.errors)
    return kb


M = TypeVar("M", bound=BaseModel)


def _typed(parsed: Mapping[str, Any], name: str, model: type[M]) -> M:
    value = parsed[name]
    assert isinstance(value, model)
    return value


def read_set(directory: Path) -> dict[str, bytes]:
    """The knowledge files of a directory; other YAML files there are reported, not ignored."""
    if not directory.is_dir():
        raise KnowledgeError([KbError(file=str(directory), message=Msg("kb.error.no_directory"))])
    return {
        path.name: path.read_bytes()
        for path in sorted(directory.iterdir())
        if path.suffix in {".yaml", ".yml"} and path.is_file()
    }


def load_directory(directory: Path, version: str = "shipped") -> KnowledgeBase:
    return parse_set(read_set(directory), version)


def _duplicates(checker: _Checker, file: str, section: str, ids: Iterable[tuple[Loc, str]]) -> None:
    seen: dict[str, Loc] = {}
    for loc, id_ in ids:
        if id_ in seen:
            checker.add(file, (section, *loc), Msg("kb.error.duplicate_id", {"id": id_}))
        seen.setdefault(id_, loc)


def _cross_check(checker: _Checker, kb: KnowledgeBase) -> None:
    fields = {af.id for af in kb.action_fields}
    goals = {goal.id for _, goal in kb.sub_goals()}
    groups = {group.id for group in kb.target_groups}
    districts = {district.id for district in kb.regions.districts}
    subregions = {subregion.id for subregion in kb.regions.subregions}
    local_alliances = {alliance.id for alliance in kb.regions.local_alliances}

    def unknown(file: str, loc: Loc, kind: str, value: str) -> None:
        checker.add(file, loc, Msg("kb.error.unknown_reference", {"kind": kind, "id": value}))

    af_file = "action_fields.yaml"
    _duplicates(
        checker,
        af_file,
        "action_fields",
        (((i, "id"), af.id) for i, af in enumerate(kb.action_fields)),
    )
    _duplicates(
        checker,
        af_file,
        "action_fields",
        (
            ((i, "sub_goals", j, "id"), goal.id)
            for i, af in enumerate(kb.action_fields)
            for j, goal in enumerate(af.sub_goals)
        ),
    )
    for i, af in enumerate(kb.action_fields):
        for j, goal in enumerate(af.sub_goals):
            if goal.id.split(".")[0] != af.id:
                checker.add(
                    af_file,
                    ("action_fields", i, "sub_goals", j, "id"),
                    Msg("kb.error.sub_goal_prefix", {"id": goal.id, "field": af.id}),
                )
        for j, group in enumerate(af.target_groups):
            if group not in groups:
                unknown(af_file, ("action_fields", i, "target_groups", j), "target_group", group)

    _duplicates(
        checker,
        "target_groups.yaml",
        "target_groups",
        (((i, "id"), g.id) for i, g in enumerate(kb.target_groups)),
    )

    regions = kb.regions
    _duplicates(
        checker,
        "regions.yaml",
        "districts",
        (((i, "id"), d.id) for i, d in enumerate(regions.districts)),
    )
    _duplicates(
        checker,
        "regions.yaml",
        "subregions",
        (((i, "id"), s.id) for i, s in enumerate(regions.subregions)),
    )
    _duplicates(
        checker,
        "regions.yaml",
        "local_alliances",
        (((i, "id"), a.id) for i, a in enumerate(regions.local_alliances)),
    )
    for i, subregion in enumerate(regions.subregions):
        if subregion.alliance not in local_alliances:
            unknown(
                "regions.yaml", ("subregions", i, "alliance"), "local_alliance", subregion.alliance
            )
    for i, alliance in enumerate(regions.local_alliances):
        if alliance.subregion not in subregions:
            unknown(
                "regions.yaml", ("local_alliances", i, "subregion"), "subregion", alliance.subregion
            )
    for i, district in enumerate(regions.districts):
        if district.subregion not in subregions:
            unknown("regions.yaml", ("districts", i, "subregion"), "subregion", district.subregion)
    _check_place_names(checker, kb)

    _duplicates(
        checker,
        "alliances.yaml",
        "regional_alliances",
        (((i, "id"), a.id) for i, a in enumerate(kb.alliances.regional_alliances)),
    )

    pf = "projects.yaml"
    _duplicates(checker, pf, "projects", (((i, "id"), p.id) for i, p in enumerate(kb.projects)))
    for i, project in enumerate(kb.projects):
        for j, district_id in enumerate(project.districts):
            if district_id not in districts:
                unknown(pf, ("projects", i, "districts", j), "district", district_id)
        for j, field_id in enumerate(project.action_fields):
            if field_id not in fields:
                unknown(pf, ("projects", i, "action_fields", j), "action_field", field_id)
        for j, goal_id in enumerate(project.sub_goals):
            if goal_id not in goals:
                unknown(pf, ("projects", i, "sub_goals", j), "sub_goal", goal_id)
            elif goal_id.split(".")[0] not in project.action_fields:
                checker.add(
                    pf,
                    ("projects", i, "sub_goals", j),
                    Msg("kb.error.sub_goal_outside_fields", {"id": goal_id}),
                )
        for j, group in enumerate(project.target_groups):
            if group not in groups:
                unknown(pf, ("projects", i, "target_groups", j), "target_group", group)


def _check_place_names(checker: _Checker, kb: KnowledgeBase) -> None:
    """A name or alias inside the region must point to exactly one district."""
    owners: dict[str, set[str]] = defaultdict(set)
    for i, district in enumerate(kb.regions.districts):
        names: list[tuple[Loc, str]] = [(("districts", i, "name"), district.name)]
        names += [(("districts", i, "aliases", j), a) for j, a in enumerate(district.aliases)]
        for j, municipality in enumerate(district.municipalities):
            base: Loc = ("districts", i, "municipalities", j)
            names.append(((*base, "name"), municipality.name))
            names += [((*base, "aliases", k), a) for k, a in enumerate(municipality.aliases)]
        for loc, name in names:
            key = fold(name)
            if district.id not in owners[key] and owners[key]:
                checker.add(
                    "regions.yaml",
                    loc,
                    Msg(
                        "kb.error.ambiguous_alias",
                        {"name": name, "districts": ", ".join(sorted(owners[key] | {district.id}))},
                    ),
                )
            owners[key].add(district.id)
