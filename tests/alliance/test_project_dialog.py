"""Staff add a past project by dialog (issue 17 point 1), in process on real files: tapped
codes, a readable preview, applied through the versioned store (merged with a colleague's
change to another entry, refused naming a colleague's change to the same one), and nobody
but staff can start or go on with it."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.core.outputs import Reply
from bot.kb.store import Author, Edit, EntryEdits
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from tests.dialogs.conftest import TODAY, ChatDriver

# Each test runs a staff member's project dialog to a new knowledge version: about 0.4 s of CPU
# a test, left to `make test` so that `make test-fast` stays under a minute.
pytestmark = pytest.mark.slow

OFFICE = 900
COLLEAGUE = 901
SPONSOR = 1001
ADDED = 950
UNKNOWN = "Diesen Befehl kenne ich nicht."
TITLE = "Pflege: Brücke für geflüchtete Frauen"
ENTRY = "pflege-bruecke-fuer-gefluechtete-frauen"


@pytest.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[Runtime]:
    clock = FixedClock(TODAY)
    staff = frozenset({OFFICE, COLLEAGUE})
    settings = Settings(data_dir=tmp_path, telegram_bot_token=None, admin_ids=staff)
    built = await build_runtime(settings, clock)
    try:
        yield built
    finally:
        await built.close()


async def tap(chat: ChatDriver, label: str, user: int = OFFICE) -> str:
    """Press the button of the last reply labelled `label` (else: containing it)."""
    pairs = list(zip(chat.labels, chat.actions, strict=True))
    exact = [a for text, a in pairs if text == label]
    (action,) = exact or [a for text, a in pairs if label in text]
    return await chat.press(action, user=user)


async def to_preview(chat: ChatDriver, user: int = OFFICE, title: str = TITLE) -> str:
    assert "Wie heißt das Projekt?" in await chat.command("project_new", user=user)
    assert "In welchen Landkreisen" in await chat.text(title, user=user)
    await tap(chat, "Hildesheim", user)
    await tap(chat, "Hameln-Pyrmont", user)
    assert chat.labels.count("✓ Landkreis Hildesheim") == 1
    assert "Zielgruppen" in await tap(chat, "Weiter ▶", user)
    await tap(chat, "Geflüchtete", user)
    await tap(chat, "Frauen", user)
    assert "Handlungsschwerpunkten" in await tap(chat, "Weiter ▶", user)
    await tap(chat, "III:", user)
    shown = await tap(chat, "Weiter ▶", user)
    assert "Teilziele" in shown
    # the sub-goals of the chosen field, in the strategy's wording
    assert any(label.startswith("III.6 ") and len(label) > 12 for label in chat.labels)
    await tap(chat, "III.6", user)
    assert "Beschreiben Sie" in await tap(chat, "Weiter ▶", user)
    description = (
        "Geflüchtete Frauen machten ein bezahltes Praktikum in Pflegeheimen mit "
        "berufsbezogenem Deutschkurs, zusammen mit dem Jobcenter."
    )
    assert "Wann lief es?" in await chat.text(description, user=user)
    assert "verstehe ich nicht" in await chat.text("irgendwann", user=user)
    assert "Quelle" in await chat.text("2022–2024", user=user)
    return await chat.text("Jahresbericht 2024 der Allianz", user=user)


async def test_staff_add_a_project_by_dialog_with_a_readable_preview(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    before = runtime.knowledge.store.live_version()
    preview = await to_preview(chat)
    assert "Vorschau" in preview
    assert TITLE in preview and "projects.yaml" in preview
    assert "Landkreise: Landkreis Hildesheim, Landkreis Hameln-Pyrmont" in preview
    assert "Zielgruppen: Geflüchtete, Frauen" in preview
    assert "Teilziele: III.6 Teilhabe von Menschen mit Migrationshintergrund" in preview
    assert "Zeitraum: 2022–2024" in preview and "Quelle: Jahresbericht 2024" in preview
    assert "Übernehmen" in " ".join(chat.labels)
    assert runtime.knowledge.store.live_version() == before, "nothing applied before the tap"

    applied = await tap(chat, "Übernehmen")
    assert "/kb_zurueck" in applied
    store = runtime.knowledge.store
    assert store.live_version() != before
    project = runtime.conversations.advisor.kb.project(ENTRY)
    assert project.title == TITLE
    assert project.districts == ["hildesheim", "hameln-pyrmont"]
    assert set(project.target_groups) == {"gefluechtete", "frauen"}
    assert (project.action_fields, project.sub_goals) == (["III"], ["III.6"])
    assert project.period is not None and (project.period.start_year, project.period.end_year) == (
        2022,
        2024,
    )
    history = await chat.command("kb_version", user=OFFICE)
    assert "telegram:900" in history and TITLE in history


async def test_a_colleagues_change_to_another_entry_is_merged(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    store = runtime.knowledge.store
    await to_preview(chat)
    kb = runtime.conversations.advisor.kb
    other = kb.projects[0]
    retitled = other.model_dump(mode="json", exclude_defaults=True) | {"title": "Neuer Titel"}
    colleague = store.apply(
        EntryEdits("projects.yaml", (Edit("projects", other.id, retitled),)),
        based_on=store.live_version(),
        author=Author("telegram:901", "Kollegin"),
    )
    assert colleague.changed
    await tap(chat, "Übernehmen")
    live = runtime.conversations.advisor.kb
    assert live.project(ENTRY).title == TITLE
    assert live.project(other.id).title == "Neuer Titel", "the colleague's change stays"


async def test_a_colleague_adding_the_same_project_meanwhile_refuses_it(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    store = runtime.knowledge.store
    await to_preview(chat)
    theirs = {
        "id": ENTRY,
        "title": "Pflegebrücke (Kollegin)",
        "districts": ["hildesheim"],
        "action_fields": ["III"],
        "description": "Von einer Kollegin eingetragen.",
        "source": "Telefonat März 2025",
    }
    store.apply(
        EntryEdits("projects.yaml", (Edit("projects", ENTRY, theirs),)),
        based_on=store.live_version(),
        author=Author("telegram:901", "Kollegin"),
    )
    refused = await tap(chat, "Übernehmen")
    assert "Kollegin" in refused, refused  # who changed it in between
    assert runtime.conversations.advisor.kb.project(ENTRY).title == "Pflegebrücke (Kollegin)"
    assert chat.handled is not None
    assert "Vorschau" not in refused


async def test_nobody_but_staff_starts_or_continues_the_dialog(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    assert UNKNOWN in await chat.command("project_new", user=SPONSOR)
    assert UNKNOWN in await chat.press("staff:kb:project:start", user=SPONSOR)
    assert UNKNOWN in await chat.press("staff:kb:project:apply", user=SPONSOR)
    # the sponsor's text goes to the sponsor's own dialog, never to a staff dialog
    assert "Wie heißt das Projekt?" not in await chat.text(TITLE, user=SPONSOR)


async def test_a_colleague_removed_mid_dialog_cannot_go_on(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    link = re.search(r"start=(stf_\S+)", await chat.press("staff:team:invite_yes", user=OFFICE))
    assert link is not None
    await chat.command("start", link.group(1), user=ADDED)
    assert "Wie heißt das Projekt?" in await chat.command("project_new", user=ADDED)
    assert "gehört nicht mehr" in await chat.press(f"staff:team:remove_yes:{ADDED}", user=OFFICE)
    assert UNKNOWN in await chat.text(TITLE, user=ADDED)
    assert UNKNOWN in await chat.press("staff:kb:project:next", user=ADDED)
    assert UNKNOWN in await chat.command("project_new", user=ADDED)


async def test_staff_retire_a_project_found_by_a_word_of_its_title(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    kb = runtime.conversations.advisor.kb
    target = kb.project("lehrerexkursionen")
    assert "Wort aus seinem Titel" in await chat.command("project_retire", user=OFFICE)
    assert "Kein Projekt hat „Zzzz“" in await chat.text("Zzzz", user=OFFICE)
    assert "Welches davon?" in await chat.text("lehrerexkursion", user=OFFICE)
    preview = await tap(chat, target.title)
    assert f"{target.title} (Kennung lehrerexkursionen;" in preview
    assert "Vorschau" in preview
    assert "lehrerexkursionen" in {p.id for p in runtime.conversations.advisor.kb.projects}
    done = await tap(chat, "Entfernen")
    assert "/kb_zurueck" in done and target.title in done
    assert "lehrerexkursionen" not in {p.id for p in runtime.conversations.advisor.kb.projects}
    assert UNKNOWN in await chat.command("project_retire", user=SPONSOR)


async def test_an_answer_is_changed_from_the_preview(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    await to_preview(chat)
    assert "Welche Angabe" in await tap(chat, "Eine Angabe ändern")
    asked = await tap(chat, "Zeitraum")
    assert "Wann lief es?" in asked and "Bisherige Antwort: 2022–2024" in asked
    preview = await chat.text("2021", user=OFFICE)
    assert "Vorschau" in preview and "Zeitraum: 2021" in preview
    await tap(chat, "Übernehmen")
    project = runtime.conversations.advisor.kb.project(ENTRY)
    assert project.period is not None and project.period.start_year == 2021


async def test_a_button_of_an_earlier_prompt_is_stale(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    await chat.command("project_new", user=OFFICE)
    await chat.text(TITLE, user=OFFICE)
    old = next(b for b in chat.buttons if str(b.label) == "Region Hannover")
    (token,) = {o.token for o in chat.outputs if isinstance(o, Reply) and o.step}
    await tap(chat, "Hildesheim")
    await tap(chat, "Weiter ▶")  # on to the target groups
    stale = await chat.press(old.action, step="districts", token=token, user=OFFICE)
    assert "früheren Frage" in stale and "Zielgruppen" in stale
    await tap(chat, "Überspringen")  # no target groups
    await tap(chat, "III:")
    await tap(chat, "Weiter ▶")
    await tap(chat, "Überspringen")
    await chat.text("Beschreibung des Projekts.", user=OFFICE)
    await tap(chat, "Überspringen")
    preview = await chat.text("Jahresbericht 2024", user=OFFICE)
    assert "Landkreise: Landkreis Hildesheim" in preview, "Region Hannover was not ticked"


async def test_the_dialog_speaks_english_to_english_staff(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    await chat.command("language", "en", user=OFFICE)
    assert "What is the project called?" in await chat.command("project_new", user=OFFICE)
    assert "In which districts" in await chat.text(TITLE, user=OFFICE)
    await tap(chat, "Hildesheim")
    assert "Next ▶" in chat.labels and "Cancel" in chat.labels
    assert "target groups" in await tap(chat, "Next ▶")
    assert "Cancelled, nothing was changed." in await tap(chat, "Cancel")


async def test_only_staff_press_the_dialogs_buttons(runtime: Runtime) -> None:
    chat = ChatDriver.of(runtime)
    await chat.command("project_new", user=OFFICE)
    for action in ("staff:kb:dlg:apply", "staff:kb:dlg:pick:0", "staff:kb:dlg:abort"):
        assert UNKNOWN in await chat.press(action, user=SPONSOR)
    assert "In welchen Landkreisen" in await chat.text(TITLE, user=OFFICE), "still the office's"
