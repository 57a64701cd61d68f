"""One incoming event and everything its handling may touch, inside one transaction."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import aiosqlite

from bot.dialogs.commands import parse_command
from bot.dialogs.model import Command, DialogState, Document, Event, Output, Text, Upload
from bot.storage.drafts import Draft, Drafts, User
from bot.texts.catalog import Language
from bot.understanding.normalize import clean_text

REVISION_START_CYCLE = 100_000
"""Seconds after which the first revision of a new draft repeats (about a day)."""


@dataclass(frozen=True)
class Incoming:
    user_id: int
    event: Event
    update_id: int | None = None
    """The transport's id of this update; repeated ids are not applied again."""
    language_hint: Language | None = None
    """The language of the user's device, used only on first contact."""
    name: str = ""
    """The user's display name (contacts are shown to sponsors by it)."""
    reply_to: int | None = None
    """The message this one replies to (questions and answers between sponsor and alliance)."""
    reply_actions: tuple[str, ...] = ()
    """The button actions of the message replied to: they name its handoff even when the
    outbox never learned that message's id (a copy sent twice after a dropped connection)."""

    def cleaned(self) -> Incoming:
        """The same update with its text as a person typed it (`clean_text`): every transport
        comes through here, so control and invisible characters are never stored, and a
        command hidden behind one ("\u200e/zurueck" from a right-to-left keyboard) is one."""
        event = self.event
        if isinstance(event, Text):
            text = clean_text(event.text)
            event = parse_command(text.strip()) or Text(text)
        elif isinstance(event, Command):
            event = Command(event.name, clean_text(event.argument).strip())
        elif isinstance(event, Upload):
            event = replace(event, caption=clean_text(event.caption))
        return replace(self, event=event, name=clean_text(self.name).strip())


@dataclass(frozen=True)
class Handled:
    outputs: list[Output]
    language: Language
    """The user's language after this event (it may just have been switched)."""
    menu_changed: bool = False
    """The user's role changed (a contact registered): the transport updates the command menu."""
    outbox_written: bool = False
    """Notifications were queued: the delivery worker should run now."""
    menus_reset: frozenset[int] = frozenset()
    """Users who are no contact any more (removed by staff, or erased their data): the
    transport gives them the sponsor's menu back."""
    erased: bool = False
    """The user erased all their data: a transport that keeps files of its own for the user
    (the terminal's exports) deletes them too."""


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
    deleted: bool = False
    """Personal data was deleted (an erasure, a draft): scrubbed from the files once this
    turn's transaction is committed (`Database.scrub`)."""
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
