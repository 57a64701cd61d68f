"""Cases of the procedure after the handoff: one per draft, its steps, agreed evaluation steps,
a draft's cost and financing plan, and the settings staff keep.

Plain rows only: which step may follow which, and who may record it, is `bot/procedure`'s.
Queries run on the caller's open transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import aiosqlite

from bot.core.answers import SponsorAnswers, read_answers
from bot.core.plan import Plan
from bot.core.state import DialogState


@dataclass(frozen=True)
class CaseRow:
    id: int
    draft_id: int
    sponsor_id: int
    alliance_id: str
    """The local alliance to approach first (of a project in several sub-regions)."""
    alliances: tuple[str, ...]
    """Every local alliance concerned, the first one first: each gets its own handoff of
    every revision and states on it."""
    title: str
    stage: str
    revision: int
    """How many times the draft was handed over: each handoff is a revision of the case."""
    handoff_id: int | None
    """The latest revision."""
    contact_id: int | None
    """The alliance's contact in charge (who took it over, or to whom staff moved it)."""
    contact_name: str | None
    costs_eur: int | None
    grant_eur: int | None
    """The grant requested, from the cost and financing plan submitted."""
    planned_start: date | None
    duration_months: int | None
    nbank_applied_on: date | None
    meeting_id: int | None
    project_start: date | None
    project_end: date | None
    report_due: date | None
    reminders: bool
    """The sponsor asked for reminders (opt-in, switchable off at any time)."""
    opened_at: str
    updated_at: str
    closed_at: str | None


@dataclass(frozen=True)
class StepRow:
    id: int
    case_id: int
    kind: str
    role: str
    actor_id: int | None
    stage_before: str | None
    stage_after: str
    payload: dict[str, Any]
    recorded_at: str


@dataclass(frozen=True)
class EvaluationRow:
    id: int
    case_id: int
    kind: str
    title: str
    due_on: date
    added_at: str
    received_at: str | None


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _case(row: aiosqlite.Row) -> CaseRow:
    return CaseRow(
        id=row["id"],
        draft_id=row["draft_id"],
        sponsor_id=row["sponsor_id"],
        alliance_id=row["alliance_id"],
        alliances=tuple(json.loads(row["alliances"])) or (row["alliance_id"],),
        title=row["title"],
        stage=row["stage"],
        revision=row["revision"],
        handoff_id=row["handoff_id"],
        contact_id=row["contact_id"],
        contact_name=row["contact_name"],
        costs_eur=row["costs_eur"],
        grant_eur=row["grant_eur"],
        planned_start=_day(row["planned_start"]),
        duration_months=row["duration_months"],
        nbank_applied_on=_day(row["nbank_applied_on"]),
        meeting_id=row["meeting_id"],
        project_start=_day(row["project_start"]),
        project_end=_day(row["project_end"]),
        report_due=_day(row["report_due"]),
        reminders=bool(row["reminders"]),
        opened_at=row["opened_at"],
        updated_at=row["updated_at"],
        closed_at=row["closed_at"],
    )


def _step(row: aiosqlite.Row) -> StepRow:
    return StepRow(
        id=row["id"],
        case_id=row["case_id"],
        kind=row["kind"],
        role=row["role"],
        actor_id=row["actor_id"],
        stage_before=row["stage_before"],
        stage_after=row["stage_after"],
        payload=json.loads(row["payload"]),
        recorded_at=row["recorded_at"],
    )


def _evaluation(row: aiosqlite.Row) -> EvaluationRow:
    due = _day(row["due_on"])
    assert due is not None
    return EvaluationRow(
        id=row["id"],
        case_id=row["case_id"],
        kind=row["kind"],
        title=row["title"],
        due_on=due,
        added_at=row["added_at"],
        received_at=row["received_at"],
    )


UPDATABLE = frozenset(
    {
        "alliance_id",
        "alliances",
        "title",
        "stage",
        "revision",
        "handoff_id",
        "contact_id",
        "contact_name",
        "costs_eur",
        "grant_eur",
        "planned_start",
        "duration_months",
        "nbank_applied_on",
        "meeting_id",
        "project_start",
        "project_end",
        "report_due",
        "reminders",
        "closed_at",
    }
)


