"""The knowledge entries staff edit by dialog, declared as data (issue 17 point 1).

A form names the knowledge file and its list of entries, and each field: how it is given
(typed text, typed lines, tapped several, tapped one, typed years), whether the model requires
it, and for tapped fields the choices as (code, label), so staff see names and the strategy's
wording while the file gets codes. `entry_dialogs.py` declares them as dialogs; the store validates
the result with the same pydantic models as an uploaded file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import JsonValue

from bot.base.normalize import fold, transliterate
from bot.core.subdialogs import EntryForm
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Choice

FieldKind = Literal["text", "lines", "several", "one", "years"]
Options = Callable[[KnowledgeBase, Mapping[str, JsonValue]], list[tuple[str, Param]]]
"""A tapped field's choices as (code, label), given the entry edited so far."""


@dataclass(frozen=True)
class FieldSpec:
    name: str
    kind: FieldKind
    required: bool = False
    options: Options | None = None
    min_length: int = 1
    """Typed text shorter than this is asked again (a source needs a few words)."""


@dataclass(frozen=True)
class Form:
    name: EntryForm
    file: str
    section: str
    fields: tuple[FieldSpec, ...]
    entries: Callable[[KnowledgeBase], Sequence[Any]]
    """The entries of the live knowledge base, in file order (pydantic models with `id`)."""
    can_add: bool = False
    can_remove: bool = False
    id_from: str = ""
    """For a new entry: the field its id is made from."""
    id_separator: str = "-"
    single: bool = False
    """The section is one mapping, not a list of entries (the coordination office): it is
    edited and merged as a whole."""

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)


def _districts(kb: KnowledgeBase, value: Mapping[str, JsonValue]) -> list[tuple[str, Param]]:
    return [(d.id, d.name) for d in kb.regions.districts]


def _target_groups(kb: KnowledgeBase, value: Mapping[str, JsonValue]) -> list[tuple[str, Param]]:
    return [(g.id, Choice(g.label, g.label_en)) for g in kb.target_groups]


def _action_fields(kb: KnowledgeBase, value: Mapping[str, JsonValue]) -> list[tuple[str, Param]]:
    return [(f.id, Choice(f"{f.id}: {f.title}", f"{f.id}: {f.title_en}")) for f in kb.action_fields]


def _sub_goals(kb: KnowledgeBase, value: Mapping[str, JsonValue]) -> list[tuple[str, Param]]:
    """The sub-goals of the action fields chosen, in the strategy's wording."""
    given = value.get("action_fields")
    chosen = set(given) if isinstance(given, list) else set()
    return [
        (g.id, Choice(f"{g.id} {g.title}", f"{g.id} {g.title_en}"))
        for field, g in kb.sub_goals()
        if field.id in chosen
    ]


def _named(prefix: str, codes: tuple[str, ...]) -> Options:
    def options(kb: KnowledgeBase, value: Mapping[str, JsonValue]) -> list[tuple[str, Param]]:
        return [(code, Msg(f"entry.choice.{prefix}.{code}")) for code in codes]

    return options


PROJECT = Form(
    "project",
    "projects.yaml",
    "projects",
    (
        FieldSpec("title", "text", required=True),
        FieldSpec("districts", "several", required=True, options=_districts),
        FieldSpec("target_groups", "several", options=_target_groups),
        FieldSpec("action_fields", "several", required=True, options=_action_fields),
        FieldSpec("sub_goals", "several", options=_sub_goals),
        FieldSpec("description", "text", required=True),
        FieldSpec("themes", "lines"),
        FieldSpec("keywords", "lines"),
        FieldSpec("period", "years"),
        FieldSpec(
            "state",
            "one",
            required=True,
            options=_named("state", ("running", "finished", "unknown")),
        ),
        FieldSpec(
            "funding",
            "one",
            required=True,
            options=_named("funding", ("alliance", "other_programme", "unknown")),
        ),
        FieldSpec("funding_note", "text"),
        FieldSpec("source", "text", required=True, min_length=3),
    ),
    lambda kb: kb.projects,
    can_remove=True,
)
"""A past project (projects.yaml); new ones are added with /projekt_neu."""

ALLIANCE = Form(
    "alliance",
    "regions.yaml",
    "local_alliances",
    (
        FieldSpec("members", "lines"),
        FieldSpec("advisory_members", "lines"),
        FieldSpec("phone", "text"),
        FieldSpec("email", "text"),
        FieldSpec("website", "text"),
        FieldSpec("note", "text"),
    ),
    lambda kb: kb.regions.local_alliances,
)
"""A local alliance's member organisations and public contact details (optional fields of
regions.yaml that the sponsor's summary shows)."""

OFFICE = Form(
    "office",
    "regions.yaml",
    "coordination_office",
    (
        FieldSpec("phone", "text"),
        FieldSpec("email", "text"),
        FieldSpec("website", "text"),
        FieldSpec("tasks", "lines"),
    ),
    lambda kb: [kb.regions.coordination_office],
    single=True,
)
"""The coordination office's public contact details (offered beside the alliances)."""

FAQ = Form(
    "faq",
    "faq.yaml",
    "faq",
    (
        FieldSpec("questions", "lines", required=True),
        FieldSpec("questions_en", "lines", required=True),
        FieldSpec("keywords", "lines"),
        FieldSpec("answer", "text", required=True),
        FieldSpec("answer_en", "text", required=True),
        FieldSpec("source", "text", required=True, min_length=3),
        FieldSpec(
            "source_kind",
            "one",
            required=True,
            options=_named("source_kind", ("strategy", "public", "none")),
        ),
    ),
    lambda kb: kb.faq,
    can_add=True,
    can_remove=True,
    id_from="questions",
    id_separator="_",
)
"""An answered question sponsors ask mid-dialog (faq.yaml, issue 12)."""

FORMS: dict[EntryForm, Form] = {form.name: form for form in (PROJECT, ALLIANCE, OFFICE, FAQ)}

_SLUG = re.compile(r"[^a-z0-9]+")


def entry_title(form: Form, value: Mapping[str, JsonValue]) -> str:
    """How staff recognise an entry: a project's title, an alliance's name, an FAQ entry's
    first German question."""
    if form.name == "faq":
        questions = value.get("questions")
        if isinstance(questions, list) and questions:
            return str(questions[0])
        return str(value.get("id", ""))
    return str(value.get("title") or value.get("name") or value.get("id", ""))


def new_id(form: Form, value: Mapping[str, JsonValue], kb: KnowledgeBase) -> str:
    """A new entry's id from its first words, unique among the live entries."""
    source = value.get(form.id_from)
    text = str(source[0] if isinstance(source, list) and source else source or "")
    words = _SLUG.sub(" ", transliterate(fold(text))).split()[:5]
    base = form.id_separator.join(words)[:60] or form.name
    taken = {str(entry.id) for entry in form.entries(kb)}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}{form.id_separator}{number}", number + 1
    return candidate
