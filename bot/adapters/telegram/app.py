"""Wiring the python-telegram-bot `Application`: handlers, command menus, errors, polling or
webhook. The API base URL is configuration, so the same code talks to a local Bot API server.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from typing import Any
from urllib.parse import urlsplit

from telegram import Bot, BotCommand, BotCommandScopeChat, Update
from telegram.constants import ParseMode
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.adapters.telegram.confirm import ConfirmingBot, UpdateLedger
from bot.adapters.telegram.deferred import DeferredReplies
from bot.adapters.telegram.optional import OptionalCalls
from bot.adapters.telegram.ordering import ChatOrderedUpdateProcessor
from bot.adapters.telegram.outbox import TelegramTransport
from bot.adapters.telegram.sponsor import SponsorHandlers
from bot.core.roles import WORDS, Role, menu
from bot.core.updates import Handled
from bot.delivery.worker import OutboxWorker
from bot.health import BEAT_EVERY, Heartbeat
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from bot.storage.db import DatabaseError
from bot.texts.catalog import LANGUAGES, Language, Msg, render
from bot.texts.markup import to_html

log = logging.getLogger(__name__)

RUNTIME_KEY = "runtime"
STAFF_MENUS_KEY = "staff_menus"
"""Staff whose scoped command menu is set."""
OPTIONAL_KEY = "optional_calls"
"""The menus' calls, retried in the background when the Bot API refuses them."""
HEARTBEAT_KEY = "heartbeat"
"""Written on every answered poll, read by `python -m bot health`."""
CONFLICT_EXIT = 3
"""The exit code when another instance polls with the same token."""
MENU_LANGUAGES: tuple[tuple[Language, str | None], ...] = tuple(
    (language, None if language == "de" else language) for language in LANGUAGES
)
"""Each menu language with its `language_code` for Telegram: German is the menu for every
device language without one of its own."""


BotApplication = Application[Any, Any, Any, Any, Any, Any]


def build_application(runtime: Runtime, *, poll_timeout: float | None = None) -> BotApplication:
    settings = runtime.settings
    token = settings.telegram_bot_token
    if token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    ledger = UpdateLedger()
    heartbeat = Heartbeat(settings.data_dir, runtime.clock)
    rate_limiter: BaseRateLimiter[Any] | None = None
    if settings.rate_limiter:
        # Throttling only: a 429 goes to our own retries (retry.py, the outbox), which wait
        # on the injected clock and know whether sending again may duplicate.
        rate_limiter = AIORateLimiter(max_retries=0)
    # The pools and timeouts ApplicationBuilder would choose; the bot is ours because it
    # confirms updates only once they are handled.
    bot = ConfirmingBot(
        token.get_secret_value(),
        ledger,
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_api_base_file_url,
        request=HTTPXRequest(connection_pool_size=256),
        get_updates_request=HTTPXRequest(
            connection_pool_size=1,
            read_timeout=poll_timeout + 5 if poll_timeout is not None else 5.0,
        ),
        rate_limiter=rate_limiter,
        polled=heartbeat.beat,
    )
    application = (
        ApplicationBuilder()
        .bot(bot)
        .concurrent_updates(ChatOrderedUpdateProcessor(8, on_done=ledger.finished))
        .build()
    )
    application.bot_data[RUNTIME_KEY] = runtime
    application.bot_data[HEARTBEAT_KEY] = heartbeat
    optional = OptionalCalls(runtime.clock)
    application.bot_data[OPTIONAL_KEY] = optional

    staff_menus: set[int] = application.bot_data.setdefault(STAFF_MENUS_KEY, set())

    async def after(handled: Handled, user_id: int) -> None:
        if handled.outbox_written and runtime.worker is not None:
            runtime.worker.wake()
        for former in sorted(handled.menus_reset - settings.admin_ids):
            staff_menus.discard(former)  # a colleague removed: their menu goes
            await reset_personal_menu(optional, application.bot, former)
        if handled.staff:
            # Staff who had never opened the bot at start-up (or were just added in the bot)
            # get their menu now.
            if user_id not in staff_menus:
                await set_staff_menu(optional, application.bot, user_id, staff_menus)
        elif handled.menu_changed:
            await set_personal_menu(optional, application.bot, user_id)

    def wake_worker() -> None:
        if runtime.worker is not None:
            runtime.worker.wake()

    deferred = DeferredReplies(runtime.database, runtime.clock, wake_worker)
    sponsor = SponsorHandlers(runtime.conversations, runtime.clock, deferred, after)
    private = filters.ChatType.PRIVATE
    application.add_handler(
        CommandHandler(
            sorted(word for word in WORDS if word.isascii()), sponsor.on_command, filters=private
        )
    )
    application.add_handler(CallbackQueryHandler(sponsor.on_callback))
    application.add_handler(
        MessageHandler(private & filters.TEXT & ~filters.UpdateType.EDITED, sponsor.on_text)
    )
    application.add_handler(MessageHandler(private & filters.Document.ALL, sponsor.on_document))
    application.add_handler(
        MessageHandler(private & ~filters.TEXT & ~filters.UpdateType.EDITED, sponsor.on_other)
    )
    application.add_handler(
        MessageHandler(private & filters.UpdateType.EDITED_MESSAGE, sponsor.on_edited)
    )
    application.add_error_handler(on_error)
    return application


