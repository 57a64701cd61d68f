"""The command menu next to the input field: sponsors' by default in German and English, and
menus scoped to the chats of staff and alliance contacts that still hold the shared commands
(a scoped menu replaces the default one in Telegram)."""

from __future__ import annotations

from tests.alliance.conftest import ADMINS, HILDESHEIM, STAFF, invite, register
from tests.botapi import BotApiServer
from tests.support.bot import StartBot

SHARED = {"start", "hilfe", "sprache", "datenschutz"}
SHARED_EN = {"start", "help", "language", "privacy"}
ALLIANCE = {"eingang", "faelle"}
ALLIANCE_EN = {"inbox", "cases"}


def menu(server: BotApiServer, chat_id: int | None, language: str = "") -> list[str]:
    scope = {"type": "chat", "chat_id": chat_id} if chat_id is not None else None
    return [command["command"] for command in server.commands_for(scope, language)]


GERMAN = [
    "start",
    "hilfe",
    "mensch",
    "neu",
    "entwuerfe",
    "zurueck",
    "ueberspringen",
    "abbrechen",
    "sprache",
]
ENGLISH = [
    "start",
    "help",
    "human",
    "new",
    "drafts",
    "back",
    "skip",
    "cancel",
    "language",
    "privacy",
]
STAFF_ONLY = {
    "kontakt_einladen",
    "kontakte",
    "statistik",
    "kb_version",
    "kb_zurueck",
    "kb_export",
    "team",
    "projekt_neu",
    "projekt_entfernen",
    "projekt_bearbeiten",
    "allianz_bearbeiten",
    "faq_bearbeiten",
    "verfahren",
    "sitzung",
}
"""Staff's commands keep their German names in the English menu too."""


async def test_the_default_menu_in_german_and_english(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        assert menu(server, None) == [*GERMAN, "datenschutz"]
        assert menu(server, None, "en") == ENGLISH
        english = {c["command"]: c["description"] for c in server.commands_for(None, "en")}
        german = {c["command"]: c["description"] for c in server.commands_for(None, "")}
        assert english["new"] == "Start a new draft" and german["neu"] == "Neuen Entwurf beginnen"
        assert english["back"] == "Previous question" and german["zurueck"] == "Vorige Frage"


async def test_every_english_menu_command_is_a_command_in_telegram(
    server: BotApiServer, start_bot: StartBot
) -> None:
    """Tapped in the menu, each English command is handled as that command (not as an answer
    or an unknown command), just like its German twin."""
    async with start_bot():
        sponsor = server.user(1101, language_code="en")
        sponsor.send("/start")
        await sponsor.expect(2)
        sponsor.send("/language en")
        await sponsor.expect()
        replies = {}
        for word in ["help", "skip", "back", "privacy", "drafts", "cancel", "new", "start"]:
            sponsor.send(f"/{word}")
            messages = await sponsor.expect(2 if word == "new" else 1)  # welcome and question
            replies[word] = "\n".join(m.text for m in messages)
        assert all("I do not know this command" not in text for text in replies.values())
        assert "/back – previous question" in replies["help"]
        assert "I need this for the pre-check" in replies["skip"], "the place is not optional"
        assert "already the first question" in replies["back"]
        assert "What is stored:" in replies["privacy"]
        assert "Your drafts (1)" in replies["drafts"]
        assert "Paused." in replies["cancel"]
        assert "Welcome" in replies["new"]
        assert "Let us continue where you left off." in replies["start"]
        sponsor.send("/language")
        assert "Sprache: Deutsch." in (await sponsor.expect())[0].text


async def test_staff_known_at_start_up_get_their_menu_with_the_shared_commands(
    server: BotApiServer, start_bot: StartBot
) -> None:
    server.user(STAFF)  # has opened the bot before
    async with start_bot(admin_ids=ADMINS):
        assert set(menu(server, STAFF)) == {*STAFF_ONLY, *ALLIANCE, *SHARED}
        assert set(menu(server, STAFF, "en")) == {*STAFF_ONLY, *ALLIANCE_EN, *SHARED_EN}


async def test_staff_who_open_the_bot_later_get_their_menu_then(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        assert menu(server, STAFF) == []  # Telegram did not know the chat yet
        staff = server.user(STAFF)
        staff.send("/start")
        await staff.expect()
        await server.wait_until(lambda: menu(server, STAFF, "en"), what="the staff menu")
        assert {"kontakt_einladen", *SHARED} <= set(menu(server, STAFF))
        assert {"kontakt_einladen", *SHARED_EN} <= set(menu(server, STAFF, "en"))
        calls = len(server.requests_for("setMyCommands"))
        staff.send("/hilfe")
        await staff.expect()
        await staff.settle()
        assert len(server.requests_for("setMyCommands")) == calls  # set once, not per update


async def test_a_registered_contact_gets_the_contact_menu_with_the_shared_commands(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact = server.user(STAFF), server.user(501)
        await register(contact, await invite(staff, HILDESHEIM))
        await server.wait_until(lambda: menu(server, 501, "en"), what="the contact menu")
        assert set(menu(server, 501)) == {*ALLIANCE, *SHARED}
        assert set(menu(server, 501, "en")) == {*ALLIANCE_EN, *SHARED_EN}
