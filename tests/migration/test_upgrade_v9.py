"""A database written by the version before the typed handoff kind (schema 9, `v9.sqlite3`,
made by `make_v9_fixture.py` with that version) opens with this one: what a sponsor prepares
to send moves from the pseudo-answer "handoff_kind" to the dialog state's field, in the drafts
and in the handoffs' snapshots, and every sponsor goes on where they stopped."""

from __future__ import annotations

import json
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.runtime import Runtime
from bot.storage.schema import MIGRATIONS
from tests.dialogs.conftest import ChatDriver, key_text, runtime_for
from tests.migration.make_fixture import NOW, STAFF
from tests.migration.make_v9_fixture import ASKED, ASKING, CONSENTING, QUESTION

HERE = Path(__file__).parent
HILDESHEIM = "Fachkräfte für die Region Hildesheim"


@pytest.fixture
async def upgraded(tmp_path: Path) -> AsyncIterator[Runtime]:
    shutil.copy(HERE / "v9.sqlite3", tmp_path / "foerderlotse.sqlite3")
    async with runtime_for(tmp_path, FixedClock(NOW), frozenset({STAFF})) as runtime:
        yield runtime


async def _handoffs(runtime: Runtime) -> list[tuple[int, str, dict[str, object]]]:
    async with runtime.database.transaction() as connection:
        rows = await (
            await connection.execute("SELECT sponsor_id, kind, snapshot FROM handoffs ORDER BY id")
        ).fetchall()
    return [(row[0], row[1], json.loads(row[2])) for row in rows]


async def test_the_pseudo_answer_becomes_the_typed_field(upgraded: Runtime) -> None:
    chat = ChatDriver.of(upgraded)
    kinds = {user: (await chat.state(user)).handoff_kind for user in (ASKING, CONSENTING, ASKED)}
    assert kinds == {ASKING: "question", CONSENTING: "handoff", ASKED: "question"}
    for user in kinds:
        assert "handoff_kind" not in (await chat.state(user)).answers
    ((sponsor, kind, snapshot),) = await _handoffs(upgraded)
    state = snapshot["state"]
    assert isinstance(state, dict) and (sponsor, kind) == (ASKED, "question")
    assert state["handoff_kind"] == "question" and "handoff_kind" not in state["answers"]
    async with upgraded.database.transaction() as connection:
        version = await (await connection.execute("PRAGMA user_version")).fetchone()
    assert version is not None and version[0] == len(MIGRATIONS)


async def test_a_question_chosen_before_the_upgrade_is_asked_and_sent(upgraded: Runtime) -> None:
    chat = ChatDriver.of(upgraded)
    chat.user_id = ASKING
    assert (await chat.state()).step == "question"
    preview = await chat.text("Gibt es noch Plätze im Frühjahr?")
    assert key_text("handoff.preview.question", alliance=HILDESHEIM) in preview
    sent = await chat.press("consent:yes", "consent")
    assert "Ihre Frage geht deshalb an die Koordinierungsstelle" in sent
    assert [(s, k) for s, k, _ in await _handoffs(upgraded)][-1] == (ASKING, "question")


async def test_a_consent_to_a_handoff_before_the_upgrade_hands_over(upgraded: Runtime) -> None:
    chat = ChatDriver.of(upgraded)
    chat.user_id = CONSENTING
    assert (await chat.state()).step == "consent"
    await chat.press("consent:yes", "consent")
    assert [(s, k) for s, k, _ in await _handoffs(upgraded)][-1] == (CONSENTING, "handoff")
    assert (await chat.current()) is not None
    draft = await chat.current()
    assert draft is not None and draft.status == "handed_over"


async def test_a_question_sent_before_the_upgrade_is_not_sent_again(upgraded: Runtime) -> None:
    """The same question once more: its handoff's migrated snapshot has the same content."""
    chat = ChatDriver.of(upgraded)
    chat.user_id = ASKED
    await chat.press("summary:ask", "summary")
    for _ in range(3):  # who sends it, as before
        assert (await chat.state()).step != "question"
        state = await chat.state()
        await chat.text(state.answers[state.step].text)
    assert (await chat.state()).step == "question"
    await chat.text(QUESTION)
    again = await chat.press("consent:yes", "consent")
    assert "Nr. 1" in again and "Ihre Frage geht deshalb" not in again
    assert len(await _handoffs(upgraded)) == 1, "nothing sent a second time"
