"""What the bot keeps and how a user takes it away: /datenschutz, /export (all of the user's
data as a JSON document), /loeschen with confirmation (afterwards no row of that user in the
SQLite file, only anonymous counts), the retention purge on the injected clock, and the
statistics staff see.

The variants run in process (`tests/support/chats.py`); over the Bot API server stay the
export (a document), the purge loop of the Telegram transport and undelivered messages
(Telegram refusing a chat)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from bot.adapters.telegram.app import purge_regularly
from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    NOW,
    STAFF,
    ManualClock,
    answer,
    hand_over,
    notification,
    people,
    register_contacts,
    rows_mentioning,
    tap,
    to_summary,
)
from tests.botapi import BotApiServer, TelegramUser
from tests.support.bot import StartBot
from tests.support.chats import Chats
from tests.support.scripts import STAFF as OFFICE
from tests.support.steps import Person

SPONSOR = 7_340_001
CONTACT = 7_340_501
ORGANISATION = "Bildungswerk Sarstedt e. V."
PERSON = "Projektleitung Pflege"
EMAIL = "pflege@bildungswerk.example"
ANSWER = "Etwa 40 Frauen in zwei Jahrgängen."
QUESTION = "Wie viele Teilnehmerinnen planen Sie?"
IN_PROCESS_SPONSOR = Person("sponsor", SPONSOR, "Träger")
IN_PROCESS_CONTACT = Person("contact", CONTACT, "Kontakt Eins")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


def database(data_dir: Path) -> Path:
    return data_dir / "foerderlotse.sqlite3"


def table(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(database(data_dir)) as connection:
        return list(connection.execute(sql))


async def handed_over_and_talked(server: BotApiServer) -> tuple[TelegramUser, TelegramUser]:
    """A sponsor hands a draft over; the contact takes it, asks, gets an answer, states."""
    staff, contact, sponsor = people(server, contact=CONTACT, sponsor=SPONSOR)
    await register_contacts(staff, HILDESHEIM, contact)
    await to_summary(sponsor)
    await hand_over(sponsor, ORGANISATION, PERSON, EMAIL)
    notified, _ = await notification(contact)
    await tap(contact, "Übernehmen", notified.message_id)
    await sponsor.expect()
    contact.reply(notified.message_id, QUESTION)
    await contact.expect()
    (question,) = await sponsor.expect()
    sponsor.reply(question.message_id, ANSWER)
    await sponsor.expect()
    await contact.expect()
    inbox = await answer(contact, "/eingang")
    (details,) = await tap(contact, "Nr. 1", inbox.message_id)
    await tap(contact, "Unterstützt", details.message_id)
    await answer(contact, "Passt gut zu unseren Schwerpunkten.")
    await sponsor.expect()
    return sponsor, contact


async def test_notice_and_export_of_all_of_the_users_data_as_json(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS, retention_months=6):
        sponsor, contact = await handed_over_and_talked(server)
        notice = await answer(sponsor, "/datenschutz")
        for shown in ("Was gespeichert wird", "Wozu", "Wie lange", "6 Monate", "/loeschen"):
            assert shown in notice.text, shown
        await to_summary(sponsor, command="/neu", title="Zweiter Entwurf")

        sponsor.send("/export")
        intro, file = await sponsor.expect(2)
        assert "alle Daten" in intro.text
        assert file.document is not None and file.document.name.endswith(".json")
        data = json.loads(file.document.content)
        assert data["user"]["id"] == SPONSOR
        titles = sorted(d["state"]["answers"]["title"]["text"] for d in data["drafts"])
        assert titles == ["Pflegebrücke Hildesheim", "Zweiter Entwurf"]
        (handoff,) = data["handoffs"]
        answers = handoff["snapshot"]["state"]["answers"]
        assert answers["sponsor_name"]["text"] == ORGANISATION
        assert answers["contact_channel"]["text"] == EMAIL
        assert handoff["statement"] == "supports"
        assert data["contact_registrations"] == []
        # the contact who took it over: by name and role, not by their Telegram id
        assert handoff["taken_over_by"] == {
            "name": "Kontakt Eins",
            "role": "contact person of the local alliance",
        }
        assert str(CONTACT) not in file.document.content.decode()
        assert "token" not in handoff

        contact.send("/export")
        _, file = await contact.expect(2)
        assert file.document is not None
        data = json.loads(file.document.content)
        assert data["user"]["id"] == CONTACT
        assert [r["alliance_id"] for r in data["contact_registrations"]] == ["farehi"]
        (taken,) = data["handoffs_taken_over"]
        assert taken["statement_comment"] == "Passt gut zu unseren Schwerpunkten."


async def handed_over_and_talked_in_process(chats: Chats) -> None:
    """As `handed_over_and_talked`, in process."""
    await chats.register(HILDESHEIM, "contact")
    await chats.draft()
    await chats.hand_over("sponsor", ORGANISATION, PERSON, EMAIL)
    await chats.tap("contact", "Übernehmen", on="Übergabe Nr. 1")
    asked = await chats.reply("contact", "Übergabe Nr. 1", QUESTION)
    assert QUESTION in asked.of("sponsor").text
    await chats.reply("sponsor", QUESTION, ANSWER)
    await chats.send("contact", "/eingang")
    await chats.tap("contact", "Nr. 1")
    await chats.tap("contact", "Unterstützt")
    stated = await chats.send("contact", "Passt gut zu unseren Schwerpunkten.")
    assert stated.of("sponsor").messages


async def test_erasure_leaves_no_row_of_the_sponsor_and_keeps_anonymous_counts(
    tmp_path: Path,
) -> None:
    async with Chats(tmp_path, IN_PROCESS_SPONSOR, IN_PROCESS_CONTACT, OFFICE) as chats:
        await handed_over_and_talked_in_process(chats)
        mine = {str(SPONSOR), ORGANISATION, PERSON, EMAIL, ANSWER, "Pflegebrücke Hildesheim"}
        assert rows_mentioning(database(tmp_path), mine)  # the check finds them before

        confirm = await chats.send("sponsor", "/loeschen")
        assert "Wirklich alle Ihre Daten löschen" in confirm.text
        assert "bei einer Allianz" in confirm.text or "an eine Allianz" in confirm.text
        await chats.tap("sponsor", "Abbrechen")  # changed their mind
        assert rows_mentioning(database(tmp_path), mine)

        await chats.send("sponsor", "/loeschen")
        erased = await chats.tap("sponsor", "Ja, alles löschen")
        assert "Gelöscht: 1 Entwurf" in erased.text
        assert "anonyme Zahlen" in erased.text and "Allianz noch vorliegen" in erased.text

        assert rows_mentioning(database(tmp_path), mine) == {}
        counts = table(tmp_path, "SELECT subregion, status, drafts, costs_eur FROM deleted_counts")
        assert counts == [("Landkreis Hildesheim", "statement", 1, 380_000)]
        statistics = await chats.send("staff", "/statistik")
        assert "Landkreis Hildesheim: 1 Entwürfe, zusammen 380.000 €" in statistics.text

        # the alliance's side no longer reaches anyone, and says so plainly
        assert "Noch keine Übergaben" in (await chats.send("contact", "/eingang")).text
        # the sponsor may start afresh
        welcome = await chats.send("sponsor", "/start")
        assert "Willkommen" in welcome.messages[0].text
        assert len(welcome.messages) == 2


async def test_erasure_of_a_contact_leaves_no_row_of_the_contact(tmp_path: Path) -> None:
    async with Chats(tmp_path, IN_PROCESS_SPONSOR, IN_PROCESS_CONTACT, OFFICE) as chats:
        await handed_over_and_talked_in_process(chats)
        await chats.send("contact", "/loeschen")
        erased = await chats.tap("contact", "Ja, alles löschen")
        assert rows_mentioning(database(tmp_path), {str(CONTACT), "Kontakt Eins"}) == {}
        # no contact any more: Telegram shows the sponsor's menu again (the adapter resets
        # the menus the service names: tests/alliance/test_team.py over the Bot API)
        assert "command menu reset to the sponsor's" in erased.notes
        # the sponsor's draft keeps the alliance's statement; the alliance has no contact now
        listing = await chats.send("sponsor", "/entwuerfe")
        assert any("Stellungnahme liegt vor" in label for label in listing.labels)
        assert "Noch keine Ansprechpersonen" in (await chats.send("staff", "/kontakte")).text
        refused = await chats.send("contact", "/eingang")
        assert refused.text.startswith("Diesen Befehl kenne ich nicht")


async def test_drafts_untouched_for_the_retention_period_are_purged(
    server: BotApiServer, start_bot: StartBot, clock: ManualClock
) -> None:
    async with start_bot(admin_ids=ADMINS, retention_months=6) as (_, runtime):
        staff = server.user(STAFF, "Koordination")
        sponsor = server.user(SPONSOR, "Träger")
        await to_summary(sponsor, title="Alter Entwurf")
        clock.advance(timedelta(days=90))
        await to_summary(sponsor, command="/neu", title="Neuer Entwurf", place="Hameln")

        purging = asyncio.create_task(purge_regularly(runtime))
        try:
            await clock.sleeper(at_least=24 * 3600)  # purged at start, then waits a day
            listing = await answer(sponsor, "/entwuerfe")
            assert len(listing.button_texts()) == 3  # two drafts and "new"

            # 25 May 2027: the old draft is untouched for six months less a day
            clock.set(NOW.replace(year=2027, month=5, day=24))
            await clock.sleeper(at_least=24 * 3600)
            listing = await answer(sponsor, "/entwuerfe")
            assert any("Alter Entwurf" in b for b in listing.button_texts())

            clock.advance(timedelta(days=2))  # now six months and a day
            await clock.sleeper(at_least=24 * 3600)
            listing = await answer(sponsor, "/entwuerfe")
            items = listing.button_texts()
            assert not any("Alter Entwurf" in b for b in items), items
            assert any("Neuer Entwurf" in b for b in items), items
        finally:
            purging.cancel()

        statistics = await answer(staff, "/statistik")
        assert "Landkreis Hildesheim: 1 Entwürfe, zusammen 380.000 €" in statistics.text
        assert "REK Weserbergland+: 1 Entwürfe" in statistics.text


async def test_statistics_per_subregion_action_field_and_status(tmp_path: Path) -> None:
    sponsors = [Person(f"sponsor{n}", 7_340_100 + n, f"Träger {n}") for n in range(3)]
    async with Chats(tmp_path, OFFICE, *sponsors) as chats:
        assert "Noch keine Entwürfe" in (await chats.send("staff", "/statistik")).text
        await chats.draft("sponsor0", place="Sarstedt", costs="380.000 €")
        await chats.draft("sponsor1", place="Landkreis Hildesheim", costs="120.000 €")
        await chats.draft("sponsor2", place="Garbsen", costs="450.000 €")
        handed = await chats.hand_over("sponsor0")
        assert handed.of("staff").documents  # no contact registered: the office has it

        text = (await chats.send("staff", "/statistik")).text
        assert "Landkreis Hildesheim: 2 Entwürfe, zusammen 500.000 €" in text
        assert "Region Hannover: 1 Entwürfe, zusammen 450.000 €" in text
        assert "III: 3 Entwürfe, zusammen 950.000 €" in text
        assert "an die Allianz übergeben: 1 Entwürfe, zusammen 380.000 €" in text
        assert "Entwurf: 2 Entwürfe, zusammen 570.000 €" in text
        # a sponsor never sees it
        assert "Statistik" not in (await chats.send("sponsor0", "/statistik")).text


async def test_erasure_of_a_contact_takes_their_name_out_of_undelivered_messages(
    server: BotApiServer, start_bot: StartBot, clock: ManualClock, tmp_path: Path
) -> None:
    """What the contact did still reaches the sponsor, as done by "die lokale Allianz"."""
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server, contact=CONTACT, sponsor=SPONSOR)
        await register_contacts(staff, HILDESHEIM, contact)
        await to_summary(sponsor)
        await hand_over(sponsor, ORGANISATION, PERSON, EMAIL)
        notified, _ = await notification(contact)
        # Telegram refuses the sponsor's chat for ten minutes: what the contact does waits
        server.faults.add("sendMessage", "429", retry_after=600, chat_id=SPONSOR)
        await tap(contact, "Übernehmen", notified.message_id)
        await clock.sleeper(at_least=599)
        contact.reply(notified.message_id, QUESTION)
        await contact.expect()
        inbox = await answer(contact, "/eingang")
        (details,) = await tap(contact, "Nr. 1", inbox.message_id)
        await tap(contact, "Unterstützt", details.message_id)
        await answer(contact, "Passt gut zu unseren Schwerpunkten.")
        assert not [m for m in sponsor.all_outputs if "übernommen" in m.text]

        confirm = await answer(contact, "/loeschen")
        await tap(contact, "Ja, alles löschen", confirm.message_id)
        assert rows_mentioning(database(tmp_path), {str(CONTACT), "Kontakt Eins"}) == {}

        clock.advance(timedelta(seconds=601))
        taken, question, statement = await sponsor.expect(3)
        assert "„Pflegebrücke Hildesheim“ wurde übernommen" in taken.text
        assert f"Ansprechperson der {HILDESHEIM}: die lokale Allianz" in taken.text
        assert QUESTION in question.text and "(die lokale Allianz)" in question.text
        assert "unterstützt das Projekt" in statement.text
        assert "Passt gut zu unseren Schwerpunkten." in statement.text
        assert "(die lokale Allianz)" in statement.text
        assert not [m for m in sponsor.all_outputs if "Kontakt Eins" in m.text]
        assert not server.bot_errors
