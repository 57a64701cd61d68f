"""Staff keep the knowledge base current from Telegram: upload, dry run, version, roll back,
export. The same store and the same reports as `python -m bot kb ...`.

A document sent by staff replaces the knowledge file of its name once the whole set validated
(`bot/kb/intake.py`): an exported file names its version and is applied at once, merged with
colleagues' changes since or refused naming them; a file without a version, or with a name only
recognised, is shown with its changes and applied when its author taps "Übernehmen". With the
caption "Probelauf" / "dry run" a file is only checked. Rolling back asks for a confirmation
naming the live version, so a stale button changes nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

from bot.alliance.knowledge_dialogs import KnowledgeDialogs, legacy_entry_press, legacy_press
from bot.base.normalize import fold
from bot.clock import Clock
from bot.core.events import CommandName, Upload
from bot.core.outputs import Button, Document, EngineOutput, Reply
from bot.core.subdialogs import StaffDialogName
from bot.kb.intake import examine, receive
from bot.kb.report import describe_applied, describe_history, describe_received
from bot.kb.store import Author, KnowledgeStore
from bot.texts.catalog import LANGUAGES, Language, Msg
from bot.texts.formats import Choice
from bot.turn import Turn

DRY_RUN_CAPTIONS = frozenset({"probelauf", "dry run", "dryrun", "prüfen", "pruefen", "check"})
"""Captions (folded: case and punctuation ignored) that ask for a dry run only."""
YAML_TYPE = "application/x-yaml"
HISTORY_SHOWN = 5
"""Versions /kb_version lists (the whole history: `python -m bot kb history`)."""
Outputs = list[EngineOutput]
OnCommand = Callable[["KnowledgeDesk", Turn], Awaitable[Outputs]]
OnPress = Callable[["KnowledgeDesk", Turn, str], Awaitable[Outputs]]
"""Takes what follows the press's verb (`staff:kb:<verb>:<rest>`)."""


def _report(describe: Callable[[Language], str]) -> Msg:
    """A plain-text report of the knowledge tools, in the reader's language."""
    texts = {language: describe(language) for language in LANGUAGES}
    return Msg("kb.staff.report", {"text": Choice(texts["de"], texts["en"])})


def is_dry_run(caption: str) -> bool:
    return fold(caption) in DRY_RUN_CAPTIONS


def _author(turn: Turn) -> Author:
    return Author(f"telegram:{turn.user.id}", turn.incoming.name)


def _dialog(name: StaffDialogName) -> OnCommand:
    """A command that starts a staff dialog (`bot.alliance.staff_dialogs`)."""
    return lambda desk, turn: desk.dialogs.start(turn, name)


async def _cancelled(desk: KnowledgeDesk, turn: Turn, rest: str) -> Outputs:
    return [Reply((Msg("kb.staff.cancelled"),))]


COMMANDS: Mapping[CommandName, OnCommand] = {
    "kb_version": lambda desk, turn: desk.history(),
    "kb_rollback": lambda desk, turn: desk.confirm_rollback(),
    "kb_export": lambda desk, turn: desk.export(),
    "project_new": _dialog("project_new"),
    "project_retire": _dialog("project_retire"),
    "project_edit": _dialog("project_edit"),
    "alliance_edit": _dialog("alliance_edit"),
    "faq_edit": _dialog("faq_edit"),
}
"""Staff's commands of the route table (`bot.core.roles`) that act on the knowledge base, one
row each: the router binds exactly these to the desk (tests/routes/test_handlers.py)."""

PRESSES: Mapping[str, OnPress] = {
    "dlg": lambda desk, turn, rest: desk.dialogs.press(turn, rest),
    # buttons shown before schema 11, acting on the dialog migrated from them
    "project": lambda desk, turn, rest: desk.dialogs.press(turn, legacy_press(rest)),
    "entry": lambda desk, turn, rest: desk.dialogs.press(turn, legacy_entry_press(rest)),
    "confirm": lambda desk, turn, rest: desk.confirm(turn, rest),
    "discard": lambda desk, turn, rest: desk.discard(rest),
    "rollback": lambda desk, turn, rest: desk.rollback(turn, rest),
    "cancel": _cancelled,
}
"""Staff's knowledge buttons (`staff:kb:<verb>:<rest>`), one row a verb; a verb not listed
(a button of an older version) is answered like "cancel"."""


