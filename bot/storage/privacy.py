"""A user's data: all of it as JSON, erased on request, drafts purged after the retention period.

Only anonymous counts survive an erasure (sub-region, action field, status, number, sum), so
the statistics of the coordination office stay fair across the sub-regions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from bot.storage.drafts import Draft, Drafts
from bot.storage.outbox import Outbox, OutboxPayload

TAKER_ROLE = "contact person of the local alliance"
"""How a sponsor's export names the role of whoever took a handoff over."""


@dataclass(frozen=True)
class Classified:
    subregion: str
    action_field: str
    status: str
    costs_eur: int


Classify = Callable[[Draft], Classified]


async def _rows(
    connection: aiosqlite.Connection, sql: str, *params: object
) -> list[dict[str, Any]]:
    cursor = await connection.execute(sql, params)
    return [dict(row) for row in await cursor.fetchall()]


async def export_user(connection: aiosqlite.Connection, user_id: int) -> dict[str, Any]:
    users = await _rows(connection, "SELECT * FROM users WHERE id = ?", user_id)
    for user in users:
        user["subdialogs"] = json.loads(user["subdialogs"]) if user["subdialogs"] else None
    drafts = await _rows(connection, "SELECT * FROM drafts WHERE owner_id = ?", user_id)
    for draft in drafts:
        draft["state"] = json.loads(draft["state"])
    # The contact who took a handoff over is named as the sponsor saw them (name and role),
    # never by their Telegram id: that is the contact's data, not the sponsor's. The token
    # is the bot's, not personal data.
    handoffs = await _rows(
        connection,
        "SELECT id, draft_id, alliance_id, kind, title, snapshot, status, taken_by_name, "
        "taken_at, statement, statement_comment, statement_at, created_at "
        "FROM handoffs WHERE sponsor_id = ?",
        user_id,
    )
    for handoff in handoffs:
        handoff["snapshot"] = json.loads(handoff["snapshot"])
        name = handoff.pop("taken_by_name")
        handoff["taken_over_by"] = {"name": name, "role": TAKER_ROLE} if name else None
    pending = await _rows(
        connection,
        "SELECT id, created_at, payload FROM outbox WHERE chat_id = ? AND sent_at IS NULL",
        user_id,
    )
    for message in pending:
        # Not the file, nor the same message without a contact's name.
        shown = OutboxPayload.read(message["payload"]).without("document", "anonymous")
        message["payload"] = shown.model_dump(mode="json", exclude_unset=True)
    return {
        "user": users[0] if users else None,
        "drafts": drafts,
        "handoffs": handoffs,
        "contact_registrations": await _rows(
            connection, "SELECT * FROM contacts WHERE user_id = ?", user_id
        ),
        # As a contact: what this user took over and stated (not the sponsor's details).
        "handoffs_taken_over": await _rows(
            connection,
            "SELECT id, alliance_id, kind, title, status, taken_at, statement, "
            "statement_comment, statement_at FROM handoffs WHERE taken_by = ?",
            user_id,
        ),
        "pending_messages": pending,
        **await _procedure(connection, user_id),
        # Staff added in the bot: their membership, and the staff invitations they made
        # (without the token: it is the bot's secret, not personal data).
        "staff_membership": await _rows(
            connection, "SELECT * FROM staff_members WHERE user_id = ?", user_id
        ),
        "staff_invitations": await _rows(
            connection,
            "SELECT created_at, expires_at, used_at FROM staff_invitations WHERE created_by = ?",
            user_id,
        ),
        # How the user's handoffs, questions and requests for a person were delivered.
        "deliveries": await _rows(
            connection,
            "SELECT kind, title, recipient, office, created_at, reported_at FROM deliveries "
            "WHERE sponsor_id = ?",
            user_id,
        ),
        "feedback": await _rows(
            connection,
            "SELECT draft_id, rating, reason, kb_version, advice, created_at FROM feedback "
            "WHERE user_id = ?",
            user_id,
        ),
    }


