"""The coordination office: inviting and removing contacts, statistics."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections import defaultdict
from collections.abc import Callable, Sequence

from bot.core.outputs import Button, EngineOutput, Reply
from bot.kb.knowledge import KnowledgeBase
from bot.storage.contacts import Redemption
from bot.storage.privacy import Classify, statistics
from bot.texts.catalog import Msg
from bot.texts.formats import Day, Eur, Lines
from bot.turn import Turn

INVITE_PREFIX = "inv_"
_REMOVAL = re.compile(r"([0-9]{1,18}):([0-9a-f]{12})")
"""A removal button's Telegram user id (52 bits: up to 16 digits) and alliance reference."""


def button_reference(alliance_id: str) -> str:
    """A short, stable name of an alliance for a button: ids may have 80 characters, and
    Telegram allows 64 bytes of callback data."""
    return hashlib.blake2s(alliance_id.encode(), digest_size=6).hexdigest()


SUBREGIONS_JOINED = " + "
"""How `classify` names the sub-regions of a project in several: one key of the statistics
(which the database keeps as text), split again where they are counted."""


def subregions_key(names: Sequence[str]) -> str:
    return SUBREGIONS_JOINED.join(names) if names else "–"


class StaffDesk:
    def __init__(self, bot_username: Callable[[], str]) -> None:
        self.bot_username = bot_username

    def choose_alliance(self, turn: Turn) -> Reply:
        rows = tuple(
            (Button(alliance.name, f"staff:invite:{button_reference(alliance.id)}"),)
            for alliance in turn.advisor.kb.regions.local_alliances
        )
        return Reply((Msg("staff.invite.choose"),), rows)

    async def invite(self, turn: Turn, reference: str) -> list[EngineOutput]:
        # A button names its alliance by reference; buttons sent before, by the id itself.
        alliance = next(
            (
                a
                for a in turn.advisor.kb.regions.local_alliances
                if reference in (button_reference(a.id), a.id)
            ),
            None,
        )
        if alliance is None:  # gone from the knowledge base meanwhile
            return [self.choose_alliance(turn)]
        token = secrets.token_urlsafe(18)
        contacts = turn.contacts
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
        registered = await turn.contacts.all()
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
                            "alliance": _alliance_name(turn.advisor.kb, c.alliance_id),
                        },
                    ),
                    f"staff:remove:{c.user_id}:{button_reference(c.alliance_id)}",
                ),
            )
            for c in registered
        )
        return Reply(tuple(parts), rows)

    async def remove(self, turn: Turn, reference: str) -> list[EngineOutput]:
        """``reference`` is a button's "user:alliance reference" (see `contacts`)."""
        contacts = turn.contacts
        match = _REMOVAL.fullmatch(reference)
        removed = False
        if match is not None:
            user_id = int(match.group(1))
            for alliance_id in await contacts.alliances_of(user_id):
                if button_reference(alliance_id) == match.group(2):
                    removed = await contacts.remove(user_id, alliance_id)
            if removed and not await contacts.alliances_of(user_id):
                turn.menus_reset.add(user_id)  # a contact of no alliance any more
        intro = Msg("staff.contacts.removed" if removed else "staff.contacts.not_found")
        return [await self.contacts(turn, intro)]

    async def statistics(self, turn: Turn, classify: Classify) -> list[EngineOutput]:
        totals = await statistics(turn.connection, await turn.drafts.everyone(), classify)
        if not totals:
            return [Reply((Msg("staff.statistics.none"),))]
        by_subregion: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
        by_field: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
        by_status: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
        for (subregions, field, status), (count, total) in totals.items():
            keys = [(by_field, field), (by_status, status)]
            # A project in several sub-regions counts in each of them (with its whole sum).
            keys += [(by_subregion, name) for name in subregions.split(SUBREGIONS_JOINED)]
            for table, key in keys:
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

        rated = await turn.stores.feedback.counts()
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
                    # issue 15: how sponsors rated the advice (👍/👎 after the summary)
                    Msg("feedback.statistics", {"up": rated["up"], "down": rated["down"]}),
                )
            )
        ]


def redemption_reply(outcome: Redemption, alliance: str) -> Msg:
    return Msg(f"staff.redeem.{outcome.value}", {"alliance": alliance})


def _alliance_name(kb: KnowledgeBase, alliance_id: str) -> str:
    try:
        alliance = kb.local_alliance(alliance_id)
    except KeyError:  # dropped from the knowledge base since the registration
        return alliance_id
    return alliance.short_name or alliance.name
