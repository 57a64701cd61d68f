"""Staff's knowledge dialogs declared as data for the dialog engine (issue 17 point 1), like
the sponsor's (`bot.dialogs.sponsor`): questions (`Step`), screens (`Screen`), the presses and
typed words they take.

Adding a past project (/projekt_neu): the title, description, period and source are typed;
districts, target groups, action fields and sub-goals are tapped (names and the strategy's
wording shown, codes stored). It ends on a readable preview of the new entry with
"Übernehmen" and a way to change any answer first; "Übernehmen" finishes the dialog
(`Finish("apply")`). `bot.alliance.knowledge_dialogs` runs it, checks the change with the
knowledge store (the same pydantic models as a file) before the preview is shown, and
applies it as a versioned change based on the version the dialog started on. Retiring one
(/projekt_entfernen): a word of its title finds it (typos forgiven), the projects found are
offered, the one chosen is shown and its removal confirmed the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.alliance.entry_dialogs import CHOOSE, ENTRY_DIALOGS, search, start_state
from bot.alliance.entry_dialogs import MENU as ENTRY_MENU
from bot.alliance.entry_dialogs import PREVIEW as ENTRY_PREVIEW
from bot.alliance.entry_dialogs import change as entry_change
from bot.alliance.entry_forms import FORMS, PROJECT
from bot.base.normalize import fold, transliterate
from bot.core.outputs import Button, Finish, Reply
from bot.core.state import Answer, DialogState, Offered
from bot.core.steps import (
    Accepted,
    ChoicesOf,
    Dialog,
    Flow,
    ParseOutcome,
    Questions,
    Rejected,
    Result,
    Screen,
    ScreenContext,
    Several,
    Step,
    StepContext,
)
from bot.core.subdialogs import EntryForm, StaffDialogName
from bot.kb.knowledge import KnowledgeBase
from bot.kb.store import Edit, EntryEdits
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Choice, Lines

PROJECTS_FILE = "projects.yaml"
TEXTS = "project"
"""The add-project dialog's part of the catalogues (`project.<step>.prompt`, `.label`)."""
PREVIEW = "preview"
EDIT_MENU = "edit_menu"
CANCELLED = "cancelled"
_YEARS = re.compile(r"\s*(20[0-9]{2})\s*(?:(?:-|–|bis|to)\s*(20[0-9]{2}))?\s*")
_SLUG = re.compile(r"[^a-z0-9]+")
SOURCE_MIN = 3
"""A source needs a few characters (the model's `Source`)."""


# --- answers ------------------------------------------------------------------------------


def _typed(minimum: int) -> Callable[[str, StepContext], ParseOutcome]:
    def parse(text: str, ctx: StepContext) -> ParseOutcome:
        text = " ".join(text.split())
        if len(text) < minimum:
            return Rejected(Msg("project.too_short"))
        return Accepted(Answer(text=text, value=text))

    return parse


def project_id(title: str, kb: KnowledgeBase) -> str:
    """A new project's id from its title, unique in the knowledge base."""
    base = _SLUG.sub("-", transliterate(fold(title))).strip("-")[:60] or "projekt"
    taken = {p.id for p in kb.projects}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def parse_title(text: str, ctx: StepContext) -> ParseOutcome:
    """The title as typed (a colon is no problem here), and the new entry's id made from it,
    unique in the knowledge base at that moment: a colleague adding the same id meanwhile
    makes the change a conflict, not a second entry."""
    outcome = _typed(1)(text, ctx)
    if isinstance(outcome, Rejected):
        return outcome
    entry_id = project_id(str(outcome.answer.value), ctx.advisor.kb)
    return Accepted(outcome.answer, also={"id": Answer(text=entry_id, value=entry_id)})


def parse_period(text: str, ctx: StepContext) -> ParseOutcome:
    """ "2022–2024" or "2023": the years it ran (the first one first)."""
    years = _YEARS.fullmatch(text)
    if years is None:
        return Rejected(Msg("project.period.invalid"))
    start = int(years.group(1))
    end = int(years.group(2)) if years.group(2) else start
    if end < start:
        return Rejected(Msg("project.period.invalid"))
    shown = str(start) if end == start else f"{start}–{end}"
    return Accepted(Answer(text=shown, value={"start_year": start, "end_year": end}))


