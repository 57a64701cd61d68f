"""How the texts read: one word for one thing, the strategy's own terms, and help that fits a
phone screen; dates written the way the reader's language writes them."""

from __future__ import annotations

import re

import pytest

from bot.core.roles import menu, sponsor_help
from bot.texts.catalog import LANGUAGES, Language, load_catalogue, render
from tests.dialogs.conftest import ChatDriver, key_text

SPONSOR_TEXTS = ("sponsor.", "summary.", "drafts.", "privacy.", "export.", "advice.", "telegram.")
"""Keys of the texts a sponsor reads in the dialog (the alliance's texts have their own)."""


def german(prefixes: tuple[str, ...] = ("",)) -> dict[str, str]:
    return {k: v for k, v in load_catalogue("de").items() if k.startswith(prefixes)}


def test_the_sponsor_is_the_projekttraeger_throughout() -> None:
    """Not "Träger" here and "Projektträger" there (a "Bildungsträger" is something else)."""
    bare = {k: v for k, v in german(SPONSOR_TEXTS).items() if re.search(r"\bTräger", v)}
    assert bare == {}
    assert key_text("sponsor.sponsor_name.label") == "Projektträger"


def test_the_strategys_criteria_have_its_own_names() -> None:
    """The strategy speaks of "räumliche Wirkung", and so does every text."""
    assert {k for k, v in german().items() if "Raumwirkung" in v} == set()
    assert "räumliche Wirkung" in key_text("sponsor.sketch.intro")


def test_optional_questions_are_called_freiwillig() -> None:
    """The questions say "(freiwillig)"; help and menu use the same word."""
    assert {k for k, v in german().items() if re.search(r"\boptional", v, re.I)} == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_help_lists_one_command_per_short_line(language: Language) -> None:
    lines = render(sponsor_help(), language).split("\n")
    assert all(len(line) <= 50 for line in lines), lines
    named = [line.split(" ", 1)[0] for line in lines[1:]]
    assert {f"/{word}" for word, name in menu("sponsor", language) if name != "start"} <= set(named)


@pytest.mark.parametrize(("language", "changed"), [("de", "25.11.2026"), ("en", "2026-11-25")])
async def test_a_drafts_menu_dates_the_last_change_in_the_readers_way(
    chat: ChatDriver, language: Language, changed: str
) -> None:
    await chat.command("language", language)
    draft = await chat.current()
    assert draft is not None
    reply = await chat.press(f"session:open:{draft.id}")
    assert changed in reply, reply
