"""The durable outbox under Bot API faults: every notification arrives; a refused request (429,
500, a connection dropped before Telegram did anything) never leads to a duplicate; a request
Telegram carried out before the connection dropped causes at most one."""

from __future__ import annotations

from collections.abc import Callable

from bot.clock import FixedClock
from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    hand_over,
    people,
    register_contacts,
    tap,
    to_summary,
)
from tests.botapi import BotApiServer, BotMessage, TelegramUser
from tests.support.bot import StartBot

CONTACT = 501


async def handed_over(
    server: BotApiServer, arm: Callable[[], object] | None = None
) -> tuple[TelegramUser, TelegramUser]:
    """A contact of Hildesheim and a sponsor who has just consented to a handoff; `arm`
    injects faults right before the consent."""
    staff, contact, sponsor = people(server, contact=CONTACT)
    await register_contacts(staff, HILDESHEIM, contact)
    await to_summary(sponsor)
    sent = await hand_over(sponsor, arm=arm)
    assert "Ihr Entwurf geht an die" in sent.text
    return contact, sponsor


def notifications(contact: TelegramUser) -> list[BotMessage]:
    return [m for m in contact.all_outputs if "Übergabe Nr. 1" in m.text]


def pdfs(contact: TelegramUser) -> list[BotMessage]:
    return [m for m in contact.all_outputs if m.document is not None]


async def delivered(contact: TelegramUser) -> None:
    """Wait until the notification and its PDF are in the contact's chat, then for quiet."""
    await contact.wait_for(
        lambda: bool(notifications(contact)) and bool(pdfs(contact)), what="the notification"
    )
    await contact.settle()
    contact.mark()


async def test_429_is_retried_after_retry_after_and_never_duplicated(
    server: BotApiServer, start_bot: StartBot, clock: FixedClock
) -> None:
    async with start_bot(admin_ids=ADMINS):

        def arm() -> None:
            server.faults.add("sendMessage", "429", times=3, retry_after=7, chat_id=CONTACT)
            server.faults.add("sendDocument", "429", times=2, retry_after=11, chat_id=CONTACT)

        contact, _ = await handed_over(server, arm)
        await delivered(contact)
        assert len(notifications(contact)) == 1
        assert len(pdfs(contact)) == 1
        # the text came first, then its PDF
        assert contact.all_outputs.index(notifications(contact)[0]) < contact.all_outputs.index(
            pdfs(contact)[0]
        )
        assert [f.kind for f in server.faults.fired] == ["429"] * 5
        assert not server.faults.pending
        # the worker waited as long as Telegram asked, not less
        assert clock.slept.count(7.0) >= 3 and clock.slept.count(11.0) >= 2, clock.slept


async def test_a_long_flood_wait_loses_nothing(
    server: BotApiServer, start_bot: StartBot, clock: FixedClock
) -> None:
    """Telegram may refuse with 429 for a long time: the notification is never given up."""
    async with start_bot(admin_ids=ADMINS):

        def arm() -> None:
            server.faults.add("sendMessage", "429", times=40, retry_after=30, chat_id=CONTACT)

        contact, _ = await handed_over(server, arm)
        await delivered(contact)
        assert len(notifications(contact)) == 1 and len(pdfs(contact)) == 1


async def test_500_and_dropped_connections_lose_nothing_and_duplicate_nothing(
    server: BotApiServer, start_bot: StartBot
) -> None:
    """Also an outage of Telegram for more attempts than a few: nothing is given up."""
    async with start_bot(admin_ids=ADMINS):

        def arm() -> None:
            server.faults.add("sendMessage", "500", times=30, chat_id=CONTACT)
            server.faults.add("sendMessage", "drop", times=2, chat_id=CONTACT)
            server.faults.add("sendDocument", "drop", chat_id=CONTACT)
            server.faults.add("sendDocument", "500", chat_id=CONTACT)

        contact, sponsor = await handed_over(server, arm)
        await delivered(contact)
        assert len(notifications(contact)) == 1 and len(pdfs(contact)) == 1
        assert [f.kind for f in server.faults.fired] == ["500"] * 30 + ["drop"] * 3 + ["500"]
        # only now, delivered, is the sponsor told it reached somebody
        (report,) = await sponsor.expect()
        assert "hat 1 Person erreicht" in report.text
        # the delivered notification works: taking it over reaches the sponsor
        (taken,) = await tap(contact, "Übernehmen", notifications(contact)[0].message_id)
        assert "übernommen" in taken.text
        (told,) = await sponsor.expect()
        assert "übernommen" in told.text


async def test_a_connection_dropped_after_telegram_accepted_costs_one_duplicate_at_most(
    server: BotApiServer, start_bot: StartBot
) -> None:
    """Telegram has no idempotency key: the worker cannot know the message arrived."""
    async with start_bot(admin_ids=ADMINS):

        def arm() -> None:
            server.faults.add("sendMessage", "drop_after_accept", chat_id=CONTACT)
            server.faults.add("sendDocument", "drop_after_accept", chat_id=CONTACT)

        contact, sponsor = await handed_over(server, arm)
        await contact.wait_for(
            lambda: len(notifications(contact)) >= 2 and len(pdfs(contact)) >= 2,
            what="the notification and its PDF, each once more",
        )
        await contact.settle()
        assert len(notifications(contact)) == 2  # exactly one duplicate
        assert len(pdfs(contact)) == 2
        contact.mark()
        (report,) = await sponsor.expect()  # counted once, though it went twice
        assert "hat 1 Person erreicht" in report.text
        # replying to either copy reaches the sponsor: both belong to the handoff
        for copy in notifications(contact):
            contact.reply(copy.message_id, f"Frage zu Nachricht {copy.message_id}")
            (confirmation,) = await contact.expect()
            assert "unterwegs zum Träger" in confirmation.text
            (question,) = await sponsor.expect()
            assert f"Frage zu Nachricht {copy.message_id}" in question.text
