"""Staff add a word for a kind of organisation by sending organisation_kinds.yaml through
Telegram; once it is live, a sponsor who opens with it is understood, and the organisation
question is not asked. Over the Bot API server of the tests, on the bot as it runs
(tests/kb/test_organisation_kinds.py: the same in process)."""

from __future__ import annotations

from bot.kb.stamp import with_stamp
from tests.botapi import BotApiServer
from tests.kb.edits import replace, shipped_text
from tests.support.bot import StartBot, answer

STAFF = 900
OPENING = "Hospiz Hameln"
CARE = "Pflege- oder Sozialdienst"


def with_hospice() -> bytes:
    """organisation_kinds.yaml as exported from v0, with "Hospiz" (as staff write it) as care."""
    text = replace(
        shipped_text("organisation_kinds.yaml"),
        "      - ambulante pflege\n",
        "      - ambulante pflege\n      - Hospiz\n",
    )
    return with_stamp(text.encode("utf-8"), "v0")


async def test_a_word_staff_upload_is_understood_in_the_next_conversation(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=frozenset({STAFF})):
        before = server.user(7991)
        before.send("/start")
        await before.expect(2)
        read = await answer(before, OPENING)
        assert CARE not in read.text, "not a word of the shipped knowledge"

        staff = server.user(STAFF, "Koordination")
        staff.mark()
        update_id = staff.send_document("organisation_kinds.yaml", with_hospice())
        await server.wait_confirmed(update_id, timeout=30)
        assert "v1 ist jetzt live" in staff.new_messages[-1].text, staff.new_messages

        after = server.user(7992)
        after.send("/start")
        await after.expect(2)
        read = await answer(after, OPENING)
        assert CARE in read.text, "the kind, shown for correction"
        assert "Welche Art von Organisation" not in read.text
        assert not server.bot_errors
