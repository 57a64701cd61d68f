"""Staff add, edit and remove knowledge entries by dialog (issue 17 point 1): each `Form` of
`entry_forms.py` (a past project, a local alliance's members and contact details, the
coordination office's, an FAQ entry) declared as a `Dialog` for the engine.

The dialog begins on a list of the entries (typed words search their titles, typos forgiven);
the entry chosen is the end screen (every field with a button, the changed ones marked): each
field is one question (typed text or lines, tapped choices in names and the strategy's
wording, typed years), answered again from there. "Vorschau" shows the change before → after
(checked by the knowledge store before it is shown); "Übernehmen" or, for a removal, "Ja,
entfernen" finish the dialog. A new entry's fields are asked one after the other, up to the
preview. The answers are the entry's fields as its file stores them; the change is the entry
they make, applied as based on the version the dialog began on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from pydantic import JsonValue
from rapidfuzz import fuzz, process

from bot.alliance.entry_forms import FORMS, FieldSpec, Form, entry_title, new_id
from bot.base.normalize import fold
from bot.core.outputs import Button, Finish, Reply
from bot.core.state import Answer, DialogState, Offered
from bot.core.steps import (
    Accepted,
    Dialog,
    Flow,
    ParseOutcome,
    Questions,
    Rejected,
    Result,
    Screen,
    ScreenContext,
    ScreenHandler,
    Several,
    Step,
    StepContext,
)
from bot.core.subdialogs import EntryForm
from bot.kb.diff import file_content
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KbError
from bot.kb.store import Edit, EntryEdits
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Choice, Lines

CHOOSE = "choose"
MENU = "entry"
PREVIEW = "preview"
REMOVE = "remove"
CANCELLED = "cancelled"
PAGE = 8
"""Entries per page of the list (and search results shown)."""
FOUND_SCORE = 75
"""rapidfuzz's partial ratio a title must reach for a typed word (typos pass, noise not)."""
SHORT = 120
"""Characters of a long text shown in the entry's overview (the preview shows all)."""
ID = "id"
"""The answer that names the entry edited (none: the coordination office, or a new entry
before its first field)."""
_YEARS = re.compile(r"\s*(20[0-9]{2})\s*(?:(?:-|–|bis)\s*(20[0-9]{2}))?\s*")
_LIST_SPLIT = re.compile(r"\s*(?:\n|;)\s*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
CLEAR_WORDS = frozenset({"-", "–", "leer", "keine", "keiner", "none", "empty"})


def label(form: Form, name: str) -> Msg:
    return Msg(f"entry.field.{form.name}.{name}")


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _items(value: JsonValue) -> list[JsonValue]:
    return list(value) if isinstance(value, list) else []


def values(answers: Mapping[str, Answer]) -> dict[str, JsonValue]:
    """The answers as the entry's fields, as its file stores them."""
    return {key: answer.value for key, answer in answers.items()}


def entry(form: Form, answers: Mapping[str, Answer], kb: KnowledgeBase) -> dict[str, JsonValue]:
    """The entry the answers make: a tapped field's choices that no longer apply (the
    sub-goals of an action field taken out) go."""
    value = values(answers)
    for spec in form.fields:
        if spec.kind == "several" and spec.options is not None and value.get(spec.name):
            valid = {code for code, _ in spec.options(kb, value)}
            value[spec.name] = [c for c in _items(value[spec.name]) if c in valid]
    return value


def shown(
    form: Form, spec: FieldSpec, value: Mapping[str, JsonValue], kb: KnowledgeBase, short: bool
) -> Param:
    """A field's value as staff read it: names, not codes; "–" when empty."""
    current = value.get(spec.name)
    if _empty(current):
        return "–"
    if spec.kind in ("several", "one") and spec.options is not None:
        labels = dict(spec.options(kb, value))
        codes = current if isinstance(current, list) else [current]
        items = tuple(Msg("entry.item", {"label": labels.get(str(c), str(c))}) for c in codes)
        return Lines(items, ", ")
    if spec.kind == "lines" and isinstance(current, list):
        return "; ".join(str(item) for item in current)
    if spec.kind == "years" and isinstance(current, Mapping):
        start, end = current.get("start_year"), current.get("end_year")
        if start is None:
            return str(end) if end is not None else "–"
        return str(start) if end in (None, start) else f"{start}–{end}"
    text = str(current)
    return text[: SHORT - 1] + "…" if short and len(text) > SHORT else text


def search(form: Form, kb: KnowledgeBase, query: str) -> list[str]:
    """Entries whose title (an FAQ entry: its questions and keywords too) contains the
    typed words, typos forgiven; the closest first."""
    texts: dict[str, str] = {}
    for entry in form.entries(kb):
        value = entry.model_dump(mode="json")
        words = [entry_title(form, value), str(value.get("short_name") or "")]
        if form.name == "faq":
            words += [*value.get("questions", []), *value.get("keywords", [])]
        texts[str(entry.id)] = fold(" ".join(words))
    found = process.extract(
        fold(query), texts, scorer=fuzz.partial_ratio, limit=PAGE, score_cutoff=FOUND_SCORE
    )
    return [str(key) for _, _, key in found]


def edited_list(current: list[str], text: str) -> list[str]:
    """A typed list: one item a line (or separated by ";"), replacing the old one; lines that
    all start with "+" or "-" add to it and take out of it instead (only "-" lines naming
    something not in the list are a pasted bullet list, the new list)."""
    items = [item for item in _LIST_SPLIT.split(text) if item]
    if not items or not all(item[0] in "+-−" for item in items):
        return items
    known = {fold(i) for i in current}
    if all(item[0] in "-−" for item in items) and any(
        fold(item[1:].strip()) not in known for item in items
    ):
        return [item[1:].strip() for item in items]  # a pasted bullet list: the new list
    result = list(current)
    for item in items:
        name = item[1:].strip()
        if item[0] == "+" and name and fold(name) not in {fold(i) for i in result}:
            result.append(name)
        elif item[0] in "-−":
            result = [i for i in result if fold(i) != fold(name)]
    return result


def before(form: Form, kb: KnowledgeBase, answers: Mapping[str, Answer]) -> dict[str, JsonValue]:
    """The entry as the knowledge base holds it (empty for a new one)."""
    content = file_content(kb, form.file).get(form.section)
    if form.single:
        return dict(content) if isinstance(content, dict) else {}
    entry_id = answers[ID].value if ID in answers else None
    entries = content if isinstance(content, list) else []
    found = next((e for e in entries if entry_id is not None and e.get("id") == entry_id), None)
    return dict(found) if found is not None else {}


# --- the fields as questions ------------------------------------------------------------------


def _clear_or(spec: FieldSpec, text: str) -> Rejected | None:
    """ "-" (or "leer") empties an optional field, never a required one."""
    if fold(text) in CLEAR_WORDS or text.strip() in CLEAR_WORDS:
        if spec.required:
            return Rejected(Msg("entry.cannot_clear"))
        return Rejected(Msg("entry.cleared"), skips=True)
    return None


def _parser(form: Form, spec: FieldSpec) -> Callable[[str, StepContext], ParseOutcome]:
    def parse(text: str, ctx: StepContext) -> ParseOutcome:
        text = text.strip()
        if spec.kind in ("several", "one"):
            # a choice tapped: its label (in either language) names it
            for offered in _choices(spec)(ctx):
                if text in (offered.label, offered.label_en):
                    return Accepted(Answer(text=offered.label, value=offered.value))
            return Rejected(Msg("entry.tap_please"))
        cleared = _clear_or(spec, text)
        if cleared is not None:
            return cleared
        if spec.kind == "years":
            years = _YEARS.fullmatch(text)
            start = int(years.group(1)) if years else 0
            end = int(years.group(2)) if years and years.group(2) else start
            if years is None or end < start:
                return Rejected(Msg("entry.years_invalid"))
            shown_years = str(start) if end == start else f"{start}–{end}"
            return Accepted(Answer(text=shown_years, value={"start_year": start, "end_year": end}))
        if spec.kind == "lines":
            current = ctx.answers.get(spec.name)
            given = [str(i) for i in _items(current.value)] if current is not None else []
            items = edited_list(given, text)
            if not items and spec.required:
                return Rejected(Msg("entry.cannot_clear"))
            value: list[JsonValue] = list(items)
            answer = Answer(text="\n".join(items), value=value)
            if form.id_from == spec.name and ID not in ctx.answers:
                # a new entry's id, from its first words (unique at that moment)
                entry_id = new_id(form, {spec.name: value}, ctx.advisor.kb)
                return Accepted(answer, also={ID: Answer(text=entry_id, value=entry_id)})
            return Accepted(answer)
        if len(text) < spec.min_length:
            return Rejected(Msg("entry.too_short"))
        if spec.name == "email" and not _EMAIL.fullmatch(text):
            return Rejected(Msg("entry.email_invalid"))
        return Accepted(Answer(text=text, value=text))

    return parse


def _choices(spec: FieldSpec) -> Callable[[StepContext], tuple[Offered, ...]]:
    def choices(ctx: StepContext) -> tuple[Offered, ...]:
        assert spec.options is not None
        offered = []
        for code, name in spec.options(ctx.advisor.kb, values(ctx.answers)):
            if isinstance(name, Choice):
                offered.append(Offered(value=code, label=name.de, label_en=name.en))
            elif isinstance(name, Msg):
                de, en = name.localize("de"), name.localize("en")
                offered.append(Offered(value=code, label=de, label_en=en))
            else:
                offered.append(Offered(value=code, label=str(name)))
        return tuple(offered)

    return choices


def _several(spec: FieldSpec) -> Several:
    def answer(ticked: list[str], ctx: StepContext) -> Answer:
        labels = {o.value: o.label for o in _choices(spec)(ctx)}
        value: list[JsonValue] = list(ticked)
        return Answer(text=", ".join(labels.get(c, c) for c in ticked), value=value)

    return Several(
        answer=answer,
        with_typed=lambda accepted, ticked, ctx: accepted,
        ticked=lambda answer: [str(c) for c in _items(answer.value)],
        none_ticked=Msg("entry.choose_one"),
    )


def _step(form: Form, spec: FieldSpec) -> Step:
    tapped = spec.kind in ("several", "one")
    return Step(
        spec.name,
        _parser(form, spec),
        choices=_choices(spec) if tapped else None,
        several=_several(spec) if spec.kind == "several" else None,
        optional=not spec.required,
        free_text=not tapped,
        texts=f"entry.field.{form.name}",
        wording=Msg(f"entry.ask.{spec.kind}", {"field": label(form, spec.name)}),
    )


# --- the screens ------------------------------------------------------------------------------


def listing(form: Form, state: DialogState, kb: KnowledgeBase, page: int) -> DialogState:
    """The list at `page`: its entries are what its buttons choose."""
    entries = [e.model_dump(mode="json") for e in form.entries(kb)]
    pages = max(1, -(-len(entries) // PAGE))
    page = min(max(page, 0), pages - 1)
    offered = [
        Offered(value=str(e["id"]), label=entry_title(form, e))
        for e in entries[page * PAGE : (page + 1) * PAGE]
    ]
    return state.model_copy(update={"offered": offered, "partial": "", "step": CHOOSE})


def _page(form: Form, state: DialogState, kb: KnowledgeBase) -> tuple[int, int, int]:
    ids = [str(e.id) for e in form.entries(kb)]
    first = state.offered[0].value if state.offered else ""
    index = ids.index(first) if first in ids else 0
    return index // PAGE, max(1, -(-len(ids) // PAGE)), len(ids)


def _short(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _chooser(form: Form) -> Screen:
    def render(state: DialogState, context: ScreenContext, notes: Sequence[Msg]) -> Reply:
        kb = context.step.advisor.kb
        titles = {str(e.id): entry_title(form, e.model_dump(mode="json")) for e in form.entries(kb)}
        rows: list[tuple[Button, ...]] = [
            (Button(_short(titles.get(o.value, o.label)), f"choose:{index}"),)
            for index, o in enumerate(state.offered)
        ]
        if state.partial:  # the results of a search
            parts = (*notes, Msg("entry.search.found", {"query": state.partial}))
            rows.append((Button(Msg("entry.button.all"), "page:0"),))
        else:
            page, pages, count = _page(form, state, kb)
            params: dict[str, Param] = {"page": page + 1, "pages": pages, "count": count}
            parts = (*notes, Msg(f"entry.choose.{form.name}", params))
            pager = []
            if page > 0:
                pager.append(Button(Msg("entry.button.earlier"), f"page:{page - 1}"))
            if page + 1 < pages:
                pager.append(Button(Msg("entry.button.later"), f"page:{page + 1}"))
            if pager:
                rows.append(tuple(pager))
        if form.can_add:
            rows.append((Button(Msg("entry.button.new"), "new"),))
        if form.name == "alliance":
            rows.append((Button(Msg("entry.button.office"), "office"),))
        return Reply(parts, tuple(rows), CHOOSE)

    def page(flow: Flow, state: DialogState, argument: str) -> Result:
        kb = flow.context(state).advisor.kb
        number = int(argument) if argument.isdigit() else 0
        return flow.show(listing(form, state, kb, number), CHOOSE)

    def typed(flow: Flow, state: DialogState, text: str) -> Result:
        kb = flow.context(state).advisor.kb
        query = " ".join(text.split())
        found = search(form, kb, query)
        if not found:
            again = listing(form, state, kb, _page(form, state, kb)[0])
            return flow.show(again, CHOOSE, [Msg("entry.search.none", {"query": query})])
        titles = {str(e.id): entry_title(form, e.model_dump(mode="json")) for e in form.entries(kb)}
        offered = [Offered(value=i, label=titles[i]) for i in found]
        return flow.show(state.model_copy(update={"offered": offered, "partial": query}), CHOOSE)

    def choose(flow: Flow, state: DialogState, argument: str) -> Result:
        index = int(argument) if argument.isdigit() else len(state.offered)
        if index >= len(state.offered):
            return flow.show(state, CHOOSE, [Msg("sponsor.error.stale")])
        kb = flow.context(state).advisor.kb
        entry_id = state.offered[index].value
        picked = before(form, kb, {ID: Answer(text=entry_id, value=entry_id)})
        if not picked:
            again = listing(form, state, kb, 0)
            return flow.show(again, CHOOSE, [Msg("entry.gone")])
        return flow.end(_taken(form, state, picked, kb))

    def new(flow: Flow, state: DialogState, _: str) -> Result:
        state = state.model_copy(update={"answers": {}, "offered": [], "partial": ""})
        return flow.ask(state, form.fields[0].name)

    presses: dict[str, ScreenHandler] = {"page:": page, "choose:": choose}
    if form.can_add:
        presses["new"] = new
    if form.name == "alliance":
        presses["office"] = lambda flow, state, _: (state, [Finish("office")])
    return Screen(CHOOSE, render, presses=presses, typed=typed)


def _taken(
    form: Form, state: DialogState, entry: Mapping[str, JsonValue], kb: KnowledgeBase
) -> DialogState:
    """The entry's fields as the answers the dialog goes on with."""
    answers = {
        key: Answer(text=_answer_text(form, key, entry, kb), value=value)
        for key, value in entry.items()
    }
    return state.model_copy(update={"answers": answers, "offered": [], "partial": ""})


def _answer_text(form: Form, key: str, entry: Mapping[str, JsonValue], kb: KnowledgeBase) -> str:
    """How an answer taken from the entry reads ("bisher: …"): the list one a line, to copy."""
    spec = form.field(key)
    value = entry.get(key)
    if spec is None or _empty(value):
        return "–" if spec is not None else str(value)
    if spec.kind == "lines":
        return "\n".join(str(item) for item in _items(value))
    shown_value = shown(form, spec, entry, kb, short=False)
    if isinstance(shown_value, int | float):
        return str(shown_value)
    return shown_value if isinstance(shown_value, str) else shown_value.localize("de")


def start_state(form: Form, kb: KnowledgeBase) -> DialogState:
    """Where the dialog begins: the list (the coordination office: its entry)."""
    state = DialogState(step=CHOOSE)
    if form.single:
        return _taken(form, state, before(form, kb, {}), kb).model_copy(update={"step": MENU})
    return listing(form, state, kb, 0)


def _menu(form: Form) -> Screen:
    def render(state: DialogState, context: ScreenContext, notes: Sequence[Msg]) -> Reply:
        kb = context.step.advisor.kb
        now, was = entry(form, state.answers, kb), before(form, kb, state.answers)
        lines = tuple(
            Msg(
                "entry.line",
                {
                    "mark": "" if _same(form, was, now, (spec,)) else "✏️ ",
                    "field": label(form, spec.name),
                    "value": shown(form, spec, now, kb, short=True),
                },
            )
            for spec in form.fields
        )
        title = entry_title(form, now) or "…"
        buttons = [
            Button(Msg("entry.button.field", {"field": label(form, s.name)}), f"edit:{s.name}")
            for s in form.fields
        ]
        rows: list[tuple[Button, ...]] = [
            tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)
        ]
        rows.append((Button(Msg("entry.button.preview"), "preview"),))
        if form.can_remove and was:
            rows.append((Button(Msg("entry.button.remove"), "remove"),))
        overview = Msg("entry.menu", {"title": title, "fields": Lines(lines)})
        return Reply((*notes, overview), tuple(rows), MENU)

    def preview(flow: Flow, state: DialogState, _: str) -> Result:
        kb = flow.context(state).advisor.kb
        now = values(state.answers)
        missing = [s for s in form.fields if s.required and _empty(now.get(s.name))]
        if missing:
            names = Lines(tuple(label(form, s.name) for s in missing), ", ")
            return flow.end(state, [Msg("entry.missing", {"fields": names})])
        was = before(form, kb, state.answers)
        if was and _same(form, was, now):
            return flow.end(state, [Msg("entry.unchanged")])
        return flow.show(state, PREVIEW)

    return Screen(
        MENU,
        render,
        presses={
            "edit:": lambda flow, state, name: flow.edit(state, name),
            "preview": preview,
            "remove": lambda flow, state, _: flow.show(state, REMOVE),
        },
        use_buttons=Msg("entry.tap_please"),
    )


def _same(
    form: Form,
    was: Mapping[str, JsonValue],
    now: Mapping[str, JsonValue],
    fields: Sequence[FieldSpec] = (),
) -> bool:
    """The fields (all of the form's) are as they were; empty is empty however written."""
    return all(
        (_empty(was.get(s.name)) and _empty(now.get(s.name))) or was.get(s.name) == now.get(s.name)
        for s in fields or form.fields
    )


def _changed(
    form: Form,
    spec: FieldSpec,
    kb: KnowledgeBase,
    was: Mapping[str, JsonValue],
    now: Mapping[str, JsonValue],
    new: bool,
) -> Msg | None:
    """One changed field of the preview: before → after; a list by what it gains and loses."""
    field, old, value = label(form, spec.name), was.get(spec.name), now.get(spec.name)
    if old == value or (_empty(old) and _empty(value)):
        return None
    after = shown(form, spec, now, kb, short=False)
    if new:
        return Msg("entry.preview.set", {"field": field, "after": after})
    old_shown = shown(form, spec, was, kb, short=False)
    if spec.kind in ("lines", "several") and isinstance(old, list) and isinstance(value, list):
        names: dict[str, Param] = {}
        if spec.options is not None:  # the names of what went, too
            names = dict(spec.options(kb, was)) | dict(spec.options(kb, now))
        items = [
            Msg("entry.preview.added", {"item": names.get(str(i), str(i))})
            for i in value
            if i not in old
        ]
        items += [
            Msg("entry.preview.removed", {"item": names.get(str(i), str(i))})
            for i in old
            if i not in value
        ]
        if items:
            return Msg("entry.preview.list", {"field": field, "changes": Lines(tuple(items), "; ")})
    return Msg("entry.preview.changed", {"field": field, "before": old_shown, "after": after})


def _preview(form: Form) -> Screen:
    def render(state: DialogState, context: ScreenContext, notes: Sequence[Msg]) -> Reply:
        kb = context.step.advisor.kb
        now, was = entry(form, state.answers, kb), before(form, kb, state.answers)
        new = not was and not form.single
        changes = tuple(
            c for spec in form.fields if (c := _changed(form, spec, kb, was, now, new)) is not None
        )
        heading = "entry.preview.new" if new else "entry.preview.edit"
        params: dict[str, Param] = {
            "file": form.file,
            "title": entry_title(form, now),
            "id": str(now.get(ID, "")),
            "changes": Lines(changes),
        }
        buttons = (
            (Button(Msg("entry.button.apply"), "apply"),),
            (Button(Msg("entry.button.more"), "menu"),),
        )
        return Reply((*notes, Msg(heading, params)), buttons, PREVIEW)

    return Screen(
        PREVIEW,
        render,
        presses={
            "apply": lambda flow, state, _: (state, [Finish("apply")]),
            "menu": lambda flow, state, _: flow.end(state),
        },
        use_buttons=Msg("entry.tap_please"),
        leave=lambda flow, state: flow.end(state),
    )


def _removal(form: Form) -> Screen:
    def render(state: DialogState, context: ScreenContext, notes: Sequence[Msg]) -> Reply:
        now = values(state.answers)
        params = {"file": form.file, "title": entry_title(form, now), "id": str(now.get(ID, ""))}
        yes = Button(Msg("entry.button.remove_yes"), "apply")
        return Reply((*notes, Msg("entry.remove.preview", params)), ((yes,),), REMOVE)

    return Screen(
        REMOVE,
        render,
        presses={"apply": lambda flow, state, _: (state, [Finish("remove")])},
        use_buttons=Msg("entry.tap_please"),
        leave=lambda flow, state: flow.end(state),
    )


def show_cancelled(state: DialogState, context: ScreenContext, notes: Sequence[Msg]) -> Reply:
    return Reply((Msg("entry.cancelled"),), (), CANCELLED)


def form_dialog(form: Form) -> Dialog:
    return Dialog(
        id=f"{form.name}_edit",
        sequences=(Questions(form.name, tuple(_step(form, s) for s in form.fields), then=PREVIEW),),
        screens=(_chooser(form), _menu(form), _preview(form), _removal(form)),
        end=MENU,
        paused=Screen(CANCELLED, show_cancelled),
        words={
            "sponsor.button.done": "entry.button.done",
            "sponsor.button.back": "entry.button.back",
            "sponsor.button.skip": "entry.button.leave_empty",
            "sponsor.current_answer": "entry.current",
            "sponsor.error.use_buttons": "entry.tap_please",
            "sponsor.error.not_optional": "entry.cannot_clear",
        },
    )


def change(form: Form, state: DialogState, what: str, kb: KnowledgeBase) -> EntryEdits:
    """The entry the answers make (None: removed), in its file's section."""
    value = None if what == "remove" else entry(form, state.answers, kb)
    if form.single:
        return EntryEdits(form.file, (Edit(form.section, None, value),))
    entry_id = str(state.answers[ID].value) if ID in state.answers else ""
    return EntryEdits(form.file, (Edit(form.section, entry_id, value),))


def problem(form: Form, error: KbError) -> Msg:
    """A validation error in the dialog's terms: the field as staff know it, not a line of a
    file they never saw."""
    name = re.split(r"[\[.]", error.field or "")[0]
    if form.field(name) is not None:
        return Msg("entry.problem", {"field": label(form, name), "message": error.message})
    return Msg("entry.problem_general", {"message": error.message})


ENTRY_DIALOGS: dict[EntryForm, Dialog] = {name: form_dialog(form) for name, form in FORMS.items()}
