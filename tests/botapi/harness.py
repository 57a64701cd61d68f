"""Run a real PTB ``Application`` against :class:`BotApiServer` inside pytest-asyncio.

``Application.run_polling()`` owns and closes the event loop, so it cannot run in a test. This
module performs the same steps in the same order (initialize, post_init, start_polling, start;
then updater.stop, stop, post_stop, shutdown, post_shutdown) on the test's loop.
"""

from __future__ import annotations

import datetime as dtm
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes
from telegram.ext._applicationbuilder import InitApplicationBuilder

from tests.botapi.server import BotApiServer


def application_builder(server: BotApiServer) -> InitApplicationBuilder:
    """An ApplicationBuilder already pointed at ``server`` (token, base_url, base_file_url)."""
    return (
        ApplicationBuilder()
        .token(server.token)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
    )


@dataclass
class BotRun:
    """Handle for a running bot: ``errors`` collects exceptions raised in its handlers."""

    application: Application[Any, Any, Any, Any, Any, Any]
    server: BotApiServer
    errors: list[BaseException] = field(default_factory=list)


@asynccontextmanager
async def running_bot(
    application: Application[Any, Any, Any, Any, Any, Any],
    server: BotApiServer,
    *,
    raise_errors: bool = True,
    run_post_init: bool = True,
    poll_timeout: float = 1.0,
) -> AsyncIterator[BotRun]:
    """Start ``application`` polling ``server``; stop it cleanly on exit.

    Updates may be injected once the block is entered (pending ones are dropped at start, as
    with ``drop_pending_updates=True`` in production).

    With ``raise_errors`` (default) an exception in any handler fails the test: waits of the
    affected chat (``user.expect()`` ...) raise at once instead of timing out, and the block
    raises an ExceptionGroup on exit. Tests that provoke errors on purpose (fault injection)
    pass ``raise_errors=False`` and inspect ``run.errors``.
    """
    base_url = str(application.bot.base_url)
    if not base_url.startswith(server.base_url):
        # Never let a test talk to api.telegram.org by accident.
        raise ValueError(
            f"application.bot.base_url is {base_url!r}; build the application with "
            f".base_url(server.base_url).base_file_url(server.base_file_url)"
        )
    if application.updater is None:
        raise ValueError("the application needs an Updater (do not call .updater(None))")

    run = BotRun(application=application, server=server)

    async def record_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        error = context.error
        if error is None:
            return
        run.errors.append(error)
        chat_id: int | None = None
        if isinstance(update, Update) and update.effective_chat is not None:
            chat_id = update.effective_chat.id
        server.report_bot_error(chat_id, error, fail_waits=raise_errors)

    application.add_error_handler(record_error)
    started = False
    body_finished = False
    body_error: BaseException | None = None
    try:
        await application.initialize()
        if run_post_init and application.post_init is not None:
            await application.post_init(application)
        await application.updater.start_polling(
            poll_interval=0,
            timeout=dtm.timedelta(seconds=poll_timeout),
            drop_pending_updates=True,
        )
        await application.start()
        started = True
        try:
            yield run
        except BaseException as exc:
            body_error = exc
            raise
        body_finished = True
    finally:
        # Stop first: handlers still running may add errors that must be reported too.
        if application.updater.running:
            await application.updater.stop()
        if started and application.running:
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
        application.remove_error_handler(record_error)
        if body_error is not None and run.errors:
            body_error.add_note(
                "Errors raised inside the bot's handlers:\n"
                + "\n".join(f"  {type(e).__name__}: {e}" for e in run.errors)
            )
    errors = [e for e in run.errors if isinstance(e, Exception)]
    if body_finished and raise_errors and errors:
        raise ExceptionGroup("exceptions raised inside the bot's handlers", errors)
