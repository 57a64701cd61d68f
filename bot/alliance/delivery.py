"""Honest delivery: the sponsor is told what actually happened to a message, staff see what
could not be delivered and can re-route it.

A handoff, a question or a request for a person opens a delivery (`bot.storage.deliveries`);
its notifications carry its id. The sponsor is first told that it is on its way and to whom
(or that nobody in the bot can receive it, with the public contact details the knowledge base
holds). Once the outbox worker has sent or given up every notification of the delivery, the
sponsor learns how many people it reached, in the same transaction (`settled`). A
notification given up (chat not found, bot blocked) is shown to staff, who can have it
re-routed to their own chat; the sponsor is told that too.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.alliance.desk import Button as NoteButton
from bot.alliance.desk import payload
from bot.alliance.reach import public_contacts
from bot.core.outputs import Button, EngineOutput, Reply
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import LocalAlliance
from bot.storage.deliveries import Delivery
from bot.storage.outbox import OutboxItem
from bot.storage.staff import staff_ids
from bot.storage.stores import Stores
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Count
from bot.turn import Turn

REROUTE = "reroute"
"""Staff's button on an undelivered notification: `staff:reroute:<outbox id>`."""


class DeliveryDesk:
    def __init__(self, kb: Callable[[], KnowledgeBase], configured_staff: frozenset[int]) -> None:
        self.kb = kb
        """The live knowledge base: the worker's hook (`settled`) runs outside any turn and
        reads it once, when it begins; a turn (`reroute`) uses the turn's (`Turn.advisor`)."""
        self.configured_staff = configured_staff
        """`BOT_ADMIN_IDS`; alerts go to these and to staff added in the bot (`staff_ids`)."""

    # --- the outbox worker's hook ------------------------------------------------------------

    async def settled(self, stores: Stores, item: OutboxItem, failure: str | None) -> None:
        """The outbox worker's hook (`OutboxWorker.settled`): `failure` is why the item was
        given up, None when it was sent."""
        kb = self.kb()  # one version for the whole hook, like a turn's
        if failure is not None and _alertable(item):
            await self._alert_staff(stores, item, failure)
        if item.delivery_id is None:
            return
        result = await stores.deliveries.settle(item.delivery_id)
        if result is None:
            return
        delivery = result.delivery
        language = await stores.drafts.language_of(delivery.sponsor_id)
        params: dict[str, Param] = {
            "what": Msg(f"delivery.what.{delivery.kind}"),
            "title": delivery.title,
            "recipient": _recipient(delivery, kb),
            "count": Count(result.sent, "people"),
            "failed": Count(result.failed, "people"),
        }
        if result.sent == 0:
            params["contacts"] = public_contacts(kb, _alliances_named(delivery, kb))
            message = Msg("delivery.report.failed", params)
        elif result.failed:
            message = Msg("delivery.report.partly", params)
        else:
            message = Msg("delivery.report.delivered", params)
        await stores.outbox.add(delivery.sponsor_id, payload(message, language))

    async def _alert_staff(self, stores: Stores, item: OutboxItem, reason: str) -> None:
        delivery = (
            await stores.deliveries.get(item.delivery_id) if item.delivery_id is not None else None
        )
        everyone = await staff_ids(stores.connection, self.configured_staff)
        for staff_id in (i for i in everyone if i != item.chat_id):
            language = await stores.drafts.language_of(staff_id)
            message = Msg(
                "delivery.staff.alert",
                {
                    "number": item.id,
                    "chat": item.chat_id,
                    "reason": reason[:200],
                    "about": _about(delivery),
                },
            )
            buttons = [[NoteButton(Msg("delivery.button.reroute"), f"staff:{REROUTE}:{item.id}")]]
            # An alert that fails itself raises no further alert.
            alert = payload(message, language, buttons).model_copy(update={"alert": True})
            await stores.outbox.add(staff_id, alert)

    # --- staff ---------------------------------------------------------------------------------

    async def listing(self, turn: Turn) -> Reply | None:
        """Notifications given up and not re-routed yet (staff's /eingang shows them)."""
        undelivered = await turn.stores.deliveries.undelivered()
        if not undelivered:
            return None
        rows = tuple(
            (
                Button(
                    Msg(
                        "delivery.staff.item",
                        {"number": u.outbox_id, "chat": u.chat_id, "about": _about(u.delivery)},
                    ),
                    f"staff:{REROUTE}:{u.outbox_id}",
                ),
            )
            for u in undelivered
        )
        return Reply((Msg("delivery.staff.listing", {"count": len(undelivered)}),), rows)

    async def reroute(self, turn: Turn, argument: str) -> list[EngineOutput]:
        """The undelivered notification goes to the staff member who pressed (their chat
        exists: they just pressed), and the sponsor is told."""
        stores = turn.stores
        number = int(argument) if argument.isdigit() else -1
        item = await stores.deliveries.failed_item(number)
        if item is None:
            return [Reply((Msg("delivery.staff.gone"),))]
        await stores.outbox.add(turn.user.id, item.payload.without("alert"), delivery_id=None)
        await stores.deliveries.rerouted(item.outbox_id, turn.user.id)
        turn.outbox_written = True
        told: Msg | str = ""
        delivery = item.delivery
        if delivery is not None:
            language = await stores.drafts.language_of(delivery.sponsor_id)
            office = turn.advisor.kb.regions.coordination_office.institution
            message = Msg(
                "delivery.rerouted_sponsor",
                {
                    "what": Msg(f"delivery.what.{delivery.kind}"),
                    "title": delivery.title,
                    "office": office,
                },
            )
            await stores.outbox.add(delivery.sponsor_id, payload(message, language))
            told = Msg("delivery.staff.sponsor_told")
        return [Reply((Msg("delivery.staff.rerouted", {"number": item.outbox_id, "told": told}),))]


def _recipient(delivery: Delivery, kb: KnowledgeBase) -> Msg | str:
    if delivery.office and _alliances_named(delivery, kb):
        return Msg("delivery.via_office", {"alliance": delivery.recipient})
    return delivery.recipient


def _alliances_named(delivery: Delivery, kb: KnowledgeBase) -> list[LocalAlliance]:
    return [a for a in kb.regions.local_alliances if a.name == delivery.recipient]


def _alertable(item: OutboxItem) -> bool:
    """Texts, not their attachments (the document fails with its text) and not alerts."""
    return item.payload.text is not None and not item.payload.alert


def _about(delivery: Delivery | None) -> Msg | str:
    if delivery is None:
        return "–"
    return Msg(
        "delivery.staff.about",
        {
            "what": Msg(f"delivery.what.{delivery.kind}"),
            "title": delivery.title,
            "recipient": delivery.recipient,
        },
    )


__all__ = ["REROUTE", "DeliveryDesk"]