def _tap_only(text: str, ctx: StepContext) -> ParseOutcome:
    return Rejected(Msg("project.tap_please"))


Options = Callable[[KnowledgeBase, Mapping[str, Answer]], list[tuple[str, Param]]]
"""A tapped step's choices as (code, name), given the answers so far."""


def _districts(kb: KnowledgeBase, answers: Mapping[str, Answer]) -> list[tuple[str, Param]]:
    return [(d.id, d.name) for d in kb.regions.districts]


def _target_groups(kb: KnowledgeBase, answers: Mapping[str, Answer]) -> list[tuple[str, Param]]:
    return [(g.id, Choice(g.label, g.label_en)) for g in kb.target_groups]


def _action_fields(kb: KnowledgeBase, answers: Mapping[str, Answer]) -> list[tuple[str, Param]]:
    return [(f.id, Choice(f"{f.id}: {f.title}", f"{f.id}: {f.title_en}")) for f in kb.action_fields]


def _sub_goals(kb: KnowledgeBase, answers: Mapping[str, Answer]) -> list[tuple[str, Param]]:
    """The sub-goals of the action fields chosen, in the strategy's wording."""
    chosen = set(codes(answers.get("action_fields")))
    return [
        (g.id, Choice(f"{g.id} {g.title}", f"{g.id} {g.title_en}"))
        for field, g in kb.sub_goals()
        if field.id in chosen
    ]


def codes(answer: Answer | None) -> list[str]:
    """The codes a tapped answer stores."""
    value = answer.value if answer is not None else None
    return [str(code) for code in value] if isinstance(value, list) else []


def _wording(label: Param) -> tuple[str, str | None]:
    if isinstance(label, Choice):
        return label.de, label.en
    return str(label), None


def _offered(options: Options) -> ChoicesOf:
    def choices(ctx: StepContext) -> tuple[Offered, ...]:
        return tuple(
            Offered(value=code, label=_wording(label)[0], label_en=_wording(label)[1])
            for code, label in options(ctx.advisor.kb, ctx.answers)
        )

    return choices


def _several(options: Options) -> Several:
    """Ticked codes become the answer: the codes stored, the names its text."""

    def answer(ticked: list[str], ctx: StepContext) -> Answer:
        names = dict(options(ctx.advisor.kb, ctx.answers))
        words = [_wording(names.get(code, code))[0] for code in ticked]
        return Answer(text=", ".join(words), value=list(ticked))

    return Several(
        answer=answer,
        with_typed=lambda accepted, ticked, ctx: accepted,  # tapped steps take no text
        ticked=codes,
        none_ticked=Msg("project.choose_one"),
    )


def _tapped(step_id: str, options: Options, *, optional: bool = False) -> Step:
    return Step(
        step_id,
        _tap_only,
        choices=_offered(options),
        several=_several(options),
        optional=optional,
        free_text=False,
        texts=TEXTS,
    )


PROJECT_STEPS = (
    Step("title", parse_title, texts=TEXTS),
    _tapped("districts", _districts),
    _tapped("target_groups", _target_groups, optional=True),
    _tapped("action_fields", _action_fields),
    _tapped("sub_goals", _sub_goals, optional=True),
    Step("description", _typed(1), texts=TEXTS),
    Step("period", parse_period, optional=True, texts=TEXTS),
    Step("source", _typed(SOURCE_MIN), texts=TEXTS),
)


# --- the change and its preview -------------------------------------------------------------


def project_entry(answers: Mapping[str, Answer]) -> dict[str, object]:
    """The new entry of projects.yaml, in codes, as the answers give it."""

    def text(key: str) -> str:
        answer = answers.get(key)
        return str(answer.value) if answer is not None else ""

    value: dict[str, object] = {
        "id": text("id"),
        "title": text("title"),
        "districts": codes(answers.get("districts")),
        "target_groups": codes(answers.get("target_groups")),
        "action_fields": codes(answers.get("action_fields")),
        "sub_goals": codes(answers.get("sub_goals")),
        "description": text("description"),
        "state": "finished",
        "source": text("source"),
    }
    period = answers.get("period")
    if period is not None and isinstance(period.value, dict):
        value["period"] = dict(period.value)
    return value


