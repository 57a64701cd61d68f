"""A draft as it stands is handed over once: a second tap on the consent, "Übergeben" again
on an unchanged draft, the same question asked twice, or a handoff made before the draft kept
a record of it all answer "bereits übergeben" and send nothing; the summary says what was
sent. A changed draft may be handed over again (the alliance gets the new version)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    answer,
    delivered,
    give_contact_details,
    hand_over,
    joined,
    notification,
    people,
    register_contacts,
    tap,
    to_summary,
    whole_summary,
)
from tests.botapi import BotApiServer, TelegramUser
from tests.support.bot import STAND, StartBot, summary_messages


def handoffs(data_dir: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(data_dir / "foerderlotse.sqlite3") as connection:
        return list(connection.execute("SELECT id, kind FROM handoffs ORDER BY id"))


async def summary_of(sponsor: TelegramUser) -> str:
    sponsor.send("/zusammenfassung")
    return await whole_summary(sponsor)


async def until(user: TelegramUser, text: str) -> str:
    """Everything the user got until a message with `text` came."""

    def arrived() -> str | None:
        got = joined(user.new_messages)
        return got if text in got else None

    got = await user.wait_for(arrived, what=text)
    user.mark()
    return got


async def nothing_new_for(contact: TelegramUser) -> None:
    await contact.settle()
    assert not contact.new_messages, contact.transcript


async def test_a_second_tap_on_the_consent_and_handing_over_again_send_nothing(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server)
        await register_contacts(staff, HILDESHEIM, contact)
        await to_summary(sponsor)
        await tap(sponsor, "Übergeben")
        preview = await give_contact_details(sponsor)
        # a double tap: the second arrives before the first one's answer removed the buttons
        sponsor.tap("Einverstanden", preview.message_id)
        sponsor.tap("Einverstanden", preview.message_id)
        again = await until(sponsor, "bereits übergeben")
        if not any(stand in again for stand in STAND):  # the summary after it, in two parts
            again += joined(await summary_messages(sponsor))
        assert "Ihr Entwurf geht an die" in again
        await notification(contact)
        await delivered(sponsor)
        assert "Dieser Entwurf ist bereits übergeben" in again
        assert f"an die {HILDESHEIM} am 25.11.2026 (Übergabe Nr. 1)" in again
        assert "Nichts wurde erneut gesendet" in again
        # the summary says it too, and "Übergeben" asks for nothing and sends nothing
        summary = await summary_of(sponsor)
        assert f"📨 Übergeben an die {HILDESHEIM} am 25.11.2026 (Übergabe Nr. 1)" in summary
        assert "Seitdem" not in summary
        sponsor.tap("Übergeben")
        await sponsor.expect_answer()
        once_more = joined(await summary_messages(sponsor))  # the note, then the summary
        assert "bereits übergeben" in once_more and "Wie heißt Ihre Organisation" not in once_more
        await nothing_new_for(contact)
        assert handoffs(tmp_path) == [(1, "handoff")]

        # a changed draft is a new version: it may go, and the summary tells the two apart
        await tap(sponsor, "Angabe ändern")
        await tap(sponsor, "Gesamtkosten")
        sponsor.send("420.000 €")
        assert "Seitdem haben Sie Angaben geändert" in joined(await summary_messages(sponsor))
        await hand_over(sponsor)
        text, _ = await notification(contact)
        assert "Übergabe Nr. 2" in text.text and "420.000 €" in text.text
        assert handoffs(tmp_path) == [(1, "handoff"), (2, "handoff")]
        assert not server.bot_errors


async def test_the_same_question_goes_once_a_new_one_goes_too(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server)
        await register_contacts(staff, HILDESHEIM, contact)
        await to_summary(sponsor)

        async def ask(question: str) -> str:
            await summary_of(sponsor)
            await tap(sponsor, "um Rat fragen")
            await give_contact_details(sponsor)
            await answer(sponsor, question)
            return joined(await tap(sponsor, "Einverstanden"))

        assert "Ihre Frage geht an die" in await ask("Passt das zu Ihrem Schwerpunkt?")
        await notification(contact)
        await delivered(sponsor)
        repeated = await ask("Passt das zu Ihrem Schwerpunkt?")
        assert "Diese Frage ist bereits an die" in repeated and "(Nr. 1)" in repeated
        await nothing_new_for(contact)
        assert "Ihre Frage geht an die" in await ask("Wer begleitet die Betriebe?")
        text, _ = await notification(contact)
        await delivered(sponsor)
        assert "Frage Nr. 2" in text.text
        summary = await summary_of(sponsor)
        assert "❓ Frage an die" in summary and "(Nr. 1)" in summary and "(Nr. 2)" in summary
        assert handoffs(tmp_path) == [(1, "question"), (2, "question")]


async def test_a_handoff_the_draft_kept_no_record_of_is_found_all_the_same(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    """Handoffs made before drafts recorded them: the consent finds the stored handoff."""
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server)
        await register_contacts(staff, HILDESHEIM, contact)
        await to_summary(sponsor)
        await hand_over(sponsor)
        await notification(contact)
        with sqlite3.connect(tmp_path / "foerderlotse.sqlite3") as connection:
            ((draft_id, state),) = connection.execute("SELECT id, state FROM drafts")
            forgotten = json.loads(state)
            assert forgotten.pop("sent")
            connection.execute(
                "UPDATE drafts SET state = ? WHERE id = ?", (json.dumps(forgotten), draft_id)
            )

        summary = await summary_of(sponsor)
        assert "📨" not in summary
        again = await hand_over(sponsor)
        assert "bereits übergeben" in again.text and "Übergabe Nr. 1" in again.text
        await nothing_new_for(contact)
        assert handoffs(tmp_path) == [(1, "handoff")]
        summary = await summary_of(sponsor)
        assert "📨 Übergeben an die" in summary, "the draft knows it now"


async def test_in_english(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server)
        await register_contacts(staff, HILDESHEIM, contact)
        await to_summary(sponsor)
        sponsor.send("/sprache en")
        await summary_messages(sponsor)  # the summary again, in English, in several parts
        await tap(sponsor, "Hand over")
        preview = await give_contact_details(sponsor)
        sponsor.tap("Agree", preview.message_id)
        sponsor.tap("Agree", preview.message_id)
        again = await until(sponsor, "already")
        if not any(stand in again for stand in STAND):  # the summary after it, in parts
            again += joined(await summary_messages(sponsor))
        await notification(contact)
        (report,) = await sponsor.expect()
        assert report.text.startswith("✅ Delivered: Your draft"), report.text
        assert "reached 1 person" in report.text
        assert "This draft has already been handed over" in again
        assert "on 2026-11-25 (handoff no. 1)" in again
        sponsor.send("/summary")
        assert "📨 Handed to the" in joined(await sponsor.expect())
