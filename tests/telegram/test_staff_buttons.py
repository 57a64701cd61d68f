"""Staff buttons stay within Telegram's 64 bytes of callback data whatever the knowledge base
calls an alliance (ids may have 80 characters) and however large a Telegram user id is."""

from __future__ import annotations

from bot.kb.stamp import with_stamp
from tests.alliance.conftest import ADMINS, STAFF, answer, invite, register, tap
from tests.botapi import BotApiServer
from tests.kb.edits import shipped_text
from tests.support.bot import StartBot

LONG_ID = "fachkraefteallianz-fuer-die-region-hildesheim-landkreis-und-stadt-hildesheim"
HILDESHEIM = "Fachkräfte für die Region Hildesheim"
BIG_USER_ID = 2**52 - 1  # Telegram's ids fit in 52 bits


async def test_contacts_of_an_alliance_with_a_long_id_are_invited_listed_and_removed(
    server: BotApiServer, start_bot: StartBot
) -> None:
    assert len(LONG_ID) <= 80
    regions = with_stamp(shipped_text("regions.yaml").replace("farehi", LONG_ID).encode(), "v0")
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF)
        staff.send_document("regions.yaml", regions)
        applied = "\n".join(m.text for m in await staff.expect())
        assert "übernommen" in applied, applied

        contact = server.user(BIG_USER_ID, "Kontakt Groß")
        registered = await register(contact, await invite(staff, HILDESHEIM))
        assert "registriert" in registered.text and HILDESHEIM in registered.text

        listing = await answer(staff, "/kontakte")
        assert "Registrierte Ansprechpersonen (1)" in listing.text
        assert all(len(b.data.encode()) <= 64 for row in listing.buttons for b in row if b.data)
        (removed,) = await tap(staff, "Kontakt Groß", listing.message_id)
        assert "Ansprechperson entfernt" in removed.text
        (stale,) = await tap(staff, "Kontakt Groß", listing.message_id)  # the old list
        assert "gibt es nicht (mehr)" in stale.text
        assert not server.bot_errors
