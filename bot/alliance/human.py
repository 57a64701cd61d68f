"""A person at any step (/mensch, /human): from the very first message, in every state.

Only what is needed to reach the sponsor is asked (a phone number or e-mail address, or "here
in the chat" where the alliance can answer through the bot). The request goes through the
outbox to the alliance's registered contacts, to the coordination office when nobody of the
alliance is registered or no place is known yet, and its delivery is reported honestly
(`bot.alliance.delivery`).
"""

from __future__ import annotations

import re

from bot.alliance.desk import AllianceDesk, Recipient, payload
from bot.alliance.desk import Button as NoteButton
from bot.alliance.reach import on_its_way
from bot.core.answers import facts_from_answers
from bot.core.outputs import Button, EngineOutput, Reply
from bot.core.subdialogs import ReachHuman
from bot.dialogs.drafts_menu import draft_title
from bot.kb.models import LocalAlliance
from bot.storage.drafts import Draft
from bot.texts.catalog import Msg, Param
from bot.turn import Turn

MAX_CHANNEL = 200
_REACHABLE = re.compile(r"@|(?:\d[\s/()+-]*){6,}")
"""An e-mail address or a phone number somewhere in the text."""


class HumanDesk:
    def __init__(self, desk: AllianceDesk) -> None:
        self.desk = desk

    async def start(self, turn: Turn) -> list[EngineOutput]:
        draft, alliance = await self._target(turn)
        await turn.start(ReachHuman())
        return [self._prompt(turn, alliance, draft, "human.prompt")]

    async def answered(self, turn: Turn, text: str) -> list[EngineOutput]:
        draft, alliance = await self._target(turn)
        if not _REACHABLE.search(text):
            await turn.start(ReachHuman())
            return [self._prompt(turn, alliance, draft, "human.again")]
        return await self._request(turn, draft, alliance, text.strip()[:MAX_CHANNEL])

    async def press(self, turn: Turn, verb: str) -> list[EngineOutput]:
        if verb == "start":  # offered after a 👎 on the advice
            return await self.start(turn)
        if not isinstance(turn.subdialog, ReachHuman):
            return [Reply((Msg("alliance.gone"),))]
        await turn.done()
        draft, alliance = await self._target(turn)
        if verb == "chat" and draft is not None and alliance is not None:
            return await self._request(turn, draft, alliance, None)
        return [Reply((Msg("human.cancelled"),)), *self._go_on(turn, draft)]

    # ------------------------------------------------------------------------------------------

    async def _target(self, turn: Turn) -> tuple[Draft | None, LocalAlliance | None]:
        """The current draft and its (first) local alliance, if a place is known."""
        draft = await turn.current_draft()
        if draft is None:
            return None, None
        advice = turn.advisor.advise(facts_from_answers(draft.state.answers), turn.today)
        return draft, advice.alliance

    def _prompt(
        self, turn: Turn, alliance: LocalAlliance | None, draft: Draft | None, key: str
    ) -> Reply:
        office = turn.advisor.kb.regions.coordination_office.institution
        whom = (
            Msg("human.whom_alliance", {"alliance": alliance.name})
            if alliance is not None
            else Msg("human.whom_office", {"office": office})
        )
        # "Here in the chat" only where the alliance can answer through the bot (a handoff).
        in_chat = alliance is not None and draft is not None
        chat: Msg | str = Msg("human.chat_option") if in_chat else ""
        row = [Button(Msg("human.button.chat"), "sponsor:human:chat")] if in_chat else []
        buttons = ((*row, Button(Msg("human.button.cancel"), "sponsor:human:cancel")),)
        return Reply((Msg(key, {"whom": whom, "chat": chat}),), buttons)

    async def _request(
        self,
        turn: Turn,
        draft: Draft | None,
        alliance: LocalAlliance | None,
        channel: str | None,
    ) -> list[EngineOutput]:
        """`channel`: how to reach the sponsor; None: here in the chat."""
        stores = turn.stores
        kb = turn.advisor.kb
        office = kb.regions.coordination_office
        recipients: list[Recipient]
        if alliance is not None:
            recipients, fallback = await self.desk._recipients(stores, alliance.id)
        else:
            staff = await stores.staff.everyone()
            recipients = [(i, await stores.drafts.language_of(i)) for i in staff]
            fallback = True
        title = draft_title(draft) if draft is not None else "–"
        handoff = None
        if draft is not None and alliance is not None:
            # A handoff of its own: the alliance can take it over, and replies to the
            # notification reach the sponsor here in the chat.
            handoff = await stores.handoffs.create(
                draft.id, turn.user.id, alliance.id, "question", title, {"human": True}
            )
        delivery = await stores.deliveries.open(
            turn.user.id,
            "human",
            title,
            alliance.name if alliance is not None else office.name,
            fallback,
        )
        params: dict[str, Param] = {
            "about": Msg("human.about_draft", {"title": title, "alliance": alliance.name})
            if alliance is not None and draft is not None
            else "",
            "channel": channel if channel is not None else Msg("human.chat"),
            "office": Msg("human.office_note") if fallback and alliance is not None else "",
        }
        for user_id, language in recipients:
            buttons: list[list[NoteButton]] = []
            if handoff is not None:
                buttons = [
                    [
                        NoteButton(Msg("alliance.button.take"), f"contact:take:{handoff.ref}"),
                        NoteButton(Msg("alliance.button.ask"), f"contact:ask:{handoff.ref}"),
                    ]
                ]
            note = payload(
                Msg("human.notification", params), language, buttons, relay=handoff is not None
            )
            await stores.outbox.add(
                user_id,
                note,
                handoff.id if handoff is not None else None,
                delivery_id=delivery,
            )
        turn.outbox_written = True
        told = on_its_way(kb, "human", alliance, len(recipients), fallback)
        return [Reply((told,)), *self._go_on(turn, draft)]

    @staticmethod
    def _go_on(turn: Turn, draft: Draft | None) -> list[EngineOutput]:
        """Back to where the sponsor was: the current question again."""
        return list(turn.dialog.repeat(draft.state)) if draft is not None else []
