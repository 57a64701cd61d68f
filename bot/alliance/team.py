"""The coordination office's own members: listing, inviting and removing colleagues.

`BOT_ADMIN_IDS` names the first staff members; these and every colleague added here invite
further colleagues with one-time links (like contacts' `/kontakt_einladen`) and remove those
added in the bot, each after a confirmation. Staff of the configuration are listed but cannot
be removed here: they are the way back in should the colleagues added in the bot be removed.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from bot.core.outputs import Button, EngineOutput, Reply
from bot.storage.contacts import Redemption
from bot.texts.catalog import Msg
from bot.texts.formats import Day, Lines
from bot.turn import Turn

STAFF_INVITE_PREFIX = "stf_"
"""`/start stf_<token>`: a staff invitation (contacts' links start with `inv_`)."""
_USER = re.compile(r"[0-9]{1,18}")


class TeamDesk:
    def __init__(self, bot_username: Callable[[], str]) -> None:
        self.bot_username = bot_username

    async def listing(self, turn: Turn, intro: Msg | None = None) -> Reply:
        staff = turn.stores.staff
        added = await staff.added()
        configured = tuple(
            Msg("team.configured", {"user": user_id}) for user_id in sorted(staff.configured)
        )
        parts = [intro] if intro else []
        parts.append(
            Msg(
                "team.title",
                {"count": len(configured) + len(added), "configured": Lines(configured)},
            )
        )
        if not added:
            parts.append(Msg("team.none_added"))
        rows = tuple(
            (Button(Msg("team.member", {"name": m.name}), f"staff:team:remove:{m.user_id}"),)
            for m in added
        )
        invite = (Button(Msg("team.button.invite"), "staff:team:invite"),)
        return Reply(tuple(parts), (*rows, invite))

    async def act(self, turn: Turn, action: str) -> list[EngineOutput]:
        verb, _, argument = action.partition(":")
        if verb == "invite":
            return [self._confirm_invitation()]
        if verb == "invite_yes":
            return [await self._invite(turn)]
        if verb in ("remove", "remove_yes") and _USER.fullmatch(argument):
            return [await self._remove(turn, int(argument), confirmed=verb == "remove_yes")]
        return [await self.listing(turn)]

    @staticmethod
    def _confirm_invitation() -> Reply:
        return Reply(
            (Msg("team.invite.confirm"),),
            (
                (
                    Button(Msg("team.button.invite_yes"), "staff:team:invite_yes"),
                    Button(Msg("team.button.cancel"), "staff:team:list"),
                ),
            ),
        )

    async def _invite(self, turn: Turn) -> Reply:
        token = secrets.token_urlsafe(18)
        expires = await turn.stores.staff.invite(token, turn.user.id)
        link = f"https://t.me/{self.bot_username()}?start={STAFF_INVITE_PREFIX}{token}"
        return Reply((Msg("team.invite.link", {"link": link, "expires": Day(expires.date())}),))

    async def _remove(self, turn: Turn, user_id: int, *, confirmed: bool) -> Reply:
        staff = turn.stores.staff
        if user_id in staff.configured:
            # Said, not hidden: whoever tries should know where it can be done.
            return await self.listing(turn, Msg("team.remove.configured", {"user": user_id}))
        member = next((m for m in await staff.added() if m.user_id == user_id), None)
        if member is None:
            return await self.listing(turn, Msg("team.remove.not_found"))
        if not confirmed:
            return Reply(
                (Msg("team.remove.confirm", {"name": member.name}),),
                (
                    (
                        Button(Msg("team.button.remove_yes"), f"staff:team:remove_yes:{user_id}"),
                        Button(Msg("team.button.cancel"), "staff:team:list"),
                    ),
                ),
            )
        await staff.remove(user_id)
        turn.menus_reset.add(user_id)  # staff no more: the sponsor's menu again
        return await self.listing(turn, Msg("team.remove.done", {"name": member.name}))

    @staticmethod
    async def redeem(turn: Turn, token: str) -> list[EngineOutput]:
        name = turn.incoming.name or f"#{turn.user.id}"
        outcome = await turn.stores.staff.redeem(token, turn.user.id, name)
        if outcome is Redemption.REGISTERED:
            turn.menu_changed = True
        return [Reply((Msg(f"team.redeem.{outcome.value}"),))]
