"""What the drivers share: the fixed day, settings, and finding a button by its label."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from bot.dialogs.model import Button
from bot.settings import Settings
from bot.texts.catalog import Language, Msg
from bot.texts.markup import to_plain
from tests.support.steps import Script

TODAY = datetime(2026, 11, 25, 9, 0)
"""Every scripted conversation happens on 25 November 2026 at 9:00 (a fixed clock)."""

BOT_USERNAME = "foerderlotse_test_bot"
"""The bot's name in invitation links: the test Bot API server's, in process too."""

INVITATION = re.compile(r"\?start=(inv_[A-Za-z0-9_-]+)")


def settings(
    script: Script, data_dir: Path, language: Language = "de", **extra: object
) -> Settings:
    """Everything the transcripts depend on set explicitly (never from the environment)."""
    values: dict[str, object] = {
        "data_dir": data_dir,
        "telegram_bot_token": None,
        "admin_ids": frozenset(p.user_id for p in script.people if p.staff),
        "default_language": language,
        "retention_months": 12,
        "rate_limiter": False,
        "webhook_url": None,
    }
    values.update(extra)
    return Settings(**values)  # type: ignore[arg-type]


def label_text(button: Button, language: Language) -> str:
    label = button.label
    if isinstance(label, str):
        return label
    if isinstance(label, Msg):
        return to_plain(label, language)
    return label.localize(language)


def find_label(labels: Sequence[str], wanted: str, context: str) -> int:
    """The button labelled `wanted`, else the only one containing it (as `TelegramUser.tap`)."""
    for candidates in (
        [i for i, label in enumerate(labels) if label == wanted],
        [i for i, label in enumerate(labels) if wanted in label],
        [i for i, label in enumerate(labels) if wanted.casefold() in label.casefold()],
    ):
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            raise AssertionError(f"{wanted!r} is ambiguous among {labels} ({context})")
    raise AssertionError(f"no button {wanted!r} among {labels} ({context})")


def invitation(texts: Sequence[str], who: str) -> str:
    """The start payload of the latest invitation link among `texts`."""
    for text in reversed(texts):
        match = INVITATION.search(text)
        if match is not None:
            return match.group(1)
    raise AssertionError(f"{who} was sent no invitation link")
