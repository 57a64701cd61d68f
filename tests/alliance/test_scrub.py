"""Erased means unreadable: after /loeschen, the deletion of a draft and the retention purge,
none of the erased texts stands anywhere in the database's files (the database, its WAL and
shared-memory file), searched byte by byte, as JSON and as HTML would store them. In process
(`tests/support/chats.py`), on the real SQLite files."""

from __future__ import annotations

import html
import json
from datetime import timedelta
from pathlib import Path

from tests.alliance.test_privacy import (
    ANSWER,
    CONTACT,
    EMAIL,
    IN_PROCESS_CONTACT,
    IN_PROCESS_SPONSOR,
    ORGANISATION,
    PERSON,
    QUESTION,
    handed_over_and_talked_in_process,
)
from tests.support.bot import IDEA
from tests.support.chats import Chats
from tests.support.scripts import STAFF as OFFICE
from tests.support.steps import Person

DATABASE_FILES = ("foerderlotse.sqlite3", "foerderlotse.sqlite3-wal", "foerderlotse.sqlite3-shm")
STATEMENT = "Passt gut zu unseren Schwerpunkten."
SPONSORS_TEXTS = {
    "Pflegebrücke Hildesheim",
    "bezahltes Praktikum in Pflegeheimen",
    ORGANISATION,
    PERSON,
    EMAIL,
    QUESTION,
    ANSWER,
    STATEMENT,
}


def forms(text: str) -> set[bytes]:
    """The bytes a text can stand as: plain UTF-8, in JSON (non-ASCII escaped) and in HTML."""
    shown = {text, html.escape(text, quote=False)}
    return {form.encode() for t in shown for form in (t, json.dumps(t)[1:-1])}


def readable(data_dir: Path, texts: set[str]) -> dict[str, set[str]]:
    """Which of `texts` stand in which of the database's files."""
    found: dict[str, set[str]] = {}
    for name in DATABASE_FILES:
        path = data_dir / name
        content = path.read_bytes() if path.exists() else b""
        hits = {text for text in texts if any(form in content for form in forms(text))}
        if hits:
            found[name] = hits
    return found


def anywhere(found: dict[str, set[str]]) -> set[str]:
    return set().union(*found.values()) if found else set()


async def test_erasure_leaves_no_text_of_the_sponsor_in_any_database_file(
    tmp_path: Path,
) -> None:
    async with Chats(tmp_path, IN_PROCESS_SPONSOR, IN_PROCESS_CONTACT, OFFICE) as chats:
        await handed_over_and_talked_in_process(chats)
        assert anywhere(readable(tmp_path, SPONSORS_TEXTS)) == SPONSORS_TEXTS, "found before"

        await chats.send("sponsor", "/loeschen")
        await chats.tap("sponsor", "Ja, alles löschen")
        assert readable(tmp_path, SPONSORS_TEXTS) == {}
        assert (tmp_path / "foerderlotse.sqlite3-wal").stat().st_size == 0


async def test_erasure_of_a_contact_leaves_their_name_nowhere(tmp_path: Path) -> None:
    async with Chats(tmp_path, IN_PROCESS_SPONSOR, IN_PROCESS_CONTACT, OFFICE) as chats:
        await handed_over_and_talked_in_process(chats)
        name = {"Kontakt Eins"}
        assert readable(tmp_path, name)
        await chats.send("contact", "/loeschen")
        await chats.tap("contact", "Ja, alles löschen")
        assert readable(tmp_path, name) == {}, f"contact {CONTACT}"


async def test_a_deleted_draft_leaves_no_text_in_any_database_file(tmp_path: Path) -> None:
    async with Chats(tmp_path, Person("sponsor", 7_340_002, "Träger")) as chats:
        await chats.draft(title="Geheimprojekt Nordstadt")
        await chats.draft(title="Bleibt stehen", command="/neu")
        gone = {"Geheimprojekt Nordstadt"}
        assert readable(tmp_path, gone)

        await chats.send("sponsor", "/entwuerfe")
        await chats.tap("sponsor", "Geheimprojekt Nordstadt")
        await chats.tap("sponsor", "Löschen")
        await chats.tap("sponsor", "Ja, löschen")
        assert readable(tmp_path, gone) == {}
        assert readable(tmp_path, {"Bleibt stehen"}), "the other draft is kept"


async def test_the_retention_purge_leaves_no_text_in_any_database_file(tmp_path: Path) -> None:
    sponsor = Person("sponsor", 7_340_003, "Träger")
    async with Chats(tmp_path, sponsor, retention_months=6) as chats:
        idea = IDEA.replace("Jobcenter", "Jobcenter Leinebergland")
        await chats.draft(title="Vergessenes Projekt", idea=idea)
        texts = {"Vergessenes Projekt", "Jobcenter Leinebergland"}
        assert anywhere(readable(tmp_path, texts)) == texts

        chats.clock.advance(timedelta(days=200))
        assert await chats.runtime.conversations.purge() == 1
        assert readable(tmp_path, texts) == {}
