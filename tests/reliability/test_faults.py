"""A whole dialog, a handoff and its notification while the Bot API refuses (429 with
retry_after, 500) or drops the connection before doing anything: every reply, edit and
document arrives exactly once (nothing was done, so nothing may be duplicated), no step turns
into an apology, and every wait happened on the injected clock.

tests/telegram/test_faults.py covers single replies; tests/delivery/test_worker.py the
notification's retries in depth. Here every kind of request of every step fails once first.
Answering a tap (the spinner) is a courtesy the bot does not retry: the reply is what counts.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from bot.clock import FixedClock
from tests.botapi import BotApiServer, BotMessage, FaultKind, TelegramUser
from tests.support.bot import IDEA, StartBot, summary_messages

STAFF = 900
CONTACT = 501
SPONSOR = 1001
HILDESHEIM = "Fachkräfte für die Region Hildesheim"
REFUSED: tuple[FaultKind, ...] = ("429", "500", "drop")
"""Faults after which Telegram did nothing (drop_after_accept may duplicate, by design)."""
SENDING = ("sendMessage", "editMessageText", "answerCallbackQuery", "sendDocument")
RETRY_AFTER = 17


class Faulty:
    """Arms one fault of each sending method for a chat before every step, in turn 429, 500,
    drop; what a step did not use is disarmed after it."""

    def __init__(self, server: BotApiServer) -> None:
        self.server = server
        self.steps = 0

    async def step(
        self, user: TelegramUser, act: Callable[[], object], wait: Callable[[], Awaitable[object]]
    ) -> None:
        kind = REFUSED[self.steps % len(REFUSED)]
        self.steps += 1
        for method in SENDING:
            self.server.faults.add(method, kind, retry_after=RETRY_AFTER, chat_id=user.chat_id)
        act()
        await wait()
        self.server.faults.clear()


def count(user: TelegramUser, needle: str) -> int:
    return sum(1 for message in user.all_outputs if needle in message.text)


async def test_a_whole_dialog_and_handoff_through_a_faulty_bot_api(
    server: BotApiServer, start_bot: StartBot, clock: FixedClock
) -> None:
    async with start_bot(admin_ids=frozenset({STAFF})):
        faulty = Faulty(server)
        staff = server.user(STAFF, "Koordination")
        contact = server.user(CONTACT, "Kontakt")
        sponsor = server.user(SPONSOR, "Träger")
        got: list[BotMessage] = []

        async def expect(user: TelegramUser, messages: int = 1) -> None:
            got.extend(await user.expect(messages))

        # staff invite the alliance's contact, the contact registers (each step faulty)
        await faulty.step(staff, lambda: staff.send("/kontakt_einladen"), lambda: expect(staff))
        await faulty.step(staff, lambda: staff.tap(HILDESHEIM), lambda: expect(staff))
        link = re.search(r"\?start=(\S+)", got[-1].text)
        assert link is not None, got[-1].text
        await faulty.step(
            contact, lambda: contact.send(f"/start {link.group(1)}"), lambda: expect(contact)
        )
        assert "registriert" in got[-1].text

        # the sponsor types and taps through the dialog
        async def say(text: str, messages: int = 1) -> None:
            await faulty.step(
                sponsor, lambda: sponsor.send(text), lambda: expect(sponsor, messages)
            )

        async def tap(label: str, messages: int = 1) -> None:
            await faulty.step(
                sponsor, lambda: sponsor.tap(label), lambda: expect(sponsor, messages)
            )

        await say("/start", 2)
        await say("Sarstedt")
        await tap("Bildungsträger")
        target = got[-1]
        await faulty.step(
            sponsor,
            lambda: sponsor.tap("Geflüchtete", target.message_id),
            lambda: sponsor.expect_edit(target.message_id),
        )
        ticked = next(m for m in sponsor.messages if m.message_id == target.message_id)
        assert "✓ Geflüchtete" in ticked.button_texts()
        await tap("Fertig")
        await say(IDEA)
        await say("Pflegebrücke Hildesheim")
        await say("380.000 €")
        await say("01/2027")
        await say("2 Jahre")
        sponsor.send("/ueberspringen")
        summary = await summary_messages(sponsor)  # in parts: its buttons are on the last
        assert "Zusammenfassung" in summary[0].text
        await tap("Projektskizze", 3)
        assert [m.document is not None for m in got[-3:]] == [False, True, True]
        await tap("Übergeben")
        await say("Bildungswerk Sarstedt e. V.")
        await say("Projektleitung Pflege")
        await say("pflege@bildungswerk.example")
        await tap("Einverstanden")
        assert "Ihr Entwurf geht an die" in got[-1].text

        # the notification reaches the contact, refused on its way as well
        for method in ("sendMessage", "sendDocument"):
            for kind in REFUSED:
                server.faults.add(method, kind, retry_after=RETRY_AFTER, chat_id=CONTACT)
        notification, pdf = await contact.expect(2)
        assert "Pflegebrücke Hildesheim" in notification.text
        assert pdf.document is not None and pdf.document.name.endswith(".pdf")

        # every question once: a refused request was never carried out, so never repeated
        for question in (
            "Wo soll das Projekt stattfinden",
            "Welche Art von Organisation",
            "Wen soll das Projekt erreichen",
            "Beschreiben Sie Ihre Projektidee",
            "Hat das Projekt schon einen Titel",
            "Wie hoch sind die geplanten Gesamtkosten",
            "Wann soll das Projekt beginnen",
            "Wie lange soll das Projekt laufen",
            "Zusammenfassung",
        ):
            assert count(sponsor, question) == 1, (question, sponsor.transcript)
        assert len(sponsor.documents) == 2
        assert count(contact, "Übergabe Nr. 1") == 1 and len(contact.documents) == 1
        assert not any(count(user, "Entschuldigung") for user in (staff, contact, sponsor))
        assert not server.bot_errors
        assert "✓ Bildungsträger" in " ".join(m.text for m in sponsor.messages)

        # every kind fired, and the waits were on the injected clock: 429's retry_after as told
        fired = {fault.kind for fault in server.faults.fired}
        assert fired == set(REFUSED)
        assert clock.slept.count(float(RETRY_AFTER)) >= faulty.steps // 3
        methods = {fault.method for fault in server.faults.fired}
        assert methods == set(SENDING)