def _commands(role: Role, language: Language) -> list[BotCommand]:
    """A role's menu in `language`: English readers see /back, German readers /zurueck."""
    return [
        BotCommand(word, render(Msg(f"telegram.command.{name}"), language))
        for word, name in menu(role, language)
    ]


async def set_command_menus(application: BotApplication) -> None:
    """The menu next to the input field, in German (default) and English; staff get theirs in
    a menu scoped to their chats. Only a convenience: the bot starts without them."""
    runtime: Runtime = application.bot_data[RUNTIME_KEY]
    optional: OptionalCalls = application.bot_data[OPTIONAL_KEY]
    staff_menus: set[int] = application.bot_data.setdefault(STAFF_MENUS_KEY, set())
    bot = application.bot

    async def default_menus() -> None:
        for language, code in MENU_LANGUAGES:
            await bot.set_my_commands(_commands("sponsor", language), language_code=code)

    await optional.call("command menu", default_menus)
    for staff_id in await runtime.conversations.staff_ids():
        await set_staff_menu(optional, bot, staff_id, staff_menus)


async def set_staff_menu(optional: OptionalCalls, bot: Bot, user_id: int, done: set[int]) -> None:
    """Telegram knows a chat only once its person opened the bot ("chat not found" before):
    the menu is set again on their first update."""

    async def staff_menu() -> None:
        for language, code in MENU_LANGUAGES:
            await bot.set_my_commands(
                _commands("staff", language), BotCommandScopeChat(user_id), code
            )
        done.add(user_id)

    await optional.call(f"menu of {user_id}", staff_menu)


async def set_personal_menu(optional: OptionalCalls, bot: Bot, user_id: int) -> None:
    """A newly registered contact sees the contact commands."""

    async def contact_menu() -> None:
        for language, code in MENU_LANGUAGES:
            await bot.set_my_commands(
                _commands("contact", language), BotCommandScopeChat(user_id), code
            )

    await optional.call(f"menu of {user_id}", contact_menu)


async def reset_personal_menu(optional: OptionalCalls, bot: Bot, user_id: int) -> None:
    """A contact removed (or erased) gets the default menu back: the scoped one goes."""

    async def default_menu() -> None:
        for _, code in MENU_LANGUAGES:
            await bot.delete_my_commands(BotCommandScopeChat(user_id), code)

    await optional.call(f"menu of {user_id}", default_menu)


