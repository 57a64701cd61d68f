"""Sub-dialogs are stored as JSON on the user's row: a stored one comes back as the same typed
state and is written again as the same JSON (a change of shape would need a migration)."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from bot.core.subdialogs import STACK, EditEntry

# An entry edit in progress as the stack stores it: the entry's fields as its file holds them
# (text, lists, a nested period, an empty value) before and as edited so far.
STORED_EDIT = json.dumps(
    [
        {
            "kind": "edit_entry",
            "form": "project",
            "based_on": "v7",
            "stage": "field",
            "offered": ["p1", "p2"],
            "page": 1,
            "entry_id": "p1",
            "new": False,
            "walking": False,
            "before": {
                "id": "p1",
                "title": "Lernwerkstatt",
                "districts": ["03255"],
                "period": {"start_year": 2019, "end_year": 2021},
                "source": None,
            },
            "value": {
                "id": "p1",
                "title": "Lernwerkstatt Holzminden",
                "districts": ["03255", "03252"],
                "period": {"start_year": 2019, "end_year": 2022},
                "source": None,
            },
            "field": "districts",
        }
    ],
    separators=(",", ":"),
)


def test_a_stored_entry_edit_comes_back_typed_and_is_stored_again_unchanged() -> None:
    (state,) = STACK.validate_json(STORED_EDIT)
    assert isinstance(state, EditEntry)
    assert state.before["period"] == {"start_year": 2019, "end_year": 2021}
    assert state.value["districts"] == ["03255", "03252"]
    assert state.value["source"] is None
    assert STACK.dump_json([state]).decode() == STORED_EDIT


def test_an_entry_field_that_is_no_json_value_is_refused() -> None:
    with pytest.raises(ValidationError):
        EditEntry(form="faq", based_on="v1", value={"id": object()})  # type: ignore[dict-item]
