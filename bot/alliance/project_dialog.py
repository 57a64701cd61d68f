"""Staff take a past project out of the knowledge base by dialog (issue 17 point 1): found by
a word of its title (typos forgiven), shown, confirmed, applied through
`KnowledgeStore.apply` as based on the version live when the dialog started, and undone with
/kb_zurueck. Its state is a sub-dialog (`RetireProject`) on the user's stack. (Adding a
project is declared for the dialog engine: `bot.alliance.staff_dialogs`.)
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from bot.alliance.entry_dialog import search
from bot.alliance.entry_forms import PROJECT
from bot.core.outputs import Button, EngineOutput, Reply
from bot.core.subdialogs import RetireProject
from bot.kb.knowledge import KnowledgeBase
from bot.kb.report import describe_applied
from bot.kb.store import Author, Edit, EntryEdits, KnowledgeStore
from bot.texts.catalog import LANGUAGES, Language, Msg
from bot.texts.formats import Choice
from bot.turn import Turn

PROJECTS_FILE = "projects.yaml"
PRESS = "staff:kb:project"
"""The buttons' prefix: staff's knowledge area (`bot.alliance.knowledge`) passes them here."""
FOUND_SHOWN = 8
"""Projects offered for a search word (a more precise word narrows them down)."""


def _report(describe: Callable[[Language], str]) -> Msg:
    texts = {language: describe(language) for language in LANGUAGES}
    return Msg("kb.staff.report", {"text": Choice(texts["de"], texts["en"])})


class ProjectDialog:
    def __init__(self, store: KnowledgeStore) -> None:
        self.store = store

    async def typed(self, turn: Turn, text: str) -> list[EngineOutput]:
        state = turn.subdialog
        if not isinstance(state, RetireProject):
            return [Reply((Msg("project.gone"),))]
        return [await self._found(turn, state.model_copy(update={"query": text.strip()}))]

    async def press(self, turn: Turn, action: str) -> list[EngineOutput]:
        state = turn.subdialog
        if not isinstance(state, RetireProject):
            return [Reply((Msg("project.gone"),))]
        return await self._retire_press(turn, state, action)

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
