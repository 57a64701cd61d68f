"""Erased means unreadable: after /loeschen, the deletion of a draft and the retention purge,
none of the erased texts stands anywhere in the database's files (the database, its WAL and
shared-memory file), searched byte by byte, as JSON and as HTML would store them."""

from __future__ import annotations

import html
import json
from datetime import timedelta
from pathlib import Path

import pytest

from tests.alliance.conftest import ADMINS, NOW, ManualClock, answer, tap, to_summary
from tests.alliance.test_privacy import (
    ANSWER,
    CONTACT,
    EMAIL,
    ORGANISATION,
    PERSON,
    QUESTION,
    handed_over_and_talked,
)
from tests.botapi import BotApiServer
from tests.support.bot import IDEA, StartBot

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


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


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
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    async with start_bot(admin_ids=ADMINS):
        sponsor, _ = await handed_over_and_talked(server)
        assert anywhere(readable(tmp_path, SPONSORS_TEXTS)) == SPONSORS_TEXTS, "found before"

        confirm = await answer(sponsor, "/loeschen")
        await tap(sponsor, "Ja, alles löschen", confirm.message_id)
        assert readable(tmp_path, SPONSORS_TEXTS) == {}
        assert (tmp_path / "foerderlotse.sqlite3-wal").stat().st_size == 0


async def test_erasure_of_a_contact_leaves_their_name_nowhere(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    async with start_bot(admin_ids=ADMINS):
        _, contact = await handed_over_and_talked(server)
        name = {"Kontakt Eins"}
        assert readable(tmp_path, name)
        confirm = await answer(contact, "/loeschen")
        await tap(contact, "Ja, alles löschen", confirm.message_id)
        assert readable(tmp_path, name) == {}, f"contact {CONTACT}"


async def test_a_deleted_draft_leaves_no_text_in_any_database_file(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    async with start_bot():
        sponsor = server.user(7_340_002, "Träger")
        await to_summary(sponsor, title="Geheimprojekt Nordstadt")
        await to_summary(sponsor, title="Bleibt stehen", command="/neu")
        gone = {"Geheimprojekt Nordstadt"}
        assert readable(tmp_path, gone)

        listing = await answer(sponsor, "/entwuerfe")
        (menu,) = await tap(sponsor, "Geheimprojekt Nordstadt", listing.message_id)
        (confirm,) = await tap(sponsor, "Löschen", menu.message_id)
        await tap(sponsor, "Ja, löschen", confirm.message_id)
        assert readable(tmp_path, gone) == {}
        assert readable(tmp_path, {"Bleibt stehen"}), "the other draft is kept"


async def test_the_retention_purge_leaves_no_text_in_any_database_file(
    server: BotApiServer, start_bot: StartBot, clock: ManualClock, tmp_path: Path
) -> None:
    async with start_bot(retention_months=6) as (_, runtime):
        sponsor = server.user(7_340_003, "Träger")
        idea = IDEA.replace("Jobcenter", "Jobcenter Leinebergland")
        await to_summary(sponsor, title="Vergessenes Projekt", idea=idea)
        texts = {"Vergessenes Projekt", "Jobcenter Leinebergland"}
        assert anywhere(readable(tmp_path, texts)) == texts

        clock.advance(timedelta(days=200))
        assert await runtime.conversations.purge() == 1
        assert readable(tmp_path, texts) == {}
