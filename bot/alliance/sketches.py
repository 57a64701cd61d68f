"""The Projektskizze that goes with a handoff: rendered once per handoff (and language), after
the handoff is committed, never inside a write transaction.

The handoff's transaction writes, for every recipient, an outbox item that only refers to the
sketch (`sketch_payload`). Right before the first of them is sent, the delivery worker asks
`HandoffSketches.prepare`: the PDF is rendered from the handoff's snapshot (what the sponsor
consented to) in a thread, stored with the handoff, and attached; the other recipients get the
stored file. Nothing is lost across a crash: the reference is committed with the handoff, and
the snapshot renders the same sketch again whenever it is needed. Once every recipient has it,
the stored file goes (`Outbox.mark_sent`).
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from dataclasses import replace

from bot.clock import Clock
from bot.core.outputs import Document
from bot.core.state import DialogState
from bot.storage.db import Database
from bot.storage.handoffs import SketchFile
from bot.storage.outbox import Attachment, OutboxItem, OutboxPayload, SketchReference
from bot.storage.stores import Stores
from bot.texts.catalog import Language, Msg
from bot.texts.markup import to_html

Render = Callable[[DialogState, Language], Document | None]
"""The Projektskizze of a draft as a PDF, in the reader's language (None: none can be made)."""


def sketch_payload(handoff_id: int, caption: Msg, language: Language) -> OutboxPayload:
    """An outbox item for the handoff's PDF, rendered only when it is about to be sent."""
    return OutboxPayload(
        sketch=SketchReference(handoff=handoff_id, language=language),
        caption=to_html(caption, language),
        relay=True,
    )


class HandoffSketches:
    def __init__(self, database: Database, clock: Clock, render: Render) -> None:
        self.database = database
        self.clock = clock
        self.render = render

    async def prepare(self, item: OutboxItem) -> OutboxItem | None:
        """The item with its PDF attached; other items unchanged; None if the handoff is gone."""
        reference = item.payload.sketch
        if reference is None:
            return item
        handoff_id, language = reference.handoff, reference.language
        async with Stores.transaction(self.database, self.clock.now()) as stores:
            handoffs = stores.handoffs
            stored = await handoffs.sketch(handoff_id, language)
            handoff = await handoffs.get(handoff_id) if stored is None else None
        if stored is None:
            state = handoff.sent_state if handoff is not None else None
            if state is None:
                return None
            document = await asyncio.to_thread(self.render, state, language)
            if document is None:
                return None
            stored = SketchFile(document.filename, document.mime_type, document.content)
            async with Stores.transaction(self.database, self.clock.now()) as stores:
                await stores.handoffs.keep_sketch(handoff_id, language, stored)
        attached = Attachment(
            filename=stored.filename,
            mime_type=stored.mime_type,
            content_b64=base64.b64encode(stored.content).decode("ascii"),
        )
        payload = item.payload.without("sketch").model_copy(update={"document": attached})
        return replace(item, payload=payload)
