"""The Bot API calls of a turn whose answer the bot never reads: a reply sent, the pressed
message edited, its keyboard dropped.

python-telegram-bot parses every answer into a `Message` (with its keyboard: about 0.2 ms for
a prompt of 16 buttons) and turns its own keyboard objects into JSON again for every request;
under load that was a good part of the bot's CPU per request (docs/BENCHMARKS.md). These calls
send the same parameters as `Bot.send_message` / `Message.edit_text` would, through the same
`Bot._post` (defaults, the rate limiter, the mapping of Bot API errors to `TelegramError`s that
`retry.py` and the outbox sort), and return the answer as the Bot API gave it. Keyboards are
plain JSON (`render.keyboard_json`).
"""

from __future__ import annotations

from typing import Any

from telegram import Bot
from telegram.constants import ParseMode

Keyboard = dict[str, Any]
"""An inline keyboard as the Bot API takes it: ``{"inline_keyboard": [[button, ...], ...]}``."""

NO_PREVIEW = {"is_disabled": True}
"""What PTB sends for ``disable_web_page_preview=True``."""


async def send_text(bot: Bot, chat_id: int, text: str, markup: Keyboard | None) -> object:
    data: dict[str, object] = {
        "chat_id": chat_id,
        "text": text,
        "parse_mode": ParseMode.HTML,
        "link_preview_options": NO_PREVIEW,
    }
    if markup is not None:
        data["reply_markup"] = markup
    return await bot._post("sendMessage", data)


async def edit_text(
    bot: Bot, chat_id: int, message_id: int, text: str, markup: Keyboard | None
) -> object:
    """Without `markup` the keyboard goes (as in the Bot API)."""
    data: dict[str, object] = {
        "chat_id": chat_id,
        "message_id": message_id,
        "text": text,
        "parse_mode": ParseMode.HTML,
        "link_preview_options": NO_PREVIEW,
    }
    if markup is not None:
        data["reply_markup"] = markup
    return await bot._post("editMessageText", data)


async def drop_keyboard(bot: Bot, chat_id: int, message_id: int) -> object:
    return await bot._post("editMessageReplyMarkup", {"chat_id": chat_id, "message_id": message_id})