def project_change(state: DialogState) -> EntryEdits:
    """What the dialog changes: one new entry of projects.yaml."""
    value = project_entry(state.answers)
    return EntryEdits(PROJECTS_FILE, (Edit("projects", str(value["id"]), value),))


def _names(options: Options, kb: KnowledgeBase, answers: Mapping[str, Answer], key: str) -> Param:
    labels = dict(options(kb, answers))
    shown = tuple(Msg("project.item", {"label": labels.get(c, c)}) for c in codes(answers.get(key)))
    return Lines(shown, ", ") if shown else "–"


def show_preview(state: DialogState, context: ScreenContext, notes: Sequence[Msg]) -> Reply:
    """The new entry as staff read it: names and the strategy's wording, not codes."""
    kb, answers = context.step.advisor.kb, state.answers

    def text(key: str) -> str:
        answer = answers.get(key)
        return answer.text if answer is not None else "–"

    preview = Msg(
        "project.preview",
        {
            "file": PROJECTS_FILE,
            "id": text("id"),
            "title": text("title"),
            "districts": _names(_districts, kb, answers, "districts"),
            "target_groups": _names(_target_groups, kb, answers, "target_groups"),
            "action_fields": _names(_action_fields, kb, answers, "action_fields"),
            "sub_goals": _names(_sub_goals, kb, answers, "sub_goals"),
            "description": text("description"),
            "period": text("period"),
            "source": text("source"),
        },
    )
    buttons = (
        (Button(Msg("project.button.apply"), "apply"),),
        (Button(Msg("project.button.change"), "change"),),
    )
    return Reply((*notes, preview), buttons, PREVIEW)


def show_edit_menu(state: DialogState, context: ScreenContext, notes: Sequence[Msg]) -> Reply:
    """Which answer to change before the change is applied."""
    buttons = [Button(Msg(step.label), f"edit:{step.id}") for step in context.shown]
    rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
    rows.append((Button(Msg("project.button.to_preview"), "show"),))
    return Reply((*notes, Msg("project.edit_menu")), tuple(rows), EDIT_MENU)


def show_cancelled(state: DialogState, context: ScreenContext, notes: Sequence[Msg]) -> Reply:
    """Staff's dialogs are not paused: cancelled, they end (the desk drops them)."""
    return Reply((Msg("project.cancelled"),), (), CANCELLED)


def _apply(flow: Flow, state: DialogState, _: str) -> Result:
    return state, [Finish("apply")]


def _to_preview(flow: Flow, state: DialogState, _: str = "") -> Result:
    return flow.end(state)


ADD_PROJECT = Dialog(
    id="project_new",
    sequences=(Questions("project", PROJECT_STEPS),),
    screens=(
        Screen(
            PREVIEW,
            show_preview,
            presses={"apply": _apply, "change": lambda flow, state, _: flow.show(state, EDIT_MENU)},
            use_buttons=Msg("project.preview_again"),
            leave=lambda flow, state: flow.show(state, EDIT_MENU),
        ),
        Screen(
            EDIT_MENU,
            show_edit_menu,
            presses={
                "edit:": lambda flow, state, step: flow.edit(state, step),
                "show": _to_preview,
            },
            use_buttons=Msg("project.tap_please"),
            leave=lambda flow, state: flow.end(state),
            resume_as=PREVIEW,
        ),
    ),
    end=PREVIEW,
    paused=Screen(CANCELLED, show_cancelled),
    words={
        "sponsor.button.done": "project.button.next",
        "sponsor.button.skip": "project.button.skip",
        "sponsor.error.use_buttons": "project.tap_please",
        "sponsor.error.not_optional": "project.choose_one",
    },
)
"""A past project, added by a staff member (/projekt_neu)."""


# --- retiring a project -----------------------------------------------------------------------

RETIRE_TEXTS = "retire"
"""The retire dialog's part of the catalogues (`retire.project.prompt`, `.label`)."""
REMOVAL = "removal"
FOUND_SHOWN = 8
"""Projects offered for a search word (a more precise word narrows them down)."""


