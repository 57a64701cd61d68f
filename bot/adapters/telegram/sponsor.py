"""Sponsors in Telegram: updates become dialog events, replies become messages.

Nothing is decided here: the conversation service has committed the answer before a single
message goes out.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable

from telegram import Bot, InlineKeyboardMarkup, InputFile, Message, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.adapters.telegram.render import (
    decode_press,
    keyboard,
    reply_html,
    split_html,
)
from bot.adapters.telegram.retry import with_retries
from bot.clock import Clock
from bot.core.events import Command, Event, Press, Text, Upload
from bot.core.outputs import Acknowledge, Document, Output
from bot.core.roles import parse_command
from bot.core.updates import Handled, Incoming
from bot.routes.router import Conversations
from bot.texts.catalog import Language, Msg
from bot.texts.markup import to_html

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
"""Larger documents are not even downloaded."""


def language_hint(update: Update) -> Language | None:
    user = update.effective_user
    code = (user.language_code or "") if user else ""
    return "en" if code.startswith("en") else ("de" if code else None)


class SponsorHandlers:
    """Every role talks through these handlers; the conversation service sorts out who may do
    what."""

    def __init__(
        self,
        conversations: Conversations,
        clock: Clock,
        after: Callable[[Handled, int], Awaitable[None]],
    ) -> None:
        self.conversations = conversations
        self.clock = clock
        self.after = after

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

    async def on_document(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Staff send knowledge files; for everyone else a document is not an answer."""
        message = update.effective_message
        if message is None or message.document is None:
            return
        document = message.document
        if (document.file_size or 0) > MAX_UPLOAD_BYTES:
            language = await self.conversations.language_of(message.chat_id)
            text = to_html(
                Msg("telegram.file_too_large", {"max": MAX_UPLOAD_BYTES // 1024}), language
            )
            await send_html(context.bot, self.clock, message.chat_id, text)
            return
        file = await document.get_file()
        content = bytes(await file.download_as_bytearray())
        upload = Upload(document.file_name or "upload", content, message.caption or "")
        await self._handle(update, context, upload)

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice: say what works instead of staying silent."""
        chat = update.effective_chat
        if chat is None or update.effective_user is None:
            return
        language = await self.conversations.language_of(update.effective_user.id)
        await send_html(
            context.bot, self.clock, chat.id, to_html(Msg("telegram.unsupported"), language)
        )

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        # Answer first: the spinner on the sponsor's button stops at once. Only a courtesy:
        # a tap delivered again after a crash was answered already, a flood limit or a lost
        # connection may refuse it, and the tap must be handled all the same (the spinner
        # ends by itself).
        try:
            await query.answer()
        except TelegramError as error:
            log.info("callback query %s not answered: %s", query.id, error.message)
        event: Event = decode_press(query.data) or Command("start")
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
        message = update.effective_message
        replied = message.reply_to_message if message is not None and not pressed else None
        action = _chat_action(event)
        if action is not None:
            await show_action(context.bot, chat.id, action)
        handled = await self.conversations.handle(
            Incoming(
                user.id,
                event,
                update.update_id,
                language_hint(update),
                name=user.full_name,
                reply_to=replied.message_id if replied is not None else None,
                reply_actions=_actions(replied),
            )
        )
        await deliver(context, self.clock, chat.id, handled.outputs, handled.language, pressed)
        await self.after(handled, user.id)

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Telegram reports a changed message as an edit: it is not taken as an answer (the
        dialog has moved on), and silence would leave the sponsor believing it was."""
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None:
            return
        language = await self.conversations.language_of(user.id)
        await send_html(context.bot, self.clock, chat.id, to_html(Msg("telegram.edited"), language))


def _actions(message: Message | None) -> tuple[str, ...]:
    """The actions of our inline buttons on `message` (Telegram includes the keyboard of the
    message replied to)."""
    markup = message.reply_markup if message is not None else None
    if markup is None:
        return ()
    decoded = (
        decode_press(button.callback_data if isinstance(button.callback_data, str) else None)
        for row in markup.inline_keyboard
        for button in row
    )
    return tuple(press.action for press in decoded if press is not None)


async def deliver(
    context: ContextTypes.DEFAULT_TYPE,
    clock: Clock,
    chat_id: int,
    outputs: list[Output],
    language: Language,
    pressed: Message | None = None,
) -> None:
    if pressed is not None and _superseded(outputs, pressed):
        # A newer prompt takes over (back, keep, edit, a stale button): the pressed keyboard
        # would only invite taps on a question that is no longer asked.
        await _drop_keyboard(clock, pressed)
    for output in outputs:
        if isinstance(output, Acknowledge):
            if pressed is not None and pressed.text is not None:
                answered = f"{pressed.text_html}\n\n✓ <b>{html.escape(output.answer)}</b>"
                await _edit(clock, pressed, split_html(answered)[-1], None)
            continue
        if isinstance(output, Document):
            await send_document(context.bot, clock, chat_id, output, language)
            continue
        chunks = split_html(reply_html(output, language))
        markup = keyboard(output, language)
        if output.replaces_pressed and pressed is not None and len(chunks) == 1:
            await _edit(clock, pressed, chunks[0], markup)
            continue
        for index, chunk in enumerate(chunks):
            last = index == len(chunks) - 1
            await send_html(context.bot, clock, chat_id, chunk, markup if last else None)


def _superseded(outputs: list[Output], pressed: Message) -> bool:
    """Whether the answer to a press asks a question anew without editing the pressed
    message (which an acknowledgement or a ticked choice does)."""
    if pressed.reply_markup is None:
        return False
    prompted = False
    for output in outputs:
        if isinstance(output, Acknowledge):
            if pressed.text is not None:
                return False
        elif isinstance(output, Document):
            continue
        elif output.replaces_pressed:
            return False
        else:
            prompted = prompted or bool(output.step)
    return prompted


SLOW_PRESSES = {"session:export": ChatAction.UPLOAD_DOCUMENT, "consent:yes": ChatAction.TYPING}
"""Presses whose answer takes a noticeable moment: a PDF is rendered."""
SLOW_COMMANDS = {"export": ChatAction.UPLOAD_DOCUMENT, "kb_export": ChatAction.UPLOAD_DOCUMENT}


def _chat_action(event: Event) -> str | None:
    if isinstance(event, Command):
        return SLOW_COMMANDS.get(event.name)
    return SLOW_PRESSES.get(event.action) if isinstance(event, Press) else None


async def show_action(bot: Bot, chat_id: int, action: str) -> None:
    """The "sending a file…" line above the chat while the work is done: only a courtesy,
    so a failure is no reason to withhold the answer."""
    try:
        await bot.send_chat_action(chat_id, action)
    except TelegramError as error:
        log.info("chat action for %s not shown: %s", chat_id, error.message)


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


async def send_document(
    bot: Bot, clock: Clock, chat_id: int, document: Document, language: Language
) -> Message:
    caption = to_html(document.caption, language) if document.caption else None
    return await with_retries(
        lambda: bot.send_document(
            chat_id,
            InputFile(document.content, filename=document.filename),
            caption=caption,
            parse_mode=ParseMode.HTML,
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


async def _drop_keyboard(clock: Clock, message: Message) -> None:
    if message.reply_markup is None:
        return
    try:
        await with_retries(lambda: message.edit_reply_markup(None), clock)
    except BadRequest as error:  # already gone (a double tap), or too old to edit
        log.info("keyboard of message %s kept: %s", message.message_id, error.message)
