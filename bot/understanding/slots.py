"""The slots a sponsor's message can fill: what the reader looks for, named by the reader.

A dialog says which slot each of its questions asks for (the sponsor dialog's `SLOTS`); the
reader never learns the dialog's step ids, so a question can be renamed, split or added
without touching the reading.
"""

from __future__ import annotations

from typing import Literal, get_args

Slot = Literal[
    "place",
    "organisation",
    "target_groups",
    "idea",
    "costs",
    "start",
    "duration",
    "end",
    "cofinancing",
    "title",
]

SLOTS: frozenset[Slot] = frozenset(get_args(Slot))

Asked = Slot | Literal["other"]
"""What a question asks for: a slot, or "other" where the reader has no slot for it (a
justification, a yes-or-no question): read as an answer to some question, not as a first
message."""
