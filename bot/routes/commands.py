"""Slash commands as sponsors type them, in German and English, on every transport."""

from __future__ import annotations

from bot.core.events import Command, CommandName
from bot.texts.catalog import Language

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

STAFF_WORDS: dict[CommandName, str] = {
    "invite": "kontakt_einladen",
    "contacts": "kontakte",
    "statistics": "statistik",
    "kb_version": "kb_version",
    "kb_rollback": "kb_zurueck",
    "kb_export": "kb_export",
}
"""Staff's commands keep their German names in English too: staff are the coordination office,
and a second name for each would only be a second thing to remember."""

WORDS: dict[Language, dict[CommandName, str]] = {
    "de": {
        "start": "start",
        "help": "hilfe",
        "new": "neu",
        "drafts": "entwuerfe",
        "back": "zurueck",
        "skip": "ueberspringen",
        "keep": "beibehalten",
        "cancel": "abbrechen",
        "summary": "zusammenfassung",
        "language": "sprache",
        "privacy": "datenschutz",
        "ask": "frage",
        "export": "export",
        "delete": "loeschen",
        "inbox": "eingang",
        **STAFF_WORDS,
    },
    "en": {
        "start": "start",
        "help": "help",
        "new": "new",
        "drafts": "drafts",
        "back": "back",
        "skip": "skip",
        "keep": "keep",
        "cancel": "cancel",
        "summary": "summary",
        "language": "language",
        "privacy": "privacy",
        "ask": "ask",
        "export": "export",
        "delete": "delete",
        "inbox": "inbox",
        **STAFF_WORDS,
    },
}
"""The command a reader of each language is told about (in menus and texts); every one of
them works in either language."""

SPONSOR_MENU: tuple[CommandName, ...] = (
    "start",
    "help",
    "new",
    "drafts",
    "back",
    "skip",
    "cancel",
    "language",
    "privacy",
)
"""The commands shown in Telegram's menu for sponsors (descriptions in the catalogue)."""

SHARED_MENU: tuple[CommandName, ...] = ("start", "help", "language", "privacy")
"""A menu scoped to a chat replaces the default one: these stay in every menu."""
CONTACT_MENU: tuple[CommandName, ...] = ("inbox", *SHARED_MENU)
STAFF_MENU: tuple[CommandName, ...] = (
    "invite",
    "contacts",
    "statistics",
    "kb_version",
    "kb_rollback",
    "kb_export",
    "inbox",
    *SHARED_MENU,
)


def menu(names: tuple[CommandName, ...], language: Language) -> list[tuple[str, CommandName]]:
    """A menu as (command word, command) in `language`: /back and /zurueck, for example."""
    return [(WORDS[language][name], name) for name in names]


def parse_command(text: str) -> Command | None:
    """`/zurueck`, `/start payload`, `/hilfe@botname` -> Command; other text -> None."""
    if not text.startswith("/"):
        return None
    word, _, argument = text[1:].partition(" ")
    name = COMMANDS.get(word.split("@", 1)[0].casefold())
    return Command(name, argument.strip()) if name else None
