"""The procedure after the handoff, driven in process on a real SQLite file with a fixed clock.

`World` plays sponsors, alliance contacts and staff through the real storage and the real
`Procedure`; `restart()` closes the database file and opens it again, as a new process would.
Handoffs are written with the alliance desk's own storage (`Handoffs`), so a case's revisions
are real handoff rows.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from bot.clock import FixedClock
from bot.core.plan import (
    CostCategory,
    CostItem,
    FinancingSource,
    Plan,
    SourceKind,
    WorkStep,
)
from bot.core.state import Answer, DialogState
from bot.core.subdialogs import Statement
from bot.kb.knowledge import KnowledgeBase
from bot.procedure.requests import Actor, Request
from bot.procedure.results import Outcome, Recorded, Refused
from bot.procedure.scheduler import Scheduler
from bot.procedure.service import HandedOver, Procedure
from bot.procedure.steps import Role
from bot.storage.cases import CaseRow, Cases
from bot.storage.contacts import Contacts
from bot.storage.db import Database
from bot.storage.drafts import Drafts
from bot.storage.handoffs import Handoffs
from bot.storage.stores import Stores
from bot.texts.catalog import LANGUAGES, Language, Msg
from bot.texts.markup import to_plain

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
"""Monday, 2 March 2026: a year before the planned start below."""
STAFF = 900
CONTACT = 501
SECOND_CONTACT = 502
SPONSOR = 1001
STRANGER = 1002
ADMINS = frozenset({STAFF})
HILDESHEIM = "farehi"
HANNOVER = "fachkraefteallianz-hannover"
COSTS = 380_000
PLANNED_START = date(2027, 3, 1)
MONTHS = 24

SKETCH = {
    "spatial_effect": "Der ganze Landkreis Hildesheim, mit Angeboten in Alfeld und Sarstedt.",
    "continuation": "Die Pflegeschulen übernehmen das Modul nach der Förderung.",
    "transferability": "Das Modul lässt sich auf andere Gesundheitsberufe übertragen.",
}

GOOD_PLAN = Plan(
    costs=(
        CostItem(category=CostCategory.PERSONNEL, amount_eur=300_000),
        CostItem(category=CostCategory.MATERIAL, amount_eur=50_000),
        CostItem(category=CostCategory.OVERHEAD, amount_eur=30_000),
    ),
    financing=(
        FinancingSource(kind=SourceKind.GRANT, amount_eur=266_000),
        FinancingSource(kind=SourceKind.OWN, amount_eur=84_000),
        FinancingSource(kind=SourceKind.THIRD_PARTY, amount_eur=30_000, name="Landkreis"),
    ),
    work_steps=(
        WorkStep(title="Konzept", first_month=1, last_month=3),
        WorkStep(title="Kurse", first_month=4, last_month=22),
        WorkStep(title="Auswertung", first_month=23, last_month=24),
    ),
)


@dataclass(frozen=True)
class Sent:
    """An outbox item as its recipient will read it (plain text)."""

    chat_id: int
    text: str
    payload: dict[str, Any]


def plain(html_text: str) -> str:
    return html.unescape(re.sub(r"</?(?:b|i|u|code|pre)>", "", html_text))


def text(msg: Msg, language: Language = "de") -> str:
    return to_plain(msg, language)


class World:
    def __init__(self, path: Path, clock: FixedClock, kb: KnowledgeBase) -> None:
        self.path = path
        self.clock = clock
        self.kb = kb
        self.procedure = Procedure(lambda: kb, ADMINS)
        self._database: Database | None = None
        self.handoffs: dict[str, int] = {}
        """The handoffs of the last revision handed over, by alliance."""

    @property
    def database(self) -> Database:
        assert self._database is not None
        return self._database

    async def open(self) -> None:
        self._database = await Database.open(self.path)

    async def restart(self) -> None:
        """Close the file and open it again: nothing held in memory survives."""
        await self.database.close()
        self.procedure = Procedure(lambda: self.kb, ADMINS)
        await self.open()

    async def close(self) -> None:
        if self._database is not None:
            await self._database.close()
            self._database = None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self.database.transaction() as connection:
            yield connection

    def scheduler(self, retention_months: int = 12) -> Scheduler:
        return Scheduler(self.database, self.clock, self.procedure, retention_months)

    # --- people ----------------------------------------------------------------------------

    async def user(self, user_id: int, language: Language = "de") -> None:
        async with self.transaction() as connection:
            drafts = Drafts(connection, self.clock.now())
            await drafts.user(user_id, language)
            await drafts.update_user(user_id, language=language)

    async def contact(self, user_id: int, alliance: str = HILDESHEIM, name: str = "") -> None:
        await self.user(user_id)
        async with self.transaction() as connection:
            contacts = Contacts(connection, self.clock.now())
            token = f"token-{user_id}-{alliance}"
            await contacts.invite(token, alliance, STAFF)
            await contacts.redeem(token, user_id, name or f"Kontakt {user_id}")

    async def draft(
        self, sponsor: int = SPONSOR, title: str = "Pflegebrücke", sketch: bool = True
    ) -> int:
        if not await self._known(sponsor):
            await self.user(sponsor)
        answers = {"title": Answer(text=title, value=title)}
        if sketch:
            answers |= {key: Answer(text=value, value=value) for key, value in SKETCH.items()}
        async with self.transaction() as connection:
            drafts = Drafts(connection, self.clock.now())
            draft = await drafts.create(sponsor, DialogState(step="summary", answers=answers))
            return draft.id

    async def _known(self, user_id: int) -> bool:
        async with self.transaction() as connection:
            rows = await connection.execute_fetchall("SELECT 1 FROM users WHERE id = ?", (user_id,))
        return bool(list(rows))

    async def save_plan(self, draft_id: int, plan: Plan = GOOD_PLAN) -> None:
        async with self.transaction() as connection:
            await Cases(connection, self.clock.now()).save_plan(
                draft_id, plan.model_dump(mode="json")
            )

    # --- the alliance desk's steps ---------------------------------------------------------

    async def hand_over(
        self,
        draft_id: int,
        sponsor: int = SPONSOR,
        alliance: str = HILDESHEIM,
        title: str = "Pflegebrücke",
        costs: int | None = COSTS,
        start: date | None = PLANNED_START,
        months: int | None = MONTHS,
        also: tuple[str, ...] = (),
    ) -> tuple[int, Outcome]:
        """As the alliance desk does: one handoff per alliance concerned (`alliance` first,
        then `also`), in one transaction; returns the first one's number (all of them are in
        `handoffs`, by alliance)."""
        async with self.transaction() as connection:
            now = self.clock.now()
            created = []
            for concerned in (alliance, *also):
                handoff = await Handoffs(connection, now).create(
                    draft_id, sponsor, concerned, "handoff", title, {"state": {}, "status": "ok"}
                )
                created.append((handoff.id, concerned))
            self.handoffs = {concerned: number for number, concerned in created}
            outcome = await self.procedure.handed_over(
                Stores.of(connection, now),
                HandedOver(tuple(created), draft_id, sponsor, title, costs, start, months),
            )
        return created[0][0], outcome

    async def take(self, contact: int, handoff_id: int, role: Role = Role.CONTACT) -> Outcome:
        async with self.transaction() as connection:
            now = self.clock.now()
            await Handoffs(connection, now).take_over(handoff_id, contact, f"Kontakt {contact}")
            return await self.procedure.taken_over(
                Stores.of(connection, now), Actor(contact, role), handoff_id, f"Kontakt {contact}"
            )

    async def state(
        self, contact: int, handoff_id: int, statement: Statement, role: Role = Role.CONTACT
    ) -> Outcome:
        async with self.transaction() as connection:
            return await self.procedure.stated(
                Stores.of(connection, self.clock.now()), Actor(contact, role), handoff_id, statement
            )

    # --- everything after ------------------------------------------------------------------

    async def record(self, user_id: int, role: Role, case_id: int, request: Request) -> Outcome:
        async with self.transaction() as connection:
            return await self.procedure.record(
                Stores.of(connection, self.clock.now()), Actor(user_id, role), case_id, request
            )

    async def case(self, case_id: int) -> CaseRow:
        async with self.transaction() as connection:
            case = await Cases(connection, self.clock.now()).get(case_id)
        assert case is not None
        return case

    async def meeting(self, held_on: date, deadline: date | None = None, note: str = "") -> int:
        """Staff keep a meeting of the Lenkungsgruppe; returns its number."""
        async with self.transaction() as connection:
            meeting = await self.procedure.add_meeting(
                Stores.of(connection, self.clock.now()),
                Actor(STAFF, Role.STAFF),
                held_on,
                deadline,
                note,
            )
        assert not isinstance(meeting, Refused), meeting
        return meeting.id

    async def reminders_on(self, case_id: int, sponsor: int = SPONSOR, on: bool = True) -> None:
        async with self.transaction() as connection:
            result = await self.procedure.set_reminders(
                Stores.of(connection, self.clock.now()), Actor(sponsor, Role.SPONSOR), case_id, on
            )
        assert not isinstance(result, Refused), result

    # --- what went out ---------------------------------------------------------------------

    async def outbox(self) -> list[Sent]:
        """Every item not yet delivered, in order; delivering them is the test's own: they
        are marked sent, as the worker would after Telegram took them."""
        async with self.transaction() as connection:
            rows = list(
                await connection.execute_fetchall(
                    "SELECT id, chat_id, payload FROM outbox WHERE sent_at IS NULL ORDER BY id"
                )
            )
            await connection.execute(
                "UPDATE outbox SET sent_at = ?, payload = '{}' WHERE sent_at IS NULL",
                (self.clock.now().isoformat(),),
            )
        sent = []
        for row in rows:
            payload = json.loads(row["payload"])
            body = payload.get("text", payload.get("caption", ""))
            sent.append(Sent(row["chat_id"], plain(str(body)), payload))
        return sent

    def table(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.path) as connection:
            return list(connection.execute(sql, params))


def recorded(outcome: Outcome) -> Recorded:
    """The step went through; what its author is told renders in both languages."""
    assert isinstance(outcome, Recorded), (
        text(outcome.message) if isinstance(outcome, Refused) else outcome
    )
    for message in outcome.messages:
        for language in LANGUAGES:
            assert text(message, language).strip()
    return outcome


def refused(outcome: Outcome) -> Refused:
    """The step was refused; the reason and what is missing render in both languages."""
    assert isinstance(outcome, Refused), outcome
    for message in (outcome.message, *outcome.details):
        for language in LANGUAGES:
            assert text(message, language).strip()
    return outcome


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
async def world(tmp_path: Path, clock: FixedClock, kb: KnowledgeBase) -> AsyncIterator[World]:
    world = World(tmp_path / "foerderlotse.sqlite3", clock, kb)
    await world.open()
    await world.user(STAFF)
    await world.user(SPONSOR)
    await world.contact(CONTACT)
    try:
        yield world
    finally:
        await world.close()
