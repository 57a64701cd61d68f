"""Sponsors, alliance contacts and staff chatting with the real bot over HTTP.

The fixtures `server`, `clock` and `start_bot` come from tests/support/bot.py (a plugin); staff
are configured per test with `start_bot(admin_ids=...)`.
"""

from __future__ import annotations

import asyncio
import io
import re
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from pypdf import PdfReader

from bot.clock import FixedClock
from tests.botapi import BotApiServer, BotMessage, TelegramUser
from tests.support.bot import (
    IDEA,
    NOW,
    StartBot,
    answer,
    draft_answers,
    summary_messages,
    type_draft,
)

__all__ = ["NOW", "StartBot"]

STAFF = 900
"""The coordination office's account (BOT_ADMIN_IDS)."""
ADMINS = frozenset({STAFF})

HILDESHEIM = "Fachkräfte für die Region Hildesheim"
WESERBERGLAND = "Fachkräfte-Initiative Weserbergland+"


_INVITATION = re.compile(r"https://t\.me/(\w+)\?start=(\S+)")


def joined(messages: list[BotMessage]) -> str:
    return "\n".join(m.text for m in messages)


async def tap(
    user: TelegramUser, label: str, message_id: int | None = None, count: int = 1
) -> list[BotMessage]:
    """Press a button and wait for the answer to the tap and the next `count` messages."""
    user.tap(label, message_id)
    await user.expect_answer()
    return await user.expect(count)


async def to_summary(
    user: TelegramUser,
    place: str = "Sarstedt",
    costs: str = "380.000 €",
    duration: str = "2 Jahre",
    title: str = "Pflegebrücke Hildesheim",
    command: str = "/start",
    idea: str = IDEA,
    target_group: str = "Geflüchtete Frauen",
) -> str:
    """A complete draft typed as a sponsor would (`/neu` for a further one); the summary's text."""
    answers = draft_answers(
        place, title=title, costs=costs, duration=duration, idea=idea, target_group=target_group
    )
    return joined(await type_draft(user, *answers, command=command))


async def whole_summary(user: TelegramUser) -> str:
    return joined(await summary_messages(user))


async def give_contact_details(
    user: TelegramUser,
    organisation: str = "Bildungswerk Sarstedt e. V.",
    person: str = "Projektleitung Pflege",
    channel: str = "pflege@bildungswerk.example",
) -> BotMessage:
    """Answer the questions asked before a handoff; returns the preview asking for consent."""
    await answer(user, organisation)
    await answer(user, person)
    return await answer(user, channel)


async def invite(staff: TelegramUser, alliance: str) -> str:
    """Staff create an invitation for `alliance`; returns the deep link's start payload."""
    choose = await answer(staff, "/kontakt_einladen")
    assert alliance in choose.button_texts(), choose
    (link,) = await tap(staff, alliance)
    match = _INVITATION.search(link.text)
    assert match is not None, link.text
    return match.group(2)


def people(
    server: BotApiServer, contact: int = 501, sponsor: int = 1001
) -> tuple[TelegramUser, TelegramUser, TelegramUser]:
    """The coordination office, a contact of an alliance (once registered) and a sponsor."""
    return (
        server.user(STAFF, "Koordination"),
        server.user(contact, "Kontakt Eins"),
        server.user(sponsor, "Träger"),
    )


async def two_contacts_of_hildesheim(
    server: BotApiServer,
) -> tuple[TelegramUser, TelegramUser, TelegramUser, TelegramUser]:
    """The office, two registered contacts of Hildesheim's alliance and a sponsor."""
    staff, first, sponsor = people(server)
    second = server.user(502, "Kontakt Zwei")
    await register_contacts(staff, HILDESHEIM, first, second)
    return staff, first, second, sponsor


async def register(contact: TelegramUser, payload: str) -> BotMessage:
    """The contact opens the invitation link: Telegram sends `/start <payload>`."""
    return await answer(contact, f"/start {payload}")


async def register_contacts(staff: TelegramUser, alliance: str, *contacts: TelegramUser) -> None:
    """Staff invite each of `contacts` for `alliance`, and each opens the link."""
    for contact in contacts:
        registered = await register(contact, await invite(staff, alliance))
        assert registered.text.startswith("✅") and alliance in registered.text, registered.text


async def hand_over(
    sponsor: TelegramUser, *details: str, arm: Callable[[], object] | None = None
) -> BotMessage:
    """From the summary: "Übergeben", the contact details (`give_contact_details`' defaults
    unless given) and consent; returns the sponsor's confirmation. `arm` runs right before
    the consent (to inject faults into the notification's delivery; the report on the
    delivery is then left to the test). Otherwise, where somebody can receive it, the report
    that it was delivered is awaited too."""
    await tap(sponsor, "Übergeben")
    await give_contact_details(sponsor, *details)
    if arm is not None:
        arm()
    (sent,) = await tap(sponsor, "Einverstanden")
    if arm is None and "Sobald sie zugestellt ist" in sent.text:
        await delivered(sponsor)
    return sent


async def delivered(sponsor: TelegramUser) -> BotMessage:
    """The report that the notifications of a handoff or question were delivered."""
    (report,) = await sponsor.expect()
    assert report.text.startswith("✅ Zugestellt"), sponsor.transcript
    return report


async def notification(contact: TelegramUser) -> tuple[BotMessage, BotMessage]:
    """The notification of a handoff: the text with its buttons, then the PDF."""
    text, pdf = await contact.expect(2)
    assert pdf.document is not None, contact.transcript
    return text, pdf


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def rows_mentioning(database: Path, values: set[str]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table in the SQLite file that holds one of `values` in any column
    (compared as text, so ids stored as integers count too)."""
    found: dict[str, list[tuple[object, ...]]] = {}
    with sqlite3.connect(database) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                if any(str(cell) in values or _mentions(cell, values) for cell in row):
                    found.setdefault(table, []).append(tuple(row))
    return found


def _mentions(cell: object, values: set[str]) -> bool:
    return isinstance(cell, str) and any(value in cell for value in values if len(value) > 4)


class ManualClock(FixedClock):
    """Time passes only when the test advances it: a sleeper (the outbox worker waiting for a
    retry) wakes once its deadline is reached, never on its own."""

    def __init__(self, start: datetime) -> None:
        super().__init__(start)
        self._moved = asyncio.Event()
        self.sleeping: list[float] = []
        """Durations of the sleeps in progress."""

    def _notify(self) -> None:
        event, self._moved = self._moved, asyncio.Event()
        event.set()

    def advance(self, delta: timedelta) -> None:
        super().advance(delta)
        self._notify()

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        deadline = self.now() + timedelta(seconds=seconds)
        self.sleeping.append(seconds)
        self._notify()
        try:
            while self.now() < deadline:
                await self._moved.wait()
        finally:
            self.sleeping.remove(seconds)
            self._notify()

    async def sleeper(self, at_least: float, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Wait until something sleeps for `at_least` seconds (bounded: fails after `timeout`)."""
        async with asyncio.timeout(timeout):
            while not any(seconds >= at_least for seconds in self.sleeping):
                await self._moved.wait()
