"""The router's declarations are complete: every sub-dialog has exactly one handler, every press
area of the route table a row, an area of verbs sends every verb its buttons carry, and every
staff command has one handler: the router's own or a row of the knowledge desk."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import bot
from bot.alliance import knowledge
from bot.core import subdialogs
from bot.core.roles import COMMAND_ROUTES, PRESS_AREAS, STAFF
from bot.core.subdialogs import SubDialog
from bot.routes.handlers import ANSWER_ROWS, ANSWERS, FILE_ROWS, FILES, PRESSES, Verbs
from bot.runtime import Runtime


def members() -> frozenset[type]:
    (union, *_) = typing.get_args(SubDialog)
    return frozenset(typing.get_args(union))


def test_every_subdialog_is_stored_in_the_stack() -> None:
    """A sub-dialog class missing from `SubDialog` could be started but never read back."""
    declared = {
        cls
        for cls in vars(subdialogs).values()
        if isinstance(cls, type)
        and issubclass(cls, subdialogs._SubDialog)
        and not cls.__name__.startswith("_")
    }
    assert declared == members()


def test_every_subdialog_has_exactly_one_handler() -> None:
    handled = [
        *(row.state for row in ANSWER_ROWS),
        *(row.state for row in FILE_ROWS),
    ]
    assert sorted(c.__name__ for c in handled) == sorted(c.__name__ for c in members())
    assert len(handled) == len(set(handled)), "one handler each"
    assert set(ANSWERS) == {row.state for row in ANSWER_ROWS}
    assert set(FILES) == {row.state for row in FILE_ROWS}


def test_every_press_area_has_a_row() -> None:
    assert set(PRESSES) == set(PRESS_AREAS)


def test_every_verb_a_button_carries_has_its_handler() -> None:
    """The buttons of an area of verbs (`staff:team:…`) as the code writes them: each verb is a
    row, so no button falls to the area's `otherwise`."""
    source = _source()
    for area, handler in PRESSES.items():
        if not isinstance(handler, Verbs):
            continue
        written = set(re.findall(rf'"{area}:([a-z_]+):', source))
        assert written, area
        assert written <= set(handler.verbs), (area, written - set(handler.verbs))


def _source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in Path(bot.__file__).parent.rglob("*.py"))


def test_every_staff_command_has_exactly_one_row(runtime: Runtime) -> None:
    """Staff's commands of the route table: the knowledge desk's rows (`bot.alliance.knowledge`)
    are staff's only, and the router sends those, and no other, to the desk."""
    conversations = runtime.conversations
    staff = {route.name for route in COMMAND_ROUTES if route.roles == STAFF}
    assert set(knowledge.COMMANDS) <= staff
    for name in staff:
        to_desk = conversations.commands[name] == conversations._knowledge_command
        assert to_desk == (name in knowledge.COMMANDS), name


def test_every_knowledge_press_a_button_carries_has_its_row() -> None:
    """`staff:kb:<verb>…` as the code writes it: each verb is a row of the knowledge desk, so no
    button of this version falls to the answer for buttons of older ones."""
    written = set(re.findall(r'"staff:kb:([a-z_]+)', _source()))
    assert written
    assert written <= set(knowledge.PRESSES), written - set(knowledge.PRESSES)
