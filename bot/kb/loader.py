"""Load, validate and cross-check a complete set of knowledge files.

Every problem is reported with file, entry, field and line, and all problems of a set are
collected in one pass, so staff can fix a file in one go.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError
from rapidfuzz import process

from bot.base.normalize import fold
from bot.kb.fixes import validation_fix, yaml_fix
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import (
    KNOWLEDGE_FILES,
    ActionField,
    ActionFieldsFile,
    AlliancesFile,
    FaqFile,
    OrganisationKindId,
    OrganisationKindsFile,
    Project,
    ProjectsFile,
    RegionsFile,
    RulesFile,
    SourceKind,
    TargetGroupsFile,
)
from bot.kb.references import resolve as resolve_references
from bot.kb.yamlsafe import YamlDocument, YamlProblem, line_of, load
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Count

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
    "string_too_short": "kb.error.too_short",
    "string_pattern_mismatch": "kb.error.bad_id",
    "enum": "kb.error.bad_choice",
    "date_from_datetime_parsing": "kb.error.bad_date",
    "date_parsing": "kb.error.bad_date",
    "date_type": "kb.error.bad_date",
}


MAX_ERRORS_PER_FILE = 20
"""Reported per file; the rest are counted. A file of 100,000 broken entries must not become
a report of 100,000 lines (thousands of Telegram messages), nor cost seconds to describe."""


class _Checker:
    """Collects errors for one set of files."""

    def __init__(self, documents: Mapping[str, YamlDocument]) -> None:
        self.documents = documents
        self.errors: list[KbError] = []
        self.told: Counter[str] = Counter()
        self.untold: Counter[str] = Counter()

    def add(self, file: str, loc: Loc, message: Msg) -> None:
        if self.told[file] >= MAX_ERRORS_PER_FILE:
            self.untold[file] += 1
            return
        self.told[file] += 1
        document = self.documents.get(file)
        entry = self._entry_label(document.data if document else None, loc)
        line = line_of(document.root, loc) if document else None
        self.errors.append(KbError(file=file, message=message, loc=loc, entry=entry, line=line))

    def report(self) -> list[KbError]:
        more = [
            KbError(
                file=file, message=Msg("kb.error.more", {"count": Count(count, "more_problems")})
            )
            for file, count in sorted(self.untold.items())
        ]
        return self.errors + more

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
            message = validation_fix(problem, key) or Msg(key, {"detail": problem["msg"]})
            checker.add(name, tuple(problem["loc"]), message)
        return None


_PARSED: OrderedDict[str, KnowledgeBase | tuple[KbError, ...]] = OrderedDict()
"""Sets validated in this process, by content: the knowledge base, or the problems found.
Parsing and validating takes a quarter second, and the same content comes again (a change
staff preview and then confirm, a refused upload sent twice, `kb check` of an unchanged
export, the shipped files at every start). The newest few are kept."""
_PARSED_LOCK = threading.Lock()
_KEPT = 8


def content_key(files: Mapping[str, bytes]) -> str:
    """Equal for equal file names and contents."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return digest.hexdigest()


def parse_set(files: Mapping[str, bytes], version: str = "shipped") -> KnowledgeBase:
    """Validate a complete set of files (name -> raw bytes) into a KnowledgeBase."""
    key = content_key(files)
    with _PARSED_LOCK:
        parsed = _PARSED.get(key)
    if parsed is None:
        try:
            parsed = _parse_set(files, version)
        except KnowledgeError as error:
            parsed = tuple(error.errors)
        with _PARSED_LOCK:
            _PARSED[key] = parsed
            while len(_PARSED) > _KEPT:
                _PARSED.popitem(last=False)
    if isinstance(parsed, tuple):
        raise KnowledgeError(list(parsed))
    return parsed if parsed.version == version else dataclasses.replace(parsed, version=version)


