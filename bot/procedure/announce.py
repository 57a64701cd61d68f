"""Telling the other roles of a step: outbox items written in the step's own transaction.

Messages name roles, never persons ("the local alliance", "the coordination office"), so an
erasure has no names to take out of undelivered ones; each carries its case's number
(`"case"` in the payload), so erasing a sponsor finds the messages about their cases.
"""

from __future__ import annotations

import base64
from typing import Any

import aiosqlite

from bot.procedure.steps import Party
from bot.storage.cases import CaseRow
from bot.storage.contacts import Contacts
from bot.storage.outbox import Attachment, OutboxPayload
from bot.storage.staff import staff_ids
from bot.storage.stores import Stores
from bot.texts.catalog import Language, Msg
from bot.texts.markup import to_html


def text_payload(text: Msg, language: Language, case_id: int | None) -> OutboxPayload:
    """An outbox item in the alliance desk's format (text, abstract buttons, relay)."""
    return OutboxPayload(text=to_html(text, language), buttons=(), relay=False, case=case_id)


def document_payload(
    caption: Msg, language: Language, case_id: int, filename: str, mime_type: str, content: bytes
) -> OutboxPayload:
    return OutboxPayload(
        document=Attachment(
            filename=filename,
            mime_type=mime_type,
            content_b64=base64.b64encode(content).decode("ascii"),
        ),
        caption=to_html(caption, language),
        relay=False,
        case=case_id,
    )


class Recipients:
    """Who each party of a case is, now (the alliance: every alliance concerned)."""

    def __init__(self, configured_staff: frozenset[int]) -> None:
        self.configured_staff = configured_staff
        """`BOT_ADMIN_IDS`; staff are these and those added in the bot (`staff_ids`)."""

    async def of(
        self, connection: aiosqlite.Connection, contacts: Contacts, case: CaseRow, party: Party
    ) -> list[int]:
        if party is Party.SPONSOR:
            return [case.sponsor_id]
        if party is Party.STAFF:
            return await staff_ids(connection, self.configured_staff)
        found: list[int] = []
        for alliance in case.alliances:
            registered = [c.user_id for c in await contacts.of_alliance(alliance)]
            if alliance == case.alliance_id and case.contact_id in registered:
                found.append(case.contact_id)  # the first alliance's contact in charge
            else:
                # As with the handoff itself: the coordination office stands in for an
                # alliance that has nobody registered yet.
                found += registered or await staff_ids(connection, self.configured_staff)
        return list(dict.fromkeys(found))


async def announce(
    stores: Stores,
    recipients: Recipients,
    case: CaseRow,
    texts: dict[Party, str],
    params: dict[str, Any],
    skip: frozenset[int],
    document: tuple[str, str, bytes] | None = None,
) -> int:
    """Write one item per recipient (each once, in their language); returns how many."""
    connection, outbox, contacts = stores.connection, stores.outbox, stores.contacts
    written: set[int] = set(skip)
    count = 0
    for party, key in texts.items():
        for user_id in await recipients.of(connection, contacts, case, party):
            if user_id in written:
                continue
            written.add(user_id)
            language = await stores.drafts.language_of(user_id)
            message = Msg(key, params)
            if document is None:
                await outbox.add(user_id, text_payload(message, language, case.id))
            else:
                filename, mime_type, content = document
                await outbox.add(
                    user_id,
                    document_payload(message, language, case.id, filename, mime_type, content),
                )
            count += 1
    return count
