"""A Telegram-Bot-API-compatible test server, simulated people and a PTB harness.

Typical use::

    async with BotApiServer() as server:
        app = build_app(server)  # .base_url(server.base_url).base_file_url(...)
        async with running_bot(app, server):
            anna = server.user(42)
            anna.send("/start")
            (greeting,) = await anna.expect()
"""

from tests.botapi.faults import Fault, FaultInjector, FaultKind, HeldRequest
from tests.botapi.harness import BotRun, application_builder, running_bot
from tests.botapi.html import (
    MAX_CAPTION_LENGTH,
    MAX_TEXT_LENGTH,
    HtmlParseError,
    ParsedText,
    entity_slice,
    finish_text,
    parse_html,
    utf16_len,
)
from tests.botapi.models import (
    ApiError,
    BotMessage,
    Button,
    CallbackAnswer,
    Document,
    MessageVersion,
    RequestRecord,
)
from tests.botapi.people import TelegramUser
from tests.botapi.server import NOT_MODIFIED, BotApiServer, UploadedFile

__all__ = [
    "MAX_CAPTION_LENGTH",
    "MAX_TEXT_LENGTH",
    "NOT_MODIFIED",
    "ApiError",
    "BotApiServer",
    "BotMessage",
    "BotRun",
    "Button",
    "CallbackAnswer",
    "Document",
    "Fault",
    "FaultInjector",
    "FaultKind",
    "HeldRequest",
    "HtmlParseError",
    "MessageVersion",
    "ParsedText",
    "RequestRecord",
    "TelegramUser",
    "UploadedFile",
    "application_builder",
    "entity_slice",
    "finish_text",
    "parse_html",
    "running_bot",
    "utf16_len",
]
