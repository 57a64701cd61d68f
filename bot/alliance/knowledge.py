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
from collections.abc import Callable

from bot.alliance.knowledge_dialogs import KnowledgeDialogs, legacy_entry_press, legacy_press
from bot.base.normalize import fold
from bot.clock import Clock
from bot.core.events import Text, Upload
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
ENTRY_COMMANDS: dict[str, StaffDialogName] = {
    "project_edit": "project_edit",
    "alliance_edit": "alliance_edit",
    "faq_edit": "faq_edit",
}
"""Staff's commands that edit knowledge entries by dialog (`bot.alliance.entry_dialogs`)."""
HISTORY_SHOWN = 5
"""Versions /kb_version lists (the whole history: `python -m bot kb history`)."""


def _report(describe: Callable[[Language], str]) -> Msg:
    """A plain-text report of the knowledge tools, in the reader's language."""
    texts = {language: describe(language) for language in LANGUAGES}
    return Msg("kb.staff.report", {"text": Choice(texts["de"], texts["en"])})


def is_dry_run(caption: str) -> bool:
    return fold(caption) in DRY_RUN_CAPTIONS


class KnowledgeDesk:
    def __init__(self, store: KnowledgeStore, clock: Clock) -> None:
        self.store = store
        self.dialogs = KnowledgeDialogs(store, clock)
        """Staff's dialogs declared for the engine (`bot.alliance.staff_dialogs`)."""

    async def handle(self, turn: Turn, name: str, upload: Upload | None) -> list[EngineOutput]:
        who = Author(f"telegram:{turn.user.id}", turn.incoming.name)
        if name == "project_new":
            return await self.dialogs.start(turn, "project_new")
        if name.startswith("dlg:"):
            return await self.dialogs.press(turn, name.removeprefix("dlg:"))
        if name == "dialog_typed" and isinstance(turn.incoming.event, Text):
            return await self.dialogs.typed(turn, turn.incoming.event.text)
        if name == "project_retire":
            return await self.dialogs.start(turn, "project_retire")
        if name.startswith("project:"):  # a button shown before schema 11
            return await self.dialogs.press(turn, legacy_press(name.removeprefix("project:")))
        if name in ENTRY_COMMANDS:
            return await self.dialogs.start(turn, ENTRY_COMMANDS[name])
        if name.startswith("entry:"):  # a button shown before schema 11
            return await self.dialogs.press(turn, legacy_entry_press(name.removeprefix("entry:")))
        if name == "upload" and upload is not None:
            return [await self._upload(upload, who)]
        if name.startswith("confirm:"):
            return [await self._confirm(name.removeprefix("confirm:"), who)]
        if name.startswith("discard:"):
            gone = not self.store.discard(name.removeprefix("discard:"))
            return [Reply((Msg("kb.pending.gone" if gone else "kb.pending.discarded"),))]
        if name == "kb_version":
            history = _report(lambda lang: describe_history(self.store, lang, HISTORY_SHOWN))
            return [Reply((history,))]
        if name == "kb_rollback":
            return [self._confirm_rollback()]
        if name.startswith("rollback:"):
            return [await self._rollback(name.removeprefix("rollback:"), who)]
        if name == "kb_export":
            return self._export()
        return [Reply((Msg("kb.staff.cancelled"),))]

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
