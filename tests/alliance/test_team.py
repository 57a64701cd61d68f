"""Staff without a redeploy (issue 17 point 6): the configured staff (BOT_ADMIN_IDS) invite a
colleague in the bot, the colleague can act as staff at once (commands, menu, handoffs to the
office), and once removed can do nothing of it any more. Over the Bot API server."""

from __future__ import annotations

import re

from tests.alliance.conftest import (
    ADMINS,
    STAFF,
    WESERBERGLAND,
    hand_over,
    invite,
    notification,
    register,
    tap,
    to_summary,
)
from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer

UNKNOWN = "Diesen Befehl kenne ich nicht. /hilfe zeigt, was möglich ist."
COLLEAGUE = 950
_LINK = re.compile(r"https://t\.me/\w+\?start=(stf_\S+)")


async def test_a_colleague_added_in_the_bot_acts_as_staff_until_removed(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        office = server.user(STAFF, "Koordination")
        colleague = server.user(COLLEAGUE, "Clara Neu")
        sponsor = server.user(1001, "Träger")
        scope = {"type": "chat", "chat_id": COLLEAGUE}
        assert (await answer(colleague, "/kontakte")).text == UNKNOWN

        listing = await answer(office, "/team")
        assert "Telegram-ID 900" in listing.text and "noch niemand" in listing.text
        assert listing.button_texts() == ["➕ Kollegin oder Kollegen einladen"]
        (confirm,) = await tap(office, "Kollegin oder Kollegen einladen")
        assert "alle Rechte der Koordinierungsstelle" in confirm.text
        (link,) = await tap(office, "Ja, Link erstellen")
        match = _LINK.search(link.text)
        assert match is not None, link.text

        joined = await register(colleague, match.group(1))
        assert "gehören jetzt zur Koordinierungsstelle" in joined.text
        menu = await server.wait_until(lambda: server.commands_for(scope), what="staff menu")
        assert {"team", "kontakte", "kb_export"} <= {c["command"] for c in menu}
        again = await register(server.user(951, "Fremd"), match.group(1))
        assert "bereits verwendet" in again.text

        # the colleague acts as staff: invites a contact, sees the office, ...
        assert "Noch keine Ansprechpersonen" in (await answer(colleague, "/kontakte")).text
        assert (await invite(colleague, WESERBERGLAND)).startswith("inv_")
        team = await answer(colleague, "/team")
        assert "Koordinierungsstelle (2)" in team.text
        assert "🗑 Clara Neu" in team.button_texts()
        # ... and a handoff to an alliance without contacts reaches the whole office
        await to_summary(sponsor)
        await hand_over(sponsor)
        for member in (office, colleague):
            text, _ = await notification(member)
            assert "Übergabe Nr. 1" in text.text

        listing = await answer(office, "/team")
        assert "🗑 Clara Neu" in listing.button_texts()
        (sure,) = await tap(office, "Clara Neu", listing.message_id)
        assert "Clara Neu aus der Koordinierungsstelle entfernen?" in sure.text
        (removed,) = await tap(office, "Ja, entfernen")
        assert "Clara Neu gehört nicht mehr zur Koordinierungsstelle" in removed.text
        assert removed.button_texts() == ["➕ Kollegin oder Kollegen einladen"]
        await server.wait_until(lambda: not server.commands_for(scope), what="menu removed")

        # removed: staff's commands and the old list's buttons do nothing any more
        assert (await answer(colleague, "/kontakte")).text == UNKNOWN
        assert (await answer(colleague, "/team")).text == UNKNOWN
        (refused,) = await tap(colleague, "Kollegin oder Kollegen einladen", team.message_id)
        assert refused.text == UNKNOWN
