"""A database written before staff's add-project dialog ran on the dialog engine (schema 10:
the sub-dialog `AddProject`, each answer a field) opens with this one (schema 11): the dialog
becomes a `StaffDialog` at the same step with the same answers, and the staff member goes on
where they stopped, back to earlier answers included, up to the applied project."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.core.subdialogs import StaffDialog
from bot.kb.loader import load_directory
from bot.kb.shipped import shipped_knowledge_dir
from bot.runtime import Runtime
from bot.storage.schema import MIGRATIONS
from tests.dialogs.conftest import ChatDriver, runtime_for

# Each test builds a runtime on a database of the old layout and upgrades it: about 0.35 s of
# CPU a test, left to `make test` so that `make test-fast` stays under a minute.
pytestmark = pytest.mark.slow

NOW = datetime(2026, 12, 7, 10, 0)
OFFICE = 900
EARLY = 901
"""Stopped at the target groups, with two ticked and not yet confirmed."""
LATE = 902
"""Stopped at the source, everything else given."""
RETIRING = 903
"""Stopped at the confirmation of a project's removal."""
SEARCHING = 904
"""Stopped after a search word, before choosing."""
EDITING = 905
"""Changing an alliance's phone number, at its field."""
CHOOSING = 906
"""On the list of projects."""
TITLE = "Pflege: Brücke für geflüchtete Frauen"


def _add_project(step: str, **fields: object) -> dict[str, object]:
    return {"kind": "add_project", "based_on": "v0", "step": step, **fields}


EARLY_STACK = [
    _add_project(
        "target_groups",
        title=TITLE,
        entry_id="pflege-bruecke-fuer-gefluechtete-frauen",
        districts=["hildesheim", "hameln-pyrmont"],
        target_groups=["gefluechtete", "frauen"],
    )
]
LATE_STACK = [
    _add_project(
        "source",
        title="Sprungbrett Handwerk",
        entry_id="sprungbrett-handwerk",
        districts=["schaumburg"],
        action_fields=["II"],
        sub_goals=[],
        description="Jugendliche lernten Betriebe des Handwerks kennen.",
        start_year=2023,
        end_year=2024,
    )
]


RETIRING_STACK = [
    {"kind": "retire_project", "based_on": "v0", "query": "lehrer", "entry_id": "lehrerexkursionen"}
]
SEARCHING_STACK = [{"kind": "retire_project", "based_on": "v0", "query": "lehrer"}]
ALLIANCE = next(
    a.model_dump(mode="json")
    for a in load_directory(shipped_knowledge_dir()).regions.local_alliances
    if a.id == "farehi"
)
EDITING_STACK = [
    {
        "kind": "edit_entry",
        "form": "alliance",
        "based_on": "v0",
        "stage": "field",
        "entry_id": "farehi",
        "before": ALLIANCE,
        "value": {**ALLIANCE, "phone": "05121 2"},
        "field": "phone",
    }
]
CHOOSING_STACK = [
    {
        "kind": "edit_entry",
        "form": "project",
        "based_on": "v0",
        "stage": "choose",
        "offered": ["lehrerexkursionen", "care"],
    }
]


def _schema_10(path: Path) -> None:
    """A database as schema 10 left it, with two add-project dialogs in progress."""
    connection = sqlite3.connect(path)
    for script in MIGRATIONS[:10]:
        connection.executescript(script)
    connection.execute("PRAGMA user_version=10")
    stacks = (
        (EARLY, EARLY_STACK),
        (LATE, LATE_STACK),
        (RETIRING, RETIRING_STACK),
        (SEARCHING, SEARCHING_STACK),
        (EDITING, EDITING_STACK),
        (CHOOSING, CHOOSING_STACK),
    )
    for user, stack in stacks:
        connection.execute(
            "INSERT INTO users (id, language, pending, created_at, updated_at) "
            "VALUES (?, 'de', ?, ?, ?)",
            (user, json.dumps(stack), NOW.isoformat(), NOW.isoformat()),
        )
    connection.commit()
    connection.close()


@pytest.fixture
async def upgraded(tmp_path: Path) -> AsyncIterator[Runtime]:
    _schema_10(tmp_path / "foerderlotse.sqlite3")
    staff = frozenset({OFFICE, EARLY, LATE, RETIRING, SEARCHING, EDITING, CHOOSING})
    async with runtime_for(tmp_path, FixedClock(NOW), staff) as runtime:
        yield runtime


async def _dialog(runtime: Runtime, user: int) -> StaffDialog:
    async with runtime.database.transaction() as connection:
        row = await (
            await connection.execute("SELECT subdialogs FROM users WHERE id = ?", (user,))
        ).fetchone()
    assert row is not None
    (stored,) = json.loads(row[0])
    return StaffDialog.model_validate(stored)


async def tap(chat: ChatDriver, label: str, user: int) -> str:
    pairs = list(zip(chat.labels, chat.actions, strict=True))
    exact = [a for text, a in pairs if text == label]
    (action,) = exact or [a for text, a in pairs if label in text]
    return await chat.press(action, user=user)