async def _procedure(connection: aiosqlite.Connection, user_id: int) -> dict[str, Any]:
    """The procedure after the handoff: the sponsor's cases with their history, plans and
    reminders; as a contact or staff, what this user recorded in others' cases."""
    cases = await _rows(connection, "SELECT * FROM cases WHERE sponsor_id = ?", user_id)
    for case in cases:
        # Others' account numbers are theirs, not the sponsor's data (as with handoffs).
        case.pop("contact_id", None)
        case["steps"] = await _rows(
            connection, "SELECT * FROM case_steps WHERE case_id = ? ORDER BY id", case["id"]
        )
        for step in case["steps"]:
            step["payload"] = json.loads(step["payload"])
            if step.get("actor_id") != user_id:
                step.pop("actor_id", None)
            for other in ("from", "to"):
                step["payload"].pop(other, None)
        case["evaluations"] = await _rows(
            connection, "SELECT * FROM evaluations WHERE case_id = ?", case["id"]
        )
        case["meetings"] = await _rows(
            connection,
            "SELECT m.id, m.held_on FROM meetings m JOIN meeting_cases a ON a.meeting_id = m.id "
            "WHERE a.case_id = ?",
            case["id"],
        )
    plans = await _rows(
        connection,
        "SELECT p.* FROM plans p JOIN drafts d ON d.id = p.draft_id WHERE d.owner_id = ?",
        user_id,
    )
    for plan in plans:
        plan["content"] = json.loads(plan["content"])
    return {
        "cases": cases,
        "plans": plans,
        "reminders": await _rows(
            connection,
            "SELECT id, kind, case_id, draft_id, due_at, event_on, detail, enqueued_at, "
            "cancelled_at, cancel_reason FROM reminders WHERE recipient = ?",
            user_id,
        ),
        # As a contact or staff: the steps recorded, the cases in charge (no sponsor details).
        "case_steps_recorded": await _rows(
            connection,
            "SELECT id, case_id, kind, role, recorded_at FROM case_steps WHERE actor_id = ?",
            user_id,
        ),
        "cases_in_charge": await _rows(
            connection,
            "SELECT id, alliance_id, title, stage FROM cases WHERE contact_id = ?",
            user_id,
        ),
        # As staff: the procedure's settings they changed last (the escalation's days).
        "procedure_settings_changed": await _rows(
            connection,
            "SELECT name, value, changed_at FROM procedure_settings WHERE changed_by = ?",
            user_id,
        ),
    }


async def cases_in_procedure(connection: aiosqlite.Connection, user_id: int) -> int:
    """The sponsor's cases neither closed nor withdrawn: an erasure warns of them first."""
    cursor = await connection.execute(
        "SELECT COUNT(*) FROM cases WHERE sponsor_id = ? AND closed_at IS NULL", (user_id,)
    )
    row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def _count(connection: aiosqlite.Connection, classified: Classified) -> None:
    await connection.execute(
        "INSERT INTO deleted_counts (subregion, action_field, status, drafts, costs_eur) "
        "VALUES (?, ?, ?, 1, ?) ON CONFLICT(subregion, action_field, status) DO UPDATE SET "
        "drafts = drafts + 1, costs_eur = costs_eur + excluded.costs_eur",
        (classified.subregion, classified.action_field, classified.status, classified.costs_eur),
    )