def _parse_set(files: Mapping[str, bytes], version: str) -> KnowledgeBase:
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
                KbError(file=name, message=yaml_fix(problem, files[name]), line=problem.line)
            )
    resolve_references(documents)
    checker = _Checker(documents)
    checker.errors.extend(errors)
    parsed = {name: _validate(checker, name, KNOWLEDGE_FILES[name]) for name in documents}
    # Cross-references are checked between whatever files are valid, so one broken file does
    # not hide the dangling references and duplicates in the others.
    _cross_check(
        checker,
        _Parts(
            action_fields=_optional(parsed, "action_fields.yaml", ActionFieldsFile),
            target_groups=_optional(parsed, "target_groups.yaml", TargetGroupsFile),
            regions=_optional(parsed, "regions.yaml", RegionsFile),
            alliances=_optional(parsed, "alliances.yaml", AlliancesFile),
            projects=_optional(parsed, "projects.yaml", ProjectsFile),
            faq=_optional(parsed, "faq.yaml", FaqFile),
            organisation_kinds=_optional(parsed, ORGANISATION_KINDS_FILE, OrganisationKindsFile),
        ),
    )
    if checker.errors or len(parsed) < len(KNOWLEDGE_FILES):
        raise KnowledgeError(checker.report())
    fields_file = _typed(parsed, "action_fields.yaml", ActionFieldsFile)
    return KnowledgeBase(
        action_fields=tuple(fields_file.action_fields),
        target_groups=tuple(_typed(parsed, "target_groups.yaml", TargetGroupsFile).target_groups),
        regions=_typed(parsed, "regions.yaml", RegionsFile),
        alliances=_typed(parsed, "alliances.yaml", AlliancesFile),
        projects=tuple(_typed(parsed, "projects.yaml", ProjectsFile).projects),
        rules=_typed(parsed, "rules.yaml", RulesFile),
        faq=tuple(_typed(parsed, "faq.yaml", FaqFile).faq),
        organisation_kinds=tuple(
            _typed(parsed, ORGANISATION_KINDS_FILE, OrganisationKindsFile).kinds
        ),
        version=version,
        matching=fields_file.matching,
    )


@dataclass(frozen=True)
class _Parts:
    """The files that passed schema validation; None where a file is missing or invalid."""

    action_fields: ActionFieldsFile | None
    target_groups: TargetGroupsFile | None
    regions: RegionsFile | None
    alliances: AlliancesFile | None
    projects: ProjectsFile | None
    faq: FaqFile | None = None
    organisation_kinds: OrganisationKindsFile | None = None


M = TypeVar("M", bound=BaseModel)


def _typed(parsed: Mapping[str, Any], name: str, model: type[M]) -> M:
    value = parsed[name]
    assert isinstance(value, model)
    return value


def _optional(parsed: Mapping[str, Any], name: str, model: type[M]) -> M | None:
    value = parsed.get(name)
    return value if isinstance(value, model) else None


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


def _cross_check(checker: _Checker, parts: _Parts) -> None:
    action_fields = parts.action_fields.action_fields if parts.action_fields else None
    target_groups = parts.target_groups.target_groups if parts.target_groups else None
    regions = parts.regions
    fields = {af.id for af in action_fields} if action_fields is not None else None
    goals = (
        {goal.id for af in action_fields for goal in af.sub_goals}
        if action_fields is not None
        else None
    )
    groups = {group.id for group in target_groups} if target_groups is not None else None
    districts = {d.id for d in regions.districts} if regions else None
    subregions = {s.id for s in regions.subregions} if regions else None
    local_alliances = {a.id for a in regions.local_alliances} if regions else None
    known_ids = {
        "action_field": fields,
        "sub_goal": goals,
        "target_group": groups,
        "district": districts,
        "subregion": subregions,
        "local_alliance": local_alliances,
    }

    def unknown(file: str, loc: Loc, kind: str, value: str) -> bool:
        """Report `value` unless it is known, or unknowable because its own file is invalid."""
        known = known_ids[kind]
        if known is None or value in known:
            return False
        params: dict[str, Param] = {"kind": Msg(f"kb.kind.{kind}"), "id": value}
        closest = process.extractOne(value, sorted(known), score_cutoff=60)
        if closest is None:
            checker.add(file, loc, Msg("kb.error.unknown_reference", params))
        else:
            params["closest"] = closest[0]
            checker.add(file, loc, Msg("kb.error.unknown_reference_closest", params))
        return True

    if action_fields is not None:
        _check_action_fields(checker, action_fields, unknown)
    if parts.action_fields is not None:
        for j, group in enumerate(parts.action_fields.matching.generic_target_groups):
            loc = ("matching", "generic_target_groups", j)
            unknown("action_fields.yaml", loc, "target_group", group)
    if target_groups is not None:
        _duplicates(
            checker,
            "target_groups.yaml",
            "target_groups",
            (((i, "id"), g.id) for i, g in enumerate(target_groups)),
        )
        for i, entry in enumerate(target_groups):
            for j, broader in enumerate(entry.within):
                unknown("target_groups.yaml", (i, "within", j), "target_group", broader)
    if regions is not None:
        _check_regions(checker, regions, unknown)
    if parts.alliances is not None:
        _duplicates(
            checker,
            "alliances.yaml",
            "regional_alliances",
            (((i, "id"), a.id) for i, a in enumerate(parts.alliances.regional_alliances)),
        )
        _check_outside_places(checker, parts.alliances)
    if parts.projects is not None:
        generic = parts.action_fields.matching.generic_terms if parts.action_fields else []
        _check_projects(checker, parts.projects.projects, unknown, generic)
    if parts.faq is not None:
        _check_faq(checker, parts.faq)
    if parts.organisation_kinds is not None:
        _check_organisation_kinds(checker, parts.organisation_kinds)


