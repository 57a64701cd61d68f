"""Everyone's own data: what is stored, all of it as JSON, erasure, and the retention purge."""

from __future__ import annotations

import calendar
import json
from collections.abc import Callable
from datetime import datetime

from bot.clock import Clock
from bot.core.outputs import Button, Document, EngineOutput, Reply
from bot.procedure.views import erase_warning
from bot.storage.db import Database
from bot.storage.privacy import (
    Classify,
    cases_in_procedure,
    erase_user,
    export_user,
    purge_stale,
)
from bot.storage.stores import Stores
from bot.texts.catalog import Msg
from bot.texts.formats import Count
from bot.turn import Turn


def retention_cutoff(now: datetime, months: int) -> datetime:
    """The same day `months` months before `now` (the month's last day if it is shorter):
    drafts untouched since then are purged."""
    index = now.year * 12 + now.month - 1 - months
    year, month = index // 12, index % 12 + 1
    day = min(now.day, calendar.monthrange(year, month)[1])
    return now.replace(year=year, month=month, day=day)


class PrivacyDesk:
    def __init__(self, clock: Clock, retention_months: int, classify: Callable[[], Classify]):
        self.clock = clock
        self.retention_months = retention_months
        self.classify = classify
        """Counts what an erased or purged draft was (the statistics keep the counts); a
        function, as the knowledge base may change at run time."""

    def text(self) -> list[EngineOutput]:
        months = Count(self.retention_months, "months")
        return [Reply((Msg("privacy.text", {"months": months}),))]

    async def export(self, turn: Turn) -> list[EngineOutput]:
        data = await export_user(turn.connection, turn.user.id)
        content = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
        name = f"meine_daten_{self.clock.today().isoformat()}.json"
        return [
            Reply((Msg("privacy.export_sent"),)),
            Document(name, content, "application/json"),
        ]

    async def confirm_erasure(self, turn: Turn) -> list[EngineOutput]:
        # Cases still in procedure vanish for the alliance and the office too: said first.
        warning = erase_warning(await cases_in_procedure(turn.connection, turn.user.id))
        return [
            Reply(
                (*((warning,) if warning is not None else ()), Msg("privacy.erase_confirm")),
                (
                    (
                        Button(Msg("privacy.button.erase"), "session:erase"),
                        Button(Msg("drafts.button.keep"), "session:drafts"),
                    ),
                ),
            )
        ]

    async def erase(self, turn: Turn) -> list[EngineOutput]:
        if await turn.contacts.alliances_of(turn.user.id) or await turn.stores.staff.includes(
            turn.user.id
        ):
            # No contact (nor staff added in the bot) any more: the sponsor's menu.
            turn.menus_reset.add(turn.user.id)
        count = await erase_user(turn.connection, turn.drafts, turn.user.id, self.classify())
        turn.erased = turn.deleted = True
        return [Reply((Msg("privacy.erased", {"count": Count(count, "drafts")}),))]

    async def purge(self, database: Database) -> int:
        """Drafts untouched for the retention period are deleted; their counts stay."""
        now = self.clock.now()
        before = retention_cutoff(now, self.retention_months)
        async with database.transaction() as connection:
            drafts = Stores.of(connection, now).drafts
            return await purge_stale(connection, drafts, before, self.classify())
