"""Questions and answers between a sponsor and the alliance: a reply to a notification, or
the sponsor's "Antworten" button."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.alliance.desk import AllianceDesk
from bot.alliance.inbox import ContactInbox
from bot.core.outputs import EngineOutput, Reply
from bot.core.subdialogs import AnswerAlliance
from bot.storage.handoffs import Handoff
from bot.texts.catalog import Msg
from bot.turn import Turn

_HANDOFF_ACTION = re.compile(r"(?:contact:(?:take|ask)|sponsor:answer):([0-9a-f.]{1,40})")


def handoff_of(actions: Sequence[str]) -> str | None:
    """The handoff ref named by the buttons of a notification, a question or an answer."""
    for action in actions:
        match = _HANDOFF_ACTION.fullmatch(action)
        if match:
            return match.group(1)
    return None


class Relay:
    def __init__(self, desk: AllianceDesk, inbox: ContactInbox) -> None:
        self.desk = desk
        self.inbox = inbox

    async def own_handoff(self, turn: Turn, ref: object) -> Handoff | None:
        """The sponsor's own handoff a button's (or a sub-dialog's) ref names, or None."""
        handoff = await turn.handoffs.find(ref)
        return handoff if handoff is not None and handoff.sponsor_id == turn.user.id else None

    async def reply_to(self, turn: Turn, text: str) -> list[EngineOutput] | None:
        """A reply to a notification carries a question or an answer to the other side; None
        when the message replied to belongs to no handoff this user takes part in."""
        reply_to = turn.incoming.reply_to
        assert reply_to is not None
        handoffs = turn.handoffs
        # The bot's own record of what it sent (gone with the handoff); else the buttons of
        # the message replied to, whose ref reaches no other handoff than their own.
        number = await handoffs.relayed(turn.user.id, reply_to)
        ref = handoff_of(turn.incoming.reply_actions)
        if not text.strip() or (number is None and ref is None):
            return None
        handoff = await (handoffs.get(number) if number is not None else handoffs.find(ref))
        if handoff is None:
            return [await self.inbox.gone(turn, to_anyone=True)]
        turn.outbox_written = True
        if handoff.sponsor_id == turn.user.id:
            message = await self.desk.relay_to_alliance(turn, handoff, text.strip())
            return [Reply((message,))]
        if await self.inbox.may_handle(turn, handoff):
            message = await self.desk.relay_to_sponsor(
                turn,
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
        relay (an empty text)."""
        handoff = await self.own_handoff(turn, asked.handoff)
        if handoff is None:
            return [Reply((Msg("alliance.gone"),))]
        if not text.strip():
            return None
        turn.outbox_written = True
        message = await self.desk.relay_to_alliance(turn, handoff, text.strip())
        return [Reply((message,))]
