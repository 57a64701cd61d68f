"""Conversations on a real SQLite file: drafts survive a restart, several drafts per sponsor,
nobody reaches another's draft, and a repeated update is not applied twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.core.events import Press
from bot.core.outputs import Reply
from bot.core.state import DialogState
from bot.core.updates import Handled
from bot.runtime import build_runtime
from bot.texts.formats import Count
from tests.dialogs.conftest import ChatDriver, draft_ids, key_text, settings_for

IDEA = (
    "Wir wollen Langzeitarbeitslose mit Coaching und einem Praktikum in Pflegeheimen "
    "zusammen mit dem Jobcenter in Arbeit bringen."
)

# --- first contact and restart ----------------------------------------------------------------


async def test_first_contact_creates_a_draft_and_asks_the_first_question(chat: ChatDriver) -> None:
    reply = await chat.command("start")
    assert key_text("sponsor.welcome") in reply
    assert key_text("sponsor.region.prompt") in reply
    assert chat.handled is not None and chat.handled.language == "de"
    drafts = await chat.drafts()
    assert len(drafts) == 1
    assert drafts[0].state.step == "region"


async def test_half_a_dialog_survives_a_restart(tmp_path: Path, clock: FixedClock) -> None:
    first = await build_runtime(settings_for(tmp_path), clock)
    chat = ChatDriver.of(first)
    await chat.command("start")
    await chat.text("Garbsen")
    await chat.press("pick:0", "organisation")
    await chat.press("pick:8", "target_group")
    await chat.press("pick:10", "target_group")
    await chat.press("done", "target_group")
    await chat.text("Ein Projekt für Frauen")  # thin: kept while more is asked for
    before = await chat.state()
    assert before.step == "idea"
    assert before.partial == "Ein Projekt für Frauen"
    assert set(before.answers) == {"region", "organisation", "target_group"}
    await first.close()

    second = await build_runtime(settings_for(tmp_path), clock)
    try:
        chat = ChatDriver.of(second)
        assert await chat.state() == before, "every answer and the kept text come back"
        reply = await chat.command("start")
        assert key_text("sponsor.resumed") in reply
        assert key_text("sponsor.idea.prompt") in reply
        assert chat.last_step == "idea"
        after = await chat.state()
        assert after.step == "idea"
        assert after.answers == before.answers

        await chat.text("mit Praktikum in Pflegeheimen und Deutschkurs, zusammen mit Kitas")
        state = await chat.state()
        assert state.step == "title"
        assert state.answers["idea"].text.startswith("Ein Projekt für Frauen\nmit Praktikum")
        assert state.answers["target_group"].value == {
            "ids": ["frauen", "gefluechtete"],
            "text": "",
        }
        assert len(await chat.drafts()) == 1
    finally:
        await second.close()


async def test_each_answer_is_stored_before_the_reply(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text("Sarstedt")
    assert (await chat.state()).step == "organisation"
    await chat.command("skip")
    state = await chat.state()
    assert state.step == "target_group"
    assert state.answers["region"].value["subregion"] == "hildesheim"  # type: ignore[index, call-overload]


# --- several drafts ---------------------------------------------------------------------------


async def test_two_drafts_listed_resumed_renamed_and_deleted(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text("Garbsen")
    reply = await chat.command("new")
    assert key_text("sponsor.welcome") in reply
    await chat.text("Sarstedt")
    drafts = await chat.drafts()
    assert len(drafts) == 2
    second = await chat.current()
    assert second is not None
    first_id = next(d.id for d in drafts if d.id != second.id)

    reply = await chat.command("drafts")
    assert key_text("drafts.list", count=2) in reply
    assert sorted(draft_ids(chat.actions)) == sorted([first_id, second.id])
    # Untitled, no idea yet: named by the place.
    assert any(label.startswith(f"▶️ Sarstedt (#{second.id}) ") for label in chat.labels)
    assert any(label.startswith(f"📄 Garbsen (#{first_id}) ") for label in chat.labels)

    await chat.press(f"session:open:{first_id}")
    assert f"session:resume:{first_id}" in chat.actions
    assert f"session:rename:{first_id}" in chat.actions
    assert f"session:delete:{first_id}" in chat.actions

    reply = await chat.press(f"session:resume:{first_id}")
    assert key_text("sponsor.resumed") in reply
    assert key_text("sponsor.organisation.prompt") in reply
    current = await chat.current()
    assert current is not None and current.id == first_id
    assert current.state.answers["region"].text == "Garbsen"

    await chat.text("Bildungsträger")
    assert (await chat.state()).step == "target_group"
    untouched = {d.id: d for d in await chat.drafts()}[second.id]
    assert untouched.state == second.state, "the other draft is not touched"

    # rename
    before = await chat.state()
    reply = await chat.press(f"session:rename:{first_id}")
    assert f"Garbsen (#{first_id})" in reply
    reply = await chat.text("  Pflegebrücke   Garbsen ")
    assert key_text("drafts.renamed", title="Pflegebrücke Garbsen") in reply
    assert any("Pflegebrücke Garbsen" in label for label in chat.labels)
    assert await chat.state() == before, "the new title is not an answer to the dialog"
    titles = {d.id: d.title for d in await chat.drafts()}
    assert titles[first_id] == "Pflegebrücke Garbsen"

    # delete, with confirmation
    reply = await chat.press(f"session:delete:{second.id}")
    assert f"session:deleted:{second.id}" in chat.actions
    assert "session:drafts" in chat.actions
    assert len(await chat.drafts()) == 2, "nothing is deleted before the confirmation"
    reply = await chat.press(f"session:deleted:{second.id}")
    assert key_text("drafts.deleted", title=f"Sarstedt (#{second.id})") in reply
    remaining = await chat.drafts()
    assert [d.id for d in remaining] == [first_id]
    assert draft_ids(chat.actions) == [first_id]


async def test_an_invalid_title_is_asked_again(chat: ChatDriver) -> None:
    await chat.command("start")
    draft = await chat.current()
    assert draft is not None
    await chat.press(f"session:rename:{draft.id}")
    reply = await chat.text("x" * 101)
    assert key_text("drafts.rename_invalid", max=100) in reply
    reply = await chat.text("Kurz und gut")
    assert key_text("drafts.renamed", title="Kurz und gut") in reply
    assert (await chat.current()).title == "Kurz und gut"  # type: ignore[union-attr]


async def test_a_command_abandons_a_pending_rename(chat: ChatDriver) -> None:
    await chat.command("start")
    draft = await chat.current()
    assert draft is not None
    await chat.press(f"session:rename:{draft.id}")
    await chat.command("help")
    await chat.text("Garbsen")
    current = await chat.current()
    assert current is not None
    assert current.title is None
    assert current.state.step == "organisation"


async def test_a_deleted_current_draft_starts_over(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text("Garbsen")
    draft = await chat.current()
    assert draft is not None
    await chat.press(f"session:deleted:{draft.id}")
    assert await chat.drafts() == []
    reply = await chat.command("start")
    assert key_text("sponsor.welcome") in reply
    fresh = await chat.current()
    assert fresh is not None and fresh.state.answers == {}
    assert len(await chat.drafts()) == 1


# --- nobody reaches another's draft -----------------------------------------------------------

ALICE, BOB = 501, 502


async def test_another_user_cannot_touch_a_draft(chat: ChatDriver) -> None:
    await chat.command("start", user=ALICE)
    await chat.text("Garbsen", user=ALICE)
    alice = await chat.current(ALICE)
    assert alice is not None
    await chat.command("start", user=BOB)
    bob = await chat.current(BOB)
    assert bob is not None

    not_found = key_text("drafts.not_found")
    for verb in ("open", "resume", "rename", "delete", "deleted"):
        reply = await chat.press(f"session:{verb}:{alice.id}", user=BOB)
        assert not_found in reply, verb
        assert alice.id not in draft_ids(chat.actions), verb

    # Bob's next text is an answer in his own dialog, not a title for Alice's draft.
    await chat.text("Sarstedt", user=BOB)
    assert await chat.current(ALICE) == alice
    bob_now = await chat.current(BOB)
    assert bob_now is not None and bob_now.id == bob.id
    assert bob_now.state.answers["region"].text == "Sarstedt"
    assert [d.id for d in await chat.drafts(BOB)] == [bob.id]
    assert [d.id for d in await chat.drafts(ALICE)] == [alice.id]


@pytest.mark.parametrize(
    "argument", ["", "abc", "-1", "1.0", "999", "²", "99999999999999999999999"]
)
async def test_a_draft_id_that_does_not_exist_is_not_found(chat: ChatDriver, argument: str) -> None:
    await chat.command("start")
    await chat.text("Garbsen")
    before = await chat.current()
    for verb in ("open", "resume", "deleted"):
        reply = await chat.press(f"session:{verb}:{argument}")
        assert key_text("drafts.not_found") in reply, verb
    assert await chat.current() == before


# --- repeated updates -------------------------------------------------------------------------


def not_applied(handled: Handled, state: DialogState) -> None:
    """A repeated update gets no reply, or at most the current question once more."""
    for output in handled.outputs:
        assert isinstance(output, Reply), output
        assert output.step == ("paused" if state.paused else state.step), output


async def test_a_repeated_update_is_not_applied_twice(chat: ChatDriver) -> None:
    await chat.command("start", update_id=10)
    handled = await chat.send_text("Garbsen", update_id=11)
    assert handled.outputs
    after_first = await chat.state()
    assert after_first.step == "organisation"

    again = await chat.send_text("Garbsen", update_id=11)
    assert await chat.state() == after_first
    not_applied(again, after_first)

    older = await chat.send_text("Sarstedt", update_id=5)
    assert await chat.state() == after_first
    not_applied(older, after_first)

    pressed_again = await chat.send(Press("organisation", "pick:0"), update_id=11)
    assert await chat.state() == after_first
    not_applied(pressed_again, after_first)

    newer = await chat.send_text("Bildungsträger", update_id=12)
    assert newer.outputs
    assert (await chat.state()).step == "target_group"

    # Nor is a repeated "new draft" applied twice.
    await chat.command("new", update_id=13)
    await chat.command("new", update_id=13)
    assert len(await chat.drafts()) == 2


async def test_a_repeated_consent_says_again_what_it_sent_and_sends_nothing(
    chat: ChatDriver,
) -> None:
    """The consent was stored, its reply lost with a crash; the transport delivers the
    update again. A question asked early on leaves the dialog at the next open question, so
    without being told the sponsor would not learn that the question went."""
    await chat.command("start", update_id=1)
    await chat.text("Hildesheim", update_id=2)
    await chat.command("ask", update_id=3)
    await chat.text("Stadtteilverein Moritzberg", update_id=4)
    await chat.text("Vorstand", update_id=5)
    await chat.text("+49 5121 987654", update_id=6)
    await chat.text("Passt ein Mentoring zu Ihnen?", update_id=7)
    first = await chat.press("consent:yes", "consent", update_id=8)
    sent = key_text(
        "alliance.sponsor.sent_question", alliance="Fachkräfte für die Region Hildesheim"
    )
    # nobody in the bot can receive it (no contact, no staff): said so, never "sent"
    assert "Ihre Frage ist gespeichert, aber im Bot ist derzeit niemand registriert" in first
    assert "✅" not in first
    state = await chat.state()
    assert state.step == "target_group" and [s.number for s in state.sent] == [1]

    again = await chat.press("consent:yes", "consent", update_id=8)
    assert sent in again and key_text("sponsor.target_group.prompt") in again
    assert await chat.state() == state, "nothing applied twice"
    async with chat.database.transaction() as connection:
        rows = await connection.execute_fetchall("SELECT id FROM handoffs")
    assert [tuple(r) for r in rows] == [(1,)]
    # a later update is not told again
    later = await chat.text("Studienabbrecher", update_id=9)
    assert sent not in later and "niemand registriert" not in later


async def test_updates_without_id_are_always_applied(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text("Garbsen")
    await chat.command("back")
    await chat.text("Garbsen")
    assert (await chat.state()).step == "organisation"


# --- language ---------------------------------------------------------------------------------


async def test_language_hint_on_first_contact_and_switching(chat: ChatDriver) -> None:
    reply = await chat.command("start", language_hint="en")
    assert key_text("sponsor.region.prompt", "en") in reply
    assert chat.handled is not None and chat.handled.language == "en"
    await chat.text("Garbsen")

    reply = await chat.command("language")
    assert chat.handled.language == "de"
    assert key_text("sponsor.language_set") in reply
    assert key_text("sponsor.organisation.prompt") in reply
    assert (await chat.state()).language == "de"

    # The hint counts only on first contact; the choice is remembered.
    reply = await chat.command("help", language_hint="en")
    assert key_text("sponsor.organisation.help") in reply
    assert await chat.conversations.language_of(chat.user_id) == "de"


async def test_privacy_changes_nothing(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text("Garbsen")
    before = await chat.current()
    reply = await chat.command("privacy")
    assert key_text("privacy.text", months=Count(12, "months")) in reply
    assert await chat.current() == before
