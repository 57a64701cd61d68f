"""One incoming event and everything its handling may touch, inside one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import aiosqlite

from bot.core.outputs import Document
from bot.core.state import DialogState
from bot.core.updates import Incoming
from bot.storage.drafts import Draft, Drafts, User
from bot.texts.catalog import Language

REVISION_START_CYCLE = 100_000
"""Seconds after which the first revision of a new draft repeats (about a day)."""


@dataclass
class Turn:
    connection: aiosqlite.Connection
    drafts: Drafts
    user: User
    incoming: Incoming
    menu_changed: bool = False
    outbox_written: bool = False
    menus_reset: set[int] = field(default_factory=set)
    erased: bool = False
    """The user erased all their data: nothing more is written for them."""
    sketch: Callable[[], Sequence[Document]] | None = None
    """The Projektskizze asked for, rendered once the transaction is committed."""
    saved: tuple[int, DialogState] | None = None
    """The current draft as last stored in this turn: its prompt's token goes on the replies."""

    @property
    def language(self) -> Language:
        return self.user.language

    async def save(self, draft: Draft, state: DialogState) -> None:
        await self.drafts.save(draft, state)
        self.saved = (draft.id, state)

    async def create(self, state: DialogState) -> Draft:
        """A new draft, now the user's current one."""
        # SQLite gives a deleted draft's id again: revisions counted from the creation time
        # keep that draft's old buttons from matching the new one's prompts.
        started = int(self.drafts.now_moment.timestamp()) % REVISION_START_CYCLE
        state = state.model_copy(update={"revision": state.revision + started})
        draft = await self.drafts.create(self.user.id, state)
        self.saved = (draft.id, state)
        return draft
