"""Staff keep the knowledge base current from Telegram: upload, dry run, version, roll back,
export. The same store and the same reports as `python -m bot kb ...`.

A document sent by staff replaces the knowledge file of the same name (after the whole set
validated); with the caption "Probelauf" / "dry run" it is only checked and the changes shown.
Rolling back asks for a confirmation naming the live version, so a stale button changes nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.base.normalize import fold
from bot.core.events import Upload
from bot.core.outputs import Button, Document, EngineOutput, Reply
from bot.kb.report import describe_applied, describe_history, describe_plan
from bot.kb.store import KnowledgeStore
from bot.texts.catalog import LANGUAGES, Language, Msg
from bot.texts.formats import Choice
from bot.turn import Turn

DRY_RUN_CAPTIONS = frozenset({"probelauf", "dry run", "dryrun", "prüfen", "pruefen", "check"})
"""Captions (folded: case and punctuation ignored) that ask for a dry run only."""
YAML_TYPE = "application/x-yaml"
HISTORY_SHOWN = 10


def _report(describe: Callable[[Language], str]) -> Msg:
    """A plain-text report of the knowledge tools, in the reader's language."""
    texts = {language: describe(language) for language in LANGUAGES}
    return Msg("kb.staff.report", {"text": Choice(texts["de"], texts["en"])})


def is_dry_run(caption: str) -> bool:
    return fold(caption) in DRY_RUN_CAPTIONS


class KnowledgeDesk:
    def __init__(self, store: KnowledgeStore) -> None:
        self.store = store

    async def handle(self, turn: Turn, name: str, upload: Upload | None) -> list[EngineOutput]:
        who = f"telegram:{turn.user.id}"
        if name == "upload" and upload is not None:
            return [await self._upload(upload, who)]
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

    async def _upload(self, upload: Upload, who: str) -> Reply:
        if is_dry_run(upload.caption):
            plan = await asyncio.to_thread(self.store.plan, upload.filename, upload.content)
            parts = [_report(lambda language: describe_plan(plan, language))]
            if plan.ok and not plan.identical:
                parts.append(Msg("kb.staff.apply_hint"))
            return Reply(tuple(parts))
        applied = await asyncio.to_thread(self.store.apply, upload.filename, upload.content, who)
        parts = [_report(lambda language: describe_applied(applied, language))]
        if applied.changed:
            parts.append(Msg("kb.staff.undo_hint"))
        elif applied.errors:
            parts.append(Msg("kb.staff.dry_run_hint"))
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

    async def _rollback(self, shown: str, who: str) -> Reply:
        live = self.store.live_version()
        if shown != live:
            return Reply((Msg("kb.staff.rollback_stale", {"version": live, "shown": shown}),))
        applied = await asyncio.to_thread(self.store.rollback, who)
        return Reply((_report(lambda language: describe_applied(applied, language)),))

    def _export(self) -> list[EngineOutput]:
        live = self.store.current()
        intro = Msg("kb.staff.export", {"version": live.version, "count": len(live.files)})
        documents: list[EngineOutput] = [
            Document(name, content, YAML_TYPE) for name, content in sorted(live.files.items())
        ]
        return [Reply((intro,)), *documents]
