"""The outbox's way into Telegram: a payload becomes a message or a document, and every Bot API
failure is sorted into sent, retry later (with retry_after for 429) or give up."""

from __future__ import annotations

import base64
import html

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Message
from telegram.constants import ParseMode
from telegram.error import NetworkError, RetryAfter

from bot.adapters.telegram.render import encode_callback, split_html
from bot.adapters.telegram.retry import is_permanent, retry_after_seconds
from bot.delivery.worker import Failed, RetryLater, SendOutcome, Sent
from bot.storage.outbox import NoteButton, OutboxItem, OutboxPayload

NOTIFICATION_STEP = "alliance"
"""Buttons of notifications are not tied to a dialog step."""


def _markup(buttons: tuple[tuple[NoteButton, ...], ...]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    html.unescape(button.label)[:64],
                    callback_data=encode_callback(NOTIFICATION_STEP, button.action),
                )
                for button in row
            ]
            for row in buttons
        ]
    )


class TelegramTransport:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, item: OutboxItem) -> SendOutcome:
        try:
            messages = await self._send(item)
        except RetryAfter as error:
            return RetryLater("429 Too Many Requests", retry_after_seconds(error))
        except NetworkError as error:
            if is_permanent(error):
                return Failed(f"{type(error).__name__}: {error.message}")
            return RetryLater(f"{type(error).__name__}: {error.message}")
        except Exception as error:  # Forbidden (blocked), InvalidToken: sending again won't help
            if is_permanent(error):
                return Failed(f"{type(error).__name__}: {error}")
            raise
        *earlier, last = messages
        return Sent(last.message_id, tuple(m.message_id for m in earlier))

    async def _send(self, item: OutboxItem) -> list[Message]:
        payload = item.payload
        document = payload.document
        if document is not None:
            sent = await self.bot.send_document(
                item.chat_id,
                InputFile(base64.b64decode(document.content_b64), filename=document.filename),
                caption=payload.caption,
                parse_mode=ParseMode.HTML,
            )
            return [sent]
        if payload.text is None:
            raise ValueError("an outbox item with neither text nor document")
        chunks = split_html(payload.text)
        messages: list[Message] = []
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            messages.append(
                await self.bot.send_message(
                    item.chat_id,
                    chunk,
                    parse_mode=ParseMode.HTML,
                    reply_markup=self._markup(payload) if last else None,
                    disable_web_page_preview=True,
                )
            )
        return messages

    def _markup(self, payload: OutboxPayload) -> InlineKeyboardMarkup | None:
        """A deferred reply carries its keyboard as sent (`deferred.py`); a notification its
        buttons."""
        if payload.markup is not None:
            return InlineKeyboardMarkup.de_json(payload.markup, self.bot)
        return _markup(payload.buttons)
