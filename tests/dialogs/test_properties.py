"""Whatever a sponsor sends, in whatever order: nothing raises, the state stays valid and
round-trips through JSON, and every reply renders in both languages."""

from __future__ import annotations

import asyncio
import tempfile
from functools import cache
from pathlib import Path
from typing import get_args

from hypothesis import given
from hypothesis import strategies as st

from bot.advice.advise import Advisor
from bot.clock import FixedClock
from bot.core.events import Command, CommandName, Event, Press, Text
from bot.core.state import DialogState
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG
from bot.kb.loader import load_directory
from bot.kb.shipped import shipped_knowledge_dir
from bot.routes.desks import build_desks
from bot.routes.router import Conversations
from bot.storage.db import Database
from bot.texts.catalog import LANGUAGES
from tests.dialogs.conftest import (
    TODAY,
    ChatDriver,
    DialogDriver,
    check_renders,
    check_round_trip,
    complete,
    settings_for,
    walk_to,
)

STEP_IDS = [step.id for step in SPONSOR_DIALOG.all_steps]
KNOWN_STEPS = {*STEP_IDS, *(screen.id for screen in SPONSOR_DIALOG.screens)}
COMMANDS: tuple[CommandName, ...] = get_args(CommandName)

SAMPLE_TEXTS = [
    "Garbsen",
    "Burgdorf",
    "Hildeshiem",
    "Celle",
    "Bremen",
    "Niedersachsen",
    "Bildungsträger",
    "Frauen und Geflüchtete",
    "Wir wollen ein Coaching",
    "Wir wollen Langzeitarbeitslose mit Coaching und einem Praktikum in Pflegeheimen "
    "zusammen mit dem Jobcenter in Arbeit bringen.",
    "1,2 Mio",
    "300.000 €",
    "50",
    "viel Geld",
    "0 €",
    "-5000",
    "Q2/2027",
    "2027",
    "irgendwann",
    "zweieinhalb Jahre",
    "01/2027 bis 12/2028",
    "ewig",
    "40-60",
    "",
    " ",
    "\x00\x1b[2J",
    "<b>fett</b> & {curly} {0} %s",
    "😀🇩🇪👩‍👩‍👧",
    "/zurueck",
]

FIXED_ACTIONS = [
    "done",
    "back",
    "skip",
    "cancel",
    "help",
    "resume",
    "summary:edit",
    "summary:complete",
    "summary:show",
    "pick:",
    "pick:-1",
    "pick:x",
    "edit:",
    "edit:nonsense",
    *(f"edit:{step}" for step in STEP_IDS),
]

texts = st.one_of(
    st.sampled_from(SAMPLE_TEXTS),
    st.text(max_size=80),
    st.builds(
        lambda piece, times: piece * times, st.text(min_size=1, max_size=3), st.integers(1, 5000)
    ),
)
actions = st.one_of(
    st.sampled_from(FIXED_ACTIONS),
    st.builds(lambda index: f"pick:{index}", st.integers(0, 30)),
    st.text(max_size=20),
)
steps = st.one_of(st.sampled_from([*KNOWN_STEPS, "paused"]), st.text(max_size=12))
commands = st.builds(Command, st.sampled_from(COMMANDS), st.sampled_from(["", "de", "en", "xx"]))


@st.composite
def event_for(draw: st.DrawFn, state: DialogState) -> Event:
    """One event, often aimed at the current prompt (valid picks included)."""
    kind = draw(st.sampled_from(["text", "text", "pick", "press", "any_press", "command"]))
    if kind == "text":
        return Text(draw(texts))
    if kind == "pick" and state.offered:
        return Press(state.step, f"pick:{draw(st.integers(0, len(state.offered) - 1))}")
    if kind in ("pick", "press"):
        return Press(state.step, draw(actions))
    if kind == "any_press":
        return Press(draw(steps), draw(actions))
    return draw(commands)


@cache
def property_engine() -> DialogEngine:
    """Built once (not a fixture: hypothesis would print it with every failing example)."""
    advisor = Advisor(load_directory(shipped_knowledge_dir()))
    return DialogEngine(SPONSOR_DIALOG, advisor, FixedClock(TODAY))


