"""Everyone's own data: what is stored, all of it as JSON, erasure, and the retention purge."""

from __future__ import annotations

import calendar
import functools
import json
from collections.abc import Callable
from datetime import date, datetime

from bot.advice.advise import Advisor
from bot.alliance.staff import subregions_key
from bot.clock import Clock
from bot.core.answers import facts_from_answers
from bot.core.outputs import Button, Document, EngineOutput, Reply
from bot.procedure.views import erase_warning
from bot.storage.db import Database
from bot.storage.drafts import Draft
from bot.storage.privacy import (
    Classified,
    cases_in_procedure,
    erase_user,
    export_user,
    purge_stale,
)
from bot.storage.stores import Stores
from bot.texts.catalog import Msg
from bot.texts.formats import Count
from bot.turn import Turn
from bot.understanding.places import InRegion


def retention_cutoff(now: datetime, months: int) -> datetime:
    """The same day `months` months before `now` (the month's last day if it is shorter):
    drafts untouched since then are purged."""
    index = now.year * 12 + now.month - 1 - months
    year, month = index // 12, index % 12 + 1
    day = min(now.day, calendar.monthrange(year, month)[1])
    return now.replace(year=year, month=month, day=day)


def classify(advisor: Advisor, today: date, draft: Draft) -> Classified:
    """What a draft counts as in the statistics (kept when it is erased or purged)."""
    advice = advisor.advise(facts_from_answers(draft.state.answers), today)
    kb = advisor.kb
    place = advice.facts.place
    places = place.places if isinstance(place, InRegion) else ()
    fitting = advice.matches.fitting
    return Classified(
        subregion=subregions_key(
            [kb.subregion(id_).name for id_ in dict.fromkeys(p.subregion_id for p in places)]
        ),
        action_field=fitting[0].id if fitting else "–",
        status=draft.status,
        costs_eur=advice.facts.costs_eur or 0,
    )


class PrivacyDesk:
    def __init__(self, clock: Clock, retention_months: int, advisor: Callable[[], Advisor]):
        self.clock = clock
        self.retention_months = retention_months
        self.advisor = advisor
        """The live knowledge base's advisor: the purge runs outside any turn."""

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
        counts = functools.partial(classify, turn.advisor, turn.today)
        count = await erase_user(turn.connection, turn.drafts, turn.user.id, counts)
        turn.stores.staff.known(turn.user.id, False)  # erased with the rest
        turn.erased = turn.deleted = True
        return [Reply((Msg("privacy.erased", {"count": Count(count, "drafts")}),))]

    async def purge(self, database: Database) -> int:
        """Drafts untouched for the retention period are deleted; their counts stay."""
        now = self.clock.now()
        before = retention_cutoff(now, self.retention_months)
        async with Stores.transaction(database, now) as stores:
            counts = functools.partial(classify, self.advisor(), now.date())
            return await purge_stale(stores.connection, stores.drafts, before, counts)
