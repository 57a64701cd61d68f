"""Slash commands as sponsors type them, in German and English, on every transport."""

from __future__ import annotations

from bot.dialogs.model import Command, CommandName

COMMANDS: dict[str, CommandName] = {
    "start": "start",
    "zurueck": "back",
    "zurück": "back",
    "back": "back",
    "ueberspringen": "skip",
    "überspringen": "skip",
    "skip": "skip",
    "beibehalten": "keep",
    "keep": "keep",
    "abbrechen": "cancel",
    "cancel": "cancel",
    "hilfe": "help",
    "help": "help",
    "entwuerfe": "drafts",
    "entwürfe": "drafts",
    "drafts": "drafts",
    "neu": "new",
    "new": "new",
    "sprache": "language",
    "language": "language",
    "datenschutz": "privacy",
    "privacy": "privacy",
    "zusammenfassung": "summary",
    "summary": "summary",
    "frage": "ask",
    "ask": "ask",
    "export": "export",
    "loeschen": "delete",
    "löschen": "delete",
    "delete": "delete",
    "eingang": "inbox",
    "inbox": "inbox",
    "kontakt_einladen": "invite",
    "kontakte": "contacts",
    "statistik": "statistics",
    "kb_version": "kb_version",
    "kb_zurueck": "kb_rollback",
    "kb_export": "kb_export",
}

SPONSOR_MENU: tuple[str, ...] = (
    "start",
    "hilfe",
    "neu",
    "entwuerfe",
    "zurueck",
    "ueberspringen",
    "abbrechen",
    "sprache",
    "datenschutz",
)
"""The commands shown in Telegram's menu for sponsors (descriptions in the catalogue)."""

SHARED_MENU: tuple[str, ...] = ("start", "hilfe", "sprache", "datenschutz")
"""A menu scoped to a chat replaces the default one: these stay in every menu."""
CONTACT_MENU: tuple[str, ...] = ("eingang", *SHARED_MENU)
STAFF_MENU: tuple[str, ...] = (
    "kontakt_einladen",
    "kontakte",
    "statistik",
    "kb_version",
    "kb_zurueck",
    "kb_export",
    "eingang",
    *SHARED_MENU,
)


def parse_command(text: str) -> Command | None:
    """`/zurueck`, `/start payload`, `/hilfe@botname` -> Command; other text -> None."""
    if not text.startswith("/"):
        return None
    word, _, argument = text[1:].partition(" ")
    name = COMMANDS.get(word.split("@", 1)[0].casefold())
    return Command(name, argument.strip()) if name else None
