"""The composition root: settings -> database, knowledge base, advisor, dialog, desks,
conversations. Everything long-lived is built here, once."""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from bot.advice.advise import Advisor
from bot.advice.lexicon import german_nouns
from bot.advice.theme_groups import theme_check
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
    warming: asyncio.Future[None] | None = field(default=None)
    """The dictionaries loading in a thread (`_warm_up`); the first update waits for it."""
    transport_up: threading.Event = field(default_factory=threading.Event)
    """Set once the transport polls (or an update or the end came first): the warm-up's second
    part, the advisor's matcher, waits for it."""

    def transport_started(self) -> None:
        """The transport polls: the warm-up may build the matcher now."""
        self.transport_up.set()

    async def ready_for_updates(self) -> None:
        """Before an update is handled: whatever the warm-up has left is needed now."""
        if not self.transport_up.is_set():
            self.transport_up.set()
        if self.warming is not None:
            if self.warming.done():
                self.warming.result()  # as awaiting it would (its error, if any), cheaper
            else:
                await self.warming

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
        self.transport_up.set()
        if self.warming is not None:
            await self.warming  # a thread cannot be cancelled: let it finish first
        if self.worker is not None:
            await self.worker.stop()
        await self.database.close()


SWITCH_WHILE_WARMING = 0.0005
"""Seconds a thread may hold the interpreter while a warm-up runs (Python's default: 0.005).
The event loop, starting the transport meanwhile, wakes from each network wait and must take the
interpreter back from the warm-up thread; at the default it waited up to 5 ms each time, and
PTB's initialisation took 250-330 ms instead of 80-90 ms (start-up probe: 1.03 s -> 0.89-0.94 s,
docs/BENCHMARKS.md)."""

_warming = 0
_warming_lock = threading.Lock()
_usual_interval = sys.getswitchinterval()


@contextmanager
def _short_switches() -> Iterator[None]:
    """The short switch interval while any warm-up runs (several runtimes in one process, as in
    the tests, may warm up at once: the first sets it, the last restores it)."""
    global _warming, _usual_interval
    with _warming_lock:
        if _warming == 0:
            _usual_interval = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_WHILE_WARMING)
        _warming += 1
    try:
        yield
    finally:
        with _warming_lock:
            _warming -= 1
            if _warming == 0:
                sys.setswitchinterval(_usual_interval)


MATCHER_WAITS = 2.0
"""Seconds, at most, the matcher's warm-up waits for the transport to poll."""


def _warm_up(advisor: Advisor, transport_up: threading.Event) -> None:
    """Dictionaries and indexes the first answers would otherwise load on the event loop:
    simplemma's dictionaries (tries opened from their cache files in milliseconds, built there
    once per machine in seconds) and the target-group finder, which reading a first message
    needs; then the advisor's matcher (a quarter second) and the German nouns of the advice,
    which only an idea or a summary needs: they wait until the transport polls, so that they do
    not share the interpreter with its start (start-up 0.98-1.05 s with them beside it,
    docs/BENCHMARKS.md). The first update waits for all of it."""
    kb = advisor.kb
    try:
        with _short_switches():
            warm_up()
            group_finder(kb)
        transport_up.wait(MATCHER_WAITS)
        with _short_switches():
            advisor.matcher  # noqa: B018 - built on first use
            german_nouns()
    except Exception:  # only a head start: whatever failed here loads again on first use
        log.exception("warming up the dictionaries failed")


async def build_runtime(settings: Settings, clock: Clock | None = None) -> Runtime:
    clock = clock or SystemClock()
    database = await Database.open(settings.database_path)
    knowledge = LiveKnowledge(settings.data_dir, clock, check=theme_check())
    warn_if_shipped_changed(knowledge.store)
    advisors = knowledge.derived(Advisor)
    # Off the event loop, while the transport starts (polling, menus): the dictionaries take
    # seconds, which start-up used to wait for. The first update waits for them instead
    # (`Conversations.handle`), so no answer loads them on the event loop.
    transport_up = threading.Event()
    warming = asyncio.ensure_future(asyncio.to_thread(_warm_up, advisors.get(), transport_up))
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
        ready=lambda: runtime.ready_for_updates(),
    )
    runtime = Runtime(
        settings,
        clock,
        database,
        conversations,
        knowledge,
        warming=warming,
        transport_up=transport_up,
    )
    runtime.scheduler = Scheduler(
        database,
        clock,
        desks.alliance.procedure,
        settings.retention_months,
        wake=runtime.wake_worker,
    )
    return runtime
