"""What each role can do, in one table: the command words in both languages, who may use
them and whose menu lists them, which button areas and which documents each role may send.

Everyone is a sponsor; a registered contact of a local alliance may do more, staff (the
coordination office) most. The menus, /hilfe and the parsing of typed commands are all read
from here; the router binds a handler to every row (`bot.routes.router`). A command a role may
not use is answered exactly like an unknown one, so it reveals nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.core.events import Command, CommandName
from bot.texts.catalog import Language, Msg
from bot.texts.formats import Choice, Lines

Role = Literal["sponsor", "contact", "staff"]
ANYONE: frozenset[Role] = frozenset({"sponsor", "contact", "staff"})
ALLIANCE: frozenset[Role] = frozenset({"contact", "staff"})
STAFF: frozenset[Role] = frozenset({"staff"})
SPONSOR_MENU_ONLY: frozenset[Role] = frozenset({"sponsor"})
"""A menu scoped to a contact's or staff's chat replaces the default one: what is listed only
in the sponsor's menu still works for them, it is just not listed."""


@dataclass(frozen=True)
class CommandRoute:
    name: CommandName
    de: str
    """The word a German reader is told about (menus, help)."""
    en: str
    """The word an English reader is told about; both work in either language."""
    also: tuple[str, ...] = ()
    """Further spellings understood ("zurück" besides "zurueck")."""
    roles: frozenset[Role] = ANYONE
    menu: frozenset[Role] = frozenset()
    """Whose command menu lists it (in the table's order)."""
    help: int | None = None
    """Its place in the sponsor's /hilfe (`sponsor.help.command.<name>`), which follows the way
    through a draft where the menu follows how often a command is needed; None: not there."""
    leaves: bool = False
    """It opens another menu: a typed answer asked for (a rename, a question) is dropped
    first, not left awaited behind it."""

    def word(self, language: Language) -> str:
        return self.de if language == "de" else self.en


def _staff(name: CommandName, word: str) -> CommandRoute:
    """Staff's commands keep their German names in English too: staff are the coordination
    office, and a second name for each would only be a second thing to remember."""
    return CommandRoute(name, word, word, roles=STAFF, menu=STAFF)


COMMAND_ROUTES: tuple[CommandRoute, ...] = (
    _staff("invite", "kontakt_einladen"),
    _staff("contacts", "kontakte"),
    _staff("statistics", "statistik"),
    _staff("kb_version", "kb_version"),
    _staff("kb_rollback", "kb_zurueck"),
    _staff("kb_export", "kb_export"),
    _staff("procedure", "verfahren"),
    _staff("meeting", "sitzung"),
    _staff("team", "team"),  # staff added in the bot (issue 17 point 6)
    _staff("project_new", "projekt_neu"),  # a past project by dialog (issue 17 point 1)
    _staff("project_retire", "projekt_entfernen"),
    # --- staff17b: knowledge entries edited by dialog (issue 17 point 1) ---
    _staff("project_edit", "projekt_bearbeiten"),
    _staff("alliance_edit", "allianz_bearbeiten"),
    _staff("faq_edit", "faq_bearbeiten"),
    # --- end staff17b ---
    CommandRoute("inbox", "eingang", "inbox", roles=ALLIANCE, menu=ALLIANCE),
    # issue 16: an alliance's cases in the procedure, by step (staff: every alliance's)
    CommandRoute("cases", "faelle", "cases", ("fälle",), roles=ALLIANCE, menu=ALLIANCE),
    CommandRoute("start", "start", "start", menu=ANYONE),
    CommandRoute("help", "hilfe", "help", menu=ANYONE, help=10),
    # issue 15: a person at any step, for everyone, from the very first message
    CommandRoute("human", "mensch", "human", menu=SPONSOR_MENU_ONLY, help=9),
    CommandRoute("new", "neu", "new", menu=SPONSOR_MENU_ONLY, help=6),
    CommandRoute(
        "drafts", "entwuerfe", "drafts", ("entwürfe",), menu=SPONSOR_MENU_ONLY, help=5, leaves=True
    ),
    CommandRoute("back", "zurueck", "back", ("zurück",), menu=SPONSOR_MENU_ONLY, help=1),
    CommandRoute(
        "skip", "ueberspringen", "skip", ("überspringen",), menu=SPONSOR_MENU_ONLY, help=2
    ),
    CommandRoute("cancel", "abbrechen", "cancel", menu=SPONSOR_MENU_ONLY, help=4),
    CommandRoute("language", "sprache", "language", menu=ANYONE, help=7, leaves=True),
    CommandRoute("privacy", "datenschutz", "privacy", menu=ANYONE, help=8, leaves=True),
    CommandRoute("keep", "beibehalten", "keep"),
    CommandRoute("summary", "zusammenfassung", "summary", help=3),
    CommandRoute("ask", "frage", "ask"),
    CommandRoute("export", "export", "export", leaves=True),
    CommandRoute("delete", "loeschen", "delete", ("löschen",), leaves=True),
)