async def erase_user(
    connection: aiosqlite.Connection, drafts: Drafts, user_id: int, classify: Classify
) -> int:
    """Delete everything of one user; returns how many drafts went."""
    mine = await drafts.list(user_id)
    for draft in mine:
        await _count(connection, classify(draft))
    # Messages to the user, and every message about the user's handoffs and cases (to
    # contacts and staff too).
    await connection.execute("DELETE FROM outbox WHERE chat_id = ?", (user_id,))
    await connection.execute(
        "DELETE FROM outbox WHERE sent_at IS NULL AND json_extract(payload, '$.case') IN "
        "(SELECT id FROM cases WHERE sponsor_id = ?)",
        (user_id,),
    )
    await connection.execute(
        "DELETE FROM outbox WHERE handoff_id IN (SELECT id FROM handoffs WHERE sponsor_id = ?)",
        (user_id,),
    )
    # Undelivered messages of others that name the user (a contact who took over, asked,
    # stated) still go, with "the local alliance" instead of the name.
    await Outbox(connection, drafts.now_moment).forget_name(user_id)
    await connection.execute("DELETE FROM contacts WHERE user_id = ?", (user_id,))
    # An invitation the user redeemed stays used (deleted, so nobody can redeem it again).
    await connection.execute(
        "DELETE FROM invitations WHERE used_by = ? OR created_by = ?", (user_id, user_id)
    )
    await connection.execute("DELETE FROM staff_members WHERE user_id = ?", (user_id,))
    await connection.execute(
        "DELETE FROM staff_invitations WHERE used_by = ? OR created_by = ?", (user_id, user_id)
    )
    # Handoffs of others this user took over as a contact keep their state, not the person.
    await connection.execute(
        "UPDATE handoffs SET taken_by = NULL, taken_by_name = NULL WHERE taken_by = ?",
        (user_id,),
    )
    await connection.execute("DELETE FROM relays WHERE chat_id = ?", (user_id,))
    # The procedure: others' cases keep their steps and state, not the person who recorded
    # them or was in charge; the user's own cases go with their drafts (cascade).
    await connection.execute(
        "UPDATE cases SET contact_id = NULL, contact_name = NULL WHERE contact_id = ?", (user_id,)
    )
    await connection.execute("UPDATE case_steps SET actor_id = NULL WHERE actor_id = ?", (user_id,))
    await connection.execute(
        "UPDATE meetings SET created_by = NULL WHERE created_by = ?", (user_id,)
    )
    await connection.execute(
        "UPDATE procedure_settings SET changed_by = NULL WHERE changed_by = ?", (user_id,)
    )
    await connection.execute("DELETE FROM reminders WHERE recipient = ?", (user_id,))
    await connection.execute("DELETE FROM cases WHERE sponsor_id = ?", (user_id,))
    await connection.execute("UPDATE users SET current_draft_id = NULL WHERE id = ?", (user_id,))
    await connection.execute("DELETE FROM handoffs WHERE sponsor_id = ?", (user_id,))
    await connection.execute("DELETE FROM deliveries WHERE sponsor_id = ?", (user_id,))
    await connection.execute("DELETE FROM feedback WHERE user_id = ?", (user_id,))
    await connection.execute("DELETE FROM drafts WHERE owner_id = ?", (user_id,))
    await connection.execute("DELETE FROM users WHERE id = ?", (user_id,))
    return len(mine)


async def purge_stale(
    connection: aiosqlite.Connection, drafts: Drafts, before: datetime, classify: Classify
) -> int:
    """Drafts untouched since `before` go; their counts stay. A draft whose case is still in
    procedure stays; one whose case closed (or was withdrawn) goes once that is as long ago,
    its case with it."""
    stamp = before.isoformat(timespec="seconds")
    cursor = await connection.execute(
        "SELECT id, owner_id FROM drafts d WHERE updated_at < ? AND NOT EXISTS ("
        "SELECT 1 FROM cases c WHERE c.draft_id = d.id AND (c.closed_at IS NULL "
        "OR c.closed_at >= ?))",
        (stamp, stamp),
    )
    stale = [(row["id"], row["owner_id"]) for row in await cursor.fetchall()]
    # Delivery reports and feedback are kept no longer than the drafts they concern.
    cutoff = before.isoformat(timespec="seconds")
    await connection.execute("DELETE FROM deliveries WHERE created_at < ?", (cutoff,))
    await connection.execute("DELETE FROM feedback WHERE created_at < ?", (cutoff,))
    for draft_id, owner_id in stale:
        # Feedback given later than the draft's last change goes with the draft it rates.
        await connection.execute(
            "DELETE FROM feedback WHERE draft_id = ? AND user_id = ?", (draft_id, owner_id)
        )
        draft = await drafts.get(owner_id, draft_id)
        if draft is not None:
            await _count(connection, classify(draft))
            await drafts.delete(owner_id, draft_id)
    return len(stale)


async def statistics(
    connection: aiosqlite.Connection, drafts_of_all: list[Draft], classify: Classify
) -> dict[tuple[str, str, str], tuple[int, int]]:
    """(sub-region, action field, status) -> (drafts, requested sum), erased ones included."""
    totals: dict[tuple[str, str, str], tuple[int, int]] = {}
    for row in await _rows(connection, "SELECT * FROM deleted_counts"):
        key = (row["subregion"], row["action_field"], row["status"])
        totals[key] = (row["drafts"], row["costs_eur"])
    for draft in drafts_of_all:
        c = classify(draft)
        count, total = totals.get((c.subregion, c.action_field, c.status), (0, 0))
        totals[(c.subregion, c.action_field, c.status)] = (count + 1, total + c.costs_eur)
    return totals