def parse_project(text: str, ctx: StepContext) -> ParseOutcome:
    """A project chosen by its title (a button offered for a word), or a word of its title:
    the projects it finds, typos forgiven, offered as buttons."""
    kb = ctx.advisor.kb
    chosen = next((p for p in kb.projects if fold(p.title) == fold(text)), None)
    if chosen is not None:
        return Accepted(Answer(text=chosen.title, value=chosen.id))
    query = " ".join(text.split())
    found = search(PROJECT, kb, query)[:FOUND_SHOWN]
    if not found:
        return Rejected(Msg("project.retire.none", {"query": query}))
    return Rejected(
        Msg("project.retire.choose"), suggestions=tuple(kb.project(id_).title for id_ in found)
    )


def show_removal(state: DialogState, context: ScreenContext, notes: Sequence[Msg]) -> Reply:
    """What goes, as staff know it: its title, id and districts."""
    kb = context.step.advisor.kb
    entry_id = str(state.answers["project"].value)
    project = next((p for p in kb.projects if p.id == entry_id), None)
    title = project.title if project is not None else state.answers["project"].text
    districts = ", ".join(kb.district(d).name for d in project.districts) if project else "–"
    shown = {"file": PROJECTS_FILE, "title": title, "id": entry_id, "districts": districts}
    preview = Msg("project.retire.preview", shown)
    return Reply((*notes, preview), ((Button(Msg("project.button.retire"), "apply"),),), REMOVAL)


def retire_change(state: DialogState) -> EntryEdits:
    """What the dialog changes: the chosen project taken out of projects.yaml."""
    entry_id = str(state.answers["project"].value)
    return EntryEdits(PROJECTS_FILE, (Edit("projects", entry_id, None),))


RETIRE_PROJECT = Dialog(
    id="project_retire",
    sequences=(Questions("retire", (Step("project", parse_project, texts=RETIRE_TEXTS),)),),
    screens=(
        Screen(
            REMOVAL,
            show_removal,
            presses={"apply": _apply},
            use_buttons=Msg("project.tap_please"),
        ),
    ),
    end=REMOVAL,
    paused=Screen(CANCELLED, show_cancelled),
    words={"sponsor.error.use_buttons": "project.tap_please"},
)
"""A past project taken out of the knowledge base (/projekt_entfernen)."""


@dataclass(frozen=True)
class StaffForm:
    """A staff dialog and what it changes once confirmed."""

    dialog: Dialog
    change: Callable[[DialogState, str, KnowledgeBase], EntryEdits]
    """The change its answers make when it finishes with `what` ("apply", "remove"),
    validated and applied by the knowledge store."""
    again: Msg
    """How to begin again after a refusal."""
    checked: str
    """The screen shown only once the store has checked the change (the preview)."""
    invalid: str | None = None
    """The screen a change the models refuse goes back to, saying the fix; None: the dialog
    ends with the refusal."""
    begin: Callable[[KnowledgeBase], DialogState] | None = None
    """Where it begins (a list of entries); None: at its first question."""
    taken_on: str | None = None
    """The screen an entry is chosen on: the change is based on the version live when it is
    left (the entry as staff saw it), not when the dialog began."""
    then: Mapping[str, StaffDialogName] = field(default_factory=dict)
    """Finishes that go on in another staff dialog ("office": the coordination office's)."""


def _form(name: EntryForm) -> StaffForm:
    form = FORMS[name]
    return StaffForm(
        ENTRY_DIALOGS[name],
        lambda state, what, kb: entry_change(form, state, what, kb),
        Msg("entry.refused"),
        checked=ENTRY_PREVIEW,
        invalid=ENTRY_MENU,
        begin=lambda kb: start_state(form, kb),
        taken_on=CHOOSE,
        then={"office": "office_edit"} if name == "alliance" else {},
    )


STAFF_DIALOGS: dict[StaffDialogName, StaffForm] = {
    "project_new": StaffForm(
        ADD_PROJECT, lambda state, _, kb: project_change(state), Msg("project.refused"), PREVIEW
    ),
    "project_retire": StaffForm(
        RETIRE_PROJECT,
        lambda state, _, kb: retire_change(state),
        Msg("project.retire.refused"),
        REMOVAL,
    ),
    "project_edit": _form("project"),
    "alliance_edit": _form("alliance"),
    "office_edit": _form("office"),
    "faq_edit": _form("faq"),
}