HELP_ORDER: tuple[CommandName, ...] = tuple(
    route.name
    for route in sorted(COMMAND_ROUTES, key=lambda route: route.help or 0)
    if route.help is not None
)
"""The commands a sponsor's /hilfe lists, by their place (`CommandRoute.help`)."""

PRESS_AREAS: dict[str, frozenset[Role]] = {
    "session": ANYONE,
    "sponsor": ANYONE,
    "contact": ALLIANCE,
    "staff": STAFF,
    "case": ANYONE,
    "cases": ALLIANCE,  # issue 16: a case of the alliance, as its contacts see it
}
"""Buttons that name what they act on (a draft, a handoff, a menu): `area:verb:...`. They work
from any message; all other presses act on the current prompt of the sponsor's dialog. Who
handles a contact's press is checked against the handoff's alliance besides."""

DOCUMENTS: frozenset[Role] = STAFF
"""Who may send a file: staff send knowledge files (YAML); everyone else is told the bot reads
text and buttons."""

ROUTES: dict[CommandName, CommandRoute] = {route.name: route for route in COMMAND_ROUTES}
WORDS: dict[str, CommandName] = {
    word: route.name for route in COMMAND_ROUTES for word in (route.de, route.en, *route.also)
}
"""Every word understood, either language."""


def parse_command(text: str) -> Command | None:
    """`/zurueck`, `/start payload`, `/hilfe@botname` -> Command; other text -> None."""
    if not text.startswith("/"):
        return None
    word, _, argument = text[1:].partition(" ")
    name = WORDS.get(word.split("@", 1)[0].casefold())
    return Command(name, argument.strip()) if name else None


def word(name: CommandName, language: Language) -> str:
    """The command a reader of `language` is told about: /back or /zurueck."""
    return ROUTES[name].word(language)


def menu(role: Role, language: Language) -> list[tuple[str, CommandName]]:
    """A role's command menu as (command word, command) in `language`."""
    return [(r.word(language), r.name) for r in COMMAND_ROUTES if role in r.menu]


def menu_names(role: Role) -> tuple[CommandName, ...]:
    return tuple(r.name for r in COMMAND_ROUTES if role in r.menu)


def _line(name: CommandName, description: Msg) -> Msg:
    words = Choice(word(name, "de"), word(name, "en"))
    return Msg("roles.help.command", {"command": words, "description": description})


def sponsor_help() -> Msg:
    """What /hilfe says to everyone: the sponsor's commands."""
    lines = tuple(_line(name, Msg(f"sponsor.help.command.{name}")) for name in HELP_ORDER)
    return Msg("sponsor.help.general", {"commands": Lines(lines)})


def role_help(role: Role) -> Msg | None:
    """What /hilfe adds for staff and for contacts: the commands of their menu beyond the
    sponsor's, each in the reader's language."""
    if role == "sponsor":
        return None
    sponsors = set(menu_names("sponsor"))
    lines = tuple(
        _line(name, Msg(f"telegram.command.{name}"))
        for name in menu_names(role)
        if name not in sponsors
    )
    return Msg(f"roles.help.{role}", {"commands": Lines(lines)})
