"""The bot confirms an update to Telegram only once it is handled (bot/adapters/telegram/
confirm.py): while one chat's update hangs, other chats are served, the hanging update is
neither confirmed nor handled a second time although Telegram hands it out again."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot

ORGANISATION = "Welche Art von Organisation"


async def test_an_update_in_hand_is_neither_confirmed_nor_handled_twice(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        slow, other = server.user(4100), server.user(4101)
        slow.send("/start")
        await slow.expect(2)
        held = server.hold("sendMessage", chat_id=slow.chat_id)
        update_id = slow.send("Rinteln")
        await held.wait_arrived()

        # another sponsor is served meanwhile: polling goes on
        other.send("/start")
        await other.expect(2)
        other.send("Hameln")
        (answered,) = await other.expect()
        assert ORGANISATION in answered.text
        # the polls were handed the hanging update again, and left it alone
        await server.wait_handed_out(update_id, times=3)
        assert not server.is_confirmed(update_id)

        held.release()
        (reply,) = await slow.expect()
        assert ORGANISATION in reply.text
        await server.wait_confirmed(update_id)
        later = other.send("/hilfe")
        await server.wait_confirmed(later)
        assert sum(ORGANISATION in m.text for m in slow.all_outputs) == 1
        assert not server.pending_updates()
