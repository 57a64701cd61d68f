"""The coordination office: inviting and removing contacts, statistics."""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Callable

from bot.dialogs.model import Button, EngineOutput, Reply
from bot.dialogs.turn import Turn
from bot.kb.knowledge import KnowledgeBase
from bot.storage.contacts import Contacts, Redemption
from bot.storage.privacy import Classify, statistics
from bot.texts.catalog import Msg
from bot.texts.formats import Day, Eur, Lines

INVITE_PREFIX = "inv_"


class StaffDesk:
    def __init__(self, kb: Callable[[], KnowledgeBase], bot_username: Callable[[], str]) -> None:
        self.kb = kb
        self.bot_username = bot_username

    def choose_alliance(self) -> Reply:
        rows = tuple(
            (Button(alliance.name, f"staff:invite:{alliance.id}"),)
            for alliance in self.kb().regions.local_alliances
        )
        return Reply((Msg("staff.invite.choose"),), rows)

    async def invite(self, turn: Turn, alliance_id: str) -> list[EngineOutput]:
        try:
            alliance = self.kb().local_alliance(alliance_id)
        except KeyError:
            return [self.choose_alliance()]
        token = secrets.token_urlsafe(18)
        contacts = Contacts(turn.connection, turn.drafts.now_moment)
        expires = await contacts.invite(token, alliance.id, turn.user.id)
        link = f"https://t.me/{self.bot_username()}?start={INVITE_PREFIX}{token}"
        return [
            Reply(
                (
                    Msg(
                        "staff.invite.link",
                        {"alliance": alliance.name, "link": link, "expires": Day(expires.date())},
                    ),
                )
            )
        ]

    async def contacts(self, turn: Turn, intro: Msg | None = None) -> Reply:
        registered = await Contacts(turn.connection, turn.drafts.now_moment).all()
        parts = [intro] if intro else []
        if not registered:
            parts.append(Msg("staff.contacts.none"))
            return Reply(tuple(parts))
        parts.append(Msg("staff.contacts.title", {"count": len(registered)}))
        rows = tuple(
            (
                Button(
                    Msg(
                        "staff.contacts.remove",
                        {
                            "name": c.name,
                            "alliance": self.kb().local_alliance(c.alliance_id).short_name
                            or self.kb().local_alliance(c.alliance_id).name,
                        },
                    ),
                    f"staff:remove:{c.user_id}:{c.alliance_id}",
                ),
            )
            for c in registered
        )
        return Reply(tuple(parts), rows)

    async def remove(self, turn: Turn, user_id: int, alliance_id: str) -> list[EngineOutput]:
        removed = await Contacts(turn.connection, turn.drafts.now_moment).remove(
            user_id, alliance_id
        )
        intro = Msg("staff.contacts.removed" if removed else "staff.contacts.not_found")
        return [await self.contacts(turn, intro)]

    async def statistics(self, turn: Turn, classify: Classify) -> list[EngineOutput]:
        totals = await statistics(turn.connection, await turn.drafts.everyone(), classify)
        if not totals:
            return [Reply((Msg("staff.statistics.none"),))]
        by_subregion: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
        by_field: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
        by_status: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
        for (subregion, field, status), (count, total) in totals.items():
            for table, key in ((by_subregion, subregion), (by_field, field), (by_status, status)):
                before = table[key]
                table[key] = (before[0] + count, before[1] + total)

        def lines(table: dict[str, tuple[int, int]], status: bool = False) -> Lines:
            return Lines(
                tuple(
                    Msg(
                        "staff.statistics.line",
                        {
                            "name": Msg(f"drafts.status.{k}") if status else k,
                            "count": c,
                            "sum": Eur(t),
                        },
                    )
                    for k, (c, t) in sorted(table.items())
                )
            )

        return [
            Reply(
                (
                    Msg(
                        "staff.statistics.text",
                        {
                            "subregions": lines(by_subregion),
                            "fields": lines(by_field),
                            "statuses": lines(by_status, status=True),
                        },
                    ),
                )
            )
        ]


def redemption_reply(outcome: Redemption, alliance: str) -> Msg:
    return Msg(f"staff.redeem.{outcome.value}", {"alliance": alliance})
