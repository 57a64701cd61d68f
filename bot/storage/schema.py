"""Schema migrations, applied in order; `PRAGMA user_version` records how many ran.

Never edit a released migration: append a new one.
"""

from __future__ import annotations

_PROJECT_STEPS = (
    "title",
    "districts",
    "target_groups",
    "action_fields",
    "sub_goals",
    "description",
    "period",
    "source",
)
"""The steps of adding a past project before its preview, in order (schema 11)."""
_TAPPED = ("districts", "target_groups", "action_fields", "sub_goals")


def _staff_dialogs_on_engine() -> str:
    """Schema 11's statement: staff's knowledge dialogs become `StaffDialog`s carrying the
    engine's `DialogState`. Adding a project (`AddProject`: each answer a field, the step a
    name) goes on
    (`bot.alliance.staff_dialogs`), at the same step: the answers given so far (a tapped one
    with its codes, shown as these until the preview names them), the steps before as its
    history (for going back), and the ticks of a tapped step not yet confirmed."""
    p = "e.value"
    rank = (
        "CASE json_extract(e.value, '$.step') "
        + " ".join(f"WHEN '{step}' THEN {index}" for index, step in enumerate(_PROJECT_STEPS))
        + f" ELSE {len(_PROJECT_STEPS)} END"
    )
    history = (
        "CASE "
        + " ".join(
            f"WHEN {rank} = {index} THEN json('{_json_list(_PROJECT_STEPS[:index])}')"
            for index in range(len(_PROJECT_STEPS))
        )
        + f" ELSE json('{_json_list(_PROJECT_STEPS)}') END"
    )
    ticked = (
        "CASE json_extract(e.value, '$.step') "
        + " ".join(
            f"WHEN '{step}' THEN json(coalesce(json_extract({p}, '$.{step}'), '[]'))"
            for step in _TAPPED
        )
        + " ELSE json('[]') END"
    )
    pieces = []
    for key, field in (("title", "title"), ("id", "entry_id")):
        pieces.append(
            f"CASE WHEN coalesce(json_extract({p}, '$.{field}'), '') <> '' THEN json_object("
            f"'{key}', json_object('text', json_extract({p}, '$.{field}'), "
            f"'value', json_extract({p}, '$.{field}'))) ELSE '{{}}' END"
        )
    for field in ("description", "source"):
        pieces.append(
            f"CASE WHEN coalesce(json_extract({p}, '$.{field}'), '') <> '' THEN json_object("
            f"'{field}', json_object('text', json_extract({p}, '$.{field}'), "
            f"'value', json_extract({p}, '$.{field}'))) ELSE '{{}}' END"
        )
    for field in _TAPPED:
        index = _PROJECT_STEPS.index(field)
        pieces.append(
            f"CASE WHEN {rank} > {index} AND json_array_length({p}, '$.{field}') > 0 THEN "
            f"json_object('{field}', json_object('text', (SELECT group_concat(c.value, ', ') "
            f"FROM json_each({p}, '$.{field}') AS c), 'value', "
            f"json(json_extract({p}, '$.{field}')))) ELSE '{{}}' END"
        )
    start, end = f"json_extract({p}, '$.start_year')", f"json_extract({p}, '$.end_year')"
    pieces.append(
        f"CASE WHEN {start} IS NOT NULL THEN json_object('period', json_object('text', "
        f"CASE WHEN coalesce({end}, {start}) = {start} THEN CAST({start} AS TEXT) "
        f"ELSE {start} || '–' || {end} END, 'value', json_object('start_year', {start}, "
        f"'end_year', coalesce({end}, {start})))) ELSE '{{}}' END"
    )
    answers = "'{}'"
    for piece in pieces:
        answers = f"json_patch({answers}, {piece})"
    converted = (
        "json_object('kind', 'staff_dialog', 'dialog', 'project_new', "
        f"'based_on', json_extract({p}, '$.based_on'), 'state', json_object("
        f"'step', coalesce(json_extract({p}, '$.step'), 'title'), 'answers', json({answers}), "
        f"'history', {history}, 'ticked', {ticked}))"
    )
    # Retiring: at the confirmation once a project was chosen (named by its id until the
    # screen shows its title), else at the question (the projects found are not kept: the
    # word is asked again).
    entry = f"coalesce(json_extract({p}, '$.entry_id'), '')"
    retiring = (
        "json_object('kind', 'staff_dialog', 'dialog', 'project_retire', "
        f"'based_on', json_extract({p}, '$.based_on'), 'state', CASE WHEN {entry} <> '' "
        "THEN json_object('step', 'removal', 'answers', json_object('project', "
        f"json_object('text', {entry}, 'value', {entry})), 'history', json('[\"project\"]')) "
        "ELSE json_object('step', 'project') END)"
    )
    # An entry's edit: on the list, with the entries it showed (named by their ids, the
    # screen shows their titles); otherwise on the entry as edited so far, each field an
    # answer (shown as its JSON text until answered again), whatever field was asked.
    answers = (
        "(SELECT json_group_object(j.key, json_object('text', CASE "
        "WHEN j.type IN ('array', 'object') THEN j.value || '' WHEN j.type = 'null' THEN '–' "
        "ELSE CAST(j.value AS TEXT) END, 'value', CASE "
        "WHEN j.type IN ('array', 'object') THEN json(j.value) WHEN j.type = 'null' "
        "THEN json('null') WHEN j.type = 'true' THEN json('true') WHEN j.type = 'false' "
        f"THEN json('false') ELSE j.value END)) FROM json_each({p}, '$.value') AS j)"
    )
    offered = (
        "(SELECT json_group_array(json_object('value', o.value, 'label', o.value)) "
        f"FROM json_each({p}, '$.offered') AS o)"
    )
    editing = (
        "json_object('kind', 'staff_dialog', 'dialog', "
        f"json_extract({p}, '$.form') || '_edit', 'based_on', json_extract({p}, '$.based_on'), "
        f"'state', CASE WHEN coalesce(json_extract({p}, '$.stage'), 'choose') = 'choose' "
        f"THEN json_object('step', 'choose', 'offered', json(coalesce({offered}, '[]'))) "
        f"ELSE json_object('step', 'entry', 'answers', json(coalesce({answers}, '{{}}'))) END)"
    )
    return (
        "UPDATE users SET pending = (SELECT json_group_array(CASE json_extract(e.value, '$.kind') "
        f"WHEN 'add_project' THEN json({converted}) WHEN 'retire_project' THEN json({retiring}) "
        f"WHEN 'edit_entry' THEN json({editing}) "
        "ELSE json(e.value) END) FROM json_each(users.pending) AS e) "
        "WHERE json_valid(pending) AND EXISTS (SELECT 1 FROM json_each(users.pending) AS e "
        "WHERE json_extract(e.value, '$.kind') IN ('add_project', 'retire_project', 'edit_entry'))"
    )