@cache
def seeds() -> tuple[DialogState, ...]:
    """States from all corners of the dialog to start the random walks from."""
    engine = property_engine()
    found: list[DialogState] = []

    def fresh(language: str = "de") -> DialogDriver:
        return DialogDriver.started(engine, "en" if language == "en" else "de")

    driver = fresh()
    found.append(driver.state)
    driver.text("Burgdorf")
    found.append(driver.state)  # place suggestions offered
    driver = fresh()
    walk_to(driver, "target_group")
    driver.press("pick:1")
    found.append(driver.state)  # a tick set
    driver = fresh("en")
    walk_to(driver, "idea")
    driver.text("Coaching")
    found.append(driver.state)  # a thin idea kept
    driver = fresh()
    walk_to(driver, "costs")
    driver.text("50")
    found.append(driver.state)  # amount suggestions offered
    driver.command("cancel")
    found.append(driver.state)  # paused
    driver = fresh()
    complete(driver)
    found.append(driver.state)  # summary
    driver.press("summary:edit")
    found.append(driver.state)  # edit menu
    driver.press("edit:costs")
    found.append(driver.state)  # editing
    driver = fresh()
    complete(driver)
    driver.press("summary:complete")
    driver.command("skip")
    found.append(driver.state)  # sketch questions
    return tuple(found)


def check_state(state: DialogState) -> None:
    check_round_trip(state)
    assert state.step in KNOWN_STEPS, state.step
    assert state.language in ("de", "en")
    assert set(state.ticked) <= {o.value for o in state.offered} or not state.offered


@given(st.data())
def test_random_events_never_break_the_dialog(data: st.DataObject) -> None:
    engine = property_engine()
    state = data.draw(st.sampled_from(seeds()))
    for _ in range(data.draw(st.integers(1, 12))):
        event = data.draw(event_for(state))
        state, outputs = engine.handle(state, event)
        check_state(state)
        check_renders(outputs)


@given(st.data())
def test_resume_and_language_work_from_any_state(data: st.DataObject) -> None:
    engine = property_engine()
    state = data.draw(st.sampled_from(seeds()))
    for _ in range(data.draw(st.integers(0, 6))):
        state, _ = engine.handle(state, data.draw(event_for(state)))
    resumed, outputs = engine.resume(state)
    check_state(resumed)
    check_renders(outputs)
    assert not resumed.paused
    assert resumed.answers == state.answers
    for language in LANGUAGES:
        switched, outputs = engine.with_language(state, language)
        check_state(switched)
        check_renders(outputs)
        assert switched.language == language
        assert switched.answers == state.answers


# --- the same through Conversations, with drafts and two users --------------------------------

SESSION_ACTIONS = st.one_of(
    st.sampled_from(["session:new", "session:drafts", "session:save", "session:", "session:x"]),
    st.builds(
        lambda verb, draft_id: f"session:{verb}:{draft_id}",
        st.sampled_from(["open", "resume", "rename", "delete", "deleted", "nonsense"]),
        st.one_of(st.integers(0, 6).map(str), st.sampled_from(["", "abc", "-1"])),
    ),
)


@st.composite
def chat_event(draw: st.DrawFn) -> tuple[int, Event]:
    user = draw(st.sampled_from([1, 2]))
    kind = draw(st.sampled_from(["text", "text", "session", "press", "command"]))
    if kind == "text":
        return user, Text(draw(st.one_of(st.sampled_from(SAMPLE_TEXTS), st.text(max_size=40))))
    if kind == "session":
        return user, Press(draw(steps), draw(SESSION_ACTIONS))
    if kind == "press":
        return user, Press(draw(st.sampled_from(sorted(KNOWN_STEPS))), draw(actions))
    return user, draw(commands)


@given(st.lists(chat_event(), min_size=1, max_size=15))
def test_random_events_through_conversations_keep_every_draft_valid(
    events: list[tuple[int, Event]],
) -> None:
    engine = property_engine()

    async def run(directory: Path) -> None:
        clock = FixedClock(TODAY)
        database = await Database.open(settings_for(directory).database_path)
        desks = build_desks(database, clock, lambda: engine.advisor)
        conversations = Conversations(database, engine, clock, "de", desks)
        try:
            chat = ChatDriver(conversations, database, clock)
            for user, event in events:
                await chat.send(event, user=user)
                for owner in (1, 2):
                    for draft in await chat.drafts(owner):
                        assert draft.owner_id == owner
                        check_state(draft.state)
        finally:
            await database.close()

    with tempfile.TemporaryDirectory() as directory:
        asyncio.run(run(Path(directory)))
