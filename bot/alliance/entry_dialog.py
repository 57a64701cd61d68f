"""Staff add, edit and remove knowledge entries by dialog, without YAML (issue 17 point 1).

One dialog for every form of `entry_forms.py` (a past project, a local alliance's members and
contact details, the coordination office's, an FAQ entry): choose the entry from a list or by
a word of its title (fuzzy, rapidfuzz), change any field by tapping it (tapped choices in names
and the strategy's wording, typed text as it is), see a preview of the change before → after,
and confirm. The change goes through `KnowledgeStore.apply` as an entry edit based on the
version the entry was taken from: validated by the same pydantic models as a file, versioned
with its author, merged with colleagues' changes to other entries or refused naming theirs to
the same one, and undone with /kb_zurueck. Its state (`EditEntry`) is a sub-dialog on the
user's stack.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
from collections.abc import Callable, Mapping

from pydantic import JsonValue
from rapidfuzz import fuzz, process

from bot.alliance.entry_forms import FORMS, FieldSpec, Form, entry_title, new_id
from bot.base.normalize import fold
from bot.core.outputs import Button, EngineOutput, Reply
from bot.core.subdialogs import EditEntry, EntryForm
from bot.kb.diff import file_content
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KbError
from bot.kb.report import describe_applied, describe_conflicts, describe_plan
from bot.kb.store import Author, Edit, EntryEdits, KnowledgeStore, Plan
from bot.texts.catalog import LANGUAGES, Language, Msg, Param
from bot.texts.formats import Choice, Lines
from bot.turn import Turn

PRESS = "staff:kb:entry"
"""The buttons' prefix: staff's knowledge area (`bot.alliance.knowledge`) passes them here."""
PAGE = 8
"""Entries per page of the list (and search results shown)."""
FOUND_SCORE = 75
"""rapidfuzz's partial ratio a title must reach for a typed word (typos pass, noise not)."""
SHORT = 120
"""Characters of a long text shown in the entry's overview (the preview shows all)."""
_YEARS = re.compile(r"\s*(20[0-9]{2})\s*(?:(?:-|–|bis)\s*(20[0-9]{2}))?\s*")
_LIST_SPLIT = re.compile(r"\s*(?:\n|;)\s*")
CLEAR_WORDS = frozenset({"-", "–", "leer", "keine", "keiner", "none", "empty"})


def _report(describe: Callable[[Language], str]) -> Msg:
    texts = {language: describe(language) for language in LANGUAGES}
    return Msg("kb.staff.report", {"text": Choice(texts["de"], texts["en"])})


def _label(form: Form, name: str) -> Msg:
    return Msg(f"entry.field.{form.name}.{name}")


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _items(value: JsonValue) -> list[JsonValue]:
    """A list field's items (none when it is empty or not a list)."""
    return list(value) if isinstance(value, list) else []


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


def _changed(
    form: Form, spec: FieldSpec, state: EditEntry, kb: KnowledgeBase, before: Param, after: Param
) -> Msg:
    """One changed field of the preview: before → after; a list by what it gains and loses."""
    label = _label(form, spec.name)
    old, new = state.before.get(spec.name), state.value.get(spec.name)
    if state.new:
        return Msg("entry.preview.set", {"field": label, "after": after})
    if spec.kind in ("lines", "several") and isinstance(old, list) and isinstance(new, list):
        names: dict[str, Param] = {}
        if spec.options is not None:  # the names of what went, too (a sub-goal's old field)
            names = dict(spec.options(kb, state.before)) | dict(spec.options(kb, state.value))
        items: list[Msg] = [
            Msg("entry.preview.added", {"item": names.get(str(i), str(i))})
            for i in new
            if i not in old
        ]
        items += [
            Msg("entry.preview.removed", {"item": names.get(str(i), str(i))})
            for i in old
            if i not in new
        ]
        if items:
            return Msg("entry.preview.list", {"field": label, "changes": Lines(tuple(items), "; ")})
    return Msg("entry.preview.changed", {"field": label, "before": before, "after": after})


