"""A turn works with the knowledge base in force when it began (issue 10 point 4): staff may
replace the live one meanwhile, yet every desk of that turn reads the turn's version, and the
next turn reads the new one. In process, on a real SQLite file."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.advice.advise import Advisor
from bot.clock import FixedClock
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG
from bot.kb.knowledge import KnowledgeBase
from bot.routes.desks import build_desks
from bot.routes.router import Conversations
from bot.storage.db import Database
from tests.dialogs.conftest import ChatDriver

OFFICE = 900
RENAMED = " (umbenannt)"


class Replaced:
    """The live knowledge base's advisor. Armed, it gives the old version once more (the read
    at a turn's beginning) and the new one from then on: staff replaced it during the turn."""

    def __init__(self, before: Advisor, after: Advisor) -> None:
        self.before, self.after = before, after
        self.armed = False
        self.replaced = False

    def arm(self) -> None:
        self.armed = True

    def __call__(self) -> Advisor:
        if self.replaced:
            return self.after
        if self.armed:
            self.replaced = True
        return self.before


def renamed(kb: KnowledgeBase) -> KnowledgeBase:
    """The next version: every local alliance and the coordination office renamed."""
    alliances = [
        a.model_copy(update={"name": a.name + RENAMED}) for a in kb.regions.local_alliances
    ]
    office = kb.regions.coordination_office
    office = office.model_copy(update={"institution": office.institution + RENAMED})
    regions = kb.regions.model_copy(
        update={"local_alliances": alliances, "coordination_office": office}
    )
    return replace(kb, regions=regions, version="next")


@pytest.fixture
async def setup(
    tmp_path: Path, kb: KnowledgeBase, clock: FixedClock
) -> AsyncIterator[tuple[ChatDriver, Replaced]]:
    live = Replaced(Advisor(kb), Advisor(renamed(kb)))
    database = await Database.open(tmp_path / "bot.sqlite3")
    staff = frozenset({OFFICE})
    engine = DialogEngine(SPONSOR_DIALOG, live.before, clock)
    desks = build_desks(database, clock, live, admin_ids=staff)
    conversations = Conversations(
        database, engine, clock, "de", desks, admin_ids=staff, advisor_source=live
    )
    try:
        yield ChatDriver(conversations, database, clock), live
    finally:
        await database.close()


async def test_staff_see_one_version_in_a_turn_and_the_new_one_after(
    setup: tuple[ChatDriver, Replaced],
) -> None:
    chat, live = setup
    live.arm()
    await chat.command("invite", user=OFFICE)
    assert chat.labels and not any(RENAMED in label for label in chat.labels)
    await chat.command("invite", user=OFFICE)
    assert chat.labels and all(label.endswith(RENAMED) for label in chat.labels)


async def test_a_question_sent_while_the_knowledge_base_is_replaced_names_one_version(
    setup: tuple[ChatDriver, Replaced],
) -> None:
    chat, live = setup
    await chat.command("start")
    await chat.text("Hildesheim")
    await chat.command("ask")
    await chat.text("Stadtteilverein Moritzberg")
    await chat.text("Vorstand")
    await chat.text("+49 5121 987654")
    await chat.text("Passt ein Mentoring zu Ihnen?")
    live.arm()
    told = await chat.press("consent:yes", "consent")
    assert "Fachkräfte für die Region Hildesheim" in told
    assert live.before.kb.regions.coordination_office.institution in told  # the office's
    assert RENAMED not in told
    async with chat.database.transaction() as connection:
        cursor = await connection.execute("SELECT payload FROM outbox WHERE chat_id = ?", (OFFICE,))
        texts = [json.loads(row[0]).get("text") or "" for row in await cursor.fetchall()]
    notification = next(t for t in texts if "Passt ein Mentoring" in t)
    assert "Fachkräfte für die Region Hildesheim" in notification
    assert RENAMED not in notification
    assert live.replaced, "the knowledge base was replaced during the turn"