class _Unknown(Protocol):
    def __call__(self, file: str, loc: Loc, kind: str, value: str) -> bool: ...


def _check_action_fields(
    checker: _Checker, action_fields: Sequence[ActionField], unknown: _Unknown
) -> None:
    af_file = "action_fields.yaml"
    _duplicates(
        checker,
        af_file,
        "action_fields",
        (((i, "id"), af.id) for i, af in enumerate(action_fields)),
    )
    _duplicates(
        checker,
        af_file,
        "action_fields",
        (
            ((i, "sub_goals", j, "id"), goal.id)
            for i, af in enumerate(action_fields)
            for j, goal in enumerate(af.sub_goals)
        ),
    )
    for i, af in enumerate(action_fields):
        for j, goal in enumerate(af.sub_goals):
            if goal.id.split(".")[0] != af.id:
                checker.add(
                    af_file,
                    ("action_fields", i, "sub_goals", j, "id"),
                    Msg("kb.error.sub_goal_prefix", {"id": goal.id, "field": af.id}),
                )
        for j, group in enumerate(af.target_groups):
            unknown(af_file, ("action_fields", i, "target_groups", j), "target_group", group)
        for j, goal in enumerate(af.sub_goals):
            for k, group in enumerate(goal.target_groups):
                loc = ("action_fields", i, "sub_goals", j, "target_groups", k)
                unknown(af_file, loc, "target_group", group)


def _check_regions(checker: _Checker, regions: RegionsFile, unknown: _Unknown) -> None:
    rf = "regions.yaml"
    _duplicates(
        checker, rf, "districts", (((i, "id"), d.id) for i, d in enumerate(regions.districts))
    )
    _duplicates(
        checker, rf, "subregions", (((i, "id"), s.id) for i, s in enumerate(regions.subregions))
    )
    _duplicates(
        checker,
        rf,
        "local_alliances",
        (((i, "id"), a.id) for i, a in enumerate(regions.local_alliances)),
    )
    for i, subregion in enumerate(regions.subregions):
        unknown(rf, ("subregions", i, "alliance"), "local_alliance", subregion.alliance)
    for i, alliance in enumerate(regions.local_alliances):
        unknown(rf, ("local_alliances", i, "subregion"), "subregion", alliance.subregion)
    for i, district in enumerate(regions.districts):
        unknown(rf, ("districts", i, "subregion"), "subregion", district.subregion)
    _check_samtgemeinden(checker, regions)
    _check_place_names(checker, regions)
    _check_localities(checker, regions)
    _check_vehicle_codes(checker, regions)


_THEME_WORD = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = frozenset(
    "und oder für der die das den dem des in im am an auf aus mit von vom zum zur bei "
    "and or for the of in on at with to".split()
)


