"""Updates of one chat strictly in order, different chats concurrently.

PTB's own concurrency is all-or-nothing: a fast double tap could otherwise be processed twice
in parallel against the same draft. A lock per chat keeps each chat sequential; the semaphore
of the base class bounds the total (unbounded concurrency is slower, see PTB-OFFLINE-NOTES).
A chat waiting for its own lock holds one slot meanwhile (PTB's `process_update` is final);
a sponsor's burst is a double tap, so that costs little.

`on_done` learns when an update's handling ended (see confirm.py: only then is it confirmed to
Telegram).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class ChatOrderedUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self, max_concurrent_updates: int = 8, on_done: Callable[[int], None] | None = None
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
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

    def _done(self, update: object) -> None:
        if self._on_done is not None and isinstance(update, Update):
            self._on_done(update.update_id)

    async def _in_chat_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        key = chat.id
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                # Forget idle chats, so the table does not grow with every sponsor ever seen.
                del self._waiting[key]
                del self._locks[key]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