async def on_startup(application: BotApplication) -> None:
    """After `initialize()`: menus, the bot's name for invitation links, the outbox worker."""
    runtime: Runtime = application.bot_data[RUNTIME_KEY]
    runtime.bot_username = application.bot.username
    await set_command_menus(application)
    runtime.worker = OutboxWorker(
        runtime.database,
        runtime.clock,
        TelegramTransport(application.bot),
        prepare=runtime.conversations.sketches.prepare,
        settled=runtime.conversations.desks.delivery.settled,
    )
    runtime.worker.start()


async def on_stop(application: BotApplication) -> None:
    runtime: Runtime = application.bot_data[RUNTIME_KEY]
    optional: OptionalCalls = application.bot_data[OPTIONAL_KEY]
    await optional.close()
    if runtime.worker is not None:
        await runtime.worker.stop()


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log with context; the sponsor gets a short apology and how to go on, no internals."""
    user_id = chat_id = None
    if isinstance(update, Update):
        user_id = update.effective_user.id if update.effective_user else None
        chat_id = update.effective_chat.id if update.effective_chat else None
    log.error(
        "error while handling update %s (%s, user %s)",
        getattr(update, "update_id", None),
        describe(update),
        user_id,
        exc_info=context.error,
    )
    if chat_id is None:
        return
    runtime: Runtime = context.application.bot_data[RUNTIME_KEY]
    language: Language = runtime.settings.default_language
    try:
        language = await runtime.conversations.language_of(user_id or chat_id)
    except Exception:  # the database may be what failed: apologise all the same
        log.warning("language of user %s unknown, apologising in %s", user_id, language)
    try:
        await context.bot.send_message(
            chat_id, to_html(Msg("telegram.error"), language), parse_mode=ParseMode.HTML
        )
    except Exception:
        log.warning("could not send the apology to chat %s", chat_id, exc_info=True)


def describe(update: object) -> str:
    """What kind of update it was, without the person's words: a command's name, a button's
    callback data (step and action), or the kind of message."""
    if not isinstance(update, Update):
        return type(update).__name__
    if update.callback_query is not None:
        return f"button {update.callback_query.data!r}"
    message = update.effective_message
    if message is None:
        return "update without a message"
    kind = "edited message" if update.edited_message is not None else "message"
    if message.text is not None:
        word = message.text.split(maxsplit=1)[0] if message.text.strip() else ""
        return f"{kind}: command {word}" if word.startswith("/") else f"{kind}: text"
    if message.document is not None:
        return f"{kind}: document"
    return f"{kind}: other"


async def serve(settings: Settings) -> int:
    """Run until SIGTERM or SIGINT; the update in hand is finished before shutting down.

    What the configuration gets wrong (a token Telegram refuses, an unreachable Bot API, a data
    directory that cannot be written) ends in a message naming the variable and exit code 1;
    another instance polling with the token in exit code 3 (CONFLICT_EXIT).
    """
    if settings.telegram_bot_token is None:
        print("TELEGRAM_BOT_TOKEN is not set", file=sys.stderr)
        return 2
    try:
        runtime = await build_runtime(settings)
    except DatabaseError as error:
        print(error, file=sys.stderr)
        return 1
    except OSError as error:
        print(
            f"BOT_DATA_DIR: cannot use {settings.data_dir}: {error.strerror or error}",
            file=sys.stderr,
        )
        return 1
    try:
        application = build_application(runtime)
        try:
            await application.initialize()  # getMe: the first contact with the Bot API
        except (InvalidToken, NetworkError) as error:
            print(_startup_problem(settings, error), file=sys.stderr)
            return 1
        try:
            return await _run(application, runtime)
        finally:
            await application.shutdown()
    finally:
        await runtime.close()


def _startup_problem(settings: Settings, error: TelegramError) -> str:
    if isinstance(error, InvalidToken):
        # PTB's message repeats the token: not for a log or a screen.
        return (
            f"TELEGRAM_BOT_TOKEN: the Bot API at {settings.telegram_api_base_url} refused the "
            "token; copy it again from @BotFather"
        )
    return (
        f"TELEGRAM_API_BASE_URL: the Bot API at {settings.telegram_api_base_url} cannot be "
        f"reached ({error.message})"
    )


async def _run(application: BotApplication, runtime: Runtime) -> int:
    settings = runtime.settings
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    await on_startup(application)
    retention = asyncio.create_task(purge_regularly(runtime), name="retention")
    procedure = (
        asyncio.create_task(runtime.scheduler.run(), name="procedure")
        if runtime.scheduler is not None
        else None
    )
    await application.start()
    updater = application.updater
    assert updater is not None
    bot = application.bot
    heartbeat: Heartbeat = application.bot_data[HEARTBEAT_KEY]
    polling = not settings.webhook_url
    keep_alive: asyncio.Task[None] | None = None
    if settings.webhook_url:
        secret = settings.webhook_secret
        assert secret is not None  # the settings refuse a webhook without one
        await updater.start_webhook(
            listen="0.0.0.0",  # behind the reverse proxy, in a container
            port=settings.webhook_port,
            # The proxy forwards the public URL's path unchanged; PTB answers only on url_path.
            url_path=urlsplit(settings.webhook_url).path,
            webhook_url=settings.webhook_url,
            secret_token=secret.get_secret_value(),
            allowed_updates=Update.ALL_TYPES,
        )
        keep_alive = asyncio.create_task(
            beat_while_serving(heartbeat, application, runtime), name="heartbeat"
        )
    else:
        await updater.start_polling(allowed_updates=Update.ALL_TYPES)
    runtime.transport_started()
    log.info("bot running (%s)", "long polling" if polling else "webhook")
    conflict = await _until_stopped(stop, bot if isinstance(bot, ConfirmingBot) else None)
    heartbeat.stop()
    if conflict is not None:
        print(
            "another instance is polling with this token (Telegram: 409 Conflict); this one "
            "stops. Run one instance per bot token.",
            file=sys.stderr,
        )
    log.info("stopping: finishing the updates in hand")
    if keep_alive is not None:
        keep_alive.cancel()
    if isinstance(bot, ConfirmingBot) and polling:
        bot.stop_polling()  # the long poll in hand is abandoned, not waited out
    await updater.stop()
    await application.stop()
    if isinstance(bot, ConfirmingBot) and polling:
        await bot.confirm_handled()
    retention.cancel()
    if procedure is not None:
        procedure.cancel()
    await on_stop(application)
    return CONFLICT_EXIT if conflict is not None else 0


async def _until_stopped(stop: asyncio.Event, bot: ConfirmingBot | None) -> Conflict | None:
    """Until SIGTERM/SIGINT, or until Telegram reports another instance polling."""
    waits: set[asyncio.Task[object]] = {asyncio.create_task(stop.wait())}
    conflicted = asyncio.create_task(bot.conflicted()) if bot is not None else None
    if conflicted is not None:
        waits.add(conflicted)
    await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    for task in waits:
        task.cancel()
    if conflicted is not None and conflicted.done() and not conflicted.cancelled():
        return conflicted.result()
    return None


async def beat_while_serving(
    heartbeat: Heartbeat, application: BotApplication, runtime: Runtime
) -> None:
    """Webhook mode has no poll loop: the heartbeat says the webhook server still runs and
    the event loop still turns."""
    updater = application.updater
    while updater is not None and updater.running:
        heartbeat.beat()
        await runtime.clock.sleep(BEAT_EVERY)


async def purge_regularly(runtime: Runtime) -> None:
    """Drafts untouched for BOT_RETENTION_MONTHS are purged at start and then daily."""
    while True:
        purged = await runtime.conversations.purge()
        if purged:
            log.info(
                "purged %s drafts untouched for %s months",
                purged,
                runtime.settings.retention_months,
            )
        await runtime.clock.sleep(24 * 3600)


def run(settings: Settings) -> int:
    """`python -m bot telegram`: long polling, or a webhook when BOT_WEBHOOK_URL is set."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return asyncio.run(serve(settings))
