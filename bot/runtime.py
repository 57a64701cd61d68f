"""The composition root: settings -> database, knowledge base, advisor, dialog, conversations."""

from __future__ import annotations

from dataclasses import dataclass

from bot.advice.advise import Advisor
from bot.clock import Clock, SystemClock
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
    kb: KnowledgeBase
    advisor: Advisor
    conversations: Conversations

    async def close(self) -> None:
        await self.database.close()


async def build_runtime(settings: Settings, clock: Clock | None = None) -> Runtime:
    clock = clock or SystemClock()
    database = await Database.open(settings.database_path)
    kb = load_live(settings.data_dir)
    advisor = Advisor(kb)
    engine = DialogEngine(SPONSOR_DIALOG, advisor, clock)
    conversations = Conversations(database, engine, clock, settings.default_language)
    return Runtime(settings, clock, database, kb, advisor, conversations)
