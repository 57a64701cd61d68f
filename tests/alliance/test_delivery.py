"""Honest delivery (issue 15, point 2): the sponsor is told what actually happened, staff see a
notification that could not be delivered and can re-route it, and nobody is told "sent" where
nobody receives it. Over the Bot API server: an admin whose chat never opened the bot ("Bad
Request: chat not found"), a contact who blocked the bot, nobody registered at all."""

from __future__ import annotations

from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    STAFF,
    hand_over,
    joined,
    notification,
    people,
    register_contacts,
    tap,
    to_summary,
)
from tests.botapi import BotApiServer, TelegramUser
from tests.support.bot import StartBot, answer

NEVER_OPENED = 905
"""An admin id in BOT_ADMIN_IDS whose person never opened the bot: Telegram knows no chat."""
OFFICE = "Amt für regionale Landesentwicklung Leine-Weser"


async def until(user: TelegramUser, text: str) -> str:
    def arrived() -> str | None:
        got = joined(user.new_messages)
        return got if text in got else None

    got = await user.wait_for(arrived, what=text)
    user.mark()
    return got


async def test_an_office_whose_chat_telegram_does_not_know_is_never_claimed(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=frozenset({NEVER_OPENED})):
        sponsor = server.user(1001, "Träger")
        await to_summary(sponsor)
        sent = await hand_over(sponsor, arm=lambda: None)
        # on its way to the office, nothing counted and nothing claimed yet
        assert "geht deshalb an die Koordinierungsstelle" in sent.text
        assert "✅" not in sent.text and "Person" not in sent.text
        # the notification fails with "chat not found": the sponsor learns it, with addresses
        report = await until(sponsor, "konnte nicht zugestellt werden")
        assert "✅" not in report
        assert f"Bitte wenden Sie sich zusätzlich direkt an:\n• {HILDESHEIM}" in report
        assert OFFICE in report
        assert not server.bot_errors or all(
            "chat not found" in str(error) for error in server.bot_errors
        )


async def test_a_contact_who_blocked_the_bot_is_shown_to_staff_who_reroute_it(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact, sponsor = people(server)
        await register_contacts(staff, HILDESHEIM, contact)
        contact.block()
        await to_summary(sponsor)
        sent = await hand_over(sponsor, arm=lambda: None)
        assert f"geht an die registrierten Ansprechpersonen der {HILDESHEIM}" in sent.text

        # staff are alerted, with a button to re-route it
        alert = await until(staff, "Nicht zugestellt")
        assert "Forbidden: bot was blocked by the user" in alert
        assert "Ihr Entwurf „Pflegebrücke Hildesheim“" in alert
        # the sponsor is told it did not arrive, and where to turn meanwhile
        report = await until(sponsor, "konnte nicht zugestellt werden")
        assert "✅" not in report and "Die Koordinierungsstelle sieht das im Bot" in report

        # /eingang lists it for staff too
        staff.send("/eingang")
        listing = joined(await staff.expect(2))
        assert "Nicht zugestellt (1)" in listing
        # re-routed: the notification comes to staff, the sponsor is told
        (rerouted,) = await tap(staff, "Nr. ")
        assert "umgeleitet" in rerouted.text and "Der Träger ist informiert" in rerouted.text
        text = await until(staff, "Übergabe Nr. 1")
        assert "Pflegebrücke Hildesheim" in text
        told = await until(sponsor, "weitergeleitet")
        assert f"an die Koordinierungsstelle ({OFFICE}) weitergeleitet" in told
        # gone from the listing once re-routed
        staff.send("/eingang")
        assert "Nicht zugestellt" not in joined(await staff.expect())


async def test_the_office_reached_is_counted_after_delivery(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        sponsor = server.user(1001, "Träger")
        await to_summary(sponsor)
        await tap(sponsor, "Übergeben")
        sent = await hand_over_consent(sponsor)
        assert "Person" not in sent
        await notification(staff)
        report = await until(sponsor, "Zugestellt")
        assert f"hat 1 Person erreicht (Koordinierungsstelle, für die {HILDESHEIM})" in report


async def hand_over_consent(sponsor: TelegramUser) -> str:
    await answer(sponsor, "Bildungswerk Sarstedt e. V.")
    await answer(sponsor, "Projektleitung Pflege")
    await answer(sponsor, "pflege@bildungswerk.example")
    (sent,) = await tap(sponsor, "Einverstanden")
    return sent.text
