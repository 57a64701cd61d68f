"""A bare python-telegram-bot echo bot: the yardstick of bench/load.py.

    TELEGRAM_BOT_TOKEN=... TELEGRAM_API_BASE_URL=... python bench/echo_bot.py

Same PTB version and settings as our bot (`python -m bot telegram`): long polling for all
update types, eight updates at a time, no rate limiter, the same logging. It answers a text
with the same text and one inline button, and a tap with answerCallbackQuery: one Bot API
request per update, so its CPU per update is PTB's own cost of one round trip.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

BUTTON = "Echo"
_MARKUP = InlineKeyboardMarkup([[InlineKeyboardButton(BUTTON, callback_data="echo")]])


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text, reply_markup=_MARKUP, do_quote=False)


async def tapped(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


async def serve() -> None:
    application = (
        ApplicationBuilder()
        .token(os.environ["TELEGRAM_BOT_TOKEN"])
        .base_url(os.environ["TELEGRAM_API_BASE_URL"])
        .base_file_url(os.environ.get("TELEGRAM_API_BASE_FILE_URL", ""))
        .concurrent_updates(8)
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.add_handler(CallbackQueryHandler(tapped))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(allowed_updates=Update.ALL_TYPES)
        await stop.wait()
        await application.updater.stop()
        await application.stop()


if __name__ == "__main__":
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    asyncio.run(serve())