async def test_the_stored_dialogs_become_engine_states_at_the_same_step(upgraded: Runtime) -> None:
    early = await _dialog(upgraded, EARLY)
    assert (early.dialog, early.based_on) == ("project_new", "v0")
    assert early.state.step == "target_groups"
    assert early.state.history == ["title", "districts"]
    assert early.state.ticked == ["gefluechtete", "frauen"]
    assert early.state.answers["title"].value == TITLE
    assert early.state.answers["districts"].value == ["hildesheim", "hameln-pyrmont"]
    assert "target_groups" not in early.state.answers  # ticked, not yet confirmed

    late = await _dialog(upgraded, LATE)
    assert late.state.step == "source" and len(late.state.history) == 7
    assert late.state.answers["period"].value == {"start_year": 2023, "end_year": 2024}
    assert late.state.answers["period"].text == "2023–2024"
    assert "sub_goals" not in late.state.answers  # none chosen: skipped
    async with upgraded.database.transaction() as connection:
        version = await (await connection.execute("PRAGMA user_version")).fetchone()
    assert version is not None and version[0] == len(MIGRATIONS)


async def test_a_dialog_stopped_early_goes_on_and_back(upgraded: Runtime) -> None:
    chat = ChatDriver.of(upgraded)
    # the ticks made before the upgrade count ("Weiter ▶" of the prompt shown before it)
    assert "Handlungsschwerpunkten" in await chat.press("staff:kb:project:next", user=EARLY)
    # back to the target groups: confirmed now, shown ticked
    await tap(chat, "Zurück", EARLY)
    assert chat.labels.count("✓ Geflüchtete") == 1
    assert "Handlungsschwerpunkten" in await tap(chat, "Weiter ▶", EARLY)
    await tap(chat, "III:", EARLY)
    assert "Teilziele" in await tap(chat, "Weiter ▶", EARLY)
    assert "Beschreiben Sie" in await tap(chat, "Überspringen", EARLY)
    assert "Wann lief es?" in await chat.text("Praktika in Pflegeheimen.", user=EARLY)
    assert "Quelle" in await tap(chat, "Überspringen", EARLY)
    preview = await chat.text("Jahresbericht 2024", user=EARLY)
    assert "Landkreise: Landkreis Hildesheim, Landkreis Hameln-Pyrmont" in preview
    assert "Zielgruppen: Geflüchtete, Frauen" in preview


async def test_a_dialog_stopped_at_the_last_question_is_applied(upgraded: Runtime) -> None:
    chat = ChatDriver.of(upgraded)
    preview = await chat.text("Gespräch mit dem Träger, März 2025", user=LATE)
    assert "Titel: Sprungbrett Handwerk" in preview
    assert "Landkreise: Landkreis Schaumburg" in preview
    assert "Zeitraum: 2023–2024" in preview
    assert "/kb_zurueck" in await tap(chat, "Übernehmen", LATE)
    project = upgraded.conversations.advisor.kb.project("sprungbrett-handwerk")
    assert project.districts == ["schaumburg"] and project.period is not None
    assert (project.period.start_year, project.period.end_year) == (2023, 2024)


async def test_a_removal_stopped_at_its_confirmation_is_confirmed_by_its_old_button(
    upgraded: Runtime,
) -> None:
    retiring = await _dialog(upgraded, RETIRING)
    assert (retiring.dialog, retiring.state.step) == ("project_retire", "removal")
    chat = ChatDriver.of(upgraded)
    done = await chat.press("staff:kb:project:retire_apply", user=RETIRING)
    assert "/kb_zurueck" in done
    assert "lehrerexkursionen" not in {p.id for p in upgraded.conversations.advisor.kb.projects}


async def test_a_removal_stopped_after_the_search_asks_for_the_word_again(
    upgraded: Runtime,
) -> None:
    searching = await _dialog(upgraded, SEARCHING)
    assert (searching.dialog, searching.state.step) == ("project_retire", "project")
    chat = ChatDriver.of(upgraded)
    # the projects found before the upgrade were not kept: their button is an old one
    assert "Wort aus seinem Titel" in await chat.press("staff:kb:project:retire:0", user=SEARCHING)
    assert "Welches davon?" in await chat.text("Lehrerexkursion", user=SEARCHING)


async def test_an_entrys_edit_goes_on_at_the_entry_with_what_was_changed(
    upgraded: Runtime,
) -> None:
    editing = await _dialog(upgraded, EDITING)
    assert (editing.dialog, editing.state.step) == ("alliance_edit", "entry")
    assert editing.state.answers["phone"].value == "05121 2"
    assert editing.state.answers["members"].value == ALLIANCE["members"]
    chat = ChatDriver.of(upgraded)
    # the field's old prompt: its "Vorschau" still leads on
    preview = await chat.press("staff:kb:entry:preview", user=EDITING)
    assert "Vorschau" in preview and "Telefon: 05121 1 → 05121 2" not in preview
    assert "Telefon: – → 05121 2" in preview  # the shipped alliance has no phone
    assert "/kb_zurueck" in await tap(chat, "Übernehmen", EDITING)
    alliance = next(
        a for a in upgraded.conversations.advisor.kb.regions.local_alliances if a.id == "farehi"
    )
    assert alliance.phone == "05121 2"


async def test_an_entrys_edit_on_the_list_goes_on_there(upgraded: Runtime) -> None:
    choosing = await _dialog(upgraded, CHOOSING)
    assert (choosing.dialog, choosing.state.step) == ("project_edit", "choose")
    assert [o.value for o in choosing.state.offered] == ["lehrerexkursionen", "care"]
    chat = ChatDriver.of(upgraded)
    menu = await chat.press("staff:kb:entry:pick:1", user=CHOOSING)
    assert f"Titel: {upgraded.conversations.advisor.kb.project('care').title}" in menu
