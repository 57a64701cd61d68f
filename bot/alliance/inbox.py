"""Contacts of a local alliance: what they received, taking it over, questions, statements."""

from __future__ import annotations

from bot.alliance.desk import AllianceDesk
from bot.core.outputs import Acknowledge, Button, EngineOutput, Reply
from bot.core.subdialogs import STATEMENTS, AskSponsor, RecordStatement, Statement
from bot.storage.handoffs import Handoff
from bot.texts.catalog import Msg
from bot.texts.markup import to_plain
from bot.turn import Turn

SHOWN = 15


class ContactInbox:
    def __init__(self, desk: AllianceDesk) -> None:
        self.desk = desk

    async def alliances(self, turn: Turn) -> list[str]:
        """The alliances this user answers for; staff answer for all of them."""
        if await turn.stores.staff.includes(turn.user.id):
            return [a.id for a in turn.advisor.kb.regions.local_alliances]
        return await turn.contacts.alliances_of(turn.user.id)

    async def may_handle(self, turn: Turn, handoff: Handoff) -> bool:
        return handoff.alliance_id in await self.alliances(turn)

    async def listing(self, turn: Turn) -> Reply:
        handoffs = await turn.handoffs.for_alliances(await self.alliances(turn), SHOWN)
        if not handoffs:
            return Reply((Msg("alliance.inbox.empty"),))
        rows = tuple(
            (
                Button(
                    Msg(
                        "alliance.inbox.item",
                        {
                            "number": h.id,
                            "title": h.title,
                            "kind": Msg(f"alliance.kind.{h.kind}"),
                            "status": Msg(f"alliance.status.{h.status}"),
                        },
                    ),
                    f"contact:open:{h.ref}",
                ),
            )
            for h in handoffs
        )
        return Reply((Msg("alliance.inbox.title", {"count": len(handoffs)}),), rows)

    def menu(self, handoff: Handoff) -> Reply:
        rows: list[tuple[Button, ...]] = []
        if handoff.taken_by is None:
            rows.append((Button(Msg("alliance.button.take"), f"contact:take:{handoff.ref}"),))
        rows.append((Button(Msg("alliance.button.ask"), f"contact:ask:{handoff.ref}"),))
        rows.append(
            tuple(
                Button(
                    Msg(f"alliance.statement.button.{s}"), f"contact:statement:{handoff.ref}:{s}"
                )
                for s in STATEMENTS
            )
        )
        details = Msg(
            "alliance.inbox.details",
            {
                "number": handoff.id,
                "title": handoff.title,
                "kind": Msg(f"alliance.kind.{handoff.kind}"),
                "status": Msg(f"alliance.status.{handoff.status}"),
                "taken": handoff.taken_by_name or "–",
                "statement": Msg(f"alliance.statement.{handoff.statement}")
                if handoff.statement
                else "–",
            },
        )
        return Reply((details,), tuple(rows))

    async def gone(self, turn: Turn, *, to_anyone: bool = False) -> Reply:
        """A button or a reply names a handoff that is gone (its sponsor erased it), or names
        none the bot can tell apart from another (a button of before handoffs had tokens):
        contacts learn that nothing was passed on and where their cases are. Anyone else
        pressing a contact's button sees nothing of contacts' business (`to_anyone`: the
        message was the bot's own, in this user's chat)."""
        if await self.alliances(turn):
            return Reply((Msg("alliance.gone"), Msg("alliance.gone_inbox")))
        return Reply((Msg("alliance.gone" if to_anyone else "roles.unknown_command"),))

    async def act(self, turn: Turn, action: str) -> list[EngineOutput]:
        """`open:<ref>`, `take:<ref>`, `ask:<ref>`, `statement:<ref>:<value>` (`Handoff.ref`)."""
        verb, _, rest = action.partition(":")
        ref, _, value = rest.partition(":")
        handoff = await turn.handoffs.find(ref)
        if handoff is None:
            return [await self.gone(turn)]
        if not await self.may_handle(turn, handoff):
            return [Reply((Msg("roles.unknown_command"),))]
        if verb == "open":
            return [self.menu(handoff)]
        if verb == "take":
            turn.outbox_written = True
            taken = await self.desk.take_over(turn, handoff, turn.user.id, self._name(turn))
            if taken.told:
                # The notice who has it tells this contact (once); the pressed message only
                # shows that the tap came too late.
                return [Acknowledge(to_plain(Msg("alliance.contact.too_late"), turn.language))]
            return [Reply((taken.message,))]
        if verb == "ask":
            await turn.start(AskSponsor(handoff=handoff.ref))
            return [Reply((Msg("alliance.contact.ask_prompt", {"title": handoff.title}),))]
        if verb == "statement" and value in STATEMENTS:
            statement: Statement = value
            await turn.start(RecordStatement(handoff=handoff.ref, statement=statement))
            return [
                Reply(
                    (
                        Msg(
                            "alliance.contact.comment_prompt",
                            {
                                "title": handoff.title,
                                "statement": Msg(f"alliance.statement.{statement}"),
                            },
                        ),
                    )
                )
            ]
        return [Reply((Msg("roles.unknown_command"),))]

    async def answered(
        self, turn: Turn, asked: AskSponsor | RecordStatement, text: str
    ) -> list[EngineOutput]:
        """The typed answer a contact was asked for: the question to the sponsor, or the
        comment of the statement (empty when skipped)."""
        handoff = await turn.handoffs.find(asked.handoff)
        if handoff is None:
            return [await self.gone(turn)]
        if not await self.may_handle(turn, handoff):
            return [Reply((Msg("roles.unknown_command"),))]
        turn.outbox_written = True
        if isinstance(asked, AskSponsor):
            reply = await self.desk.relay_to_sponsor(
                turn, handoff, turn.user.id, self._name(turn), text
            )
            return [Reply((reply,))]
        reply = await self.desk.record_statement(
            turn,
            handoff,
            asked.statement,
            text,
            turn.user.id,
            self._name(turn),
        )
        return [Reply((reply,))]

    @staticmethod
    def _name(turn: Turn) -> str:
        return turn.incoming.name or f"#{turn.user.id}"
