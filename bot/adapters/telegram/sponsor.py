"""Sponsors in Telegram: updates become dialog events, replies become messages.

Nothing is decided here: the conversation service has committed the answer before a single
message goes out.
"""

from __future__ import annotations

import html
import logging

from telegram import Bot, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.adapters.telegram.render import decode_callback, keyboard, reply_html, split_html
from bot.adapters.telegram.retry import with_retries
from bot.clock import Clock
from bot.dialogs.commands import parse_command
from bot.dialogs.conversation import Conversations, Incoming
from bot.dialogs.model import Acknowledge, Command, Event, Output, Press, Text
from bot.texts.catalog import Language, Msg
from bot.texts.markup import to_html

log = logging.getLogger(__name__)


def language_hint(update: Update) -> Language | None:
    user = update.effective_user
    code = (user.language_code or "") if user else ""
    return "en" if code.startswith("en") else ("de" if code else None)


class SponsorHandlers:
    def __init__(self, conversations: Conversations, clock: Clock) -> None:
        self.conversations = conversations
        self.clock = clock

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or message.text is None:
            return
        command = parse_command(message.text)
        event: Event = command if command is not None else Command("help")
        await self._handle(update, context, event)

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is None or message.text is None:
            return
        command = parse_command(message.text)
        await self._handle(update, context, command or Text(message.text))

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice: say what works instead of staying silent."""
        chat = update.effective_chat
        if chat is None or update.effective_user is None:
            return
        language = await self.conversations.language_of(update.effective_user.id)
        await context.bot.send_message(
            chat.id, to_html(Msg("telegram.unsupported"), language), parse_mode=ParseMode.HTML
        )

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        # Answer first: the spinner on the sponsor's button stops at once.
        await query.answer()
        decoded = decode_callback(query.data)
        event: Event = Press(*decoded) if decoded else Command("start")
        pressed = query.message if isinstance(query.message, Message) else None
        await self._handle(update, context, event, pressed)

    async def _handle(
        self,
        update: Update,
        context: ContextTypes.DEFAULT_TYPE,
        event: Event,
        pressed: Message | None = None,
    ) -> None:
        user, chat = update.effective_user, update.effective_chat
        if user is None or chat is None:
            return
        handled = await self.conversations.handle(
            Incoming(user.id, event, update.update_id, language_hint(update))
        )
        await deliver(context, self.clock, chat.id, handled.outputs, handled.language, pressed)


async def deliver(
    context: ContextTypes.DEFAULT_TYPE,
    clock: Clock,
    chat_id: int,
    outputs: list[Output],
    language: Language,
    pressed: Message | None = None,
) -> None:
    for output in outputs:
        if isinstance(output, Acknowledge):
            if pressed is not None and pressed.text is not None:
                answered = f"{pressed.text_html}\n\n✓ <b>{html.escape(output.answer)}</b>"
                await _edit(clock, pressed, split_html(answered)[-1], None)
            continue
        chunks = split_html(reply_html(output, language))
        markup = keyboard(output, language)
        if output.replaces_pressed and pressed is not None and len(chunks) == 1:
            await _edit(clock, pressed, chunks[0], markup)
            continue
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            await send_html(context.bot, clock, chat_id, chunk, markup if last else None)


async def send_html(
    bot: Bot, clock: Clock, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message:
    return await with_retries(
        lambda: bot.send_message(
            chat_id,
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            disable_web_page_preview=True,
        ),
        clock,
    )


async def _edit(
    clock: Clock, message: Message, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    try:
        await with_retries(
            lambda: message.edit_text(
                text,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                disable_web_page_preview=True,
            ),
            clock,
        )
    except BadRequest as error:
        # "Not modified" after a double tap, or a message too old to edit: nothing is lost,
        # the next prompt follows as a new message anyway.
        log.info("edit of message %s skipped: %s", message.message_id, error.message)
