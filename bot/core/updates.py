"""One update as transports hand it in, and what they get back."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.events import Event
from bot.core.outputs import Output
from bot.texts.catalog import Language


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
    staff: bool = False
    """The user is staff after this event (configured or added in the bot): the transport
    gives them the staff's command menu."""
