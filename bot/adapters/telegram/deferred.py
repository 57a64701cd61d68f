"""Replies Telegram did not take in time (seven 429s in a row, a long outage, a malformed
answer): the answer they belong to is stored already, so they are not dropped but written to
the durable outbox, and the delivery worker sends them once Telegram takes them again, also
after a restart.

Order: a chat with replies waiting there gets the replies of its later turns the same way, so
nothing overtakes them. Which chats wait is kept in memory and asked of the outbox only for
them; after a restart the worker, started before polling, sends what waits first.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Sequence

from bot.adapters.telegram.calls import Keyboard
from bot.clock import Clock
from bot.core.outputs import Document
from bot.storage.db import Database
from bot.storage.outbox import Attachment, OutboxPayload
from bot.storage.stores import Stores

log = logging.getLogger(__name__)

Payload = OutboxPayload
"""An outbox item's payload, as `TelegramTransport` sends it."""


def text_payload(text: str, markup: Keyboard | None) -> Payload:
    payload = OutboxPayload(text=text)
    if markup is not None:
        payload = payload.model_copy(update={"markup": markup})
    return payload


def document_payload(document: Document, caption: str | None) -> Payload:
    content_b64 = base64.b64encode(document.content).decode("ascii")
    payload = OutboxPayload(
        document=Attachment(content_b64=content_b64, filename=document.filename)
    )
    if caption:
        payload = payload.model_copy(update={"caption": caption})
    return payload


class DeferredReplies:
    def __init__(self, database: Database, clock: Clock, wake: Callable[[], None]) -> None:
        self.database = database
        self.clock = clock
        self.wake = wake
        """Tells the delivery worker that something is due."""
        self._waiting: set[int] = set()

    async def waiting(self, chat_id: int) -> bool:
        """Whether replies to `chat_id` wait in the outbox (later ones must queue behind)."""
        if chat_id not in self._waiting:
            return False
        async with Stores.transaction(self.database, self.clock.now()) as stores:
            pending = await stores.outbox.pending_for(chat_id)
        if not pending:
            self._waiting.discard(chat_id)
        return pending > 0

    async def defer(self, chat_id: int, payloads: Sequence[Payload]) -> None:
        async with Stores.transaction(self.database, self.clock.now()) as stores:
            for payload in payloads:
                await stores.outbox.add(chat_id, payload)
        self._waiting.add(chat_id)
        log.info("%s replies to chat %s go through the outbox", len(payloads), chat_id)
        self.wake()
