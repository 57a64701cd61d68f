"""Staff send a projects.yaml through Telegram whose new theme names people the project is not
for: the bot refuses it (project, theme, group, what to do), nothing becomes live, and the same
file with the group added to the project is taken. Over the Bot API server of the tests, on the
bot as it runs (tests/kb/test_theme_groups.py: the check in process)."""

from __future__ import annotations

from pathlib import Path

from bot.kb.stamp import with_stamp
from tests.botapi import BotApiServer, BotMessage, TelegramUser
from tests.kb.edits import disk, replace, shipped_text
from tests.support.bot import StartBot

STAFF = 900
THEME = "Geflüchtete besuchen Betriebe"


def projects(groups: str) -> bytes:
    """projects.yaml as exported from v0, `lehrerexkursionen` with the theme and `groups`."""
    text = shipped_text("projects.yaml")
    text = replace(
        text,
        "      - Lehrkräfte besuchen Betriebe\n",
        f"      - Lehrkräfte besuchen Betriebe\n      - {THEME}\n",
    )
    text = replace(
        text,
        "    target_groups: [lehrkraefte, schueler, unternehmen]\n",
        f"    target_groups: [{groups}]\n",
    )
    return with_stamp(text.encode("utf-8"), "v0")


async def upload(server: BotApiServer, staff: TelegramUser, content: bytes) -> list[BotMessage]:
    staff.mark()
    update_id = staff.send_document("projects.yaml", content)
    await server.wait_confirmed(update_id, timeout=30)
    return staff.new_messages


async def test_an_upload_whose_theme_names_other_people_is_refused_until_the_project_lists_them(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    async with start_bot(admin_ids=frozenset({STAFF})):
        staff = server.user(STAFF, "Koordination")
        before = disk(tmp_path)

        answer = await upload(server, staff, projects("lehrkraefte, schueler, unternehmen"))

        text = "\n".join(message.text for message in answer)
        assert len(answer) == 1, text
        for said in (
            "Nichts wurde übernommen",
            "projects.yaml, Zeile",
            "lehrerexkursionen",
            f"Das Thema „{THEME}“ des Projekts „Lehrerexkursionen“ nennt die Zielgruppe "
            "„Geflüchtete“ (gefluechtete)",
            "ergänzen Sie „gefluechtete“ in target_groups",
        ):
            assert said in text, text
        assert disk(tmp_path) == before  # nothing became live, nothing was held

        answer = await upload(
            server, staff, projects("lehrkraefte, schueler, unternehmen, gefluechtete")
        )
        assert "v1 ist jetzt live" in answer[-1].text, answer[-1].text
        assert not server.bot_errors