def _json_list(items: tuple[str, ...]) -> str:
    return "[" + ",".join(f'"{item}"' for item in items) + "]"


MIGRATIONS: tuple[str, ...] = (
    # 1: sponsors and their drafts
    """
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        language TEXT NOT NULL DEFAULT 'de' CHECK (language IN ('de', 'en')),
        current_draft_id INTEGER REFERENCES drafts(id) ON DELETE SET NULL,
        pending TEXT,
        last_update_id INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        owner_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        title TEXT,
        status TEXT NOT NULL DEFAULT 'draft',
        state TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX drafts_by_owner ON drafts(owner_id, updated_at);
    """,
    # 2: alliance contacts, handoffs, the durable outbox, anonymous statistics
    """
    CREATE TABLE invitations (
        token TEXT PRIMARY KEY,
        alliance_id TEXT NOT NULL,
        created_by INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_by INTEGER,
        used_at TEXT
    );
    CREATE TABLE contacts (
        user_id INTEGER NOT NULL,
        alliance_id TEXT NOT NULL,
        name TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        PRIMARY KEY (user_id, alliance_id)
    );
    CREATE TABLE handoffs (
        id INTEGER PRIMARY KEY,
        draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        sponsor_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        alliance_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('handoff', 'question')),
        title TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'sent',
        taken_by INTEGER,
        taken_by_name TEXT,
        taken_at TEXT,
        statement TEXT,
        statement_comment TEXT,
        statement_at TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX handoffs_by_alliance ON handoffs(alliance_id, created_at);
    CREATE TABLE relays (
        chat_id INTEGER NOT NULL,
        message_id INTEGER NOT NULL,
        handoff_id INTEGER NOT NULL REFERENCES handoffs(id) ON DELETE CASCADE,
        PRIMARY KEY (chat_id, message_id)
    );
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        payload TEXT NOT NULL,
        handoff_id INTEGER REFERENCES handoffs(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        sent_at TEXT,
        message_id INTEGER,
        failed TEXT
    );
    CREATE INDEX outbox_due ON outbox(sent_at, failed, due_at);
    CREATE TABLE deleted_counts (
        subregion TEXT NOT NULL,
        action_field TEXT NOT NULL,
        status TEXT NOT NULL,
        drafts INTEGER NOT NULL,
        costs_eur INTEGER NOT NULL,
        PRIMARY KEY (subregion, action_field, status)
    );
    """,
    # 3: the contact a notification names ("taken over by ..."), so that an erasure finds
    # the undelivered ones and a contact told who took a handoff is not told again
    """
    ALTER TABLE outbox ADD COLUMN named_user INTEGER;
    CREATE INDEX outbox_named ON outbox(named_user) WHERE named_user IS NOT NULL;
    """,
    # 4: a handoff's Projektskizze, rendered once (per language) after the handoff is
    # committed and kept until every recipient has it
    """
    CREATE TABLE handoff_sketches (
        handoff_id INTEGER NOT NULL REFERENCES handoffs(id) ON DELETE CASCADE,
        language TEXT NOT NULL,
        filename TEXT NOT NULL,
        mime_type TEXT NOT NULL,
        content BLOB NOT NULL,
        PRIMARY KEY (handoff_id, language)
    );
    """,
    # 5: handoff and outbox numbers are never given twice (AUTOINCREMENT: SQLite reuses the
    # largest rowid after a delete, so an erased sponsor's handoff number went to the next
    # sponsor, and the old notification's buttons and replies with it). Every handoff gets a
    # random token that its buttons carry: an old button reaches only its own handoff, even if
    # a number came back after lost commits or a restored backup. The tables are rebuilt with
    # their data, indexes and the references of relays, handoff_sketches and outbox; the
    # migration runs with foreign keys off and is checked before its commit.
    """
    CREATE TABLE handoffs_v5 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        token TEXT NOT NULL,
        draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        sponsor_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        alliance_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('handoff', 'question')),
        title TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'sent',
        taken_by INTEGER,
        taken_by_name TEXT,
        taken_at TEXT,
        statement TEXT,
        statement_comment TEXT,
        statement_at TEXT,
        created_at TEXT NOT NULL
    );
    INSERT INTO handoffs_v5 (id, token, draft_id, sponsor_id, alliance_id, kind, title,
        snapshot, status, taken_by, taken_by_name, taken_at, statement, statement_comment,
        statement_at, created_at)
    SELECT id, lower(hex(randomblob(8))), draft_id, sponsor_id, alliance_id, kind, title,
        snapshot, status, taken_by, taken_by_name, taken_at, statement, statement_comment,
        statement_at, created_at
    FROM handoffs;
    DROP TABLE handoffs;
    ALTER TABLE handoffs_v5 RENAME TO handoffs;
    CREATE INDEX handoffs_by_alliance ON handoffs(alliance_id, created_at);
    CREATE INDEX handoffs_by_draft ON handoffs(draft_id);
    CREATE TABLE outbox_v5 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        chat_id INTEGER NOT NULL,
        payload TEXT NOT NULL,
        handoff_id INTEGER REFERENCES handoffs(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        sent_at TEXT,
        message_id INTEGER,
        failed TEXT,
        named_user INTEGER
    );
    INSERT INTO outbox_v5 (id, chat_id, payload, handoff_id, created_at, due_at, attempts,
        sent_at, message_id, failed, named_user)
    SELECT id, chat_id, payload, handoff_id, created_at, due_at, attempts, sent_at,
        message_id, failed, named_user
    FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_v5 RENAME TO outbox;
    CREATE INDEX outbox_due ON outbox(sent_at, failed, due_at);
    CREATE INDEX outbox_named ON outbox(named_user) WHERE named_user IS NOT NULL;
    """,
    # 6: what a user was asked to type (users.pending) becomes a stack of typed sub-dialogs
    # (bot.core.subdialogs): {"rename": 3} -> [{"kind": "rename", "draft": 3}], likewise "ask",
    # "answer", and "statement" with its "value". A handoff named by its number (written
    # before handoffs had tokens) is named by its ref now, so the answer still reaches it; a
    # handoff gone meanwhile gets an empty ref (the answer is told it is gone). Anything else
    # was never written and goes. Drafts' dialog state keeps its shape.
    """
    UPDATE users SET pending = CASE
        WHEN NOT json_valid(pending) THEN NULL
        WHEN json_type(pending, '$.rename') = 'integer' THEN json_array(json_object(
            'kind', 'rename', 'draft', json_extract(pending, '$.rename')))
        WHEN json_type(pending, '$.statement') IN ('integer', 'text')
            AND json_extract(pending, '$.value') IN ('supports', 'rejects', 'changes')
            THEN json_array(json_object(
                'kind', 'statement', 'handoff', CASE json_type(pending, '$.statement')
                WHEN 'text' THEN json_extract(pending, '$.statement')
                ELSE coalesce((SELECT id || '.' || token FROM handoffs
                    WHERE id = json_extract(pending, '$.statement')), '') END,
                'statement', json_extract(pending, '$.value')))
        WHEN json_type(pending, '$.ask') IN ('integer', 'text') THEN json_array(json_object(
            'kind', 'ask', 'handoff', CASE json_type(pending, '$.ask')
                WHEN 'text' THEN json_extract(pending, '$.ask')
                ELSE coalesce((SELECT id || '.' || token FROM handoffs
                    WHERE id = json_extract(pending, '$.ask')), '') END))
        WHEN json_type(pending, '$.answer') IN ('integer', 'text') THEN json_array(json_object(
            'kind', 'answer', 'handoff', CASE json_type(pending, '$.answer')
                WHEN 'text' THEN json_extract(pending, '$.answer')
                ELSE coalesce((SELECT id || '.' || token FROM handoffs
                    WHERE id = json_extract(pending, '$.answer')), '') END))
    END
    WHERE pending IS NOT NULL;
    """,
    # 7: the procedure after the handoff (#14): one case per draft (its handoffs are the
    # revisions), every step with who, role, when and what; the steering group's meetings and
    # their agendas; evaluation steps agreed with a sponsor; reminders that survive restarts
    # (each marked enqueued in the transaction that writes its outbox item); a draft's cost and
    # financing plan; settings staff change (days before an untaken handoff escalates).
    """
    CREATE TABLE meetings (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        held_on TEXT NOT NULL,
        deadline TEXT,
        note TEXT NOT NULL DEFAULT '',
        created_by INTEGER,
        created_at TEXT NOT NULL,
        cancelled_at TEXT
    );
    CREATE INDEX meetings_by_date ON meetings(held_on);
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        draft_id INTEGER NOT NULL UNIQUE REFERENCES drafts(id) ON DELETE CASCADE,
        sponsor_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        alliance_id TEXT NOT NULL,
        alliances TEXT NOT NULL DEFAULT '[]',
        title TEXT NOT NULL,
        stage TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1,
        handoff_id INTEGER,
        contact_id INTEGER,
        contact_name TEXT,
        costs_eur INTEGER,
        grant_eur INTEGER,
        planned_start TEXT,
        duration_months INTEGER,
        nbank_applied_on TEXT,
        meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        project_start TEXT,
        project_end TEXT,
        report_due TEXT,
        reminders INTEGER NOT NULL DEFAULT 0,
        opened_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        closed_at TEXT
    );
    CREATE INDEX cases_by_alliance ON cases(alliance_id, stage);
    CREATE INDEX cases_by_sponsor ON cases(sponsor_id);
    CREATE TABLE case_steps (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        role TEXT NOT NULL,
        actor_id INTEGER,
        stage_before TEXT,
        stage_after TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '{}',
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX case_steps_by_case ON case_steps(case_id, id);
    CREATE TABLE meeting_cases (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        added_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, case_id)
    );
    CREATE TABLE evaluations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        due_on TEXT NOT NULL,
        added_at TEXT NOT NULL,
        received_at TEXT
    );
    CREATE TABLE reminders (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        case_id INTEGER REFERENCES cases(id) ON DELETE CASCADE,
        draft_id INTEGER REFERENCES drafts(id) ON DELETE CASCADE,
        recipient INTEGER NOT NULL,
        language TEXT NOT NULL DEFAULT 'de',
        due_at TEXT NOT NULL,
        event_on TEXT,
        detail TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        enqueued_at TEXT,
        outbox_id INTEGER,
        cancelled_at TEXT,
        cancel_reason TEXT
    );
    CREATE INDEX reminders_due ON reminders(enqueued_at, cancelled_at, due_at);
    CREATE INDEX reminders_by_case ON reminders(case_id);
    CREATE INDEX reminders_by_recipient ON reminders(recipient);
    CREATE TABLE plans (
        draft_id INTEGER PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
        content TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE procedure_settings (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        changed_by INTEGER,
        changed_at TEXT NOT NULL
    );
    """,
    # 8: staff added in the bot (issue 17 point 6): besides BOT_ADMIN_IDS (the first staff
    # members, from the configuration), staff invite further colleagues with one-time links
    # and remove them again, without a deployment.
    """
    CREATE TABLE staff_members (
        user_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        added_by INTEGER NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE TABLE staff_invitations (
        token TEXT PRIMARY KEY,
        created_by INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_by INTEGER,
        used_at TEXT
    );
    """,
    # 9: honest delivery and feedback. A delivery groups the notifications of one handoff,
    # question or request for a person: once all of them are sent or given up, the sponsor is
    # told how many arrived (bot.alliance.delivery). A failed item re-routed by staff records
    # to whom. Feedback rates one piece of advice (a draft at a knowledge-base version).
    """
    CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sponsor_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('handoff', 'question', 'human')),
        title TEXT NOT NULL,
        recipient TEXT NOT NULL,
        office INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        reported_at TEXT
    );
    CREATE INDEX deliveries_by_sponsor ON deliveries(sponsor_id);
    ALTER TABLE outbox ADD COLUMN delivery_id INTEGER REFERENCES deliveries(id) ON DELETE SET NULL;
    ALTER TABLE outbox ADD COLUMN rerouted_to INTEGER;
    CREATE INDEX outbox_delivery ON outbox(delivery_id) WHERE delivery_id IS NOT NULL;
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL,
        draft_id INTEGER,
        rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
        reason TEXT,
        kb_version TEXT NOT NULL,
        advice TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX feedback_by_user ON feedback(user_id);
    """,
    # 10: what a sponsor prepares to send (the handoff or a question) was a pseudo-answer
    # "handoff_kind" among the answers; it becomes the dialog state's typed field
    # `handoff_kind`, in the drafts and in the states handoffs keep as their snapshot (whose
    # answers are compared with the draft's: the same content is not sent twice).
    """
    UPDATE drafts SET state = json_remove(
        json_set(state, '$.handoff_kind',
            CASE json_extract(state, '$.answers.handoff_kind.value')
            WHEN 'question' THEN 'question' ELSE 'handoff' END),
        '$.answers.handoff_kind')
    WHERE json_valid(state) AND json_type(state, '$.answers.handoff_kind') IS NOT NULL;
    UPDATE handoffs SET snapshot = json_remove(
        json_set(snapshot, '$.state.handoff_kind',
            CASE json_extract(snapshot, '$.state.answers.handoff_kind.value')
            WHEN 'question' THEN 'question' ELSE 'handoff' END),
        '$.state.answers.handoff_kind')
    WHERE json_valid(snapshot)
        AND json_type(snapshot, '$.state.answers.handoff_kind') IS NOT NULL;
    """,
    # 11: staff's knowledge dialogs run on the dialog engine (issue 17 point 1): the
    # sub-dialogs `AddProject`, `RetireProject` and `EditEntry` become `StaffDialog` with the
    # engine's dialog state, where they were with what was given (`_staff_dialogs_on_engine`).
    _staff_dialogs_on_engine(),
    # 12: the column holds the stack of typed sub-dialogs since migration 6; its name still
    # said `pending`, after the untyped dict it replaced
    "ALTER TABLE users RENAME COLUMN pending TO subdialogs;",
    # 13: drafts are found by their owner alone. With `updated_at` in the index, every save
    # of a draft (each update of a dialog) rewrote the index's entry too: a third page written
    # and synced per update. A sponsor's few drafts are sorted by time when listed.
    """
    DROP INDEX drafts_by_owner;
    CREATE INDEX drafts_by_owner ON drafts(owner_id);
    """,
)
