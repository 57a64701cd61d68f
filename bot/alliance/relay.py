"""Questions and answers between a sponsor and the alliance: a reply to a notification, or
the sponsor's "Antworten" button."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.alliance.desk import AllianceDesk
from bot.alliance.inbox import ContactInbox
from bot.core.events import action_number
from bot.core.outputs import EngineOutput, Reply
from bot.core.subdialogs import AnswerAlliance
from bot.storage.handoffs import Handoff
from bot.turn import Turn

_HANDOFF_ACTION = re.compile(r"(?:contact:(?:take|ask)|sponsor:answer):([0-9]{1,12})")


def handoff_of(actions: Sequence[str]) -> int | None:
    """The handoff named by the buttons of a notification, a question or an answer."""
    for action in actions:
        match = _HANDOFF_ACTION.fullmatch(action)
        if match:
            return int(match.group(1))
    return None


class Relay:
    def __init__(self, desk: AllianceDesk, inbox: ContactInbox) -> None:
        self.desk = desk
        self.inbox = inbox

    async def own_handoff(self, turn: Turn, number: str) -> Handoff | None:
        """The sponsor's own handoff of that number (a button's), or None."""
        handoff_id = action_number(number)
        if handoff_id is None:
            return None
        handoff = await turn.handoffs.get(handoff_id)
        return handoff if handoff is not None and handoff.sponsor_id == turn.user.id else None

    async def reply_to(self, turn: Turn, text: str) -> list[EngineOutput] | None:
        """A reply to a notification carries a question or an answer to the other side; None
        when the message replied to belongs to no handoff this user takes part in."""
        reply_to = turn.incoming.reply_to
        assert reply_to is not None
        handoffs = turn.handoffs
        number = await handoffs.relayed(turn.user.id, reply_to)
        if number is None:
            number = handoff_of(turn.incoming.reply_actions)
        handoff = await handoffs.get(number) if number is not None else None
        if handoff is None or not text.strip():
            return None
        turn.outbox_written = True
        if handoff.sponsor_id == turn.user.id:
            message = await self.desk.relay_to_alliance(turn.stores, handoff, text.strip())
            return [Reply((message,))]
        if await self.inbox.may_handle(turn, handoff):
            message = await self.desk.relay_to_sponsor(
                turn.stores,
                handoff,
                turn.user.id,
                turn.incoming.name or "?",
                text.strip(),
            )
            return [Reply((message,))]
        return None

    async def answer(
        self, turn: Turn, asked: AnswerAlliance, text: str
    ) -> list[EngineOutput] | None:
        """The sponsor's answer to the alliance's question; None when there is nothing to
        relay (the handoff is gone, or the text is empty)."""
        handoff = await self.own_handoff(turn, str(asked.handoff))
        if handoff is None or not text.strip():
            return None
        turn.outbox_written = True
        message = await self.desk.relay_to_alliance(turn.stores, handoff, text.strip())
        return [Reply((message,))]
