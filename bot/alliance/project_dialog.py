"""Staff add a past project by dialog (issue 17 point 1), without touching YAML.

Title, description and source are typed; districts, target groups, action fields and sub-goals
are tapped (the sub-goals with the strategy's wording); the period is typed as years
("2022–2024", "2023") or skipped. The dialog ends with a preview of the change as readable
text and a confirmation; the change goes through `KnowledgeStore.apply` as entry edits based
on the version live when the dialog started, so it is validated by the same pydantic models,
versioned, merged with colleagues' changes since (or refused naming them) and can be rolled
back with /kb_zurueck. Its state is a sub-dialog (`AddProject`) on the user's stack.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Sequence

from bot.alliance.entry_dialog import search
from bot.alliance.entry_forms import PROJECT
from bot.base.normalize import fold
from bot.core.outputs import Button, EngineOutput, Reply
from bot.core.subdialogs import AddProject, ProjectStep, RetireProject
from bot.kb.knowledge import KnowledgeBase
from bot.kb.report import describe_applied, describe_plan
from bot.kb.store import Author, Edit, EntryEdits, KnowledgeStore, Plan
from bot.texts.catalog import LANGUAGES, Language, Msg, Param
from bot.texts.formats import Choice, Lines
from bot.turn import Turn

PROJECTS_FILE = "projects.yaml"
PRESS = "staff:kb:project"
"""The buttons' prefix: staff's knowledge area (`bot.alliance.knowledge`) passes them here."""
ORDER: tuple[ProjectStep, ...] = (
    "title",
    "districts",
    "target_groups",
    "action_fields",
    "sub_goals",
    "description",
    "period",
    "source",
    "preview",
)
TYPED: frozenset[ProjectStep] = frozenset({"title", "description", "period", "source"})
REQUIRED: frozenset[ProjectStep] = frozenset({"districts", "action_fields"})
"""Tapped steps that need at least one choice (the model requires them)."""
_YEARS = re.compile(r"\s*(20[0-9]{2})\s*(?:(?:-|–|bis)\s*(20[0-9]{2}))?\s*")
_SLUG = re.compile(r"[^a-z0-9]+")
FOUND_SHOWN = 8
"""Projects offered for a search word (a more precise word narrows them down)."""


def _report(describe: Callable[[Language], str]) -> Msg:
    texts = {language: describe(language) for language in LANGUAGES}
    return Msg("kb.staff.report", {"text": Choice(texts["de"], texts["en"])})


def options(kb: KnowledgeBase, state: AddProject) -> list[tuple[str, Param]]:
    """The choices of a tapped step as (code, label): staff see names, the file gets codes."""
    if state.step == "districts":
        return [(d.id, d.name) for d in kb.regions.districts]
    if state.step == "target_groups":
        return [(g.id, Choice(g.label, g.label_en)) for g in kb.target_groups]
    if state.step == "action_fields":
        return [
            (f.id, Choice(f"{f.id}: {f.title}", f"{f.id}: {f.title_en}")) for f in kb.action_fields
        ]
    if state.step == "sub_goals":
        return [
            (g.id, Choice(f"{g.id} {g.title}", f"{g.id} {g.title_en}"))
            for field, g in kb.sub_goals()
            if field.id in state.action_fields
        ]
    return []


def _chosen(state: AddProject) -> tuple[str, ...]:
    if state.step in ("districts", "target_groups", "action_fields", "sub_goals"):
        return tuple(getattr(state, state.step))
    return ()


def project_id(title: str, kb: KnowledgeBase) -> str:
    """A new project's id from its title, unique in the live knowledge base."""
    base = _SLUG.sub("-", fold(title).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))
    base = base.strip("-")[:60] or "projekt"
    taken = {p.id for p in kb.projects}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def edits(state: AddProject) -> EntryEdits:
    """The change the dialog makes: one new entry of projects.yaml, in codes."""
    value: dict[str, object] = {
        "id": state.entry_id,
        "title": state.title,
        "districts": list(state.districts),
        "target_groups": list(state.target_groups),
        "action_fields": list(state.action_fields),
        "sub_goals": list(state.sub_goals),
        "description": state.description,
        "state": "finished",
        "source": state.source,
    }
    if state.start_year is not None:
        value["period"] = {"start_year": state.start_year, "end_year": state.end_year}
    return EntryEdits(PROJECTS_FILE, (Edit("projects", str(value["id"]), value),))


