"""Menus around the dialog: renaming, deleting, choosing the language, and English texts that
name the commands an English speaker types."""

from __future__ import annotations

import re

import pytest

from bot.core.events import Command
from bot.core.roles import COMMAND_ROUTES, HELP_ORDER, WORDS, menu, parse_command, sponsor_help
from bot.texts.catalog import LANGUAGES, Language, load_catalogue, render
from tests.dialogs.conftest import ChatDriver, key_text


async def test_the_drafts_list_drops_a_pending_rename(chat: ChatDriver) -> None:
    await chat.command("start")
    draft = await chat.current()
    assert draft is not None
    await chat.press(f"session:rename:{draft.id}")
    await chat.command("drafts")
    reply = await chat.text("Garbsen")
    current = await chat.current()
    assert current is not None
    assert current.title is None, "the answer is not taken as the new title"
    assert current.state.step == "organisation", "it answers the question instead"
    assert key_text("drafts.renamed", title="Garbsen") not in reply


@pytest.mark.parametrize("command", ["privacy", "language"])
async def test_other_menu_commands_drop_a_pending_rename(chat: ChatDriver, command: str) -> None:
    await chat.command("start")
    draft = await chat.current()
    assert draft is not None
    await chat.press(f"session:rename:{draft.id}")
    await chat.command(command)  # type: ignore[arg-type]
    await chat.text("Garbsen")
    current = await chat.current()
    assert current is not None and current.title is None


async def test_an_unknown_language_is_asked_again_and_nothing_switches(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text("Garbsen")
    reply = await chat.command("language", "xx")
    assert key_text("sponsor.language_unknown") in reply
    assert key_text("sponsor.organisation.prompt") in reply, "the question again"
    assert chat.handled is not None and chat.handled.language == "de"
    reply = await chat.command("language", "English")
    assert key_text("sponsor.language_set", "en") in reply


async def test_a_text_typed_after_deleting_the_current_draft_answers_a_new_one(
    chat: ChatDriver,
) -> None:
    await chat.command("start")
    await chat.text("Garbsen")
    draft = await chat.current()
    assert draft is not None
    await chat.press(f"session:deleted:{draft.id}")
    reply = await chat.text("Sarstedt")
    assert key_text("sponsor.welcome") in reply
    assert key_text("drafts.first_answer_taken") in reply
    fresh = await chat.current()
    assert fresh is not None and len(await chat.drafts()) == 1
    assert fresh.state.answers["region"].text == "Sarstedt", "not dropped"
    assert fresh.state.step == "organisation"


async def test_a_greeting_to_a_new_draft_is_not_taken_as_a_place(chat: ChatDriver) -> None:
    reply = await chat.text("Hallo")
    assert key_text("sponsor.welcome") in reply
    assert key_text("drafts.first_answer_taken") not in reply
    state = await chat.state()
    assert state.step == "region" and state.answers == {}


@pytest.mark.parametrize(
    "first",
    [
        "Good morning, could we do this in English?",
        "english please",
        "Hello, can we speak English?",
    ],
)
async def test_a_request_for_english_as_the_very_first_text_is_not_dropped(
    chat: ChatDriver, first: str
) -> None:
    """No draft yet (no /start): the request starts the draft in English, welcome included."""
    reply = await chat.text(first)
    assert key_text("sponsor.welcome", "en") in reply
    assert key_text("sponsor.region.prompt", "en") in reply
    assert chat.handled is not None and chat.handled.language == "en"
    state = await chat.state()
    assert state.language == "en" and state.step == "region" and state.answers == {}
    reply = await chat.text("Hameln")
    assert key_text("sponsor.organisation.prompt", "en") in reply, "and it stays English"


async def test_german_first_text_keeps_german(chat: ChatDriver) -> None:
    reply = await chat.text("Hallo")
    assert key_text("sponsor.welcome", "de") in reply
    assert chat.handled is not None and chat.handled.language == "de"


def test_english_texts_name_english_commands() -> None:
    """/zurueck works for everyone, but an English reader is told /back."""
    with_english_name = {route.de for route in COMMAND_ROUTES if route.de != route.en}
    assert {"zurueck", "ueberspringen", "hilfe", "sprache"} <= with_english_name
    for key, text in load_catalogue("en").items():
        named = set(re.findall(r"(?<![\w<])/([a-z_]+)", text))
        assert not named & with_english_name, (key, named & with_english_name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_texts_name_the_commands_of_their_language(language: Language) -> None:
    """What a text tells a reader to type is the command of the reader's language (the one
    in the reader's menu), and it works."""
    words = {route.word(language) for route in COMMAND_ROUTES}
    for key, text in load_catalogue(language).items():
        for word in re.findall(r"(?<![\w<])/([a-z_]+)", text):
            assert word in words, (key, word)
            assert parse_command(f"/{word}") == Command(WORDS[word]), word


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_command_word_works_and_has_a_description(language: Language) -> None:
    catalogue = load_catalogue(language)
    for route in COMMAND_ROUTES:
        word = route.word(language)
        assert parse_command(f"/{word}") == Command(route.name)
        assert re.fullmatch(r"[a-z0-9_]{1,32}", word), "Telegram's rule for menu commands"
    for role in ("staff", "contact", "sponsor"):
        for word, name in menu(role, language):
            assert f"telegram.command.{name}" in catalogue, word


def test_the_sponsors_help_is_read_from_the_route_table() -> None:
    """/hilfe lists every route with a place there, once, in that order; each is a command a
    sponsor may use and is described in both catalogues."""
    placed = [route for route in COMMAND_ROUTES if route.help is not None]
    assert len({route.help for route in placed}) == len(placed), "one route a place"
    by_place = [route.word("de") for route in sorted(placed, key=lambda r: r.help or 0)]
    help_lines = render(sponsor_help(), "de").split("\n")[1:]
    assert [line.split(" ", 1)[0] for line in help_lines] == [f"/{w}" for w in by_place]
    assert HELP_ORDER[:3] == ("back", "skip", "summary"), "the way through a draft"
    for route in placed:
        assert "sponsor" in route.roles, route.name
        for language in LANGUAGES:
            assert f"sponsor.help.command.{route.name}" in load_catalogue(language), route.name
    in_menu = {name for _, name in menu("sponsor", "de")}
    assert in_menu - {"start"} <= set(HELP_ORDER), "what the menu lists, /hilfe explains"
