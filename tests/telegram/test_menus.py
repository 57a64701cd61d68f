"""The command menu next to the input field: sponsors' by default in German and English, and
menus scoped to the chats of staff and alliance contacts that still hold the shared commands
(a scoped menu replaces the default one in Telegram)."""

from __future__ import annotations

from tests.alliance.conftest import ADMINS, HILDESHEIM, STAFF, invite, register
from tests.botapi import BotApiServer
from tests.telegram.conftest import StartBot

SHARED = {"start", "hilfe", "sprache", "datenschutz"}


def menu(server: BotApiServer, chat_id: int | None, language: str = "") -> list[str]:
    scope = {"type": "chat", "chat_id": chat_id} if chat_id is not None else None
    return [command["command"] for command in server.commands_for(scope, language)]


async def test_the_default_menu_in_german_and_english(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        assert menu(server, None) == [
            "start",
            "hilfe",
            "neu",
            "entwuerfe",
            "zurueck",
            "ueberspringen",
            "abbrechen",
            "sprache",
            "datenschutz",
        ]
        assert menu(server, None, "en") == menu(server, None)
        english = {c["command"]: c["description"] for c in server.commands_for(None, "en")}
        german = {c["command"]: c["description"] for c in server.commands_for(None, "")}
        assert english["neu"] == "Start a new draft" and german["neu"] == "Neuen Entwurf beginnen"


async def test_staff_known_at_start_up_get_their_menu_with_the_shared_commands(
    server: BotApiServer, start_bot: StartBot
) -> None:
    server.user(STAFF)  # has opened the bot before
    async with start_bot(admin_ids=ADMINS):
        for language in ("", "en"):
            staff_menu = set(menu(server, STAFF, language))
            assert {"kontakt_einladen", "kontakte", "statistik", "kb_version"} <= staff_menu
            assert staff_menu >= SHARED


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
        for language in ("", "en"):
            assert set(menu(server, 501, language)) == {"eingang", *SHARED}
