"""Schema migrations, applied in order; `PRAGMA user_version` records how many ran.

Never edit a released migration: append a new one.
"""

from __future__ import annotations

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
)
