"""The local alliances' side: handoffs, take-overs, questions both ways, statements.

Every notification is written to the outbox in the same transaction as the change it
announces; the outbox worker delivers it. Nothing here knows Telegram: messages are HTML text
with abstract buttons (`label`, `action`) that the transport turns into inline keyboards.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.advice.advise import Advice
from bot.alliance.reach import on_its_way
from bot.alliance.sketches import sketch_payload
from bot.core.answers import read_answers
from bot.core.state import DialogState
from bot.core.subdialogs import STATEMENTS, Statement
from bot.dialogs.summary import alliance_summary
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import LocalAlliance
from bot.procedure.requests import Actor
from bot.procedure.results import Refusal, Refused
from bot.procedure.service import HandedOver as CaseHandedOver
from bot.procedure.service import Procedure
from bot.procedure.steps import Role
from bot.storage.drafts import Draft
from bot.storage.handoffs import Handoff, Kind
from bot.storage.outbox import NoteButton, OutboxPayload
from bot.storage.stores import Stores
from bot.texts.catalog import Language, Msg
from bot.texts.formats import Count, Eur, Lines, Month
from bot.texts.markup import to_html, to_plain
from bot.turn import Turn

MAX_RELAYED = 3000
"""Longest question or answer passed between sponsor and alliance."""

Recipient = tuple[int, Language]


@dataclass(frozen=True)
class Button:
    label: Msg
    action: str


def payload(
    text: Msg,
    language: Language,
    buttons: Sequence[Sequence[Button]] = (),
    relay: bool = False,
    anonymous: Msg | None = None,
) -> OutboxPayload:
    """`anonymous`: the same message without the contact's name it carries, sent instead
    should that contact erase their data before it is delivered."""
    shown = OutboxPayload(
        text=to_html(text, language),
        buttons=tuple(
            tuple(NoteButton(label=to_plain(b.label, language), action=b.action) for b in row)
            for row in buttons
        ),
        relay=relay,
    )
    if anonymous is not None:
        shown = shown.model_copy(update={"anonymous": to_html(anonymous, language)})
    return shown


def naming(key: str, params: dict[str, Any], name: str) -> tuple[Msg, Msg]:
    """A message naming a contact, and the same with "the local alliance" in the name's
    place."""
    return (
        Msg(key, {**params, "name": name}),
        Msg(key, {**params, "name": Msg("alliance.anonymous")}),
    )


@dataclass(frozen=True)
class HandedOver:
    """What the sponsor is told afterwards."""

    messages: tuple[Msg, ...]
    handoff: Handoff | None
    """None: nothing was sent (the draft's case has gone on past the alliances' statement)."""
    waiting: bool = False
    """A handoff nobody in the bot could receive (no contact of the alliance, no staff
    registered): saved, waiting for a contact person, and not called handed over."""


@dataclass(frozen=True)
class TakeOver:
    """The answer to a contact pressing "Übernehmen"."""

    message: Msg
    told: bool = False
    """Somebody else has it, and the notice saying who is in (or on its way to) this
    contact's chat: the answer must not tell it a second time."""


