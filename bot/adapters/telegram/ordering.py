"""Updates of one chat strictly in order, different chats concurrently.

PTB's own concurrency is all-or-nothing: a fast double tap could otherwise be processed twice
in parallel against the same draft. A lock per chat keeps each chat sequential. Only an update
whose chat's turn has come takes one of the work slots that bound the total (unbounded
concurrency is slower, see PTB-OFFLINE-NOTES): a chat waiting for its own turn holds no slot,
so a burst from one chat never delays the others (no head-of-line blocking).

PTB starts a task per fetched update and its `process_update` takes the base class's
semaphore before `do_process_update`; here that semaphore only caps the updates in hand.

`on_done` learns when an update's handling ended (see confirm.py: only then is it confirmed to
Telegram).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_WAITING = 4096
"""Updates in hand (running or waiting for their chat's turn or a work slot)."""


class _Chat:
    __slots__ = ("lock", "waiting")

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.waiting = 0


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self,
        max_concurrent_updates: int = 8,
        on_done: Callable[[int], None] | None = None,
        max_waiting: int = MAX_WAITING,
    ) -> None:
        super().__init__(max(max_waiting, max_concurrent_updates))
        self._work = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._chats: dict[int, _Chat] = {}
        self._on_done = on_done

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            await self._in_chat_order(update, coroutine)
        except asyncio.CancelledError:
            raise  # not handled: stays unconfirmed, Telegram hands it out again
        except Exception:
            self._done(update)  # PTB's error handlers had their turn; never hold it forever
            raise
        self._done(update)

    @property
    def chats_in_hand(self) -> int:
        """Chats with an update running or waiting."""
        return len(self._chats)

    def _done(self, update: object) -> None:
        if self._on_done is not None and isinstance(update, Update):
            self._on_done(update.update_id)

    async def _in_chat_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            async with self._work:
                await coroutine
            return
        key = chat.id
        turn = self._chats.get(key)
        if turn is None:
            turn = self._chats[key] = _Chat()
        turn.waiting += 1
        try:
            async with turn.lock, self._work:
                await coroutine
        finally:
            turn.waiting -= 1
            if not turn.waiting:
                # Forget idle chats, so the table does not grow with every sponsor ever seen.
                del self._chats[key]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
