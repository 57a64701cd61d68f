"""A handoff's number is never given twice, and whatever a contact holds of an old handoff (its
notification, the buttons, a reply to it) reaches that handoff or nothing: never the case of
another sponsor, not even when a number comes back (lost commits, a restored backup)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.adapters.telegram.outbox import NOTIFICATION_STEP
from bot.adapters.telegram.render import MAX_CALLBACK_BYTES, encode_callback, keyboard
from bot.alliance.desk import AllianceDesk
from bot.alliance.inbox import ContactInbox
from bot.kb.loader import load_directory
from bot.kb.shipped import shipped_knowledge_dir
from bot.storage.db import Database
from bot.storage.handoffs import Handoff, Handoffs
from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    NOW,
    answer,
    hand_over,
    notification,
    people,
    register_contacts,
    tap,
    to_summary,
)
from tests.botapi import BotApiServer, BotMessage, TelegramUser
from tests.support.bot import StartBot

GONE = "Diesen Vorgang gibt es nicht mehr"


def database(data_dir: Path) -> Path:
    return data_dir / "foerderlotse.sqlite3"


def handoffs(data_dir: Path) -> list[tuple[int, str, str, object]]:
    with sqlite3.connect(database(data_dir)) as connection:
        rows = connection.execute("SELECT id, title, status, taken_by FROM handoffs ORDER BY id")
        return list(rows)


async def erase_everything(sponsor: TelegramUser) -> None:
    confirm = await answer(sponsor, "/loeschen")
    (erased,) = await tap(sponsor, "Ja, alles löschen", confirm.message_id)
    assert "Gelöscht" in erased.text


async def delete_the_draft(sponsor: TelegramUser) -> None:
    listing = await answer(sponsor, "/entwuerfe")
    (menu,) = await tap(sponsor, "Projekt von A", listing.message_id)
    (confirm,) = await tap(sponsor, "Löschen", menu.message_id)
    (deleted,) = await tap(sponsor, "Ja, löschen", confirm.message_id)
    assert "gelöscht" in deleted.text


async def old_notification_reaches_nothing(
    server: BotApiServer,
    data_dir: Path,
    contact: TelegramUser,
    a_old: BotMessage,
    sponsor_b: TelegramUser,
) -> None:
    """The contact uses A's old notification in every way; B's case is untouched."""
    contact.reply(a_old.message_id, "Frau A, zu Ihrem Projekt: wie viele Plätze?")
    (answered,) = await contact.expect()
    assert GONE in answered.text and "Nichts wurde weitergeleitet" in answered.text
    assert "/eingang" in answered.text
    for label in ("Übernehmen", "Rückfrage"):
        (answered,) = await tap(contact, label, a_old.message_id)
        assert GONE in answered.text, label
    # no question about A is waiting for the contact's next text
    with sqlite3.connect(database(data_dir)) as connection:
        pending = connection.execute("SELECT pending FROM users WHERE id = ?", (contact.user_id,))
        assert pending.fetchall() == [(None,)]
    assert not sponsor_b.new_messages, sponsor_b.transcript
    assert not server.bot_errors


@pytest.mark.parametrize("remove", [erase_everything, delete_the_draft], ids=["erasure", "draft"])
async def test_an_old_notification_never_reaches_the_next_sponsors_case(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path, remove: object
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor_a = people(server, contact=501, sponsor=1001)
        sponsor_b = server.user(1002, "Träger B")
        await register_contacts(staff, HILDESHEIM, contact)

        await to_summary(sponsor_a, title="Projekt von A")
        await hand_over(sponsor_a, "Verein A", "Frau A", "a@verein-a.example")
        a_old, _ = await notification(contact)
        assert "Übergabe Nr. 1" in a_old.text
        assert callable(remove)
        await remove(sponsor_a)

        await to_summary(sponsor_b, title="Projekt von B", place="Hildesheim")
        await hand_over(sponsor_b, "Verein B", "Herr B", "b@verein-b.example")
        b_new, _ = await notification(contact)
        assert "Übergabe Nr. 2" in b_new.text and "Projekt von B" in b_new.text, "not number 1"
        sponsor_b.mark()

        await old_notification_reaches_nothing(server, tmp_path, contact, a_old, sponsor_b)
        assert handoffs(tmp_path) == [(2, "Projekt von B", "sent", None)]

        # B's own notification works as before
        (taken,) = await tap(contact, "Übernehmen", b_new.message_id)
        assert "übernommen" in taken.text
        (told,) = await sponsor_b.expect()
        assert "Projekt von B" in told.text


async def test_a_number_that_comes_back_still_reaches_only_its_own_handoff(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    """Lost commits (or a restored backup) can give a number again: the button's token, kept
    with the handoff, tells the old handoff from the new one."""
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor_a = people(server, contact=501, sponsor=1001)
        sponsor_b = server.user(1002, "Träger B")
        await register_contacts(staff, HILDESHEIM, contact)
        await to_summary(sponsor_a, title="Projekt von A")
        await hand_over(sponsor_a, "Verein A", "Frau A", "a@verein-a.example")
        a_old, _ = await notification(contact)
        await erase_everything(sponsor_a)
        # What a storage failure would do: the sequence forgets that number 1 was given.
        with sqlite3.connect(database(tmp_path)) as connection:
            connection.execute("UPDATE sqlite_sequence SET seq = 0 WHERE name = 'handoffs'")

        await to_summary(sponsor_b, title="Projekt von B", place="Hildesheim")
        await hand_over(sponsor_b, "Verein B", "Herr B", "b@verein-b.example")
        b_new, _ = await notification(contact)
        assert "Übergabe Nr. 1" in b_new.text and "Projekt von B" in b_new.text
        sponsor_b.mark()

        await old_notification_reaches_nothing(server, tmp_path, contact, a_old, sponsor_b)
        assert handoffs(tmp_path) == [(1, "Projekt von B", "sent", None)]
        # B's notification and the contact's inbox act on B's case
        inbox = await answer(contact, "/eingang")
        (details,) = await tap(contact, "Nr. 1", inbox.message_id)
        assert "Projekt von B" in details.text
        contact.reply(b_new.message_id, "Herr B, wie viele Plätze?")
        await contact.expect()
        (question,) = await sponsor_b.expect()
        assert "Herr B, wie viele Plätze?" in question.text


def test_a_handoffs_buttons_fit_telegrams_64_bytes_with_the_longest_number() -> None:
    handoff = Handoff(
        id=999_999_999_999,
        token="f" * 16,
        draft_id=1,
        sponsor_id=1,
        alliance_id="farehi",
        kind="handoff",
        title="x",
        snapshot={},
        status="sent",
        taken_by=None,
        taken_by_name=None,
        statement=None,
        statement_comment=None,
        created_at="",
    )
    kb = load_directory(shipped_knowledge_dir())
    menu = ContactInbox(AllianceDesk(lambda: kb, frozenset())).menu(handoff)
    markup = keyboard(menu, "de")
    assert markup is not None
    actions = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert any(handoff.ref in str(a) for a in actions) and len(actions) == 5
    # a notification's and a question's buttons (sent through the outbox)
    for action in (f"contact:take:{handoff.ref}", f"sponsor:answer:{handoff.ref}"):
        actions.append(encode_callback(NOTIFICATION_STEP, action))
    for data in actions:
        assert len(str(data).encode()) <= MAX_CALLBACK_BYTES, data


async def test_a_ref_finds_its_handoff_and_nothing_else(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        async with database.transaction() as connection:
            await connection.execute(
                "INSERT INTO users (id, created_at, updated_at) VALUES (7, 'now', 'now')"
            )
            await connection.execute(
                "INSERT INTO drafts (id, owner_id, state, created_at, updated_at) "
                "VALUES (1, 7, '{}', 'now', 'now')"
            )
            handoffs = Handoffs(connection, NOW)
            handoff = await handoffs.create(1, 7, "farehi", "handoff", "Eins", {})
            other = await handoffs.create(1, 7, "farehi", "handoff", "Zwei", {})
            assert await handoffs.find(handoff.ref) == handoff
            assert handoff.token != other.token
            for wrong in (
                str(handoff.id),  # a button of before handoffs had tokens
                f"{handoff.id}.{other.token}",
                f"{handoff.id}.{handoff.token.upper()}",
                f"{handoff.id}.{handoff.token}x",
                f"{handoff.id}.{handoff.token[:-1]}",
                handoff.id,
                None,
            ):
                assert await handoffs.find(wrong) is None, wrong
    finally:
        await database.close()