class AllianceDesk:
    def __init__(self, kb: Callable[[], KnowledgeBase], admin_ids: frozenset[int]) -> None:
        self.procedure = Procedure(kb, admin_ids)
        """The case of each handed-over draft: the desk records its steps (handed over, taken
        over, the statements) in the transaction of the change itself, with the knowledge
        base of the turn (`Procedure.pinned`); `kb`, the live one, serves the scheduler."""

    # --- who reads it ----------------------------------------------------------------------

    async def _recipients(self, stores: Stores, alliance_id: str) -> tuple[list[Recipient], bool]:
        """The alliance's contacts, or the coordination office when it has none registered."""
        registered = [c.user_id for c in await stores.contacts.of_alliance(alliance_id)]
        fallback = not registered
        ids = registered or await stores.staff.everyone()
        return [(i, await stores.drafts.language_of(i)) for i in ids], fallback

    # --- sponsor hands over ----------------------------------------------------------------

    async def hand_over(
        self,
        turn: Turn,
        draft: Draft,
        state: DialogState,
        advice: Advice,
        kind: Kind,
        title: str,
    ) -> HandedOver:
        assert advice.alliance is not None, "handoff needs a local alliance"
        stores, kb = turn.stores, turn.advisor.kb
        procedure = self.procedure.pinned(kb)
        if kind == "handoff":
            refused = await procedure.may_hand_over(stores, draft.id, draft.owner_id)
            if refused is not None:
                return HandedOver((refused.message,), None)
        outbox = stores.outbox
        handoffs = stores.handoffs
        snapshot = {"state": state.model_dump(mode="json"), "status": advice.eligibility.status}
        messages: list[Msg] = []
        created: list[Handoff] = []
        reached = 0
        # A project in several sub-regions goes to every local alliance concerned, each with
        # its own handoff (taken over, asked about and judged by that alliance).
        for alliance in advice.alliances:
            handoff = await handoffs.create(
                draft.id, draft.owner_id, alliance.id, kind, title, snapshot
            )
            created.append(handoff)
            recipients, fallback = await self._recipients(stores, alliance.id)
            reached += len(recipients)
            # The notifications are followed until delivered: only then is the sponsor told
            # how many people received it (`bot.alliance.delivery`).
            delivery = await stores.deliveries.open(
                draft.owner_id, kind, title, alliance.name, fallback
            )
            for user_id, language in recipients:
                text = self._notification(
                    handoff.id, kind, title, state, advice, alliance, fallback, kb
                )
                buttons = [
                    [
                        Button(Msg("alliance.button.take"), f"contact:take:{handoff.ref}"),
                        Button(Msg("alliance.button.ask"), f"contact:ask:{handoff.ref}"),
                    ]
                ]
                relayed = payload(text, language, buttons, relay=True)
                await outbox.add(user_id, relayed, handoff.id, delivery_id=delivery)
                # The PDF is rendered once, after this transaction (see bot/alliance/sketches.py).
                caption = Msg("alliance.attachment", {"title": title})
                await outbox.add(user_id, sketch_payload(handoff.id, caption, language), handoff.id)
            messages.append(on_its_way(kb, kind, alliance, len(recipients), fallback))
        waiting = kind == "handoff" and reached == 0
        if kind == "handoff":
            # Nobody could receive it: the draft waits for a contact person (one registering
            # later finds it in their inbox and can take it over), it is not "handed over",
            # and its case opens only when a contact takes it (`take_over`).
            await stores.drafts.set_status(draft, "waiting" if waiting else "handed_over")
            if not waiting:
                await self._case_handed_over(stores, procedure, draft, state, created)
        # The draft records the handoff to the alliance to approach first (listed first).
        return HandedOver(tuple(messages), created[0], waiting)

    async def _case_handed_over(
        self,
        stores: Stores,
        procedure: Procedure,
        draft: Draft,
        state: DialogState,
        created: Sequence[Handoff],
    ) -> None:
        """The handoffs just written are the case's first revision or its next one."""
        answers = read_answers(state.answers)
        start = answers.start
        outcome = await procedure.handed_over(
            stores,
            CaseHandedOver(
                tuple((h.id, h.alliance_id) for h in created),
                draft.id,
                draft.owner_id,
                created[0].title,
                answers.costs_eur,
                date(start.year, start.month, 1) if start is not None else None,
                answers.duration_months,
            ),
        )
        # Checked before the first handoff was written (`may_hand_over`).
        assert not isinstance(outcome, Refused), outcome

    async def _case_of_waiting(self, turn: Turn, draft: Draft, handoff: Handoff) -> None:
        """The case of a handoff nobody could receive when it was made: opened with the
        handoffs of that revision (the same content sent), as `hand_over` would have."""
        state = handoff.sent_state
        if state is None:
            return
        revision = [
            h
            for h in await turn.stores.handoffs.of_draft(draft.id)
            if h.kind == "handoff" and h.sent_answers == handoff.sent_answers
        ]
        procedure = self.procedure.pinned(turn.advisor.kb)
        await self._case_handed_over(turn.stores, procedure, draft, state, revision)

    def _notification(
        self,
        handoff_id: int,
        kind: Kind,
        title: str,
        state: DialogState,
        advice: Advice,
        alliance: LocalAlliance,
        fallback: bool,
        kb: KnowledgeBase,
    ) -> Msg:
        answers = read_answers(state.answers)
        facts = advice.facts
        notes: list[Msg] = [Msg("alliance.office_note")] if fallback else []
        others = [a.name for a in advice.alliances if a.id != alliance.id]
        if others:
            first = advice.alliances[0].name
            notes.append(Msg("alliance.also_sent", {"others": ", ".join(others), "first": first}))

        def text(given: str | None) -> str:
            return given[:600] if given is not None else "–"

        params: dict[str, Any] = {
            "number": handoff_id,
            "title": title,
            "alliance": alliance.name,
            "sponsor": text(answers.sponsor_name),
            "person": text(answers.contact_person),
            "channel": text(answers.contact_channel),
            "place": text(answers.place_as_given),
            "idea": text(answers.idea),
            "costs": Eur(facts.costs_eur) if facts.costs_eur is not None else "–",
            "start": Month(facts.start) if facts.start else "–",
            "months": Count(facts.duration_months, "months")
            if facts.duration_months is not None
            else "–",
            # What the sponsor's summary says, compact enough to judge the draft on a phone.
            "summary": alliance_summary(advice, kb),
            "question": text(answers.question),
            "office": Lines(tuple(notes), ""),
        }
        return Msg(f"alliance.notification.{kind}", params)

    # --- contacts act ----------------------------------------------------------------------

    async def take_over(
        self,
        turn: Turn,
        handoff: Handoff,
        contact_id: int,
        contact_name: str,
    ) -> TakeOver:
        stores = turn.stores
        handoffs = stores.handoffs
        outbox = stores.outbox
        if not await handoffs.take_over(handoff.id, contact_id, contact_name):
            current = await handoffs.get(handoff.id)
            by = current.taken_by_name if current and current.taken_by_name else "?"
            told = (
                current is not None
                and current.taken_by is not None
                and await outbox.told(contact_id, handoff.id, current.taken_by)
            )
            message = Msg("alliance.contact.already_taken", {"title": handoff.title, "name": by})
            return TakeOver(message, told)
        alliance = turn.advisor.kb.local_alliance(handoff.alliance_id).name
        sponsor_language = await stores.drafts.language_of(handoff.sponsor_id)
        taken, anonymous = naming(
            "alliance.sponsor.taken", {"alliance": alliance, "title": handoff.title}, contact_name
        )
        await outbox.add(
            handoff.sponsor_id,
            payload(taken, sponsor_language, relay=True, anonymous=anonymous),
            handoff.id,
            named_user=contact_id,
        )
        recipients, _ = await self._recipients(stores, handoff.alliance_id)
        notice, anonymous = naming(
            "alliance.contact.taken_by_other", {"title": handoff.title}, contact_name
        )
        for user_id, language in recipients:
            if user_id != contact_id:
                # Named and tied to the handoff: a contact pressing "Übernehmen" too late
                # is not told again (see `Outbox.told`).
                await outbox.add(
                    user_id,
                    payload(notice, language, anonymous=anonymous),
                    handoff.id,
                    named_user=contact_id,
                )
        draft = await stores.drafts.get(handoff.sponsor_id, handoff.draft_id)
        if draft is not None and handoff.kind == "handoff":
            if draft.status == "waiting":
                # Received only now, by a contact who registered since: the case opens.
                await self._case_of_waiting(turn, draft, handoff)
            await stores.drafts.set_status(draft, "taken_over")
            # Recorded in the case unless the handoff is of an older revision (or of before
            # cases were kept): taking it over is still the contact's to do.
            await self.procedure.pinned(turn.advisor.kb).taken_over(
                stores,
                Actor(contact_id, Role.CONTACT),
                handoff.id,
                contact_name,
            )
        return TakeOver(Msg("alliance.contact.taken", {"title": handoff.title}))

    async def relay_to_sponsor(
        self,
        turn: Turn,
        handoff: Handoff,
        contact_id: int,
        contact_name: str,
        text: str,
    ) -> Msg:
        stores = turn.stores
        outbox = stores.outbox
        alliance = turn.advisor.kb.local_alliance(handoff.alliance_id).name
        language = await stores.drafts.language_of(handoff.sponsor_id)
        message, anonymous = naming(
            "alliance.sponsor.question",
            {"alliance": alliance, "title": handoff.title, "text": text[:MAX_RELAYED]},
            contact_name,
        )
        buttons = [[Button(Msg("alliance.button.answer"), f"sponsor:answer:{handoff.ref}")]]
        await outbox.add(
            handoff.sponsor_id,
            payload(message, language, buttons, relay=True, anonymous=anonymous),
            handoff.id,
            named_user=contact_id,
        )
        return Msg("alliance.contact.question_sent", {"title": handoff.title})

    async def relay_to_alliance(self, turn: Turn, handoff: Handoff, text: str) -> Msg:
        stores = turn.stores
        outbox = stores.outbox
        if handoff.taken_by is not None:
            recipients = [(handoff.taken_by, await stores.drafts.language_of(handoff.taken_by))]
        else:
            recipients, _ = await self._recipients(stores, handoff.alliance_id)
        for user_id, language in recipients:
            message = Msg(
                "alliance.contact.answer", {"title": handoff.title, "text": text[:MAX_RELAYED]}
            )
            buttons = [[Button(Msg("alliance.button.ask"), f"contact:ask:{handoff.ref}")]]
            await outbox.add(user_id, payload(message, language, buttons, relay=True), handoff.id)
        alliance = turn.advisor.kb.local_alliance(handoff.alliance_id).name
        return Msg("alliance.sponsor.answer_sent", {"alliance": alliance})

    async def record_statement(
        self,
        turn: Turn,
        handoff: Handoff,
        statement: Statement,
        comment: str,
        contact_id: int,
        contact_name: str,
    ) -> Msg:
        assert statement in STATEMENTS
        stores = turn.stores
        if handoff.kind == "handoff":
            outcome = await self.procedure.pinned(turn.advisor.kb).stated(
                stores,
                Actor(contact_id, Role.CONTACT),
                handoff.id,
                statement,
            )
            # A handoff of before cases were kept has none: its statement goes as it did.
            if isinstance(outcome, Refused) and outcome.reason is not Refusal.UNKNOWN_CASE:
                return outcome.message
        handoffs = stores.handoffs
        await handoffs.record_statement(handoff.id, statement, comment[:MAX_RELAYED])
        outbox = stores.outbox
        alliance = turn.advisor.kb.local_alliance(handoff.alliance_id).name
        language = await stores.drafts.language_of(handoff.sponsor_id)
        message, anonymous = naming(
            "alliance.sponsor.statement",
            {
                "alliance": alliance,
                "title": handoff.title,
                "statement": Msg(f"alliance.statement.{statement}"),
                "comment": comment[:MAX_RELAYED] or "–",
            },
            contact_name,
        )
        await outbox.add(
            handoff.sponsor_id,
            payload(message, language, relay=True, anonymous=anonymous),
            handoff.id,
            named_user=contact_id,
        )
        draft = await stores.drafts.get(handoff.sponsor_id, handoff.draft_id)
        if draft is not None:
            await stores.drafts.set_status(draft, "statement")
        return Msg("alliance.contact.statement_recorded", {"title": handoff.title})
