"""What /hilfe adds for staff and for contacts."""

from __future__ import annotations

from bot.routes.commands import CONTACT_MENU, SHARED_MENU, STAFF_MENU, WORDS
from bot.texts.catalog import Msg
from bot.texts.formats import Choice, Lines


def role_help(staff: bool) -> Msg:
    """What /hilfe adds for staff and for contacts: the commands of their menu beyond the
    sponsor's, each in the reader's language."""
    names = [name for name in (STAFF_MENU if staff else CONTACT_MENU) if name not in SHARED_MENU]
    lines = tuple(
        Msg(
            "roles.help.command",
            {
                "command": Choice(WORDS["de"][name], WORDS["en"][name]),
                "description": Msg(f"telegram.command.{name}"),
            },
        )
        for name in names
    )
    return Msg("roles.help.staff" if staff else "roles.help.contact", {"commands": Lines(lines)})
