"""Nothing goes into a group: messages there are ignored, and so is a button whose message sits
in a group (the drafts list, the Projektskizze would otherwise be answered into it). And the
role is checked before anything is shown: a sponsor's /kb_export gets no "sending a file…"
before the refusal."""

from __future__ import annotations

from bot.adapters.telegram.render import encode_callback
from tests.alliance.conftest import ADMINS, STAFF
from tests.botapi import BotApiServer, TelegramUser
from tests.support.bot import StartBot, answer
from tests.telegram.test_presses import to_summary

GROUP_ID = -1001234567890
GROUP = {"id": GROUP_ID, "type": "supergroup", "title": "Allianz Leine-Weser"}
SENDING = (
    "sendMessage",
    "sendDocument",
    "sendChatAction",
    "editMessageText",
    "editMessageReplyMarkup",
)


def sent_to(server: BotApiServer, chat_id: int) -> list[str]:
    return [r.method for r in server.requests if r.chat_id == chat_id and r.method in SENDING]


def group_press(server: BotApiServer, user: TelegramUser, data: str, text: str) -> int:
    """`user` taps a button with `data` on a message of the bot's in GROUP."""
    return server.inject_raw_update(
        {
            "callback_query": {
                "id": f"{user.user_id}-in-group",
                "from": user.user_json,
                "chat_instance": "-4711",
                "data": data,
                "message": {
                    "message_id": 12,
                    "date": 0,
                    "chat": GROUP,
                    "from": server.bot_user,
                    "text": text,
                    "reply_markup": {
                        "inline_keyboard": [[{"text": "Knopf", "callback_data": data}]]
                    },
                },
            }
        }
    )


async def test_messages_and_buttons_in_a_group_are_ignored(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        sponsor = server.user(7701, "Träger")
        summary = await to_summary(sponsor)
        buttons = [button for row in summary.buttons for button in row]
        export = next(b.data for b in buttons if b.data and "Projektskizze" in b.text)
        before = len(sponsor.all_outputs)
        updates = [
            group_press(server, sponsor, encode_callback(None, "session:drafts"), "Ihre Entwürfe"),
            group_press(server, sponsor, export, summary.text),
            server.inject_raw_update(
                {
                    "message": {
                        "message_id": 13,
                        "date": 0,
                        "chat": GROUP,
                        "from": sponsor.user_json,
                        "text": "/entwuerfe",
                        "entities": [{"type": "bot_command", "offset": 0, "length": 10}],
                    }
                }
            ),
        ]
        for update_id in updates:  # confirmed: handled, and nothing came of it
            await server.wait_confirmed(update_id)
        assert sent_to(server, GROUP_ID) == []
        assert len(sponsor.all_outputs) == before
        assert server.unanswered_callback_queries() == []
        # the private chat goes on where it was: the summary's button still works there
        sponsor.tap("Projektskizze", summary.message_id)
        await sponsor.expect_answer()
        _note, pdf, _markdown = await sponsor.expect(3)
        assert pdf.document is not None


async def test_no_chat_action_before_a_refusal_of_staffs_export(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        sponsor, staff = server.user(7702), server.user(STAFF)
        refusal = await answer(sponsor, "/kb_export")
        assert "kenne ich nicht" in refusal.text or "/hilfe" in refusal.text, refusal.text
        assert sponsor.chat_actions == []
        assert "sendChatAction" not in sent_to(server, sponsor.chat_id)
        staff.send("/kb_export")  # staff: the upload is announced, then the files come
        await staff.expect()
        assert staff.chat_actions == ["upload_document"]
