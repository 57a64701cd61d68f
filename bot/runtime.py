"""The composition root: settings -> database, knowledge base, advisor, dialog, desks,
conversations. Everything long-lived is built here, once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

from bot.advice.advise import Advisor
from bot.advice.lexicon import german_nouns
from bot.clock import Clock, SystemClock
from bot.core.outputs import Document
from bot.core.plan import Plan
from bot.core.state import DialogState
from bot.delivery.worker import OutboxWorker
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG
from bot.kb.knowledge import KnowledgeBase
from bot.kb.live import LiveKnowledge, warn_if_shipped_changed
from bot.procedure.scheduler import Scheduler
from bot.routes.desks import build_desks
from bot.routes.router import Conversations
from bot.routes.sketch import PDF
from bot.settings import Settings
from bot.storage.db import Database
from bot.texts.catalog import Language
from bot.understanding.groups import group_finder
from bot.understanding.words import warm_up

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    settings: Settings
    clock: Clock
    database: Database
    conversations: Conversations
    knowledge: LiveKnowledge
    """The live knowledge base; staff replace it at run time (Telegram or the command line)."""
    bot_username: str = "foerderlotse_bot"
    """Known once the transport has asked the Bot API (getMe); used in invitation links."""
    worker: OutboxWorker | None = field(default=None)
    scheduler: Scheduler | None = field(default=None)
    """The procedure's clock (reminders, escalations, reports due); the transport runs its
    rounds next to the retention purge."""
    warming: WarmUp | None = field(default=None)
    """The dictionaries loading in a thread (`_warm_up`), started by the transport once it is
    up; the first update starts it if nobody has, and waits for it."""

    def wake_worker(self) -> None:
        """Something was written to the outbox outside an update: deliver it now."""
        if self.worker is not None:
            self.worker.wake()

    @property
    def advisor(self) -> Advisor:
        return self.conversations.advisor

    @property
    def kb(self) -> KnowledgeBase:
        return self.advisor.kb

    async def close(self) -> None:
        if self.warming is not None and self.warming.started:
            await self.warming  # a thread cannot be cancelled: let it finish first
        if self.worker is not None:
            await self.worker.stop()
        await self.database.close()


def _warm_up(advisor: Advisor) -> None:
    """Dictionaries and indexes the first answers would otherwise load on the event loop:
    the advisor's matcher (a quarter second), simplemma's dictionaries (tries opened from
    their cache files in milliseconds, built there once per machine in seconds), the German
    nouns of the advice, the target-group finder."""
    kb = advisor.kb
    try:
        advisor.matcher  # noqa: B018 - built on first use
        warm_up()
        german_nouns()
        group_finder(kb)
    except Exception:  # only a head start: whatever failed here loads again on first use
        log.exception("warming up the dictionaries failed")


class WarmUp:
    """`_warm_up` in a thread, started once (`start`) and awaitable.

    The transport starts it once it is polling: started earlier, the thread's quarter second of
    Python competed with the transport's own start for the interpreter, and the first getUpdates
    came 0.1-0.25 s later (measured with the load benchmark's start-up probe). Whatever awaits it
    first starts it, so an update never finds the dictionaries unloaded on the event loop."""

    def __init__(self, advisor: Callable[[], Advisor]) -> None:
        self._advisor = advisor
        self._thread: asyncio.Future[None] | None = None

    @property
    def started(self) -> bool:
        return self._thread is not None

    def start(self) -> asyncio.Future[None]:
        if self._thread is None:
            self._thread = asyncio.ensure_future(asyncio.to_thread(_warm_up, self._advisor()))
        return self._thread

    def __await__(self) -> Generator[Any, None, None]:
        return self.start().__await__()


async def build_runtime(settings: Settings, clock: Clock | None = None) -> Runtime:
    clock = clock or SystemClock()
    database = await Database.open(settings.database_path)
    knowledge = LiveKnowledge(settings.data_dir, clock)
    warn_if_shipped_changed(knowledge.store)
    advisors = knowledge.derived(Advisor)
    # Off the event loop, once the transport is up (`WarmUp.start`): the dictionaries take
    # seconds, which start-up used to wait for. The first update waits for them instead
    # (`Conversations.handle`), so no answer loads them on the event loop.
    warming = WarmUp(advisors.get)
    engine = DialogEngine(SPONSOR_DIALOG, advisors.get(), clock)
    the_clock = clock

    def sketch(
        state: DialogState, advisor: Advisor, language: Language, plan: Plan | None = None
    ) -> list[Document]:
        # Imported on first use: the PDF library alone takes a quarter second to import,
        # which start-up would pay although few sponsors ask for a Projektskizze.
        from bot.export.documents import sketch_documents

        return sketch_documents(state, advisor, language, the_clock.today(), plan)

    def alliance_pdf(state: DialogState, language: Language) -> Document | None:
        """The alliance gets the PDF the sponsor was told about, not the Markdown copy."""
        return next(
            (d for d in sketch(state, advisors.get(), language) if d.mime_type == PDF), None
        )

    runtime: Runtime
    desks = build_desks(
        database,
        clock,
        advisors.get,
        alliance_pdf=alliance_pdf,
        bot_username=lambda: runtime.bot_username,
        retention_months=settings.retention_months,
        admin_ids=settings.admin_ids,
        sketch=sketch,
        knowledge=knowledge.store,
    )
    conversations = Conversations(
        database,
        engine,
        clock,
        settings.default_language,
        desks,
        admin_ids=settings.admin_ids,
        advisor_source=advisors.get,
        ready=warming,
    )
    runtime = Runtime(settings, clock, database, conversations, knowledge, warming=warming)
    runtime.scheduler = Scheduler(
        database,
        clock,
        desks.alliance.procedure,
        settings.retention_months,
        wake=runtime.wake_worker,
    )
    return runtime
