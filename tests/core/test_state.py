"""The dialog state is stored as JSON after every answer: it must come back equal, and the
conversation must go on from a restored state exactly as from the original."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.core.events import Command, Event, Press, Text
from bot.core.state import DialogState
from bot.dialogs.engine import DialogEngine
from tests.dialogs.conftest import DialogDriver, complete

ROOT = Path(__file__).resolve().parents[2]

FULL_DIALOG: list[Event] = [
    Text("Gronau"),
    Press("region", "pick:0"),
    Press("organisation", "pick:3"),
    Press("target_group", "pick:8"),
    Press("target_group", "pick:10"),
    Press("target_group", "pick:0"),
    Press("target_group", "pick:0"),
    Press("target_group", "done"),
    Text("Ein Projekt für Frauen"),
    Command("help"),
    Text("mit Praktikum in Pflegeheimen und Deutschkurs, zusammen mit dem Jobcenter und Kitas"),
    Command("back"),
    Text("Wir wollen geflüchteten Frauen ein Praktikum in Pflegeheimen mit Deutschkurs anbieten."),
    Text("Pflegebrücke 🌉 „Burgdorf“ <b>&amp;</b>"),
    Text("viel Geld"),
    Text("50"),
    Press("costs", "pick:0"),
    Command("back"),
    Text("1,2 Mio"),
    Text("Ja"),
    Text("Weil das Projekt in der ganzen Region wirkt und vier Coaches braucht."),
    Command("cancel"),
    Text("hallo?"),
    Press("paused", "resume"),
    Text("Q2/2027"),
    Text("zweieinhalb Jahre"),
    Press("organisation", "pick:1"),
    Command("skip"),
    Command("language"),
    Press("summary", "summary:edit"),
    Press("edit", "edit:duration"),
    Text("18 Monate"),
    Press("summary", "summary:complete"),
    Text("Es fehlen 200 Pflegekräfte."),
    Command("skip"),
    Text("40 bis 60"),
    Text("Jobcenter, Pflegeheime"),
    Text("ganze Region"),
    Text("Der Landkreis übernimmt"),
    Text("Übertragbar"),
    Text("Personal 1.000.000\nSachkosten 200.000"),
    Text("Zuwendung 800.000\nEigenmittel 300.000\nDrittmittel 100.000 Landkreis"),
    Text("Monat 1–18 Kurse"),
]


def test_every_state_of_a_complete_dialog_round_trips(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine)
    for event in FULL_DIALOG:
        driver.send(event)
    assert driver.step == "summary"
    assert driver.language == "en"
    assert {"region", "organisation", "target_group", "idea", "costs"} <= set(driver.state.answers)
    assert {"need", "participants", "transferability"} <= set(driver.state.answers)
    steps_seen = {state.step for state in driver.states}
    assert {"region", "target_group", "idea", "justification", "edit", "summary", "need"} <= (
        steps_seen
    )
    assert any(state.paused for state in driver.states)
    assert any(state.partial for state in driver.states)
    assert any(state.ticked for state in driver.states)
    assert any(state.editing for state in driver.states)
    assert any(state.offered and state.step == "region" for state in driver.states)

    for state in driver.states:
        text = state.model_dump_json()
        restored = DialogState.model_validate_json(text)
        assert restored == state
        assert restored.model_dump_json() == text


def test_a_restored_state_continues_exactly_like_the_original(engine: DialogEngine) -> None:
    state, _ = engine.start()
    for event in FULL_DIALOG:
        restored = DialogState.model_validate_json(state.model_dump_json())
        expected_state, expected_outputs = engine.handle(state, event)
        got_state, got_outputs = engine.handle(restored, event)
        assert got_state == expected_state, event
        assert got_outputs == expected_outputs, event
        state = got_state


def test_state_rejects_unknown_fields() -> None:
    """Stored drafts are validated strictly: a typo in a field name is not silently dropped."""
    text = DialogState(step="region").model_dump_json().replace('"paused"', '"pausd"')
    with pytest.raises(ValidationError):
        DialogState.model_validate_json(text)


def test_handoff_and_consent_states_round_trip_and_continue_alike(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine)
    complete(driver)
    driver.press("summary:handoff")
    driver.answer("Bildungswerk Garbsen", "Projektleitung")
    assert driver.step == "contact_channel"
    driver.text("info@bildungswerk.example")
    assert driver.step == "consent"
    driver.text("Was passiert dann?")  # typed at the consent: asked to use the buttons
    driver.press("summary:ask", "summary")  # a stale tap from the summary
    for state in driver.states[-6:]:
        restored = DialogState.model_validate_json(state.model_dump_json())
        assert restored == state
        for event in (Press("consent", "consent:yes"), Text("nein"), Command("back")):
            assert engine.handle(restored, event) == engine.handle(state, event)
    assert {"sponsor_name", "contact_person", "contact_channel", "consent"} <= {
        s.step for s in driver.states
    }


def test_the_engine_imports_nothing_from_telegram() -> None:
    """The same engine drives the terminal and tests: it must not pull in a transport."""
    code = (
        "import sys\n"
        "import bot.routes.router, bot.dialogs.engine, bot.dialogs.sponsor\n"
        "import bot.adapters.terminal\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('telegram', 'httpx'))\n"
        "telegram_side = sorted(m for m in sys.modules if m.startswith('bot.adapters.telegram'))\n"
        "print(loaded, telegram_side)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[] []", result.stdout
