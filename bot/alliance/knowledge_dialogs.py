"""Runs staff's knowledge dialogs (`bot.alliance.staff_dialogs`) on the dialog engine.

A staff dialog is a sub-dialog on the user's stack (`StaffDialog`: the engine's
`DialogState` and the knowledge base's version it started on), so it never touches the
staff member's own draft. Its buttons are staff's (`staff:kb:dlg:…`: only staff reach
them, `bot.core.roles`) and carry a token of the dialog's revision, so a button of an older
prompt is answered as stale. Before the end screen (the preview) is shown, the change is
checked by the knowledge store (the same pydantic models as an uploaded file, and the
colleagues' changes since the dialog began); "Übernehmen" finishes the dialog and applies
the change as a new version (undone with /kb_zurueck).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import replace

from bot.alliance.entry_dialogs import problem
from bot.alliance.entry_forms import FORMS, Form
from bot.alliance.staff_dialogs import STAFF_DIALOGS
from bot.clock import Clock
from bot.core.events import Event, Press, Text
from bot.core.outputs import Button, EngineOutput, Finish, Reply
from bot.core.state import DialogState
from bot.core.subdialogs import StaffDialog, StaffDialogName
from bot.dialogs.engine import DialogEngine
from bot.kb.report import describe_applied, describe_conflicts, describe_plan
from bot.kb.store import Author, KnowledgeStore, Plan
from bot.texts.catalog import LANGUAGES, Language, Msg
from bot.texts.formats import Choice, Lines
from bot.turn import Turn

PRESS = "staff:kb:dlg"
"""The buttons' prefix: staff's knowledge area (`bot.alliance.knowledge`) passes them here."""
ABORT = "abort"
"""The cancel button every prompt of a staff dialog carries: the dialog ends, nothing changed."""

LEGACY_PRESSES = {"next": "done", "cancel": ABORT, "retire_apply": "apply"}
"""Buttons of the project dialogs as shown before schema 11 (`staff:kb:project:…`), as the
engine's: tapped on a message of then, they act on the dialog migrated from it (the same
choices in the same order, "pick:<n>", "skip" and "apply" alike; a project offered for
retiring, "retire:<n>", is stale: its list was not kept, the word is asked again)."""


def legacy_press(action: str) -> str:
    return LEGACY_PRESSES.get(action, action)


def legacy_entry_press(action: str) -> str:
    """A button of the entry dialogs as shown before schema 11 (`staff:kb:entry:…`): the
    list's and the entry's own still act ("pick:<n>" chooses, "field:<name>" edits a field,
    "preview", "apply", "cancel"); a tapped choice of a field is stale (asked again)."""
    verb, _, argument = action.partition(":")
    mapped = {"pick": f"choose:{argument}", "field": f"edit:{argument}", "page": action}
    return mapped.get(verb, LEGACY_PRESSES.get(action, action))


def _report(describe: Callable[[Language], str]) -> Msg:
    texts = {language: describe(language) for language in LANGUAGES}
    return Msg("kb.staff.report", {"text": Choice(texts["de"], texts["en"])})


def refusal(plan: Plan) -> Msg:
    """A change refused: which entries colleagues changed since the dialog took them, by
    whom, when, and how to go on (in the dialog's terms; no file was sent)."""
    if not plan.conflicts:
        return _report(lambda language: describe_plan(plan, language))
    intro = Msg("entry.conflict", {"base": plan.base, "version": plan.live})
    how = Msg("entry.conflict_how")
    return _report(lambda language: describe_conflicts(plan, language, intro, how))


FORMS_BY_DIALOG: dict[StaffDialogName, Form] = {
    "project_edit": FORMS["project"],
    "alliance_edit": FORMS["alliance"],
    "office_edit": FORMS["office"],
    "faq_edit": FORMS["faq"],
}
"""The entry forms behind staff's dialogs (their errors name the form's fields)."""


def token(dialog: StaffDialog) -> str:
    """Names the prompt a reply shows (the dialog's revision): presses bring it back."""
    return f"kb{dialog.state.revision}"


class KnowledgeDialogs:
    def __init__(self, store: KnowledgeStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def _engine(self, turn: Turn, name: StaffDialogName) -> DialogEngine:
        return DialogEngine(STAFF_DIALOGS[name].dialog, turn.advisor, self.clock)

    async def start(self, turn: Turn, name: StaffDialogName) -> list[EngineOutput]:
        form, engine = STAFF_DIALOGS[name], self._engine(turn, name)
        if form.begin is None:
            state, outputs = engine.start(turn.language)
        else:
            begun = form.begin(turn.advisor.kb).model_copy(update={"language": turn.language})
            state, outputs = engine.show(begun, begun.step)
        dialog = StaffDialog(dialog=name, based_on=self.store.live_version(), state=state)
        await turn.start(dialog)
        return self._shown(dialog, outputs)

    async def typed(self, turn: Turn, text: str) -> list[EngineOutput]:
        if text.startswith("/"):  # a command the bot does not know is no answer
            return await self._handle(turn, Text(text), Msg("roles.unknown_command"))
        return await self._handle(turn, Text(text))

    async def press(self, turn: Turn, action: str) -> list[EngineOutput]:
        """A button of a staff dialog (the action without its prefix)."""
        dialog = turn.subdialog
        pressed = turn.incoming.event
        if not isinstance(dialog, StaffDialog):
            return [Reply((Msg("staff_dialog.gone"),))]
        if action == ABORT:
            await turn.drop_subdialogs()
            return [Reply((Msg("project.cancelled"),))]
        # A press names the prompt it was on (transports carry its step back; one that
        # does not, names none and means the current prompt).
        step = (pressed.step if isinstance(pressed, Press) else "") or dialog.state.step
        shown = pressed.token if isinstance(pressed, Press) else None
        if shown is not None and shown != token(dialog):
            # A button of an earlier prompt: it would act on whatever is asked now.
            state, outputs = self._engine(turn, dialog.dialog).stale(dialog.state)
            return await self._carry_on(turn, dialog, state, outputs)
        return await self._handle(turn, Press(step, action))

    async def _handle(
        self, turn: Turn, event: Event, refused: Msg | None = None
    ) -> list[EngineOutput]:
        dialog = turn.subdialog
        if not isinstance(dialog, StaffDialog):
            return [Reply((Msg("staff_dialog.gone"),))]
        form, engine = STAFF_DIALOGS[dialog.dialog], self._engine(turn, dialog.dialog)
        before = dialog.state.model_copy(update={"language": turn.language})
        if refused is not None:
            state, outputs = engine.stale(before, refused)
            return await self._carry_on(turn, dialog, state, outputs)
        state, outputs = engine.handle(before, event)
        finish = next((o for o in outputs if isinstance(o, Finish)), None)
        if finish is not None and finish.what in form.then:
            return await self.start(turn, form.then[finish.what])
        if finish is not None:
            return await self._apply(turn, dialog, finish.what)
        if state.paused:
            await turn.drop_subdialogs()
            return [Reply((Msg("project.cancelled"),))]
        if form.taken_on is not None and before.step == form.taken_on != state.step:
            # The entry as staff see it now: the change is based on this version.
            dialog = dialog.model_copy(update={"based_on": self.store.live_version()})
        if state.step == form.checked != before.step:
            # Checked before it is shown: what the store would refuse is said now.
            plan = await asyncio.to_thread(
                self.store.plan, form.change(state, "apply", turn.advisor.kb), dialog.based_on
            )
            if plan.errors and form.invalid is not None:
                problems = Lines(
                    tuple(problem(FORMS_BY_DIALOG[dialog.dialog], e) for e in plan.errors)
                )
                notes = [Msg("entry.invalid", {"problems": problems}), Msg("entry.fix_and_retry")]
                state, outputs = engine.show(state, form.invalid, notes)
            elif plan.errors:
                await turn.drop_subdialogs()
                report = _report(lambda language: describe_plan(plan, language))
                return [Reply((report, form.again))]
            elif not plan.ok:
                await turn.drop_subdialogs()
                return [Reply((refusal(plan),))]
        return await self._carry_on(turn, dialog, state, outputs)

    async def _carry_on(
        self, turn: Turn, dialog: StaffDialog, state: DialogState, outputs: Sequence[EngineOutput]
    ) -> list[EngineOutput]:
        dialog = dialog.model_copy(update={"state": state})
        await turn.start(dialog)
        return self._shown(dialog, outputs)

    async def _apply(self, turn: Turn, dialog: StaffDialog, what: str) -> list[EngineOutput]:
        change = STAFF_DIALOGS[dialog.dialog].change(dialog.state, what, turn.advisor.kb)
        who = Author(f"telegram:{turn.user.id}", turn.incoming.name)
        applied = await asyncio.to_thread(
            self.store.apply, change, based_on=dialog.based_on, author=who
        )
        await turn.drop_subdialogs()
        if applied.plan is not None and applied.plan.conflicts:
            return [Reply((refusal(applied.plan),))]
        parts = [_report(lambda language: describe_applied(applied, language))]
        if applied.changed:
            parts.append(Msg("kb.staff.undo_hint"))
        elif not applied.ok:
            parts.append(STAFF_DIALOGS[dialog.dialog].again)
        return [Reply(tuple(parts))]

    @staticmethod
    def _shown(dialog: StaffDialog, outputs: Sequence[EngineOutput]) -> list[EngineOutput]:
        """The engine's replies as staff's: their buttons in staff's area, a cancel button on
        every prompt, and the dialog's token."""
        shown: list[EngineOutput] = []
        for output in outputs:
            if not isinstance(output, Reply) or output.step is None:
                shown.append(output)
                continue
            rows = tuple(
                tuple(Button(b.label, f"{PRESS}:{b.action}") for b in row) for row in output.buttons
            )
            cancel = (Button(Msg("project.button.cancel"), f"{PRESS}:{ABORT}"),)
            shown.append(replace(output, buttons=(*rows, cancel), token=token(dialog)))
        return shown
