"""The engine runs any declared dialog: it names no question and no screen of the sponsor's
(import-linter checks that it imports no dialog module)."""

from __future__ import annotations

import inspect
import re

from bot.dialogs import engine
from bot.dialogs.sponsor import SPONSOR_DIALOG

_NOT_IDS = re.compile(r"""Msg\("[^"]*"|command\.name == "[a-z_]+"|"[a-z_]+":""")
"""Catalogue keys, command names ("summary" is a command as well as a screen) and the state's
fields ("paused")."""


def test_the_engine_tests_no_step_or_screen_id() -> None:
    source = _NOT_IDS.sub("", inspect.getsource(engine))
    ids = {step.id for step in SPONSOR_DIALOG.all_steps}
    ids |= {screen.id for screen in (*SPONSOR_DIALOG.screens, SPONSOR_DIALOG.paused)}
    assert {i for i in ids if re.search(rf"[\"']{re.escape(i)}[\"']", source)} == set()
