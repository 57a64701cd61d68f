"""Sub-dialogs are stored as JSON on the user's row: a stored one comes back as the same typed
state and is written again as the same JSON (a change of shape would need a migration)."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from bot.core.state import Answer
from bot.core.subdialogs import STACK, StaffDialog

# A staff member's entry edit in progress as the stack stores it: the engine's dialog state,
# the entry's fields as answers (text, lists, a nested period, an empty value).
STORED_EDIT = json.dumps(
    [
        {
            "kind": "staff_dialog",
            "dialog": "project_edit",
            "based_on": "v7",
            "state": {
                "step": "districts",
                "answers": {
                    "id": {"text": "p1", "value": "p1"},
                    "title": {"text": "Lernwerkstatt Holzminden", "value": "Lernwerkstatt"},
                    "districts": {"text": "Holzminden", "value": ["03255"]},
                    "period": {
                        "text": "2019–2022",
                        "value": {"start_year": 2019, "end_year": 2022},
                    },
                    "funding_note": {"text": "–", "value": None},
                },
                "language": "de",
                "history": [],
                "editing": True,
                "offered": [],
                "ticked": ["03255", "03252"],
                "partial": "",
                "paused": False,
                "edited": "districts",
                "understood": [],
                "revision": 4,
                "sent": [],
                "language_chosen": False,
                "english_answers": 0,
                "handoff_kind": None,
            },
        }
    ],
    separators=(",", ":"),
    ensure_ascii=False,
)


def test_a_stored_staff_dialog_comes_back_typed_and_is_stored_again_unchanged() -> None:
    (stored,) = STACK.validate_json(STORED_EDIT)
    assert isinstance(stored, StaffDialog)
    answers = stored.state.answers
    assert answers["period"].value == {"start_year": 2019, "end_year": 2022}
    assert stored.state.ticked == ["03255", "03252"]
    assert answers["funding_note"].value is None
    assert STACK.dump_json([stored]).decode() == STORED_EDIT


def test_an_answer_that_is_no_json_value_is_refused() -> None:
    with pytest.raises(ValidationError):
        Answer(text="x", value=object())  # type: ignore[arg-type]
