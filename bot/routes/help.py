"""/hilfe for staff and contacts: their own commands too, after the sponsor's (their command
menu shows them, the help should not hide them)."""

from __future__ import annotations

from dataclasses import replace

from bot.core.events import Command, Press
from bot.core.outputs import Output, Reply
from bot.core.roles import Role, role_help, sponsor_help
from bot.turn import Turn

GENERAL_HELP = "sponsor.help.general"
"""The part of the help that lists the sponsor's commands; staff's and contacts' follow it."""


def asks_for_help(turn: Turn) -> bool:
    event = turn.incoming.event
    return (isinstance(event, Command) and event.name == "help") or (
        isinstance(event, Press) and event.action == "help"
    )


def with_role_help(outputs: list[Output], role: Role) -> list[Output]:
    """The help among `outputs` with the commands of `role` added after the sponsor's."""
    extra = role_help(role)
    if extra is None:
        return outputs
    for index, output in enumerate(outputs):
        if not isinstance(output, Reply):
            continue
        keys = [part.key for part in output.parts]
        if GENERAL_HELP in keys:
            at = keys.index(GENERAL_HELP) + 1
            parts = (*output.parts[:at], extra, *output.parts[at:])
            return [*outputs[:index], replace(output, parts=parts), *outputs[index + 1 :]]
    # No draft yet, so no help from the dialog: the sponsor's commands, then theirs.
    return [Reply((sponsor_help(), extra)), *outputs]