def _check_projects(
    checker: _Checker,
    projects: Sequence[Project],
    unknown: _Unknown,
    generic_terms: Sequence[str] = (),
) -> None:
    pf = "projects.yaml"
    # A theme makes a look-alike only with its words: one of generic words only would let a
    # generic word make it (matching.generic_terms in action_fields.yaml).
    generic = {term.casefold() for term in generic_terms} | _FUNCTION_WORDS
    _duplicates(checker, pf, "projects", (((i, "id"), p.id) for i, p in enumerate(projects)))
    for i, project in enumerate(projects):
        for j, district_id in enumerate(project.districts):
            unknown(pf, ("projects", i, "districts", j), "district", district_id)
        for j, field_id in enumerate(project.action_fields):
            unknown(pf, ("projects", i, "action_fields", j), "action_field", field_id)
        for j, goal_id in enumerate(project.sub_goals):
            loc: Loc = ("projects", i, "sub_goals", j)
            if unknown(pf, loc, "sub_goal", goal_id):
                continue
            if goal_id.split(".")[0] not in project.action_fields:
                params = {"id": goal_id, "field": goal_id.split(".")[0]}
                checker.add(pf, loc, Msg("kb.fix.sub_goal_outside_fields", params))
        for j, group in enumerate(project.target_groups):
            unknown(pf, ("projects", i, "target_groups", j), "target_group", group)
        for j, theme in enumerate(project.themes):
            if all(word.casefold() in generic for word in _THEME_WORD.findall(theme)):
                loc = ("projects", i, "themes", j)
                checker.add(pf, loc, Msg("kb.fix.theme_generic", {"theme": theme}))


_CHAPTER = re.compile(r"\b(?:Kap\.|Kapitel)\s*\d")
_PUBLIC_SAID = (re.compile(r"öffentlich", re.IGNORECASE), re.compile(r"\bpublic\b", re.IGNORECASE))
_POINTER = (
    re.compile(r"Koordinierungsstelle"),
    re.compile(r"coordination office", re.IGNORECASE),
)


def _check_faq(checker: _Checker, faq: FaqFile) -> None:
    """Unique ids; each phrasing in one entry only; each answer as good as its source says."""
    file = "faq.yaml"
    _duplicates(checker, file, "faq", (((i, "id"), entry.id) for i, entry in enumerate(faq.faq)))
    owner: dict[str, str] = {}
    for i, entry in enumerate(faq.faq):
        phrasings = [("questions", j, q) for j, q in enumerate(entry.questions)]
        phrasings += [("questions_en", j, q) for j, q in enumerate(entry.questions_en)]
        for field_name, j, phrase in phrasings:
            key = fold(phrase)
            other = owner.setdefault(key, entry.id)
            if other != entry.id:
                params = {"phrase": phrase, "other": other}
                checker.add(
                    file, ("faq", i, field_name, j), Msg("kb.error.faq_phrase_twice", params)
                )
        if entry.source_kind is SourceKind.STRATEGY and not _CHAPTER.search(entry.source):
            checker.add(file, ("faq", i, "source"), Msg("kb.error.faq_no_chapter"))
        if entry.source_kind is SourceKind.PUBLIC:
            if not _PUBLIC_SAID[0].search(entry.source):
                checker.add(file, ("faq", i, "source"), Msg("kb.error.faq_public_unnamed"))
            for field_name, text, said in (
                ("answer", entry.answer, _PUBLIC_SAID[0]),
                ("answer_en", entry.answer_en, _PUBLIC_SAID[1]),
            ):
                if not said.search(text):
                    checker.add(file, ("faq", i, field_name), Msg("kb.error.faq_public_unsaid"))
        if entry.source_kind is SourceKind.NONE:
            for field_name, text, pointer in (
                ("answer", entry.answer, _POINTER[0]),
                ("answer_en", entry.answer_en, _POINTER[1]),
            ):
                if not pointer.search(text):
                    checker.add(file, ("faq", i, field_name), Msg("kb.error.faq_no_pointer"))


ORGANISATION_KINDS_FILE = "organisation_kinds.yaml"
_ONE_WORD = re.compile(r"[a-zäöüß]+")
"""What a compound's head or prefix is compared with: one word of letters."""