def _edited_list(current: list[str], text: str) -> list[str]:
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


def _refusal(plan: Plan) -> Msg:
    """A change refused: which entries colleagues changed since the dialog took them, by
    whom, when, and how to go on (in the dialog's terms; no file was sent)."""
    if not plan.conflicts:
        return _report(lambda language: describe_plan(plan, language))
    intro = Msg("entry.conflict", {"base": plan.base, "version": plan.live})
    how = Msg("entry.conflict_how")
    return _report(lambda language: describe_conflicts(plan, language, intro, how))


def _shortened(title: str, limit: int = 60) -> str:
    """A title short enough for a button (Telegram cuts long labels without a mark)."""
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _problem(form: Form, error: KbError) -> Msg:
    """A validation error in the dialog's terms: the field as staff know it, not a line of a
    file they never saw."""
    name = re.split(r"[\[.]", error.field or "")[0]
    if form.field(name) is not None:
        return Msg("entry.problem", {"field": _label(form, name), "message": error.message})
    return Msg("entry.problem_general", {"message": error.message})


class EntryDialog:
    def __init__(self, store: KnowledgeStore) -> None:
        self.store = store

    # --- starting and choosing ----------------------------------------------------------

    async def start(self, turn: Turn, form_name: EntryForm) -> list[EngineOutput]:
        state = EditEntry(form=form_name, based_on=self.store.live_version())
        return [await self._listing(turn, state, 0)]

    async def _listing(
        self, turn: Turn, state: EditEntry, page: int, note: Msg | None = None
    ) -> Reply:
        form = FORMS[state.form]
        ids = [str(entry.id) for entry in form.entries(turn.advisor.kb)]
        pages = max(1, -(-len(ids) // PAGE))
        page = min(max(page, 0), pages - 1)
        offered = tuple(ids[page * PAGE : (page + 1) * PAGE])
        state = state.model_copy(update={"stage": "choose", "offered": offered, "page": page})
        await turn.start(state)
        pager: list[Button] = []
        if page > 0:
            pager.append(Button(Msg("entry.button.earlier"), f"{PRESS}:page:{page - 1}"))
        if page + 1 < pages:
            pager.append(Button(Msg("entry.button.later"), f"{PRESS}:page:{page + 1}"))
        prompt = Msg(
            f"entry.choose.{form.name}", {"page": page + 1, "pages": pages, "count": len(ids)}
        )
        rows = self._offer(form, turn.advisor.kb, offered)
        extra = (tuple(pager),) if pager else ()
        return Reply((*((note,) if note else ()), prompt), (*rows[:-1], *extra, rows[-1]))

    def _offer(
        self, form: Form, kb: KnowledgeBase, offered: tuple[str, ...]
    ) -> tuple[tuple[Button, ...], ...]:
        by_id = {str(e.id): e.model_dump(mode="json") for e in form.entries(kb)}
        rows = [
            (Button(_shortened(entry_title(form, by_id[id_])), f"{PRESS}:pick:{index}"),)
            for index, id_ in enumerate(offered)
            if id_ in by_id
        ]
        if form.can_add:
            rows.append((Button(Msg("entry.button.new"), f"{PRESS}:new"),))
        if form.name == "alliance":
            rows.append((Button(Msg("entry.button.office"), f"{PRESS}:office"),))
        rows.append((self._cancel(),))
        return tuple(rows)

    async def _found(self, turn: Turn, state: EditEntry, query: str) -> Reply:
        form = FORMS[state.form]
        found = tuple(search(form, turn.advisor.kb, query))
        if not found:
            return await self._listing(
                turn, state, state.page, Msg("entry.search.none", {"query": query})
            )
        await turn.start(state.model_copy(update={"stage": "choose", "offered": found}))
        more = (Button(Msg("entry.button.all"), f"{PRESS}:page:0"),)
        rows = self._offer(form, turn.advisor.kb, found)
        return Reply((Msg("entry.search.found", {"query": query}),), (*rows[:-1], more, rows[-1]))

    async def _pick(self, turn: Turn, state: EditEntry, entry_id: str) -> Reply:
        """The entry as the live version holds it: the edit is based on that version."""
        form = FORMS[state.form]
        live = self.store.current()
        content = file_content(live.kb, form.file).get(form.section)
        if form.single:
            value = content if isinstance(content, dict) else None
        else:
            entries = content if isinstance(content, list) else []
            value = next((e for e in entries if str(e.get("id")) == entry_id), None)
        if value is None:
            return await self._listing(turn, state, state.page, Msg("entry.gone"))
        state = state.model_copy(
            update={
                "based_on": live.version,
                "entry_id": entry_id,
                "before": dict(value),
                "value": dict(value),
                "new": False,
            }
        )
        return await self._menu(turn, state)

    async def _new(self, turn: Turn, state: EditEntry) -> Reply:
        form = FORMS[state.form]
        state = state.model_copy(
            update={
                "based_on": self.store.live_version(),
                "entry_id": "",
                "before": {},
                "value": {},
                "new": True,
                "walking": True,
            }
        )
        return await self._ask(turn, state, form.fields[0].name)

    # --- the entry and its fields -------------------------------------------------------

    async def _menu(self, turn: Turn, state: EditEntry, *notes: Msg) -> Reply:
        form, kb = FORMS[state.form], turn.advisor.kb
        state = state.model_copy(update={"stage": "menu", "field": "", "walking": False})
        await turn.start(state)
        lines = tuple(
            Msg(
                "entry.line",
                {
                    "mark": "✏️ "
                    if state.value.get(spec.name) != state.before.get(spec.name)
                    else "",
                    "field": _label(form, spec.name),
                    "value": shown(form, spec, state.value, kb, short=True),
                },
            )
            for spec in form.fields
        )
        title = entry_title(form, state.value) or "…"
        overview = Msg("entry.menu", {"title": title, "fields": Lines(lines)})
        buttons = [
            Button(
                Msg("entry.button.field", {"field": _label(form, s.name)}),
                f"{PRESS}:field:{s.name}",
            )
            for s in form.fields
        ]
        rows: list[tuple[Button, ...]] = [
            tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)
        ]
        rows.append((Button(Msg("entry.button.preview"), f"{PRESS}:preview"),))
        if form.can_remove and not state.new:
            rows.append((Button(Msg("entry.button.remove"), f"{PRESS}:remove"),))
        rows.append((self._cancel(),))
        return Reply((*notes, overview), tuple(rows))

    async def _ask(self, turn: Turn, state: EditEntry, name: str, note: Msg | None = None) -> Reply:
        form, kb = FORMS[state.form], turn.advisor.kb
        spec = form.field(name)
        assert spec is not None
        state = state.model_copy(update={"stage": "field", "field": name})
        await turn.start(state)
        current: Param = shown(form, spec, state.value, kb, short=False)
        if spec.kind == "lines" and state.value.get(name):
            # one a line: staff copy the list, change it and send it back
            current = "\n" + "\n".join(str(item) for item in _items(state.value[name]))
        params: dict[str, Param] = {"field": _label(form, name), "current": current}
        step = ""
        if state.walking:
            step = f"{form.fields.index(spec) + 1}/{len(form.fields)}"
        parts = (
            *((note,) if note else ()),
            Msg(f"entry.prompt.{spec.kind}", params),
            *((Msg("entry.required"),) if spec.required else ()),
            *((Msg("entry.step", {"step": step}),) if step else ()),
        )
        rows: list[tuple[Button, ...]] = []
        if spec.kind in ("several", "one") and spec.options is not None:
            given = state.value.get(name)
            chosen = set(given if isinstance(given, list) else [given])
            for index, (code, label) in enumerate(spec.options(kb, state.value)):
                mark = "✅ " if code in chosen else ""
                text = Msg("entry.option", {"mark": mark, "label": label})
                rows.append((Button(text, f"{PRESS}:opt:{index}"),))
        last: list[Button] = []
        if spec.kind == "several":
            last.append(Button(Msg("entry.button.done"), f"{PRESS}:done"))
        if not spec.required and not _empty(state.value.get(name)):
            last.append(Button(Msg("entry.button.clear"), f"{PRESS}:clear"))
        if state.walking and not spec.required and spec.kind != "several":
            last.append(Button(Msg("entry.button.skip"), f"{PRESS}:skip"))
        if last:
            rows.append(tuple(last))
        back = Button(Msg("entry.button.back"), f"{PRESS}:back")
        rows.append((back, self._cancel()) if not state.walking else (self._cancel(),))
        return Reply(parts, tuple(rows))

    async def _set(self, turn: Turn, state: EditEntry, name: str, value: JsonValue) -> Reply:
        """A field given: on to the next field of a new entry, else back to the entry."""
        form, kb = FORMS[state.form], turn.advisor.kb
        edited = {**state.value, name: value}
        for spec in form.fields:  # sub-goals of an action field no longer chosen go
            if spec.kind == "several" and spec.options is not None and edited.get(spec.name):
                valid = {code for code, _ in spec.options(kb, edited)}
                edited[spec.name] = [c for c in _items(edited[spec.name]) if c in valid]
        if state.new and name == form.id_from:
            edited["id"] = new_id(form, edited, kb)
        state = state.model_copy(update={"value": edited})
        return await self._after(turn, state, name)

    async def _after(self, turn: Turn, state: EditEntry, name: str) -> Reply:
        form = FORMS[state.form]
        names = [spec.name for spec in form.fields]
        if state.walking and name in names and names.index(name) + 1 < len(names):
            return await self._ask(turn, state, names[names.index(name) + 1])
        if state.walking:
            return await self._preview(turn, state.model_copy(update={"walking": False}))
        return await self._menu(turn, state)

    # --- typed answers and presses --------------------------------------------------------

    async def typed(self, turn: Turn, text: str) -> list[EngineOutput]:
        state = turn.subdialog
        assert isinstance(state, EditEntry)
        text = text.strip()
        if text.startswith("/"):  # a command the bot does not know is no value
            return [await self._again(turn, state, Msg("roles.unknown_command"))]
        if state.stage == "choose":
            return [await self._found(turn, state, text)]
        if state.stage != "field":
            return [await self._again(turn, state, Msg("entry.tap_please"))]
        form = FORMS[state.form]
        spec = form.field(state.field)
        assert spec is not None
        if spec.kind in ("several", "one"):
            return [await self._ask(turn, state, spec.name, Msg("entry.tap_please"))]
        clear = fold(text) in CLEAR_WORDS or text in CLEAR_WORDS
        if clear and spec.required:
            return [await self._ask(turn, state, spec.name, Msg("entry.cannot_clear"))]
        if clear:
            return [await self._set(turn, state, spec.name, self._cleared(spec))]
        if spec.kind == "years":
            years = _YEARS.fullmatch(text)
            start = int(years.group(1)) if years else 0
            end = int(years.group(2)) if years and years.group(2) else start
            if years is None or end < start:
                return [await self._ask(turn, state, spec.name, Msg("entry.years_invalid"))]
            period: JsonValue = {"start_year": start, "end_year": end}
            return [await self._set(turn, state, spec.name, period)]
        if spec.kind == "lines":
            given = [str(item) for item in _items(state.value.get(spec.name))]
            items: list[JsonValue] = list(_edited_list(given, text))
            if not items and spec.required:
                return [await self._ask(turn, state, spec.name, Msg("entry.cannot_clear"))]
            return [await self._set(turn, state, spec.name, items)]
        if len(text) < spec.min_length:
            return [await self._ask(turn, state, spec.name, Msg("entry.too_short"))]
        if spec.name == "email" and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
            return [await self._ask(turn, state, spec.name, Msg("entry.email_invalid"))]
        return [await self._set(turn, state, spec.name, text)]

    @staticmethod
    def _cleared(spec: FieldSpec) -> JsonValue:
        return [] if spec.kind in ("lines", "several") else None

    async def press(self, turn: Turn, action: str) -> list[EngineOutput]:
        state = turn.subdialog
        if not isinstance(state, EditEntry):
            return [Reply((Msg("entry.gone_dialog"),))]
        verb, _, argument = action.partition(":")
        form = FORMS[state.form]
        if verb == "cancel":
            await turn.drop_subdialogs()
            return [Reply((Msg("entry.cancelled"),))]
        if verb == "page" and argument.isdigit() and state.stage == "choose":
            return [await self._listing(turn, state, int(argument))]
        if state.stage == "choose":
            if verb == "pick" and argument.isdigit() and int(argument) < len(state.offered):
                return [await self._pick(turn, state, state.offered[int(argument)])]
            if verb == "new" and form.can_add:
                return [await self._new(turn, state)]
            if verb == "office" and form.name == "alliance":
                office = state.model_copy(update={"form": "office"})
                return [await self._pick(turn, office, "")]
            return [await self._listing(turn, state, state.page)]
        if verb == "field" and form.field(argument) is not None and state.stage != "remove":
            return [await self._ask(turn, state, argument)]
        if verb == "back" or verb == "menu":
            return [await self._menu(turn, state)]
        if verb == "preview" and state.stage == "menu":
            return [await self._preview(turn, state)]
        if verb == "remove" and state.stage == "menu" and form.can_remove and not state.new:
            return [await self._confirm_removal(turn, state)]
        if verb == "apply" and state.stage in ("preview", "remove"):
            return [await self._apply(turn, state)]
        if state.stage == "field":
            return [await self._field_press(turn, state, verb, argument)]
        return [await self._again(turn, state)]

    async def _field_press(self, turn: Turn, state: EditEntry, verb: str, argument: str) -> Reply:
        form, kb = FORMS[state.form], turn.advisor.kb
        spec = form.field(state.field)
        assert spec is not None
        if verb == "opt" and argument.isdigit() and spec.options is not None:
            choices = spec.options(kb, state.value)
            if int(argument) >= len(choices):
                return await self._ask(turn, state, spec.name)
            code = choices[int(argument)][0]
            if spec.kind == "one":
                return await self._set(turn, state, spec.name, code)
            chosen = _items(state.value.get(spec.name))
            chosen = [c for c in chosen if c != code] if code in chosen else [*chosen, code]
            state = state.model_copy(update={"value": {**state.value, spec.name: chosen}})
            # the tick shown in the message tapped, not in a new one for every tap
            return dataclasses.replace(
                await self._ask(turn, state, spec.name), replaces_pressed=True
            )
        if verb == "done" and spec.kind == "several":
            if spec.required and not state.value.get(spec.name):
                return await self._ask(turn, state, spec.name, Msg("entry.choose_one"))
            return await self._set(turn, state, spec.name, _items(state.value.get(spec.name)))
        if verb == "clear" and not spec.required:
            return await self._set(turn, state, spec.name, self._cleared(spec))
        if verb == "skip" and not spec.required:
            return await self._after(turn, state, spec.name)
        return await self._ask(turn, state, spec.name)

    async def _again(self, turn: Turn, state: EditEntry, note: Msg | None = None) -> Reply:
        """The current stage shown again (a stale button, text where a tap is asked)."""
        if state.stage == "field" and state.field:
            return await self._ask(turn, state, state.field, note)
        if state.stage == "preview":
            return await self._preview(turn, state)
        if state.stage == "remove":
            return await self._confirm_removal(turn, state)
        if state.stage == "choose":
            return await self._listing(turn, state, state.page, note)
        notes = (note,) if note else ()
        return await self._menu(turn, state, *notes)

    # --- preview and applying -------------------------------------------------------------

    def _change(self, state: EditEntry) -> EntryEdits:
        form = FORMS[state.form]
        value = None if state.stage == "remove" else state.value
        if form.single:
            return EntryEdits(form.file, (Edit(form.section, None, value),))
        entry_id = state.entry_id or str(state.value.get("id", ""))
        return EntryEdits(form.file, (Edit(form.section, entry_id, value),))

    async def _preview(self, turn: Turn, state: EditEntry) -> Reply:
        form, kb = FORMS[state.form], turn.advisor.kb
        missing = [s for s in form.fields if s.required and _empty(state.value.get(s.name))]
        if missing:
            names = Lines(tuple(_label(form, s.name) for s in missing), ", ")
            return await self._menu(turn, state, Msg("entry.missing", {"fields": names}))
        if not state.new and state.value == state.before:
            return await self._menu(turn, state, Msg("entry.unchanged"))
        state = state.model_copy(update={"stage": "preview", "field": ""})
        plan = await asyncio.to_thread(self.store.plan, self._change(state), state.based_on)
        if plan.errors:
            problems = Lines(tuple(_problem(form, error) for error in plan.errors))
            note = Msg("entry.invalid", {"problems": problems})
            return await self._menu(turn, state, note, Msg("entry.fix_and_retry"))
        if not plan.ok:
            await turn.drop_subdialogs()
            return Reply((_refusal(plan),))
        await turn.start(state)
        changes = []
        for spec in form.fields:
            before = shown(form, spec, state.before, kb, short=False)
            after = shown(form, spec, state.value, kb, short=False)
            if state.value.get(spec.name) == state.before.get(spec.name) or before == after:
                continue
            changes.append(_changed(form, spec, state, kb, before, after))
        heading = "entry.preview.new" if state.new else "entry.preview.edit"
        params: dict[str, Param] = {
            "file": form.file,
            "title": entry_title(form, state.value),
            "id": state.entry_id or str(state.value.get("id", "")),
            "changes": Lines(tuple(changes)),
        }
        return Reply(
            (Msg(heading, params),),
            (
                (Button(Msg("entry.button.apply"), f"{PRESS}:apply"),),
                (Button(Msg("entry.button.more"), f"{PRESS}:menu"), self._cancel()),
            ),
        )

    async def _confirm_removal(self, turn: Turn, state: EditEntry) -> Reply:
        form = FORMS[state.form]
        state = state.model_copy(update={"stage": "remove", "field": ""})
        await turn.start(state)
        params = {"file": form.file, "title": entry_title(form, state.before), "id": state.entry_id}
        return Reply(
            (Msg("entry.remove.preview", params),),
            ((Button(Msg("entry.button.remove_yes"), f"{PRESS}:apply"), self._cancel()),),
        )

    async def _apply(self, turn: Turn, state: EditEntry) -> Reply:
        change = self._change(state)
        who = Author(f"telegram:{turn.user.id}", turn.incoming.name)
        applied = await asyncio.to_thread(
            self.store.apply, change, based_on=state.based_on, author=who
        )
        await turn.drop_subdialogs()
        if applied.plan is not None and applied.plan.conflicts:
            return Reply((_refusal(applied.plan),))
        parts = [_report(lambda language: describe_applied(applied, language))]
        if applied.changed:
            parts.append(Msg("kb.staff.undo_hint"))
        elif not applied.ok:
            parts.append(Msg("entry.refused"))
        return Reply(tuple(parts))

    @staticmethod
    def _cancel() -> Button:
        return Button(Msg("entry.button.cancel"), f"{PRESS}:cancel")
