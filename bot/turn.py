"""One incoming event and everything its handling may touch, inside one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import aiosqlite

from bot.advice.advise import Advisor
from bot.core.outputs import Document
from bot.core.state import DialogState
from bot.core.steps import Runner
from bot.core.subdialogs import SubDialog
from bot.core.updates import Incoming
from bot.storage.contacts import Contacts
from bot.storage.drafts import Draft, Drafts, User
from bot.storage.handoffs import Handoffs
from bot.storage.stores import Stores
from bot.texts.catalog import Language

REVISION_START_CYCLE = 100_000
"""Seconds after which the first revision of a new draft repeats (about a day)."""


@dataclass
class Turn:
    """The unit of work of one update: its transaction's storage objects, the knowledge base's
    advisor in force when it began (staff may replace the knowledge base meanwhile), the user,
    and what the transport is to learn afterwards. Built once by the router; feature code
    reads what it needs from here and constructs no storage object itself."""

    stores: Stores
    advisor: Advisor
    dialog: Runner
    """The dialog engine, pinned to `advisor`."""
    user: User
    incoming: Incoming
    menu_changed: bool = False
    outbox_written: bool = False
    menus_reset: set[int] = field(default_factory=set)
    erased: bool = False
    """The user erased all their data: nothing more is written for them."""
    deleted: bool = False
    """Personal data was deleted (an erasure, a draft): scrubbed from the files once this
    turn's transaction is committed (`Database.scrub`)."""
    sketch: Callable[[], Sequence[Document]] | None = None
    """The Projektskizze asked for, rendered once the transaction is committed."""
    saved: tuple[int, DialogState] | None = None
    """The current draft as last stored in this turn: its prompt's token goes on the replies."""
    _read: tuple[int, Draft] | None = field(default=None, repr=False)
    """The current draft as last read, with the connection's count of changed rows then."""

    @property
    def language(self) -> Language:
        return self.user.language

    @property
    def connection(self) -> aiosqlite.Connection:
        return self.stores.connection

    @property
    def drafts(self) -> Drafts:
        return self.stores.drafts

    @property
    def handoffs(self) -> Handoffs:
        return self.stores.handoffs

    @property
    def contacts(self) -> Contacts:
        return self.stores.contacts

    @property
    def now(self) -> datetime:
        return self.stores.now

    @property
    def today(self) -> date:
        return self.stores.now.date()

    # --- sub-dialogs (`bot.core.subdialogs`) ------------------------------------------------

    @property
    def subdialog(self) -> SubDialog | None:
        """The open sub-dialog the next typed text answers, if any."""
        return self.user.subdialogs[-1] if self.user.subdialogs else None

    async def start(self, subdialog: SubDialog) -> None:
        """Wait for a typed answer. Started from a menu, it replaces one still open: the
        person chose another button, so the earlier question is no longer theirs."""
        await self._stack((subdialog,))

    async def done(self) -> SubDialog | None:
        """The top sub-dialog, finished (taken off the stack) before its answer is handled."""
        top = self.subdialog
        if top is not None:
            await self._stack(self.user.subdialogs[:-1])
        return top

    async def drop_subdialogs(self) -> None:
        """Another menu was chosen: whatever typed answer was asked for is not awaited any more."""
        if self.user.subdialogs:
            await self._stack(())

    async def _stack(self, stack: tuple[SubDialog, ...]) -> None:
        if stack == self.user.subdialogs:
            return
        await self.drafts.update_user(self.user.id, subdialogs=stack)
        self.user = replace(self.user, subdialogs=stack)

    # --- the current draft ---------------------------------------------------------------

    async def current_draft(self) -> Draft | None:
        """The draft the user works on, if any."""
        if self.user.current_draft_id is None:
            return None
        # Read once while nothing is written: this transaction holds the write lock, so no row
        # changed unless the connection's count of changed rows did (a press read it to check
        # the button's prompt, then the dialog takes the press).
        changes, read = self.connection.total_changes, self._read
        if read is not None and read[0] == changes and read[1].id == self.user.current_draft_id:
            return read[1]
        draft = await self.drafts.get(self.user.id, self.user.current_draft_id)
        self._read = (changes, draft) if draft is not None else None
        return draft

    async def save(self, draft: Draft, state: DialogState) -> None:
        await self.drafts.save(draft, state)
        self.saved = (draft.id, state)

    async def create(self, state: DialogState) -> Draft:
        """A new draft, now the user's current one."""
        # SQLite gives a deleted draft's id again: revisions counted from the creation time
        # keep that draft's old buttons from matching the new one's prompts.
        started = int(self.now.timestamp()) % REVISION_START_CYCLE
        state = state.model_copy(update={"revision": state.revision + started})
        draft = await self.drafts.create(self.user.id, state)
        self.saved = (draft.id, state)
        return draft
