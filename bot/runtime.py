"""The composition root: settings -> database, knowledge base, advisor, dialog, conversations."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.advice.advise import Advisor
from bot.clock import Clock, SystemClock
from bot.delivery.worker import OutboxWorker
from bot.dialogs.conversation import Conversations
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG
from bot.kb.knowledge import KnowledgeBase
from bot.kb.live import load_live
from bot.settings import Settings
from bot.storage.db import Database


@dataclass
class Runtime:
    settings: Settings
    clock: Clock
    database: Database
    advisor: Advisor
    conversations: Conversations
    bot_username: str = "foerderlotse_bot"
    """Known once the transport has asked the Bot API (getMe); used in invitation links."""
    worker: OutboxWorker | None = field(default=None)

    @property
    def kb(self) -> KnowledgeBase:
        return self.advisor.kb

    async def close(self) -> None:
        if self.worker is not None:
            await self.worker.stop()
        await self.database.close()


async def build_runtime(settings: Settings, clock: Clock | None = None) -> Runtime:
    clock = clock or SystemClock()
    database = await Database.open(settings.database_path)
    advisor = Advisor(load_live(settings.data_dir))
    engine = DialogEngine(SPONSOR_DIALOG, advisor, clock)
    runtime: Runtime
    conversations = Conversations(
        database,
        engine,
        clock,
        settings.default_language,
        admin_ids=settings.admin_ids,
        bot_username=lambda: runtime.bot_username,
    )
    runtime = Runtime(settings, clock, database, advisor, conversations)
    return runtime
