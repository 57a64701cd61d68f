"""The engine runs any declared dialog: it names no question and no screen of the sponsor's
(import-linter checks that it imports no dialog module)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Sequence

from bot.advice.advise import Advisor
from bot.alliance.staff_dialogs import STAFF_DIALOGS
from bot.clock import FixedClock
from bot.core.events import Press, Text
from bot.core.outputs import Button, Finish, Reply
from bot.core.state import Answer, DialogState, Offered
from bot.core.steps import (
    Accepted,
    Dialog,
    Questions,
    Rejected,
    Screen,
    ScreenContext,
    Several,
    Step,
    StepContext,
)
from bot.dialogs import engine
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG
from bot.kb.loader import load_directory
from bot.kb.shipped import shipped_knowledge_dir
from bot.texts.catalog import Msg
from tests.dialogs.conftest import TODAY

_NOT_IDS = re.compile(r"""Msg\("[^"]*"|command\.name == "[a-z_]+"|"[a-z_]+":""")
"""Catalogue keys, command names ("summary" is a command as well as a screen) and the state's
fields ("paused")."""


def test_the_engine_tests_no_step_or_screen_id() -> None:
    source = _NOT_IDS.sub("", inspect.getsource(engine))
    ids = {step.id for step in SPONSOR_DIALOG.all_steps}
    ids |= {screen.id for screen in (*SPONSOR_DIALOG.screens, SPONSOR_DIALOG.paused)}
    assert {i for i in ids if re.search(rf"[\"']{re.escape(i)}[\"']", source)} == set()


def test_the_engine_tests_no_id_of_staffs_dialogs_either() -> None:
    source = _NOT_IDS.sub("", inspect.getsource(engine))
    ids: set[str] = set()
    for form in STAFF_DIALOGS.values():
        ids |= {step.id for step in form.dialog.all_steps}
        ids |= {screen.id for screen in (*form.dialog.screens, form.dialog.paused)}
    assert {i for i in ids if re.search(rf"[\"']{re.escape(i)}[\"']", source)} == set()


# --- what staff's dialogs needed of the engine, for any dialog ----------------------------------


def _toy(welcome: tuple[Msg, ...] = ()) -> Dialog:
    """Two questions of their own catalogue part, several choices, a confirming end screen."""

    def parse(text: str, ctx: StepContext) -> Accepted | Rejected:
        return Accepted(Answer(text=text, value=text))

    def show_end(state: DialogState, context: ScreenContext, notes: Sequence[Msg]) -> Reply:
        return Reply((*notes, Msg("project.preview_again")), ((Button("ok", "apply"),),), "end")

    several = Several(
        answer=lambda ticked, ctx: Answer(text=", ".join(ticked), value=list(ticked)),
        with_typed=lambda accepted, ticked, ctx: accepted,
        ticked=lambda answer: list(answer.value) if isinstance(answer.value, list) else [],
        none_ticked=Msg("project.choose_one"),
    )
    choices = (Offered(value="a", label="A"), Offered(value="b", label="B"))
    steps = (
        Step("title", parse, texts="project"),
        Step(
            "districts",
            parse,
            choices=lambda ctx: choices,
            several=several,
            optional=True,
            free_text=False,
            texts="project",
        ),
    )
    return Dialog(
        id="toy",
        sequences=(Questions("toy", steps),),
        screens=(
            Screen("end", show_end, presses={"apply": lambda f, s, _: (s, [Finish("apply")])}),
        ),
        end="end",
        paused=Screen("paused", show_end),
        welcome=welcome,
        words={"sponsor.button.done": "project.button.next"},
    )


def _engine(dialog: Dialog) -> DialogEngine:
    return DialogEngine(dialog, Advisor(load_directory(shipped_knowledge_dir())), FixedClock(TODAY))


def test_a_dialog_names_its_own_texts_and_words_and_ends_with_a_finish() -> None:
    toy = _engine(_toy())
    state, outputs = toy.start("de")
    (prompt,) = outputs  # no empty welcome before the first question
    assert isinstance(prompt, Reply) and prompt.parts == (Msg("project.title.prompt"),)
    state, outputs = toy.handle(state, Text("Titel"))
    reply = outputs[-1]
    assert isinstance(reply, Reply) and reply.parts[-1] == Msg("project.districts.prompt")
    labels = [b.label for row in reply.buttons for b in row]
    assert Msg("project.button.next") in labels, "the dialog's word for the engine's button"
    assert Msg("sponsor.button.skip") in labels, "the others as they are"
    state, _ = toy.handle(state, Press("districts", "pick:1"))
    state, outputs = toy.handle(state, Press("districts", "done"))
    assert state.step == "end" and state.answers["districts"].value == ["b"]
    state, outputs = toy.handle(state, Press("end", "apply"))
    assert outputs == [Finish("apply")]


def test_a_welcome_still_comes_first() -> None:
    _, outputs = _engine(_toy((Msg("sponsor.welcome"),))).start("de")
    assert [o.parts[0] for o in outputs if isinstance(o, Reply)] == [
        Msg("sponsor.welcome"),
        Msg("project.title.prompt"),
    ]
