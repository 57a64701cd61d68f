"""Sponsors in Telegram: updates become dialog events, replies become messages.

Nothing is decided here: the conversation service has committed the answer before a single
message goes out.
"""

from __future__ import annotations

import contextlib
import html
import logging
from collections.abc import Awaitable, Callable

from telegram import Bot, InputFile, Message, Update
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.adapters.telegram.calls import Keyboard, drop_keyboard, edit_text, send_text
from bot.adapters.telegram.deferred import (
    DeferredReplies,
    Payload,
    document_payload,
    text_payload,
)
from bot.adapters.telegram.render import (
    decode_press,
    keyboard_json,
    reply_html,
    split_html,
)
from bot.adapters.telegram.retry import GaveUp, is_permanent, with_retries
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
        deferred: DeferredReplies,
        after: Callable[[Handled, int], Awaitable[None]],
    ) -> None:
        self.conversations = conversations
        self.clock = clock
        self.deferred = deferred
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
        """Staff send knowledge files, a sponsor the copy of NBank's decision after its
        button; for everyone else a document is not an answer (the router decides)."""
        message = update.effective_message
        if message is None or message.document is None:
            return
        document = message.document
        if (document.file_size or 0) > MAX_UPLOAD_BYTES:
            language = await self.conversations.language_of(message.chat_id)
            text = to_html(
                Msg("telegram.file_too_large", {"max": MAX_UPLOAD_BYTES // 1024}), language
            )
            await self._say(context.bot, message.chat_id, text)
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
        await self._say(context.bot, chat.id, to_html(Msg("telegram.unsupported"), language))

    async def on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        chat = update.effective_chat
        if chat is not None and chat.type != ChatType.PRIVATE:
            # A button on a message in a group is ignored like a message there: nothing about
            # anyone's drafts goes into a group. Only the tapper's spinner is stopped.
            with contextlib.suppress(TelegramError):
                await query.answer()
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
        if action is not None and await self.conversations.permits(user.id, event):
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
        await deliver(
            context.bot,
            self.clock,
            self.deferred,
            chat.id,
            handled.outputs,
            handled.language,
            pressed,
        )
        await self.after(handled, user.id)

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Telegram reports a changed message as an edit: it is not taken as an answer (the
        dialog has moved on), and silence would leave the sponsor believing it was."""
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None:
            return
        language = await self.conversations.language_of(user.id)
        await self._say(context.bot, chat.id, to_html(Msg("telegram.edited"), language))

    async def _say(self, bot: Bot, chat_id: int, text: str) -> None:
        """A notice outside the dialog (an edited message, a sticker): no less a reply."""
        outgoing = Outgoing(bot, self.clock, chat_id, held=await self.deferred.waiting(chat_id))
        await outgoing.text(text)
        await outgoing.finish(self.deferred)


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
    bot: Bot,
    clock: Clock,
    deferred: DeferredReplies,
    chat_id: int,
    outputs: list[Output],
    language: Language,
    pressed: Message | None = None,
) -> None:
    """The replies of one turn, in order. Marking the pressed message is a courtesy that never
    costs the turn; a reply Telegram does not take goes through the outbox (`deferred.py`)."""
    outgoing = Outgoing(bot, clock, chat_id, held=await deferred.waiting(chat_id))
    if pressed is not None and _superseded(outputs, pressed):
        # A newer prompt takes over (back, keep, edit, a stale button): the pressed keyboard
        # would only invite taps on a question that is no longer asked.
        await _drop_keyboard(bot, clock, pressed)
    for output in outputs:
        if isinstance(output, Acknowledge):
            if pressed is not None and pressed.text is not None:
                answered = f"{pressed.text_html}\n\n✓ <b>{html.escape(output.answer)}</b>"
                await _edit(bot, clock, pressed, split_html(answered)[-1], None)
            continue
        if isinstance(output, Document):
            caption = to_html(output.caption, language) if output.caption else None
            await outgoing.document(output, caption)
            continue
        chunks = split_html(reply_html(output, language))
        markup = keyboard_json(output, language)
        if (
            output.replaces_pressed
            and pressed is not None
            and len(chunks) == 1
            and await _edit(bot, clock, pressed, chunks[0], markup)
        ):
            continue
        # (An edit that failed: the prompt with its ticks comes as a new message.)
        for index, chunk in enumerate(chunks):
            await outgoing.text(chunk, markup if index == len(chunks) - 1 else None)
    await outgoing.finish(deferred)


class Outgoing:
    """The messages of one turn, sent in order; from the first one Telegram did not take
    after the retries on, they all go to the outbox (`finish`), in the same order."""

    def __init__(self, bot: Bot, clock: Clock, chat_id: int, *, held: bool = False) -> None:
        self.bot = bot
        self.clock = clock
        self.chat_id = chat_id
        self.held = held
        """Replies of an earlier turn wait in the outbox: these queue behind them."""
        self._later: list[Payload] = []

    async def text(self, text: str, markup: Keyboard | None = None) -> None:
        await self._send(
            lambda: send_text(self.bot, self.chat_id, text, markup),
            lambda: text_payload(text, markup),
        )

    async def document(self, document: Document, caption: str | None) -> None:
        await self._send(
            lambda: self.bot.send_document(
                self.chat_id,
                InputFile(document.content, filename=document.filename),
                caption=caption,
                parse_mode=ParseMode.HTML,
            ),
            lambda: document_payload(document, caption),
        )

    async def _send(
        self, call: Callable[[], Awaitable[object]], payload: Callable[[], Payload]
    ) -> None:
        if self.held or self._later:
            self._later.append(payload())
            return
        try:
            await with_retries(call, self.clock)
        except (TelegramError, GaveUp) as error:
            if is_permanent(error):
                raise  # the same message would be refused again: the error handler says so
            log.warning(
                "reply to chat %s not taken (%s: %s); it goes through the outbox",
                self.chat_id,
                type(error).__name__,
                error,
            )
            self._later.append(payload())

    async def finish(self, deferred: DeferredReplies) -> None:
        later, self._later = self._later, []
        if later:
            await deferred.defer(self.chat_id, later)


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


COSMETIC_ATTEMPTS = 3
"""Marking the pressed message is tried this often: the next question waits for it."""


async def _edit(
    bot: Bot, clock: Clock, message: Message, text: str, markup: Keyboard | None
) -> bool:
    """Edit the pressed message; whether it shows `text` now. Whatever the failure (a 500, a
    lost connection, a message too old), the turn goes on: the caller sends what matters."""
    try:
        await with_retries(
            lambda: edit_text(bot, message.chat_id, message.message_id, text, markup),
            clock,
            COSMETIC_ATTEMPTS,
        )
    except BadRequest as error:
        # "Not modified" after a double tap: it shows the text already.
        log.info("edit of message %s skipped: %s", message.message_id, error.message)
        return "not modified" in error.message.lower()
    except Exception as error:
        log.warning(
            "edit of message %s failed (%s: %s)", message.message_id, type(error).__name__, error
        )
        return False
    return True


async def _drop_keyboard(bot: Bot, clock: Clock, message: Message) -> None:
    if message.reply_markup is None:
        return
    try:
        await with_retries(
            lambda: drop_keyboard(bot, message.chat_id, message.message_id),
            clock,
            COSMETIC_ATTEMPTS,
        )
    except BadRequest as error:  # already gone (a double tap), or too old to edit
        log.info("keyboard of message %s kept: %s", message.message_id, error.message)
    except Exception as error:  # a courtesy: the answer to the press goes out all the same
        log.warning(
            "keyboard of message %s kept (%s: %s)", message.message_id, type(error).__name__, error
        )
