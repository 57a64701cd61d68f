"""A handoff's number is never given twice, and whatever a contact holds of an old handoff (its
notification, the buttons, a reply to it) reaches that handoff or nothing: never the case of
another sponsor, not even when a number comes back (lost commits, a restored backup).

In process (`tests/support/chats.py`: a press carries the button's action as Telegram's
callback data does, a reply the replied-to message's buttons); that the callback data fit
Telegram's 64 bytes is checked on the keyboards the adapter builds."""

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
from tests.alliance.conftest import NOW
from tests.support.chats import Chats
from tests.support.scripts import CONTACT, HILDESHEIM, STAFF
from tests.support.steps import Person

GONE = "Diesen Vorgang gibt es nicht mehr"
SPONSOR_A = Person("a", 1001, "Träger")
SPONSOR_B = Person("b", 1002, "Träger B")


def database(data_dir: Path) -> Path:
    return data_dir / "foerderlotse.sqlite3"


def handoffs(data_dir: Path) -> list[tuple[int, str, str, object]]:
    with sqlite3.connect(database(data_dir)) as connection:
        rows = connection.execute("SELECT id, title, status, taken_by FROM handoffs ORDER BY id")
        return list(rows)


async def erase_everything(chats: Chats) -> None:
    await chats.send("a", "/loeschen")
    erased = await chats.tap("a", "Ja, alles löschen")
    assert "Gelöscht" in erased.text


async def delete_the_draft(chats: Chats) -> None:
    await chats.send("a", "/entwuerfe")
    await chats.tap("a", "Projekt von A")
    await chats.tap("a", "Löschen")
    deleted = await chats.tap("a", "Ja, löschen")
    assert "gelöscht" in deleted.text


async def old_notification_reaches_nothing(chats: Chats, data_dir: Path) -> None:
    """The contact uses A's old notification in every way; B's case is untouched."""
    answered = await chats.reply(
        "contact", "Verein A", "Frau A, zu Ihrem Projekt: wie viele Plätze?"
    )
    assert GONE in answered.text and "Nichts wurde weitergeleitet" in answered.text
    assert "/eingang" in answered.text
    assert not answered.of("b").mine
    for label in ("Übernehmen", "Rückfrage"):
        tapped = await chats.tap("contact", label, on="Verein A")
        assert GONE in tapped.text, label
        assert not tapped.of("b").mine
    # no question about A is waiting for the contact's next text
    with sqlite3.connect(database(data_dir)) as connection:
        stacks = connection.execute("SELECT subdialogs FROM users WHERE id = ?", (CONTACT.user_id,))
        assert stacks.fetchall() == [(None,)]


@pytest.mark.parametrize("remove", [erase_everything, delete_the_draft], ids=["erasure", "draft"])
async def test_an_old_notification_never_reaches_the_next_sponsors_case(
    tmp_path: Path, remove: object
) -> None:
    async with Chats(tmp_path, SPONSOR_A, SPONSOR_B, CONTACT, STAFF) as chats:
        await chats.register(HILDESHEIM, "contact")

        await chats.draft("a", title="Projekt von A")
        a_old = await chats.hand_over("a", "Verein A", "Frau A", "a@verein-a.example")
        assert "Übergabe Nr. 1" in a_old.of("contact").text
        assert callable(remove)
        await remove(chats)

        await chats.draft("b", title="Projekt von B", place="Hildesheim")
        b_new = await chats.hand_over("b", "Verein B", "Herr B", "b@verein-b.example")
        notified = b_new.of("contact").text
        assert "Übergabe Nr. 2" in notified and "Projekt von B" in notified, "not number 1"

        await old_notification_reaches_nothing(chats, tmp_path)
        assert handoffs(tmp_path) == [(2, "Projekt von B", "sent", None)]

        # B's own notification works as before
        taken = await chats.tap("contact", "Übernehmen", on="Verein B")
        assert "übernommen" in taken.text
        (told,) = taken.of("b").messages
        assert "Projekt von B" in told.text


async def test_a_number_that_comes_back_still_reaches_only_its_own_handoff(
    tmp_path: Path,
) -> None:
    """Lost commits (or a restored backup) can give a number again: the button's token, kept
    with the handoff, tells the old handoff from the new one."""
    async with Chats(tmp_path, SPONSOR_A, SPONSOR_B, CONTACT, STAFF) as chats:
        await chats.register(HILDESHEIM, "contact")
        await chats.draft("a", title="Projekt von A")
        await chats.hand_over("a", "Verein A", "Frau A", "a@verein-a.example")
        await erase_everything(chats)
        # What a storage failure would do: the sequence forgets that number 1 was given.
        with sqlite3.connect(database(tmp_path)) as connection:
            connection.execute("UPDATE sqlite_sequence SET seq = 0 WHERE name = 'handoffs'")

        await chats.draft("b", title="Projekt von B", place="Hildesheim")
        b_new = await chats.hand_over("b", "Verein B", "Herr B", "b@verein-b.example")
        notified = b_new.of("contact").text
        assert "Übergabe Nr. 1" in notified and "Projekt von B" in notified

        await old_notification_reaches_nothing(chats, tmp_path)
        assert handoffs(tmp_path) == [(1, "Projekt von B", "sent", None)]
        # B's notification and the contact's inbox act on B's case
        await chats.send("contact", "/eingang")
        details = await chats.tap("contact", "Nr. 1")
        assert "Projekt von B" in details.text
        asked = await chats.reply("contact", "Verein B", "Herr B, wie viele Plätze?")
        (question,) = asked.of("b").messages
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
            # A token of digits only has no upper case; one character changed always differs.
            changed = ("1" if handoff.token[0] != "1" else "2") + handoff.token[1:]
            shouted = handoff.token.upper() if handoff.token.upper() != handoff.token else changed
            for wrong in (
                str(handoff.id),  # a button of before handoffs had tokens
                f"{handoff.id}.{other.token}",
                f"{handoff.id}.{shouted}",
                f"{handoff.id}.{changed}",
                f"{handoff.id}.{handoff.token}x",
                f"{handoff.id}.{handoff.token[:-1]}",
                handoff.id,
                None,
            ):
                assert await handoffs.find(wrong) is None, wrong
    finally:
        await database.close()