class KnowledgeDesk:
    def __init__(self, store: KnowledgeStore, clock: Clock) -> None:
        self.store = store
        self.dialogs: KnowledgeDialogs = KnowledgeDialogs(store, clock)
        """Staff's dialogs declared for the engine (`bot.alliance.staff_dialogs`)."""

    async def command(self, turn: Turn, name: CommandName) -> Outputs:
        """One of `COMMANDS` (the router binds no other to the desk)."""
        return await COMMANDS[name](self, turn)

    async def press(self, turn: Turn, action: str) -> Outputs:
        """A button of staff's knowledge area, the action after `staff:kb:`."""
        verb, _, rest = action.partition(":")
        return await PRESSES.get(verb, _cancelled)(self, turn, rest)

    async def typed(self, turn: Turn, text: str) -> Outputs:
        """The answer to the staff dialog in progress (`StaffDialog`)."""
        return await self.dialogs.typed(turn, text)

    async def upload(self, turn: Turn, upload: Upload) -> Outputs:
        """A knowledge file sent by staff."""
        return [await self._upload(upload, _author(turn))]

    async def history(self) -> Outputs:
        history = _report(lambda lang: describe_history(self.store, lang, HISTORY_SHOWN))
        return [Reply((history,))]

    async def confirm(self, turn: Turn, token: str) -> Outputs:
        return [await self._confirm(token, _author(turn))]

    async def discard(self, token: str) -> Outputs:
        gone = not self.store.discard(token)
        return [Reply((Msg("kb.pending.gone" if gone else "kb.pending.discarded"),))]

    async def confirm_rollback(self) -> Outputs:
        return [self._confirm_rollback()]

    async def rollback(self, turn: Turn, shown: str) -> Outputs:
        return [await self._rollback(shown, _author(turn))]

    async def export(self) -> Outputs:
        return self._export()

    async def _upload(self, upload: Upload, who: Author) -> Reply:
        if is_dry_run(upload.caption):
            dry = await asyncio.to_thread(examine, self.store, upload.filename, upload.content)
            parts = [_report(lambda language: describe_received(dry, language))]
            if dry.plan.ok and not dry.plan.identical:
                parts.append(Msg("kb.staff.apply_hint"))
            return Reply(tuple(parts))
        received = await asyncio.to_thread(
            receive, self.store, upload.filename, upload.content, who
        )
        parts = [_report(lambda language: describe_received(received, language))]
        if received.pending is not None:
            token = received.pending.token
            buttons = (
                (
                    Button(Msg("kb.pending.button.confirm"), f"staff:kb:confirm:{token}"),
                    Button(Msg("kb.pending.button.discard"), f"staff:kb:discard:{token}"),
                ),
            )
            return Reply(tuple(parts), buttons)
        applied = received.applied
        if applied is not None and applied.changed:
            parts.append(Msg("kb.staff.undo_hint"))
        elif received.plan.errors:
            parts.append(Msg("kb.staff.dry_run_hint"))
        return Reply(tuple(parts))

    async def _confirm(self, token: str, who: Author) -> Reply:
        applied = await asyncio.to_thread(self.store.confirm, token, who)
        parts = [_report(lambda language: describe_applied(applied, language))]
        if applied.changed:
            parts.append(Msg("kb.staff.undo_hint"))
        return Reply(tuple(parts))

    def _confirm_rollback(self) -> Reply:
        version = self.store.live_version()
        if version == "v0":
            return Reply((Msg("kb.rollback.nothing", {"version": version}),))
        return Reply(
            (Msg("kb.staff.rollback_confirm", {"version": version}),),
            (
                (
                    Button(Msg("kb.staff.button.rollback"), f"staff:kb:rollback:{version}"),
                    Button(Msg("kb.staff.button.cancel"), "staff:kb:cancel"),
                ),
            ),
        )

    async def _rollback(self, shown: str, who: Author) -> Reply:
        live = self.store.live_version()
        if shown != live:
            return Reply((Msg("kb.staff.rollback_stale", {"version": live, "shown": shown}),))
        applied = await asyncio.to_thread(self.store.rollback, who)
        return Reply((_report(lambda language: describe_applied(applied, language)),))

    def _export(self) -> list[EngineOutput]:
        version, files = self.store.exported_files()
        intro = Msg("kb.staff.export", {"version": version, "count": len(files)})
        documents: list[EngineOutput] = [
            Document(name, content, YAML_TYPE) for name, content in sorted(files.items())
        ]
        return [Reply((intro,)), *documents]
