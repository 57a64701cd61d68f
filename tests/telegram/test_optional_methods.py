"""The command menus are a convenience: a Bot API that refuses them (a 5xx, or a server that
does not implement the method) neither stops the start-up nor costs a turn. The bot works
without them and sets them, in the background on the injected clock, once the method works."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    STAFF,
    ManualClock,
    invite,
    register,
    tap,
)
from tests.botapi import BotApiServer, FaultKind
from tests.support.bot import NOW, StartBot, answer
from tests.telegram.test_menus import GERMAN, menu


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


async def later(clock: ManualClock, seconds: float) -> None:
    """Let a background retry that waits `seconds` go (it sleeps on the clock)."""
    await clock.sleeper(seconds)
    clock.advance(timedelta(seconds=seconds))


@pytest.mark.parametrize("kind", ["500", "404"])
async def test_the_bot_starts_without_its_menu_and_sets_it_once_the_method_works(
    server: BotApiServer, start_bot: StartBot, clock: ManualClock, kind: FaultKind
) -> None:
    server.faults.add("setMyCommands", kind, times=2)
    async with start_bot():
        sponsor = server.user(1201)
        sponsor.send("/start")
        welcome, place = await sponsor.expect(2)
        assert "Willkommen" in welcome.text and "Wo soll das Projekt" in place.text
        assert menu(server, None) == []  # refused at start-up, the bot runs all the same
        await later(clock, 10)
        await clock.sleeper(20)  # refused again: the next try waits longer
        assert len(server.faults.fired) == 2 and menu(server, None) == []
        await later(clock, 20)
        await server.wait_until(lambda: menu(server, None, "en"), what="the menu set")
        assert menu(server, None) == [*GERMAN, "datenschutz"]
        sponsor.send("Rinteln")
        (organisation,) = await sponsor.expect()
        assert "Welche Art von Organisation" in organisation.text
    assert [fault.kind for fault in server.faults.fired] == [kind, kind]


async def test_a_contact_registers_although_their_menu_is_refused(
    server: BotApiServer, start_bot: StartBot, clock: ManualClock
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact = server.user(STAFF), server.user(501)
        payload = await invite(staff, HILDESHEIM)
        server.faults.add("setMyCommands", "500")
        registered = await register(contact, payload)
        assert registered.text.startswith("✅"), registered.text
        assert menu(server, 501) == []
        await later(clock, 10)
        await server.wait_until(lambda: menu(server, 501, "en"), what="the contact menu")
        assert "eingang" in menu(server, 501)


async def test_a_removed_contacts_menu_goes_although_deleting_it_failed_at_first(
    server: BotApiServer, start_bot: StartBot, clock: ManualClock
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff, contact = server.user(STAFF), server.user(501)
        await register(contact, await invite(staff, HILDESHEIM))
        await server.wait_until(lambda: menu(server, 501, "en"), what="the contact menu")
        server.faults.add("deleteMyCommands", "500")
        confirm = await answer(contact, "/loeschen")
        (erased,) = await tap(contact, "Ja, alles löschen", confirm.message_id)
        assert "Gelöscht" in erased.text
        await later(clock, 10)
        await server.wait_until(lambda: not menu(server, 501, "en"), what="the menu gone")
        assert menu(server, 501) == []
