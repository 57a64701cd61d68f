"""Whom a sponsor's message reaches, said honestly: on its way to the alliance's registered
contacts, to the coordination office (nobody of the alliance registered), or to nobody in the
bot, then with the public contact details the knowledge base holds (`knowledge/regions.yaml`:
optional phone, e-mail, website of the alliances and the office)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import CoordinationOffice, LocalAlliance
from bot.storage.deliveries import DeliveryKind
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Lines


def public_contacts(kb: KnowledgeBase, alliances: Sequence[LocalAlliance]) -> Msg:
    """The alliances (with their members) and the coordination office, with whatever public
    contact details the knowledge base holds for them."""
    lines: list[Msg] = []
    for alliance in alliances:
        members = (
            Msg("delivery.contacts.members", {"members": ", ".join(alliance.members)})
            if alliance.members
            else ""
        )
        params = {"name": alliance.name, "members": members, "details": _details(alliance)}
        lines.append(Msg("delivery.contacts.alliance", params))
    office = kb.regions.coordination_office
    params = {"name": office.name, "institution": office.institution, "details": _details(office)}
    lines.append(Msg("delivery.contacts.office", params))
    return Msg("delivery.contacts.title", {"lines": Lines(tuple(lines))})


def on_its_way(
    kb: KnowledgeBase,
    kind: DeliveryKind,
    alliance: LocalAlliance | None,
    recipients: int,
    office: bool,
) -> Msg:
    """The first message: on its way to whom, or nobody in the bot can receive it. How many
    received it is said only once it is delivered (`bot.alliance.delivery`)."""
    what = Msg(f"delivery.what.{kind}")
    contacts = public_contacts(kb, [alliance] if alliance is not None else [])
    name = alliance.name if alliance is not None else ""
    institution = kb.regions.coordination_office.institution
    if recipients == 0:
        key = "delivery.nobody" if alliance is not None else "delivery.nobody_office"
        return Msg(key, {"what": what, "alliance": name, "contacts": contacts})
    if office:
        key = "delivery.going_office" if alliance is not None else "delivery.going_office_only"
        params: dict[str, Param] = {
            "what": what,
            "alliance": name,
            "office": institution,
            "contacts": contacts,
        }
        return Msg(key, params)
    return Msg("delivery.going_contacts", {"what": what, "alliance": name})


def _details(entry: LocalAlliance | CoordinationOffice) -> Msg | str:
    """Phone, e-mail, website where the knowledge base holds them."""
    values = {"phone": entry.phone, "email": entry.email, "website": entry.website}
    parts = tuple(
        Msg(f"delivery.contacts.{field}", {"value": value})
        for field, value in values.items()
        if value
    )
    return Msg("delivery.contacts.details", {"items": Lines(parts, ", ")}) if parts else ""
