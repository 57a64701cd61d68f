"""The router's declarations are complete: every sub-dialog has exactly one handler, every press
area of the route table a row, and an area of verbs sends every verb its buttons carry."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import bot
from bot.core import subdialogs
from bot.core.roles import PRESS_AREAS
from bot.core.subdialogs import StaffDialog, SubDialog
from bot.routes.handlers import ANSWER_ROWS, ANSWERS, FILE_ROWS, FILES, PRESSES, Verbs

KNOWLEDGE_DIALOGS = frozenset({StaffDialog})
"""Staff's knowledge dialogs: the router hands their text to the knowledge commands itself."""


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
        *KNOWLEDGE_DIALOGS,
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
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in Path(bot.__file__).parent.rglob("*.py")
    )
    for area, handler in PRESSES.items():
        if not isinstance(handler, Verbs):
            continue
        written = set(re.findall(rf'"{area}:([a-z_]+):', source))
        assert written, area
        assert written <= set(handler.verbs), (area, written - set(handler.verbs))
