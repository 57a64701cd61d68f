"""What the sponsor dialog declares about answers besides decoding them (that is
`bot.core.answers`): the kinds of organisation offered, the kind of handoff being prepared, and
the digest that tells whether the draft as it stands was sent already."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any, Literal

from bot.core.state import Answer, DialogState, Sent

ORGANISATION_KINDS = (
    ("education", "Bildungsträger", "Education provider"),
    ("chamber", "Kammer oder Verband", "Chamber or association"),
    ("university", "Hochschule", "University"),
    ("care", "Pflege- oder Sozialdienst", "Care or social service"),
    ("municipality", "Kommune oder Landkreis", "Municipality or district"),
    ("employment", "Arbeitsagentur oder Jobcenter", "Employment agency or job centre"),
    ("company", "Unternehmen", "Company"),
    ("other", "Sonstige", "Other"),
)

HandoffKind = Literal["handoff", "question"]


def handoff_kind(state: DialogState) -> HandoffKind:
    """What the sponsor prepares to send: a question if they chose one, else the handoff."""
    return "question" if state.handoff_kind == "question" else "handoff"


def sent_content(answers: Mapping[str, Answer] | Mapping[str, Any]) -> str:
    """A digest of what a handoff or question sends: equal for the same answers (whichever
    kind was chosen last), different once any answer changed. Takes the answers of a state
    or of a handoff's stored snapshot (their JSON form)."""
    shown = {
        key: answer.model_dump(mode="json") if isinstance(answer, Answer) else answer
        for key, answer in answers.items()
    }
    text = json.dumps(shown, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def already_sent(state: DialogState, kind: HandoffKind) -> Sent | None:
    """The handoff (or question) of this kind that already sent the draft as it stands."""
    content = sent_content(state.answers)
    return next((s for s in reversed(state.sent) if s.kind == kind and s.content == content), None)
