"""Feedback is personal data (issue 15): a sponsor's 👍/👎 and reason are in their `/export`,
and the retention purge takes them with the draft they rate. In process
(`tests/support/chats.py`), on the real SQLite file and the injected clock."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from tests.support.chats import Chats
from tests.support.scripts import SPONSOR

REASON = "Die Fördersätze fehlen mir."


async def rate_down(chats: Chats) -> None:
    await chats.draft()
    await chats.tap("sponsor", "Nicht hilfreich")
    await chats.send("sponsor", REASON)


async def test_the_export_holds_the_sponsor_s_feedback(tmp_path: Path) -> None:
    async with Chats(tmp_path, SPONSOR) as chats:
        await rate_down(chats)
        got = await chats.send("sponsor", "/export")
        (document,) = got.documents
        assert document.file is not None
        data = json.loads(document.file.content)
        ((draft_id,),) = chats.rows("SELECT id FROM drafts")
        (feedback,) = data["feedback"]
        assert (feedback["draft_id"], feedback["rating"]) == (draft_id, "down")
        assert feedback["reason"] == REASON
        assert json.loads(feedback["advice"])["status"] == "eligible"


async def test_the_retention_purge_takes_the_feedback_with_the_draft(tmp_path: Path) -> None:
    async with Chats(tmp_path, SPONSOR, retention_months=6) as chats:
        await chats.draft()
        # rated some days after the draft was last changed: it still goes with the draft
        chats.clock.advance(timedelta(days=20))
        await chats.tap("sponsor", "Nicht hilfreich")
        await chats.send("sponsor", REASON)
        assert chats.rows("SELECT COUNT(*) FROM feedback") == [(1,)]

        chats.clock.advance(timedelta(days=175))
        assert await chats.runtime.conversations.purge() == 1
        assert chats.rows("SELECT COUNT(*) FROM drafts") == [(0,)]
        assert chats.rows("SELECT COUNT(*) FROM feedback") == [(0,)]
