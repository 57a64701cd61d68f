"""The coordination office (`bot/alliance/staff.py`): staff invite contacts of the local
alliances with one-time deep links valid for seven days, list and remove them; every staff or
contact command refuses everyone else, revealing nothing.

In process (`tests/support/chats.py`); over the Bot API server only what Telegram itself
shows: the refusals of commands addressed to the bot, of documents, and the menus."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    WESERBERGLAND,
    answer,
    hand_over,
    notification,
    people,
    register_contacts,
    to_summary,
)
from tests.botapi import BotApiServer
from tests.support.bot import StartBot
from tests.support.chats import UNKNOWN, Chats
from tests.support.scripts import CONTACT, SPONSOR
from tests.support.scripts import STAFF as OFFICE
from tests.support.steps import Person, Tap

SECOND = Person("other", 502, "Kontakt Zwei")
MENU_CHANGED = "command menu changes (role changed)"


async def test_an_invitation_registers_once_and_expires_after_seven_days(tmp_path: Path) -> None:
    async with Chats(tmp_path, OFFICE, CONTACT, SECOND) as chats:
        choose = await chats.send("staff", "/kontakt_einladen")
        assert "Für welche lokale Allianz" in choose.text
        assert set(choose.labels) == {
            "Fachkräfteallianz Region Hannover",
            HILDESHEIM,
            WESERBERGLAND,
        }
        link = await chats.tap("staff", HILDESHEIM)
        assert "https://t.me/foerderlotse_test_bot?start=inv_" in link.text  # getMe's name
        assert "gültig bis 02.12.2026" in link.text and "einmalig" in link.text

        # a day before it expires the link still works, exactly once
        chats.clock.advance(timedelta(days=6, hours=23))
        registered = await chats.join("contact")
        assert f"als Ansprechperson der {HILDESHEIM} registriert" in registered.text
        # the contact's menu is set (its commands over the Bot API: tests/telegram/test_menus)
        assert registered.notes == [MENU_CHANGED]
        again = await chats.join("contact")
        assert "bereits als Ansprechperson" in again.text
        used = await chats.join("other")
        assert "bereits verwendet" in used.text
        assert "Noch keine Übergaben" in (await chats.send("contact", "/eingang")).text
        assert (await chats.send("other", "/eingang")).text == UNKNOWN

        # a fresh invitation that is not used within seven days is void
        await chats.send("staff", "/kontakt_einladen")
        await chats.tap("staff", WESERBERGLAND)
        chats.clock.advance(timedelta(days=7, seconds=1))
        expired = await chats.join("other")
        assert "abgelaufen" in expired.text
        assert (await chats.send("other", "/eingang")).text == UNKNOWN

        unknown = await chats.send("other", "/start inv_nichtvergeben")
        assert "kenne ich nicht" in unknown.text and "Einladung" in unknown.text
        assert (await chats.send("other", "/eingang")).text == UNKNOWN


async def test_staff_list_and_remove_contacts(tmp_path: Path) -> None:
    async with Chats(tmp_path, SPONSOR, OFFICE, CONTACT, SECOND) as chats:
        assert "Noch keine Ansprechpersonen" in (await chats.send("staff", "/kontakte")).text
        await chats.register(HILDESHEIM, "contact")
        await chats.register(WESERBERGLAND, "other")

        listing = await chats.send("staff", "/kontakte")
        assert "Registrierte Ansprechpersonen (2)" in listing.text
        assert set(listing.labels) == {
            "🗑 Kontakt Eins · FaReHi",
            "🗑 Kontakt Zwei · Fachkräfte-Initiative Weserbergland+",
        }

        # a handoff reaches the registered contact ...
        await chats.draft()
        notified = (await chats.hand_over()).of("contact")
        assert "Übergabe Nr. 1" in notified.text and notified.documents

        removed = await chats.tap("staff", "Kontakt Eins", on="Registrierte Ansprechpersonen")
        assert "Ansprechperson entfernt" in removed.text
        # the contact menu goes: Telegram shows the sponsor's menu again (the other contact
        # keeps theirs)
        assert removed.of("contact").notes == ["command menu reset to the sponsor's"]
        assert not removed.of("other").notes
        assert removed.labels == ["🗑 Kontakt Zwei · Fachkräfte-Initiative Weserbergland+"]
        stale = await chats.play(  # the old list
            Tap("Kontakt Eins", who="staff", on="Registrierte Ansprechpersonen (2)")
        )
        assert "gibt es nicht (mehr)" in stale.text

        # ... and once removed, the contact's old buttons and commands do nothing
        refused = await chats.tap("contact", "Übernehmen", on="Übergabe Nr. 1")
        assert refused.text == UNKNOWN
        assert (await chats.send("contact", "/eingang")).text == UNKNOWN
        relayed = await chats.reply("contact", "Übergabe Nr. 1", "Noch eine Frage?")
        assert not [e for e in relayed.of("sponsor").messages if "Noch eine Frage?" in e.text]

        # the next handoff goes to the coordination office instead
        await chats.draft(command="/neu", title="Zweiter Entwurf")
        sent = await chats.hand_over()
        assert "Koordinierungsstelle" in sent.text
        assert "Übergabe Nr. 2" in sent.of("staff").text
        assert not [e for e in sent.of("contact").messages if "Übergabe" in e.text]


STAFF_COMMANDS = (
    "/kontakt_einladen",
    "/kontakte",
    "/statistik",
    "/kb_version",
    "/kb_zurueck",
    "/verfahren",
    "/sitzung",
)
CONTACT_COMMANDS = ("/eingang",)


async def test_staff_and_contact_commands_refuse_everyone_else(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server)
        await register_contacts(staff, HILDESHEIM, contact)
        await to_summary(sponsor)
        await hand_over(sponsor)
        await notification(contact)

        # a sponsor gets exactly the answer to a command that does not exist at all
        assert (await answer(sponsor, "/gibtesnicht")).text == UNKNOWN
        for command in (*STAFF_COMMANDS, "/kb_export", *CONTACT_COMMANDS):
            for typed in (command, f"{command} farehi", f"{command}@foerderlotse_test_bot"):
                reply = await answer(sponsor, typed)
                assert reply.text == UNKNOWN, (typed, reply.text)
                assert not reply.buttons and reply.document is None
        # a contact is no staff
        for command in (*STAFF_COMMANDS, "/kb_export"):
            assert (await answer(contact, command)).text == UNKNOWN, command
        # a sponsor's document is no knowledge file
        sponsor.send_document("projects.yaml", b"projects: []\n")
        (upload,) = await sponsor.expect()
        assert "Version" not in upload.text and "projects.yaml" not in upload.text
        await sponsor.settle()
        assert not sponsor.new_messages
        assert server.commands_for({"type": "chat", "chat_id": sponsor.user_id}) == []
        # nothing the sponsor did reached anyone else
        await staff.settle()
        await contact.settle()
        assert not staff.new_messages and not contact.new_messages
        assert not server.bot_errors


async def test_help_lists_the_commands_of_staff_and_contacts_after_the_sponsors(
    tmp_path: Path,
) -> None:
    english = Person("english", 502, "Contact Two", "en")
    async with Chats(tmp_path, SPONSOR, OFFICE, CONTACT, english) as chats:
        await chats.register(HILDESHEIM, "contact")
        await chats.register(WESERBERGLAND, "english")

        staff_help = (await chats.send("staff", "/hilfe")).text
        sponsors = staff_help.index("/entwuerfe")
        own = staff_help.index("Für die Koordinierungsstelle")
        assert sponsors < own, staff_help
        for line in (
            "/kontakt_einladen – Ansprechperson einer Allianz einladen",
            "/kontakte – Ansprechpersonen anzeigen und entfernen",
            "/statistik – ",
            "/kb_version – ",
            "/kb_zurueck – ",
            "/kb_export – ",
            "/eingang – Eingegangene Übergaben und Fragen",
            "„Probelauf“",
        ):
            assert line in staff_help[own:], line

        # a contact in the middle of a draft: the question's help, the sponsor's commands, theirs
        await chats.send("contact", "/start")
        contact_help = (await chats.send("contact", "/hilfe")).text
        assert "Stadt, Gemeinde oder Landkreis" in contact_help  # still the current question
        sponsors = contact_help.index("/entwuerfe")
        own = contact_help.index("Als Ansprechperson Ihrer lokalen Allianz")
        assert sponsors < own, contact_help
        assert "/eingang – Eingegangene Übergaben und Fragen" in contact_help[own:]
        assert "/kontakt_einladen" not in contact_help

        english_help = (await chats.send("english", "/help")).text
        assert "As a contact of your local alliance" in english_help
        assert "/inbox – " in english_help and "/eingang" not in english_help

        await chats.send("sponsor", "/start")
        sponsor_help = (await chats.send("sponsor", "/hilfe")).text
        assert "/entwuerfe" in sponsor_help
        assert "/eingang" not in sponsor_help and "Koordinierungsstelle" not in sponsor_help