class Cases:
    def __init__(self, connection: aiosqlite.Connection, now: datetime) -> None:
        self.connection = connection
        self.now_moment = now
        self.now = now.isoformat(timespec="seconds")

    async def _all(self, sql: str, *params: object) -> list[aiosqlite.Row]:
        return list(await self.connection.execute_fetchall(sql, params))

    # --- cases -----------------------------------------------------------------------------

    async def open(
        self,
        draft_id: int,
        sponsor_id: int,
        alliances: tuple[str, ...],
        title: str,
        stage: str,
        handoff_id: int,
        costs_eur: int | None,
        planned_start: date | None,
        duration_months: int | None,
    ) -> CaseRow:
        cursor = await self.connection.execute(
            "INSERT INTO cases (draft_id, sponsor_id, alliance_id, alliances, title, stage, "
            "handoff_id, costs_eur, planned_start, duration_months, opened_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                draft_id,
                sponsor_id,
                alliances[0],
                json.dumps(list(alliances)),
                title,
                stage,
                handoff_id,
                costs_eur,
                planned_start.isoformat() if planned_start else None,
                duration_months,
                self.now,
                self.now,
            ),
        )
        assert cursor.lastrowid is not None
        case = await self.get(cursor.lastrowid)
        assert case is not None
        return case

    async def get(self, case_id: int) -> CaseRow | None:
        rows = await self._all("SELECT * FROM cases WHERE id = ?", case_id)
        return _case(rows[0]) if rows else None

    async def of_draft(self, draft_id: int) -> CaseRow | None:
        rows = await self._all("SELECT * FROM cases WHERE draft_id = ?", draft_id)
        return _case(rows[0]) if rows else None

    async def of_sponsor(self, sponsor_id: int) -> list[CaseRow]:
        rows = await self._all(
            "SELECT * FROM cases WHERE sponsor_id = ? ORDER BY id DESC", sponsor_id
        )
        return [_case(row) for row in rows]

    async def of_alliance(self, alliance_id: str) -> list[CaseRow]:
        """The cases the alliance is concerned with (first or further)."""
        rows = await self._all(
            "SELECT * FROM cases WHERE alliance_id = ? OR EXISTS "
            "(SELECT 1 FROM json_each(cases.alliances) WHERE value = ?) ORDER BY id",
            alliance_id,
            alliance_id,
        )
        return [_case(row) for row in rows]

    async def of_contact(self, contact_id: int, alliance_id: str) -> list[CaseRow]:
        """The cases still in procedure (closed and withdrawn ones have an end) that the
        contact is in charge of for this alliance, or whose handoff of it they took."""
        rows = await self._all(
            "SELECT * FROM cases c WHERE c.closed_at IS NULL AND ("
            "(c.contact_id = ? AND c.alliance_id = ?) OR EXISTS (SELECT 1 FROM handoffs h "
            "WHERE h.draft_id = c.draft_id AND h.alliance_id = ? AND h.taken_by = ?)) "
            "ORDER BY c.id",
            contact_id,
            alliance_id,
            alliance_id,
            contact_id,
        )
        return [_case(row) for row in rows]

    async def everyone(self) -> list[CaseRow]:
        return [_case(row) for row in await self._all("SELECT * FROM cases ORDER BY id")]

    async def in_stage(self, *stages: str) -> list[CaseRow]:
        marks = ", ".join("?" for _ in stages)
        rows = await self._all(f"SELECT * FROM cases WHERE stage IN ({marks}) ORDER BY id", *stages)
        return [_case(row) for row in rows]

    async def update(self, case_id: int, **changes: object) -> None:
        assert set(changes) <= UPDATABLE, changes
        values = [
            value.isoformat()
            if isinstance(value, date)
            else json.dumps(list(value))
            if isinstance(value, tuple)
            else value
            for value in changes.values()
        ]
        assignments = ", ".join(f"{name} = ?" for name in changes)
        await self.connection.execute(
            f"UPDATE cases SET {assignments}, updated_at = ? WHERE id = ?",
            (*values, self.now, case_id),
        )

    # --- steps -----------------------------------------------------------------------------

    async def add_step(
        self,
        case_id: int,
        kind: str,
        role: str,
        actor_id: int | None,
        stage_before: str | None,
        stage_after: str,
        payload: dict[str, Any],
    ) -> int:
        cursor = await self.connection.execute(
            "INSERT INTO case_steps (case_id, kind, role, actor_id, stage_before, stage_after, "
            "payload, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                case_id,
                kind,
                role,
                actor_id,
                stage_before,
                stage_after,
                json.dumps(payload, ensure_ascii=False),
                self.now,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def steps(self, case_id: int) -> list[StepRow]:
        rows = await self._all("SELECT * FROM case_steps WHERE case_id = ? ORDER BY id", case_id)
        return [_step(row) for row in rows]

    async def steps_of_kind(self, case_id: int, kind: str) -> list[StepRow]:
        rows = await self._all(
            "SELECT * FROM case_steps WHERE case_id = ? AND kind = ? ORDER BY id", case_id, kind
        )
        return [_step(row) for row in rows]

    # --- meetings' agendas -----------------------------------------------------------------

    async def put_on_agenda(self, meeting_id: int, case_id: int) -> None:
        await self.connection.execute(
            "INSERT OR IGNORE INTO meeting_cases (meeting_id, case_id, added_at) VALUES (?, ?, ?)",
            (meeting_id, case_id, self.now),
        )

    async def take_off_agenda(self, meeting_id: int, case_id: int) -> None:
        await self.connection.execute(
            "DELETE FROM meeting_cases WHERE meeting_id = ? AND case_id = ?",
            (meeting_id, case_id),
        )

    async def on_agenda(self, meeting_id: int) -> list[CaseRow]:
        rows = await self._all(
            "SELECT c.* FROM cases c JOIN meeting_cases m ON m.case_id = c.id "
            "WHERE m.meeting_id = ? ORDER BY m.added_at, c.id",
            meeting_id,
        )
        return [_case(row) for row in rows]

    # --- evaluation steps ------------------------------------------------------------------

    async def add_evaluation(self, case_id: int, kind: str, title: str, due_on: date) -> int:
        cursor = await self.connection.execute(
            "INSERT INTO evaluations (case_id, kind, title, due_on, added_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (case_id, kind, title, due_on.isoformat(), self.now),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def evaluations(self, case_id: int) -> list[EvaluationRow]:
        rows = await self._all(
            "SELECT * FROM evaluations WHERE case_id = ? ORDER BY due_on, id", case_id
        )
        return [_evaluation(row) for row in rows]

    async def evaluation_received(self, evaluation_id: int) -> None:
        await self.connection.execute(
            "UPDATE evaluations SET received_at = ? WHERE id = ?", (self.now, evaluation_id)
        )

    # --- what the draft holds --------------------------------------------------------------

    async def draft_answers(self, draft_id: int) -> SponsorAnswers:
        """The answers of the draft as it stands, decoded (`bot.core.answers`); none once the
        draft is gone."""
        rows = await self._all("SELECT state FROM drafts WHERE id = ?", draft_id)
        if not rows:
            return SponsorAnswers()
        return read_answers(DialogState.model_validate_json(rows[0]["state"]).answers)

    async def plan(self, draft_id: int) -> Plan | None:
        """The plan typed from the case menu, or else the one the sponsor answered in the
        sketch's guided questions (its parts merged)."""
        rows = await self._all("SELECT content FROM plans WHERE draft_id = ?", draft_id)
        if rows:
            return Plan.model_validate(json.loads(rows[0]["content"]))
        return (await self.draft_answers(draft_id)).plan

    async def save_plan(self, draft_id: int, content: dict[str, Any]) -> None:
        await self.connection.execute(
            "INSERT INTO plans (draft_id, content, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(draft_id) DO UPDATE SET content = excluded.content, "
            "updated_at = excluded.updated_at",
            (draft_id, json.dumps(content, ensure_ascii=False), self.now),
        )

    # --- settings --------------------------------------------------------------------------

    async def setting(self, name: str) -> str | None:
        rows = await self._all("SELECT value FROM procedure_settings WHERE name = ?", name)
        return str(rows[0]["value"]) if rows else None

    async def set_setting(self, name: str, value: str, changed_by: int | None) -> None:
        await self.connection.execute(
            "INSERT INTO procedure_settings (name, value, changed_by, changed_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value, "
            "changed_by = excluded.changed_by, changed_at = excluded.changed_at",
            (name, value, changed_by, self.now),
        )