def _check_organisation_kinds(checker: _Checker, file: OrganisationKindsFile) -> None:
    """Every kind listed once; a word, head or prefix under one kind only (under two, which
    kind it names would depend on the order of the code's lists); heads and prefixes single
    words, as the reader compares them with the parts of one word."""
    name = ORGANISATION_KINDS_FILE
    ids = (((i, "id"), kind.id.value) for i, kind in enumerate(file.kinds))
    _duplicates(checker, name, "kinds", ids)
    listed = {kind.id for kind in file.kinds}
    for missing in (kind for kind in OrganisationKindId if kind not in listed):
        checker.add(
            name, ("kinds",), Msg("kb.error.organisation_kind_missing", {"kind": missing.value})
        )
    for field_name in ("words", "compound_heads", "compound_prefixes"):
        owner: dict[str, str] = {}
        for i, kind in enumerate(file.kinds):
            for j, word in enumerate(getattr(kind, field_name)):
                loc = ("kinds", i, field_name, j)
                if field_name != "words" and not _ONE_WORD.fullmatch(word):
                    checker.add(
                        name, loc, Msg("kb.error.organisation_not_one_word", {"word": word})
                    )
                other = owner.setdefault(word, kind.id.value)
                if other != kind.id.value:
                    params = {"word": word, "other": other}
                    checker.add(name, loc, Msg("kb.error.organisation_word_twice", params))


def _check_samtgemeinden(checker: _Checker, regions: RegionsFile) -> None:
    """Each member of a Samtgemeinde is a plain municipality of the same district, in one only."""
    for i, district in enumerate(regions.districts):
        plain = {m.name for m in district.municipalities if not m.members}
        owner: dict[str, str] = {}
        for j, municipality in enumerate(district.municipalities):
            for k, member in enumerate(municipality.members):
                loc: Loc = ("districts", i, "municipalities", j, "members", k)
                if member not in plain:
                    params = {"name": member, "district": district.name}
                    checker.add("regions.yaml", loc, Msg("kb.error.unknown_member", params))
                elif member in owner:
                    params = {"name": member, "other": owner[member]}
                    checker.add("regions.yaml", loc, Msg("kb.error.member_twice", params))
                else:
                    owner[member] = municipality.name


def _check_place_names(checker: _Checker, regions: RegionsFile) -> None:
    """A name or alias inside the region must point to exactly one district."""
    owners: dict[str, set[str]] = defaultdict(set)
    for i, district in enumerate(regions.districts):
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


def _check_localities(checker: _Checker, regions: RegionsFile) -> None:
    """A locality is listed once per district, is not one of its own municipality's names, and
    its source is named. The same name in two districts is allowed (the sponsor is asked)."""
    for i, district in enumerate(regions.districts):
        seen: dict[str, str] = {}
        listed = False
        for j, municipality in enumerate(district.municipalities):
            own = {fold(name) for name in (municipality.name, *municipality.aliases)}
            for k, locality in enumerate(municipality.localities):
                listed = True
                loc: Loc = ("districts", i, "municipalities", j, "localities", k)
                key = fold(locality)
                if key in own:
                    params = {"name": locality, "municipality": municipality.name}
                    checker.add("regions.yaml", loc, Msg("kb.error.locality_is_own_name", params))
                elif key in seen:
                    params = {"name": locality, "other": seen[key]}
                    checker.add("regions.yaml", loc, Msg("kb.error.locality_twice", params))
                else:
                    seen[key] = municipality.name
        if listed and district.localities_source is None:
            checker.add(
                "regions.yaml",
                ("districts", i, "localities_source"),
                Msg("kb.error.localities_without_source", {"district": district.name}),
            )


def _check_vehicle_codes(checker: _Checker, regions: RegionsFile) -> None:
    """A registration code names one district."""
    owner: dict[str, str] = {}
    for i, district in enumerate(regions.districts):
        for j, code in enumerate(district.vehicle_codes):
            if code in owner and owner[code] != district.id:
                checker.add(
                    "regions.yaml",
                    ("districts", i, "vehicle_codes", j),
                    Msg("kb.error.vehicle_code_twice", {"code": code, "other": owner[code]}),
                )
            owner.setdefault(code, district.id)


def _check_outside_places(checker: _Checker, alliances: AlliancesFile) -> None:
    """A place in Germany names its state; one abroad its country."""
    for i, place in enumerate(alliances.outside_places):
        if place.state is None and place.country is None:
            checker.add(
                "alliances.yaml",
                ("outside_places", i, "state"),
                Msg("kb.error.state_or_country", {"name": place.name}),
            )
