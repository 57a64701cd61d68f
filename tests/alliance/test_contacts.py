"""Staff invite contacts of the local alliances with one-time deep links valid for seven days,
list and remove them; every staff or contact command refuses everyone else, revealing nothing."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import FixedClock
from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    STAFF,
    WESERBERGLAND,
    answer,
    hand_over,
    invite,
    notification,
    people,
    register,
    register_contacts,
    tap,
    to_summary,
)
from tests.botapi import BotApiServer, TelegramUser
from tests.support.bot import StartBot

UNKNOWN = "Diesen Befehl kenne ich nicht. /hilfe zeigt, was möglich ist."
CONTACT_SCOPE = {"type": "chat", "chat_id": 501}


async def test_an_invitation_registers_once_and_expires_after_seven_days(
    server: BotApiServer, start_bot: StartBot, clock: FixedClock
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        contact, other = server.user(501, "Kontakt Eins"), server.user(502, "Kontakt Zwei")

        choose = await answer(staff, "/kontakt_einladen")
        assert "Für welche lokale Allianz" in choose.text
        assert set(choose.button_texts()) == {
            "Fachkräfteallianz Region Hannover",
            HILDESHEIM,
            WESERBERGLAND,
        }
        (link,) = await tap(staff, HILDESHEIM)
        assert "https://t.me/foerderlotse_test_bot?start=inv_" in link.text  # getMe's name
        assert "gültig bis 02.12.2026" in link.text and "einmalig" in link.text
        payload = link.text.split("?start=")[1].split()[0]

        # a day before it expires the link still works, exactly once
        clock.advance(timedelta(days=6, hours=23))
        registered = await register(contact, payload)
        assert f"als Ansprechperson der {HILDESHEIM} registriert" in registered.text
        menu = await server.wait_until(lambda: server.commands_for(CONTACT_SCOPE), what="menu")
        assert "eingang" in {c["command"] for c in menu}
        again = await register(contact, payload)
        assert "bereits als Ansprechperson" in again.text
        used = await register(other, payload)
        assert "bereits verwendet" in used.text
        assert "Noch keine Übergaben" in (await answer(contact, "/eingang")).text
        assert (await answer(other, "/eingang")).text == UNKNOWN

        # a fresh invitation that is not used within seven days is void
        payload = await invite(staff, WESERBERGLAND)
        clock.advance(timedelta(days=7, seconds=1))
        expired = await register(other, payload)
        assert "abgelaufen" in expired.text
        assert (await answer(other, "/eingang")).text == UNKNOWN

        unknown = await register(other, "inv_nichtvergeben")
        assert "kenne ich nicht" in unknown.text and "Einladung" in unknown.text
        assert (await answer(other, "/eingang")).text == UNKNOWN


async def test_staff_list_and_remove_contacts(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        contact = server.user(501, "Kontakt Eins")
        other = server.user(502, "Kontakt Zwei")
        sponsor = server.user(1001, "Träger")
        assert "Noch keine Ansprechpersonen" in (await answer(staff, "/kontakte")).text
        await register_contacts(staff, HILDESHEIM, contact)
        await register_contacts(staff, WESERBERGLAND, other)

        listing = await answer(staff, "/kontakte")
        assert "Registrierte Ansprechpersonen (2)" in listing.text
        assert set(listing.button_texts()) == {
            "🗑 Kontakt Eins · FaReHi",
            "🗑 Kontakt Zwei · Fachkräfte-Initiative Weserbergland+",
        }

        # a handoff reaches the registered contact ...
        await to_summary(sponsor)
        await hand_over(sponsor)
        notified, _ = await notification(contact)
        assert "Übergabe Nr. 1" in notified.text

        scope = CONTACT_SCOPE
        await server.wait_until(
            lambda: server.commands_for(scope) and server.commands_for(scope, "en"),
            what="the contact's menu in both languages",
        )
        (removed,) = await tap(staff, "Kontakt Eins", listing.message_id)
        assert "Ansprechperson entfernt" in removed.text
        # the contact menu goes: Telegram shows the sponsor's menu again
        await server.wait_until(
            lambda: not server.commands_for(scope) and not server.commands_for(scope, "en"),
            what="the contact's menu removed",
        )
        other_scope = {"type": "chat", "chat_id": other.user_id}
        assert server.commands_for(other_scope), "the other contact keeps theirs"
        assert removed.button_texts() == ["🗑 Kontakt Zwei · Fachkräfte-Initiative Weserbergland+"]
        (stale,) = await tap(staff, "Kontakt Eins", listing.message_id)  # the old list
        assert "gibt es nicht (mehr)" in stale.text

        # ... and once removed, the contact's old buttons and commands do nothing
        (refused,) = await tap(contact, "Übernehmen", notified.message_id)
        assert refused.text == UNKNOWN
        assert (await answer(contact, "/eingang")).text == UNKNOWN
        contact.reply(notified.message_id, "Noch eine Frage?")
        await contact.expect()
        await sponsor.settle()
        assert not [m for m in sponsor.new_messages if "Noch eine Frage?" in m.text]

        # the next handoff goes to the coordination office instead
        await to_summary(sponsor, command="/neu", title="Zweiter Entwurf")
        sent = await hand_over(sponsor)
        assert "Koordinierungsstelle" in sent.text
        office, _ = await notification(staff)
        assert "Übergabe Nr. 2" in office.text
        await contact.settle()
        assert not [m for m in contact.new_messages if "Übergabe" in m.text]


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
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        contact = server.user(501, "Kontakt Eins")
        english = server.user(502, "Contact Two", language_code="en")
        sponsor = server.user(1001, "Träger")
        await register_contacts(staff, HILDESHEIM, contact)
        await register_contacts(staff, WESERBERGLAND, english)

        async def help_text(user: TelegramUser, command: str = "/hilfe") -> str:
            """Everything the bot answers to `command`."""
            before = len(user.all_outputs)
            user.send(command)
            await user.expect()
            await user.settle()
            user.mark()
            return "\n".join(m.text for m in user.all_outputs[before:])

        staff_help = await help_text(staff)
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
        contact.send("/start")
        await contact.expect(2)
        contact_help = await help_text(contact)
        assert "Stadt, Gemeinde oder Landkreis" in contact_help  # still the current question
        sponsors = contact_help.index("/entwuerfe")
        own = contact_help.index("Als Ansprechperson Ihrer lokalen Allianz")
        assert sponsors < own, contact_help
        assert "/eingang – Eingegangene Übergaben und Fragen" in contact_help[own:]
        assert "/kontakt_einladen" not in contact_help

        english_help = await help_text(english, "/help")
        assert "As a contact of your local alliance" in english_help
        assert "/inbox – " in english_help and "/eingang" not in english_help

        sponsor.send("/start")
        await sponsor.expect(2)
        sponsor_help = await help_text(sponsor)
        assert "/entwuerfe" in sponsor_help
        assert "/eingang" not in sponsor_help and "Koordinierungsstelle" not in sponsor_help
        assert not server.bot_errors