def preview(state: AddProject, kb: KnowledgeBase) -> Msg:
    """The new entry as staff read it: names and the strategy's wording, not codes."""

    def names(step: ProjectStep, chosen: tuple[str, ...]) -> Lines | str:
        labels = dict(options(kb, state.model_copy(update={"step": step})))
        shown = tuple(Msg("project.item", {"label": labels.get(c, c)}) for c in chosen)
        return Lines(shown, ", ") if shown else "–"

    period = "–"
    if state.start_year is not None:
        period = str(state.start_year)
        if state.end_year not in (None, state.start_year):
            period += f"–{state.end_year}"
    return Msg(
        "project.preview",
        {
            "file": PROJECTS_FILE,
            "id": state.entry_id,
            "title": state.title,
            "districts": names("districts", state.districts),
            "target_groups": names("target_groups", state.target_groups),
            "action_fields": names("action_fields", state.action_fields),
            "sub_goals": names("sub_goals", state.sub_goals),
            "description": state.description,
            "period": period,
            "source": state.source,
        },
    )


class ProjectDialog:
    def __init__(self, store: KnowledgeStore) -> None:
        self.store = store

    async def start(self, turn: Turn) -> list[EngineOutput]:
        state = AddProject(based_on=self.store.live_version())
        await turn.start(state)
        return [self._prompt(turn, state)]

    async def typed(self, turn: Turn, text: str) -> list[EngineOutput]:
        state = turn.subdialog
        if isinstance(state, RetireProject):
            return [await self._found(turn, state.model_copy(update={"query": text.strip()}))]
        assert isinstance(state, AddProject)
        text = text.strip()
        if state.step not in TYPED:
            return [self._prompt(turn, state, Msg("project.tap_please"))]
        if state.step == "period":
            years = _YEARS.fullmatch(text)
            if years is None:
                return [self._prompt(turn, state, Msg("project.period.invalid"))]
            start = int(years.group(1))
            end = int(years.group(2)) if years.group(2) else start
            if end < start:
                return [self._prompt(turn, state, Msg("project.period.invalid"))]
            return await self._go(
                turn, state.model_copy(update={"start_year": start, "end_year": end})
            )
        if len(text) < (3 if state.step == "source" else 1):
            return [self._prompt(turn, state, Msg("project.too_short"))]
        update: dict[str, str] = {state.step: text}
        if state.step == "title":
            update["entry_id"] = project_id(text, turn.advisor.kb)
        return await self._go(turn, state.model_copy(update=update))

    async def press(self, turn: Turn, action: str) -> list[EngineOutput]:
        state = turn.subdialog
        if action == "start":
            return await self.start(turn)
        if isinstance(state, RetireProject):
            return await self._retire_press(turn, state, action)
        if not isinstance(state, AddProject):
            return [Reply((Msg("project.gone"),))]
        verb, _, argument = action.partition(":")
        if verb == "cancel":
            await turn.drop_subdialogs()
            return [Reply((Msg("project.cancelled"),))]
        if verb == "pick" and argument.isdigit():
            choices = options(turn.advisor.kb, state)
            index = int(argument)
            if index < len(choices) and state.step not in TYPED:
                code = choices[index][0]
                chosen = _chosen(state)
                toggled = (
                    tuple(c for c in chosen if c != code) if code in chosen else (*chosen, code)
                )
                state = state.model_copy(update={state.step: toggled})
                await turn.start(state)
            return [self._prompt(turn, state)]
        if verb in ("next", "skip") and state.step != "preview":
            if verb == "next" and state.step in REQUIRED and not _chosen(state):
                return [self._prompt(turn, state, Msg("project.choose_one"))]
            return await self._go(turn, state)
        if verb == "apply" and state.step == "preview":
            return await self._apply(turn, state)
        return [self._prompt(turn, state)]

    async def _go(self, turn: Turn, state: AddProject) -> list[EngineOutput]:
        """On to the next step (sub-goals only when some action field has any)."""
        step = ORDER[ORDER.index(state.step) + 1]
        state = state.model_copy(update={"step": step})
        if step == "sub_goals" and not options(turn.advisor.kb, state):
            state = state.model_copy(update={"step": "description"})
        await turn.start(state)
        if step == "preview":
            return [await self._preview(turn, state)]
        return [self._prompt(turn, state)]

    def _prompt(self, turn: Turn, state: AddProject, note: Msg | None = None) -> Reply:
        if state.step == "preview":
            return Reply((Msg("project.preview_again"),), self._confirm_buttons())
        parts = (*((note,) if note else ()), Msg(f"project.{state.step}.prompt"))
        cancel = (Button(Msg("project.button.cancel"), f"{PRESS}:cancel"),)
        if state.step in TYPED:
            if state.step == "period":
                return Reply(
                    parts, ((Button(Msg("project.button.skip"), f"{PRESS}:skip"), *cancel),)
                )
            return Reply(parts, (cancel,))
        chosen = _chosen(state)
        rows: list[tuple[Button, ...]] = []
        for index, (code, label) in enumerate(options(turn.advisor.kb, state)):
            mark = "✅ " if code in chosen else ""
            shown = Msg("project.option", {"mark": mark, "label": label})
            rows.append((Button(shown, f"{PRESS}:pick:{index}"),))
        rows.append((Button(Msg("project.button.next"), f"{PRESS}:next"), *cancel))
        return Reply(parts, tuple(rows))

    def _confirm_buttons(self) -> tuple[tuple[Button, ...], ...]:
        return (
            (
                Button(Msg("project.button.apply"), f"{PRESS}:apply"),
                Button(Msg("project.button.cancel"), f"{PRESS}:cancel"),
            ),
        )

    async def _preview(self, turn: Turn, state: AddProject) -> Reply:
        change = edits(state)
        plan: Plan = await asyncio.to_thread(self.store.plan, change, state.based_on)
        if not plan.ok:
            await turn.drop_subdialogs()
            report = _report(lambda language: describe_plan(plan, language))
            return Reply((report, Msg("project.refused")))
        return Reply((preview(state, turn.advisor.kb),), self._confirm_buttons())

    async def _apply(self, turn: Turn, state: AddProject) -> list[EngineOutput]:
        change = edits(state)
        who = Author(f"telegram:{turn.user.id}", turn.incoming.name)
        applied = await asyncio.to_thread(
            self.store.apply, change, based_on=state.based_on, author=who
        )
        await turn.drop_subdialogs()
        parts: Sequence[Msg] = (_report(lambda language: describe_applied(applied, language)),)
        if applied.changed:
            parts = (*parts, Msg("kb.staff.undo_hint"))
        return [Reply(tuple(parts))]

    # --- retiring a project -------------------------------------------------------------

    async def start_retiring(self, turn: Turn) -> list[EngineOutput]:
        await turn.start(RetireProject(based_on=self.store.live_version()))
        cancel = (Button(Msg("project.button.cancel"), f"{PRESS}:cancel"),)
        return [Reply((Msg("project.retire.prompt"),), (cancel,))]

    @staticmethod
    def _matches(kb: KnowledgeBase, query: str) -> list[str]:
        """The projects a word of their title finds, typos forgiven (as /projekt_bearbeiten)."""
        return search(PROJECT, kb, query)[:FOUND_SHOWN]

    async def _found(self, turn: Turn, state: RetireProject) -> Reply:
        await turn.start(state)
        kb = turn.advisor.kb
        found = self._matches(kb, state.query)
        cancel = (Button(Msg("project.button.cancel"), f"{PRESS}:cancel"),)
        if not found:
            return Reply((Msg("project.retire.none", {"query": state.query}),), (cancel,))
        rows = tuple(
            (Button(kb.project(id_).title, f"{PRESS}:retire:{index}"),)
            for index, id_ in enumerate(found)
        )
        return Reply((Msg("project.retire.choose"),), (*rows, cancel))

    async def _retire_press(
        self, turn: Turn, state: RetireProject, action: str
    ) -> list[EngineOutput]:
        verb, _, argument = action.partition(":")
        kb = turn.advisor.kb
        if verb == "cancel":
            await turn.drop_subdialogs()
            return [Reply((Msg("project.cancelled"),))]
        if verb == "retire" and argument.isdigit():
            found = self._matches(kb, state.query)
            if int(argument) >= len(found):
                return [await self._found(turn, state)]
            state = state.model_copy(update={"entry_id": found[int(argument)]})
            await turn.start(state)
            project = kb.project(state.entry_id)
            districts = ", ".join(kb.district(d).name for d in project.districts)
            shown = {"title": project.title, "id": project.id, "districts": districts}
            return [
                Reply(
                    (Msg("project.retire.preview", {"file": PROJECTS_FILE, **shown}),),
                    (
                        (
                            Button(Msg("project.button.retire"), f"{PRESS}:retire_apply"),
                            Button(Msg("project.button.cancel"), f"{PRESS}:cancel"),
                        ),
                    ),
                )
            ]
        if verb == "retire_apply" and state.entry_id:
            change = EntryEdits(PROJECTS_FILE, (Edit("projects", state.entry_id, None),))
            who = Author(f"telegram:{turn.user.id}", turn.incoming.name)
            applied = await asyncio.to_thread(
                self.store.apply, change, based_on=state.based_on, author=who
            )
            await turn.drop_subdialogs()
            parts: Sequence[Msg] = (_report(lambda language: describe_applied(applied, language)),)
            if applied.changed:
                parts = (*parts, Msg("kb.staff.undo_hint"))
            return [Reply(tuple(parts))]
        return [await self._found(turn, state)]
