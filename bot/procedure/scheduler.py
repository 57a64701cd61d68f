"""What the clock sets off: due reminders, handoffs nobody took, reports falling due, drafts
about to be purged. Everything it needs is in the database, so a restart loses nothing.

Each due reminder is enqueued exactly once: its row is marked in the transaction that writes
its outbox item, so a crash leaves both or neither, and the next round (also after a restart)
finds only what is still unsent. Delivery is the outbox's (at most one duplicate on a lost
connection, as it promises). Time comes from the injected clock.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.procedure.announce import text_payload
from bot.procedure.dates import add_months, months_before
from bot.procedure.reminders import ReminderKind
from bot.procedure.results import Recorded
from bot.procedure.service import Procedure
from bot.procedure.steps import Stage, StepKind
from bot.storage.db import Database
from bot.storage.reminders import ReminderRow
from bot.storage.stores import Stores
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Count, Day

log = logging.getLogger(__name__)

DRAFT_WARNING = timedelta(days=14)
"""A draft about to be purged (BOT_RETENTION_MONTHS untouched) is mentioned this long before."""
ROUND_SECONDS = 3600.0


class Scheduler:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        procedure: Procedure,
        retention_months: int,
        wake: Callable[[], None] = lambda: None,
    ) -> None:
        self.database = database
        self.clock = clock
        self.procedure = procedure
        self.retention_months = retention_months
        self.wake = wake
        """Called when something was written to the outbox (the worker's `wake`)."""

    async def tick(self, now: datetime | None = None) -> int:
        """One round of everything; returns how many outbox items it wrote."""
        now = now or self.clock.now()
        written = await self.due_reports(now)
        written += await self.due_escalations(now)
        written += await self.stale_drafts(now)
        written += await self.due_reminders(now)
        return written

    async def run(self) -> None:
        """Rounds at start and then hourly, on the clock."""
        while True:
            try:
                await self.tick()
            except Exception:  # a broken round must not end the rounds to come
                log.exception("procedure round failed")
            await self.clock.sleep(ROUND_SECONDS)

    # --- reminders -------------------------------------------------------------------------

    async def due_reminders(self, now: datetime | None = None) -> int:
        """Enqueue every reminder due by `now` that was not enqueued before; returns how many
        went to the outbox (a reminder of a case whose sponsor switched them off is set aside
        instead, never sent later)."""
        now = now or self.clock.now()
        sent = 0
        async with Stores.transaction(self.database, now) as stores:
            store = stores.reminders
            for reminder in await store.due():
                message = await self._message(stores, reminder)
                if message is None:
                    continue
                language = await stores.drafts.language_of(reminder.recipient)
                item = await stores.outbox.add(
                    reminder.recipient, text_payload(message, language, reminder.case_id)
                )
                marked = await store.enqueued(reminder.id, item)
                assert marked, "one writer: nobody else enqueues it meanwhile"
                sent += 1
        if sent:
            self.wake()
        return sent

    async def _message(self, stores: Stores, reminder: ReminderRow) -> Msg | None:
        """The reminder's text as things stand now, or None after setting it aside."""
        store = stores.reminders
        params: dict[str, Param] = {
            "date": Day(reminder.event_on) if reminder.event_on else "–",
            "detail": reminder.detail,
        }
        if reminder.case_id is not None:
            case = await stores.cases.get(reminder.case_id)
            if case is None:
                await store.cancel(reminder.id, "gone")
                return None
            if not case.reminders:
                await store.cancel(reminder.id, "off")
                return None
            params |= {"number": case.id, "title": case.title}
        else:
            params |= {
                "number": reminder.draft_id or 0,
                "title": reminder.detail or Msg("procedure.untitled"),
                "months": Count(self.retention_months, "months"),
            }
        return Msg(f"procedure.reminder.{reminder.kind}", params)

    async def stale_drafts(self, now: datetime | None = None) -> int:
        """Plan a notice for each draft the retention purge will take within
        `DRAFT_WARNING` (not for drafts of a case still in procedure: those are kept)."""
        now = now or self.clock.now()
        cutoff = months_before(now + DRAFT_WARNING, self.retention_months)
        planned = 0
        async with Stores.transaction(self.database, now) as stores:
            rows = await stores.connection.execute_fetchall(
                "SELECT d.id, d.owner_id, d.updated_at, u.language, d.title FROM drafts d "
                "JOIN users u ON u.id = d.owner_id WHERE d.updated_at < ? "
                "AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.draft_id = d.id)",
                (cutoff.isoformat(timespec="seconds"),),
            )
            store = stores.reminders
            for row in rows:
                touched = datetime.fromisoformat(row["updated_at"])
                purge_on = add_months(touched.date(), self.retention_months)
                title = row["title"]
                if title is None:  # not renamed: the title answered in the dialog
                    title = (await stores.cases.draft_answers(row["id"])).title or ""
                if await store.plan(
                    f"draft:{row['id']}:{row['updated_at']}",
                    ReminderKind.DRAFT_UNTOUCHED.value,
                    row["owner_id"],
                    row["language"],
                    now,
                    purge_on,
                    title,
                    draft_id=row["id"],
                ):
                    planned += 1
        return 0 if not planned else await self.due_reminders(now)

    # --- steps of the clock ----------------------------------------------------------------

    async def due_escalations(self, now: datetime | None = None) -> int:
        """A handoff no contact took within the days staff set goes to the coordination
        office, and the sponsor is told (once per handoff: per revision and alliance)."""
        now = now or self.clock.now()
        told = 0
        async with Stores.transaction(self.database, now) as stores:
            days = await self.procedure.escalation_days(stores)
            before = (now - timedelta(days=days)).isoformat(timespec="seconds")
            cases = stores.cases
            waiting = Stage.HANDED_OVER.value, Stage.TAKEN_OVER.value
            for case in await cases.in_stage(*waiting):
                earlier = {
                    step.payload.get("handoff")
                    for step in await cases.steps_of_kind(case.id, StepKind.ESCALATE.value)
                }
                current = await self.procedure.revision(stores, case)
                for handoff_id, alliance in current.items():
                    rows = await stores.connection.execute_fetchall(
                        "SELECT created_at FROM handoffs WHERE id = ? AND taken_by IS NULL",
                        (handoff_id,),
                    )
                    row = next(iter(rows), None)
                    if row is None or row["created_at"] > before or handoff_id in earlier:
                        continue
                    fresh = await cases.get(case.id)
                    assert fresh is not None
                    outcome = await self.procedure.record_by_clock(
                        stores,
                        fresh,
                        StepKind.ESCALATE,
                        {"handoff": handoff_id, "alliance": alliance, "days": days},
                        {
                            "days": Count(days, "days_dative"),
                            "revision": case.revision,
                            "alliance": self.procedure.alliance_name(alliance),
                        },
                    )
                    if isinstance(outcome, Recorded):
                        told += 1
        if told:
            self.wake()
        return told

    async def due_reports(self, now: datetime | None = None) -> int:
        """A running project whose end has passed: its report is due (chapter 5)."""
        now = now or self.clock.now()
        moved = 0
        async with Stores.transaction(self.database, now) as stores:
            for case in await stores.cases.in_stage(Stage.RUNNING.value):
                if case.project_end is None or case.project_end >= now.date():
                    continue
                due = case.report_due or case.project_end
                outcome = await self.procedure.record_by_clock(
                    stores, case, StepKind.REPORT_DUE, {}, {"due": Day(due)}
                )
                if isinstance(outcome, Recorded):
                    moved += 1
        if moved:
            self.wake()
        return moved
