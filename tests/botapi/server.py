"""A Telegram-Bot-API-compatible HTTP server on 127.0.0.1 for driving the real PTB bot.

PTB talks to it exactly as to api.telegram.org (``ApplicationBuilder().base_url(...)``), so
nothing of PTB is mocked. The server keeps Telegram's semantics where tests can observe them:
getUpdates offsets and long polling, per-chat message ids, HTML parsing into text + entities,
"message is not modified", callback-query answers, flood control and lost connections.

All state lives on one asyncio event loop (the test's); it is not thread-safe.
"""

# Waits take a ``timeout`` argument on purpose: it is the test-facing API (bounded waits
# that fail with a transcript), not a cancellation mechanism as ASYNC109 assumes.
# ruff: noqa: ASYNC109

from __future__ import annotations

import contextvars
import copy
import functools
import hashlib
import itertools
import json
import logging
import mimetypes
import re
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from aiohttp import web

from tests.botapi.faults import Fault, FaultInjector, HeldRequest
from tests.botapi.html import (
    MAX_CAPTION_LENGTH,
    MAX_TEXT_LENGTH,
    HtmlParseError,
    ParsedText,
    checked_link,
    finish_text,
    parse_html,
    utf16_len,
)
from tests.botapi.models import (
    ApiError,
    BotMessage,
    CallbackAnswer,
    ChatState,
    Document,
    JsonDict,
    MessageVersion,
    Notifier,
    RequestRecord,
)
from tests.botapi.people import TelegramUser

_LOGGER = logging.getLogger("tests.botapi")

# PTB sends string parameters raw and everything else JSON-encoded, so a text "42" and a
# chat_id 42 look alike on the wire. Like Telegram (which knows each parameter's type), keep
# these string-typed parameters as sent and JSON-decode the rest.
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "url",
        "language_code",
        "action",
        "file_id",
        "document",
        "photo",
        "secret_token",
        "ip_address",
        "description",
        "short_description",
        "name",
        "business_connection_id",
        "message_effect_id",
        "emoji",
        "title",
    }
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_SCOPE_TYPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_MAX_UPLOAD = 50 * 1024 * 1024  # Bot API upload limit
_MAX_DOWNLOAD = 20 * 1024 * 1024  # Bot API getFile limit
_MAX_INLINE_BUTTONS = 100
_MAX_BUTTONS_PER_ROW = 8

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"

CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
DISCONNECT_CHECK = 0.05
"""Seconds between looks at a parked poll's connection: a client that closed it abandoned
the poll (aiohttp does not cancel handlers on a disconnect)."""

_Handler = Callable[[JsonDict], Awaitable[Any]]
_REQUEST: contextvars.ContextVar[web.Request] = contextvars.ContextVar("botapi_request")
"""The HTTP request being handled (each runs in its own task)."""


class _Abandoned(Exception):
    """The client closed the connection of a parked poll."""


def _gone(request: web.Request | None) -> bool:
    if request is None:
        return False
    transport = request.transport
    return transport is None or transport.is_closing()


@dataclass(frozen=True)
class UploadedFile:
    """A multipart file part as received."""

    filename: str
    mime_type: str
    content: bytes


@dataclass
class _PendingQuery:
    chat_id: int
    message_id: int
    data: str
    answered: bool = False


def _decode_value(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # e.g. chat_id="@channelname"


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    return None


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)


_dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))


class BotApiServer:
    """Fake Telegram Bot API. Use as ``async with BotApiServer() as server:``.

    Point PTB at it with ``.base_url(server.base_url).base_file_url(server.base_file_url)``.
    """

    def __init__(
        self,
        token: str = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11",
        bot_username: str = "foerderlotse_test_bot",
        max_poll_timeout: float = 1.0,
        *,
        bot_first_name: str = "Förderlotse Leine-Weser",
        strict_html_entities: bool = True,
        clock: Callable[[], float] = time.time,
        log_requests: bool = True,
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        self.max_poll_timeout = max_poll_timeout
        self.strict_html_entities = strict_html_entities
        self.log_requests = log_requests
        self._clock = clock
        bot_id = token.split(":", 1)[0]
        self.bot_id = int(bot_id) if bot_id.isdigit() else 123456
        self.bot_user: JsonDict = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }

        self.faults = FaultInjector()
        self._holds: list[HeldRequest] = []
        # How often getUpdates handed out each update_id (more than once: not confirmed in time).
        self.handed_out: Counter[int] = Counter()
        self.requests: list[RequestRecord] = []
        # Cheap per-method tallies ("sendMessage:ok", "getUpdates:ok", "sendMessage:fault:429")
        # for benchmarks, kept even with log_requests=False.
        self.counts: Counter[str] = Counter()
        self.unknown_methods: list[str] = []
        self.webhook: JsonDict | None = None
        self.commands: dict[tuple[str, str], list[JsonDict]] = {}
        self.menu_buttons: dict[int | None, JsonDict] = {}
        self.bot_settings: dict[tuple[str, str], str] = {}
        self.files: dict[str, Document] = {}
        self.dropped_updates: list[JsonDict] = []
        self.bot_errors: list[BaseException] = []

        self._chats: dict[int, ChatState] = {}
        self._users: dict[int, TelegramUser] = {}
        self._updates: deque[tuple[int, int | None, JsonDict]] = deque()
        self._next_update_id = 1
        self._confirmed_below = 1  # every update_id < this was confirmed via offset
        self._poll_wakeup = Notifier()
        self._activity = Notifier()
        self._poll_generation = 0
        self._parked_polls = 0
        self._closing = False
        self._stubs: dict[str, Any] = {}
        self._queries: dict[str, _PendingQuery] = {}
        self._query_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._methods: dict[str, _Handler] = {
            "getme": self._get_me,
            "logout": self._ok,
            "close": self._ok,
            "getupdates": self._get_updates,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagecaption": self._edit_message_caption,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": self._answer_callback_query,
            "sendchataction": self._send_chat_action,
            "senddocument": self._send_document,
            "getfile": self._get_file,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "setchatmenubutton": self._set_chat_menu_button,
            "getchatmenubutton": self._get_chat_menu_button,
            "getchat": self._get_chat,
            "setmydescription": functools.partial(self._set_setting, "description"),
            "getmydescription": functools.partial(self._get_setting, "description"),
            "setmyshortdescription": functools.partial(self._set_setting, "short_description"),
            "getmyshortdescription": functools.partial(self._get_setting, "short_description"),
            "setmyname": functools.partial(self._set_setting, "name"),
            "getmyname": functools.partial(self._get_setting, "name"),
        }

    # ================================================================== lifecycle
    async def start(self) -> None:
        app = web.Application(client_max_size=_MAX_UPLOAD + 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self._handle_file)
        # A short shutdown_timeout is a backstop; stop() wakes parked polls anyway.
        runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        address = runner.addresses[0]
        self._port = int(address[1])
        self._closing = False

    async def stop(self) -> None:
        """Stop serving; parked getUpdates calls return at once so shutdown is instant."""
        self._closing = True
        for held in self._holds:
            held.drop()
        self._holds.clear()
        self._poll_wakeup.notify()
        for chat in self._chats.values():
            chat.changed.notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("BotApiServer is not started")
        return self._port

    @property
    def parked_polls(self) -> int:
        """getUpdates calls currently waiting for updates (long polling)."""
        return self._parked_polls

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url()`` / ``Bot(base_url=)``; PTB appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ================================================================== test-facing API
    def user(
        self,
        user_id: int,
        first_name: str = "Anna",
        language_code: str | None = "de",
        *,
        last_name: str | None = None,
        username: str | None = None,
    ) -> TelegramUser:
        """The person ``user_id`` in a private chat with the bot (same object on repeat calls)."""
        existing = self._users.get(user_id)
        if existing is not None:
            return existing
        user: JsonDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        chat: JsonDict = {"id": user_id, "type": "private", "first_name": first_name}
        if last_name is not None:
            user["last_name"] = chat["last_name"] = last_name
        if username is not None:
            user["username"] = chat["username"] = username
        if language_code is not None:
            user["language_code"] = language_code
        state = ChatState(chat_id=user_id, chat=chat, user=user)
        self._chats[user_id] = state
        person = TelegramUser(self, state, user)
        self._users[user_id] = person
        return person

    def inject_raw_update(self, update: JsonDict) -> int:
        """Queue an arbitrary update (update_id is assigned if missing); returns its id.

        A chat found in it becomes known, so the bot may answer it.
        """
        update = copy.deepcopy(update)
        chat_json = _find_chat(update)
        state: ChatState | None = None
        if chat_json is not None and _as_int(chat_json.get("id")) is not None:
            chat_id = int(chat_json["id"])
            state = self._chats.get(chat_id)
            if state is None:
                state = ChatState(chat_id=chat_id, chat=chat_json, user=None)
                self._chats[chat_id] = state
        if "update_id" in update:
            update_id = int(update["update_id"])
            self._next_update_id = max(self._next_update_id, update_id + 1)
            return self._push_update(update_id, state, update)
        return self._enqueue_update(state, update)

    def hold(self, method: str, chat_id: int | None = None, *, accept: bool = False) -> HeldRequest:
        """Keep the next ``method`` request (optionally for one chat) waiting until the test
        releases or drops it; ``accept=True`` applies the call first and holds only the answer.
        A fault armed for the same request fires instead."""
        held = HeldRequest(method, chat_id, accept)
        self._holds.append(held)
        return held

    def is_confirmed(self, update_id: int) -> bool:
        """Whether the bot confirmed ``update_id`` (a getUpdates offset passed it)."""
        return self._confirmed_below > update_id

    async def wait_handed_out(self, update_id: int, times: int = 1, timeout: float = 5.0) -> None:
        """Wait until getUpdates handed ``update_id`` to the bot ``times`` times."""
        await self.wait_until(
            lambda: self.handed_out[update_id] >= times,
            timeout,
            f"update {update_id} handed out {times} time(s)",
        )

    def pending_updates(self) -> list[JsonDict]:
        """Updates queued but not yet confirmed by the bot (via getUpdates offset)."""
        return [update for _, _, update in self._updates]

    def stub(self, method: str, result: Any) -> None:
        """Answer ``method`` with ``result`` (takes precedence over the built-in behaviour)."""
        self._stubs[method.lower()] = result

    def requests_for(
        self, method: str | None = None, chat_id: int | None = None
    ) -> list[RequestRecord]:
        """Logged requests, filtered by method (case-insensitive) and/or chat."""
        wanted = method.lower() if method is not None else None
        return [
            r
            for r in self.requests
            if (wanted is None or r.method.lower() == wanted)
            and (chat_id is None or r.chat_id == chat_id)
        ]

    def bot_messages(self, chat_id: int) -> list[BotMessage]:
        """The bot's current messages in any known chat."""
        state = self._chats.get(chat_id)
        return [m for m in state.outputs if not m.deleted] if state is not None else []

    def commands_for(
        self, scope: JsonDict | str | None = None, language_code: str = ""
    ) -> list[JsonDict]:
        """Commands stored by setMyCommands for a scope ("default", {"type": ...}) + language."""
        return list(self.commands.get((_scope_key(scope), language_code), []))

    def report_bot_error(
        self, chat_id: int | None, error: BaseException, *, fail_waits: bool = True
    ) -> None:
        """Record an exception from the bot's handlers (``running_bot`` calls this).

        It shows in the chat transcript and in ``bot_errors``; with ``fail_waits`` the chat's
        pending and next waits (``expect()`` ...) raise at once instead of timing out.
        """
        self.bot_errors.append(error)
        state = self._chats.get(chat_id) if chat_id is not None else None
        targets = [state] if state is not None else list(self._chats.values())
        for target in targets:
            if fail_waits:
                target.bot_errors.append(error)
            target.transcript.append(f"bot handler raised {type(error).__name__}: {error}")
            target.changed.notify()
        self._activity.notify()

    async def wait_until(
        self,
        predicate: Callable[[], Any],
        timeout: float = 5.0,
        what: str = "condition",
    ) -> Any:
        """Re-check ``predicate`` on every request/update until truthy; fail on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out after {timeout}s waiting for {what}")
            await self._activity.wait(remaining)

    async def wait_confirmed(self, update_id: int, timeout: float = 5.0) -> None:
        """Wait until the bot confirmed ``update_id`` (a later getUpdates offset passed it)."""
        await self.wait_until(
            lambda: self._confirmed_below > update_id, timeout, f"confirmation of {update_id}"
        )

    # ================================================================== internals for people
    def _now(self) -> int:
        return int(self._clock())

    def _enqueue_message(self, state: ChatState, message: JsonDict) -> int:
        state.user_messages[int(message["message_id"])] = message
        return self._enqueue_update(state, {"message": message})

    def _enqueue_update(self, state: ChatState | None, payload: JsonDict) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        return self._push_update(update_id, state, {"update_id": update_id, **payload})

    def _push_update(self, update_id: int, state: ChatState | None, update: JsonDict) -> int:
        chat_id = state.chat_id if state is not None else None
        if state is not None:
            state.last_activity = time.monotonic()
        self._updates.append((update_id, chat_id, update))
        self._poll_wakeup.notify()
        self._activity.notify()
        return update_id

    def _enqueue_member_update(self, state: ChatState, old: str, new: str) -> int:
        user = state.user or {"id": state.chat_id, "is_bot": False, "first_name": ""}
        now = self._now()

        def member(status: str) -> JsonDict:
            body: JsonDict = {"user": self.bot_user, "status": status}
            if status == "kicked":
                body["until_date"] = 0
            return body

        payload = {
            "my_chat_member": {
                "chat": state.chat,
                "from": user,
                "date": now,
                "old_chat_member": member(old),
                "new_chat_member": member(new),
            }
        }
        return self._enqueue_update(state, payload)

    def _store_file(self, name: str, content: bytes, mime_type: str) -> Document:
        number = next(self._file_ids)
        digest = hashlib.sha256(content).hexdigest()
        extension = name.rsplit(".", 1)[1] if "." in name else "bin"
        document = Document(
            file_id=f"BQACAgIAAx{number:08d}{digest[:12]}",
            file_unique_id=f"AgAD{digest[:12]}",
            name=name,
            content=content,
            mime_type=mime_type,
            file_path=f"documents/file_{number}.{extension}",
        )
        self.files[document.file_id] = document
        return document

    def _register_callback_query(self, state: ChatState, message: BotMessage, data: str) -> str:
        query_id = f"{state.chat_id}{next(self._query_ids):06d}"
        self._queries[query_id] = _PendingQuery(state.chat_id, message.message_id, data)
        return query_id

    def _pending_count(self, chat_id: int) -> int:
        return sum(1 for _, cid, _ in self._updates if cid == chat_id)

    def unanswered_callback_queries(self) -> list[str]:
        """Ids of taps the bot never answered (Telegram shows a spinner until it does)."""
        return [qid for qid, q in self._queries.items() if not q.answered]

    # ================================================================== HTTP layer
    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return _respond(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        try:
            params = await _read_params(request)
        except (ValueError, UnicodeDecodeError) as exc:
            error = ApiError(400, f"Bad Request: can't parse request parameters: {exc}")
            self._log(method, {}, "error", error.status, None, error.description)
            return _respond(error.status, error.to_json())
        _REQUEST.set(request)
        chat_id = _as_int(params.get("chat_id"))
        if chat_id is None and "callback_query_id" in params:
            # Attribute callback answers to their chat, so per-chat request counts include them.
            query = self._queries.get(str(params["callback_query_id"]))
            chat_id = query.chat_id if query is not None else None

        fault = self.faults.take(method, chat_id)
        if fault is not None and fault.kind != "drop_after_accept":
            return self._fire_fault(request, fault, method, params, chat_id)
        held = self._take_hold(method, chat_id) if fault is None else None
        if held is not None:
            return await self._held(request, held, method, params, chat_id)

        status, body = await self._dispatch(method, params, chat_id)
        if status == 0:
            self._log(method, params, "abandoned", 0, chat_id, None)
            return _drop(request)
        if fault is not None:
            # The call took effect; the answer is lost on the way back.
            self._log(method, params, "fault:drop_after_accept", status, chat_id, None)
            return _drop(request)
        description = None if status == 200 else str(body.get("description"))
        self._log(method, params, "ok" if status == 200 else "error", status, chat_id, description)
        return _respond(status, body)

    def _take_hold(self, method: str, chat_id: int | None) -> HeldRequest | None:
        for held in self._holds:
            if held.matches(method, chat_id):
                self._holds.remove(held)
                return held
        return None

    async def _held(
        self,
        request: web.Request,
        held: HeldRequest,
        method: str,
        params: JsonDict,
        chat_id: int | None,
    ) -> web.StreamResponse:
        status: int = 0
        body: JsonDict = {}
        if held.accept:
            status, body = await self._dispatch(method, params, chat_id)
        held.params = params
        held.arrived.set()
        self._note_chat(chat_id, f"bot {method} -> held by the test")
        self._activity.notify()
        if not await held._wait_decision():
            self._log(method, params, "held:dropped", status, chat_id, None)
            return _drop(request)
        if not held.accept:
            status, body = await self._dispatch(method, params, chat_id)
        description = None if status == 200 else str(body.get("description"))
        self._log(method, params, "ok" if status == 200 else "error", status, chat_id, description)
        return _respond(status, body)

    def _fire_fault(
        self,
        request: web.Request,
        fault: Fault,
        method: str,
        params: JsonDict,
        chat_id: int | None,
    ) -> web.StreamResponse:
        outcome = f"fault:{fault.kind}"
        self._note_chat(chat_id, f"bot {method} -> injected fault {fault.kind}")
        if fault.kind == "429":
            error = ApiError(
                429,
                f"Too Many Requests: retry after {fault.retry_after}",
                {"retry_after": fault.retry_after},
            )
            self._log(method, params, outcome, 429, chat_id, error.description)
            return _respond(429, error.to_json())
        refusals = {
            "400": ApiError(400, "Bad Request: refused by an injected fault"),
            "404": ApiError(404, "Not Found"),
            "409": ApiError(409, CONFLICT),
            "500": ApiError(500, "Internal Server Error"),
        }
        refusal = refusals.get(fault.kind)
        if refusal is not None:
            self._log(method, params, outcome, refusal.status, chat_id, refusal.description)
            return _respond(refusal.status, refusal.to_json())
        if fault.kind == "malformed":
            self._log(method, params, outcome, 200, chat_id, None)
            return web.Response(text="<html>502 Bad Gateway</html>", content_type="text/html")
        self._log(method, params, outcome, 0, chat_id, None)
        return _drop(request)

    async def _dispatch(
        self, method: str, params: JsonDict, chat_id: int | None
    ) -> tuple[int, JsonDict]:
        key = method.lower()
        if key in self._stubs:
            return 200, {"ok": True, "result": self._stubs[key]}
        handler = self._methods.get(key)
        if handler is None:
            self.unknown_methods.append(method)
            _LOGGER.warning("test Bot API server: method %s is not implemented", method)
            # Telegram answers unknown methods with 404 "Not Found"; PTB turns that into
            # InvalidToken/EndPointNotFound, so the description names the method.
            error = ApiError(
                404,
                f"Not Found: method {method} is not implemented by the test Bot API server "
                "(use server.stub())",
            )
            return error.status, error.to_json()
        try:
            result = await handler(params)
        except _Abandoned:
            return 0, {}
        except ApiError as error:
            self._note_chat(chat_id, f"bot {method} -> {error.status} {error.description}")
            return error.status, error.to_json()
        return 200, {"ok": True, "result": result}

    def _log(
        self,
        method: str,
        params: JsonDict,
        outcome: str,
        status: int,
        chat_id: int | None,
        description: str | None,
    ) -> None:
        self.counts[f"{method}:{outcome}"] += 1
        if self.log_requests:
            self.requests.append(
                RequestRecord(
                    method=method,
                    params=params,
                    time=time.monotonic(),
                    outcome=outcome,
                    status=status,
                    chat_id=chat_id,
                    description=description,
                )
            )
        if chat_id is not None:
            state = self._chats.get(chat_id)
            if state is not None:
                state.last_activity = time.monotonic()
                state.changed.notify()
        self._activity.notify()

    def _note_chat(self, chat_id: int | None, line: str) -> None:
        state = self._chats.get(chat_id) if chat_id is not None else None
        if state is not None:
            state.transcript.append(line)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _respond(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        path = request.match_info["file_path"]
        for document in self.files.values():
            if document.file_path == path:
                return web.Response(body=document.content, content_type=document.mime_type)
        return _respond(404, {"ok": False, "error_code": 404, "description": "Not Found"})

    # ================================================================== helpers for methods
    def _chat(self, params: JsonDict, *, for_sending: bool = True) -> ChatState:
        if "chat_id" not in params:
            raise ApiError(400, "Bad Request: chat_id is empty")
        chat_id = _as_int(params["chat_id"])
        state = self._chats.get(chat_id) if chat_id is not None else None
        if state is None:
            raise ApiError(400, "Bad Request: chat not found")
        if for_sending and state.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return state

    def _format(
        self, raw: Any, parse_mode: Any, entities: Any, *, caption: bool = False
    ) -> tuple[str, ParsedText]:
        """Validate and parse a text/caption like Telegram; returns (raw, parsed)."""
        limit = MAX_CAPTION_LENGTH if caption else MAX_TEXT_LENGTH
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            raw = str(raw)
        mode = parse_mode.lower() if isinstance(parse_mode, str) and parse_mode else None
        if mode is None:
            given = entities if isinstance(entities, list) else []
            parsed = ParsedText(raw, [dict(e) for e in given if isinstance(e, dict)])
        elif mode == "html":
            try:
                parsed = parse_html(raw, strict_entities=self.strict_html_entities)
            except HtmlParseError as error:
                raise ApiError(400, error.description) from None
        elif mode in ("markdown", "markdownv2"):
            raise ApiError(
                400, f"Bad Request: parse_mode {parse_mode} is not implemented by the test server"
            )
        else:
            raise ApiError(400, "Bad Request: unsupported parse_mode")
        parsed = finish_text(parsed)
        if not parsed.text and not caption:
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(parsed.text) > limit:
            what = "message caption is too long" if caption else "message is too long"
            raise ApiError(400, f"Bad Request: {what}")
        return raw, parsed

    def _markup(self, markup: Any, *, inline_only: bool = False) -> tuple[JsonDict | None, Any]:
        """Validate reply_markup; returns (inline keyboard or None, other markup or None)."""
        if markup is None or markup == "":
            return None, None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            if inline_only:
                raise ApiError(400, "Bad Request: inline keyboard expected")
            if "keyboard" in markup and not isinstance(markup["keyboard"], list):
                raise ApiError(400, 'Bad Request: field "keyboard" must be an Array')
            return None, markup
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise ApiError(
                400,
                'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an '
                "Array of Arrays",
            )
        count = 0
        for row in rows:
            if len(row) > _MAX_BUTTONS_PER_ROW:
                raise ApiError(400, "Bad Request: reply markup is too long")
            for button in row:
                count += 1
                _check_inline_button(button)
        if count > _MAX_INLINE_BUTTONS:
            raise ApiError(400, "Bad Request: reply markup is too long")
        if count == 0:
            return None, None  # an empty inline keyboard is no keyboard, as in Telegram
        return markup, None

    def _reply_target(self, state: ChatState, params: JsonDict) -> tuple[int | None, Any]:
        reply = params.get("reply_parameters")
        message_id: int | None = None
        allow_missing = False
        if isinstance(reply, dict):
            message_id = _as_int(reply.get("message_id"))
            allow_missing = _as_bool(reply.get("allow_sending_without_reply", False))
        elif params.get("reply_to_message_id") is not None:
            message_id = _as_int(params["reply_to_message_id"])
            allow_missing = _as_bool(params.get("allow_sending_without_reply", False))
        if message_id is None:
            return None, None
        bot_message = state.by_id.get(message_id)
        if bot_message is not None and not bot_message.deleted:
            target = bot_message.to_api()
            target.pop("reply_to_message", None)
            return message_id, target
        user_message = state.user_messages.get(message_id)
        if user_message is not None:
            return message_id, {k: v for k, v in user_message.items() if k != "reply_to_message"}
        if allow_missing:
            return None, None
        raise ApiError(400, "Bad Request: message to be replied not found")

    def _record_output(self, state: ChatState, message: BotMessage, other_markup: Any) -> None:
        state.outputs.append(message)
        state.by_id[message.message_id] = message
        if isinstance(other_markup, dict):
            if "keyboard" in other_markup:
                state.reply_keyboard = other_markup
            elif other_markup.get("remove_keyboard"):
                state.reply_keyboard = None
        state.transcript.append(f"bot: {message}")

    def _editable(self, params: JsonDict) -> tuple[ChatState, BotMessage]:
        if params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
        state = self._chat(params)
        message_id = _as_int(params.get("message_id"))
        if message_id is None:
            raise ApiError(400, "Bad Request: message identifier is not specified")
        message = state.by_id.get(message_id)
        if message is None or message.deleted:
            if message_id in state.user_messages:
                raise ApiError(400, "Bad Request: message can't be edited")
            raise ApiError(400, "Bad Request: message to edit not found")
        return state, message

    def _apply_edit(
        self,
        state: ChatState,
        message: BotMessage,
        *,
        raw: str,
        parse_mode: str | None,
        parsed: ParsedText,
        markup: JsonDict | None,
    ) -> JsonDict:
        if (
            parsed.text == message.text
            and parsed.entities == message.entities
            and markup == message.reply_markup
        ):
            raise ApiError(400, NOT_MODIFIED)
        message.history.append(
            MessageVersion(message.text, message.html, message.entities, message.reply_markup)
        )
        message.text = parsed.text
        message.html = raw
        message.parse_mode = parse_mode
        message.entities = parsed.entities
        message.reply_markup = markup
        message.edits += 1
        message.edit_date = self._now()
        state.edit_log.append(message)
        state.transcript.append(f"bot edits: {message}")
        return message.to_api()

    # ================================================================== Bot API methods
    async def _ok(self, params: JsonDict) -> bool:
        return True

    async def _get_me(self, params: JsonDict) -> JsonDict:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(self, params: JsonDict) -> list[JsonDict]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = _as_int(params.get("offset")) or 0
        limit = min(max(_as_int(params.get("limit")) or 100, 1), 100)
        timeout_value = params.get("timeout", 0)
        timeout = float(timeout_value) if isinstance(timeout_value, int | float) else 0.0
        self._confirm(offset)

        # Telegram ends an older parked getUpdates with 409 when a newer one arrives.
        self._poll_generation += 1
        generation = self._poll_generation
        self._poll_wakeup.notify()

        deadline = time.monotonic() + min(max(timeout, 0.0), self.max_poll_timeout)
        request = _REQUEST.get(None)
        parked = False
        try:
            while not self._updates and not self._closing:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                if not parked:
                    parked = True
                    self._parked_polls += 1
                    self._activity.notify()
                await self._poll_wakeup.wait(min(remaining, DISCONNECT_CHECK))
                if _gone(request):
                    # Telegram forgets a poll whose connection closed: nothing is handed out.
                    raise _Abandoned
                if generation != self._poll_generation:
                    raise ApiError(409, CONFLICT)
        finally:
            if parked:
                self._parked_polls -= 1
        handed = [update for _, _, update in itertools.islice(self._updates, limit)]
        for update in handed:
            self.handed_out[int(update["update_id"])] += 1
        return handed

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            # Negative offset: keep only the last -offset updates, forget the rest.
            while len(self._updates) > -offset:
                self._updates.popleft()
            if self._updates:
                self._confirmed_below = max(self._confirmed_below, self._updates[0][0])
            return
        if offset == 0:
            return
        changed = False
        while self._updates and self._updates[0][0] < offset:
            self._updates.popleft()
            changed = True
        if offset > self._confirmed_below:
            self._confirmed_below = offset
            changed = True
        if changed:
            self._activity.notify()

    async def _set_webhook(self, params: JsonDict) -> bool:
        url = params.get("url")
        if not url:
            self.webhook = None
        else:
            self.webhook = {k: v for k, v in params.items() if k != "certificate"}
        if _as_bool(params.get("drop_pending_updates", False)):
            self._drop_pending()
        return True

    async def _delete_webhook(self, params: JsonDict) -> bool:
        self.webhook = None
        if _as_bool(params.get("drop_pending_updates", False)):
            self._drop_pending()
        return True

    def _drop_pending(self) -> None:
        while self._updates:
            _, chat_id, update = self._updates.popleft()
            self.dropped_updates.append(update)
            state = self._chats.get(chat_id) if chat_id is not None else None
            if state is not None:
                state.dropped_updates += 1
        self._confirmed_below = max(self._confirmed_below, self._next_update_id)

    async def _get_webhook_info(self, params: JsonDict) -> JsonDict:
        return {
            "url": (self.webhook or {}).get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _send_message(self, params: JsonDict) -> JsonDict:
        state = self._chat(params)
        if params.get("text") in (None, ""):
            raise ApiError(400, "Bad Request: message text is empty")
        raw, parsed = self._format(params["text"], params.get("parse_mode"), params.get("entities"))
        inline, other = self._markup(params.get("reply_markup"))
        reply_to_id, reply_to = self._reply_target(state, params)
        message = BotMessage(
            message_id=state.allocate_message_id(),
            chat_id=state.chat_id,
            date=self._now(),
            text=parsed.text,
            html=raw,
            parse_mode=params.get("parse_mode") or None,
            entities=parsed.entities,
            reply_markup=inline,
            reply_keyboard=other,
            reply_to_message_id=reply_to_id,
            sender=self.bot_user,
            chat=state.chat,
            reply_to=reply_to,
        )
        self._record_output(state, message, other)
        return message.to_api()

    async def _send_document(self, params: JsonDict) -> JsonDict:
        state = self._chat(params)
        value = params.get("document")
        if isinstance(value, UploadedFile):
            mime = value.mime_type or (
                mimetypes.guess_type(value.filename)[0] or "application/octet-stream"
            )
            document = self._store_file(value.filename, value.content, mime)
        elif isinstance(value, str) and value in self.files:
            document = self.files[value]  # resending by file_id
        elif isinstance(value, str) and value:
            raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
        else:
            raise ApiError(400, "Bad Request: there is no document in the request")
        raw, parsed = self._format(
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities"),
            caption=True,
        )  # fmt: skip
        inline, other = self._markup(params.get("reply_markup"))
        reply_to_id, reply_to = self._reply_target(state, params)
        message = BotMessage(
            message_id=state.allocate_message_id(),
            chat_id=state.chat_id,
            date=self._now(),
            text=parsed.text,
            html=raw,
            parse_mode=params.get("parse_mode") or None,
            entities=parsed.entities,
            reply_markup=inline,
            reply_keyboard=other,
            document=document,
            reply_to_message_id=reply_to_id,
            sender=self.bot_user,
            chat=state.chat,
            reply_to=reply_to,
        )
        self._record_output(state, message, other)
        return message.to_api()

    async def _edit_message_text(self, params: JsonDict) -> JsonDict:
        state, message = self._editable(params)
        if message.document is not None:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        if params.get("text") in (None, ""):
            raise ApiError(400, "Bad Request: message text is empty")
        raw, parsed = self._format(params["text"], params.get("parse_mode"), params.get("entities"))
        # Omitting reply_markup in an edit removes the inline keyboard, as in Telegram.
        inline, _ = self._markup(params.get("reply_markup"), inline_only=True)
        return self._apply_edit(
            state,
            message,
            raw=raw,
            parse_mode=params.get("parse_mode") or None,
            parsed=parsed,
            markup=inline,
        )

    async def _edit_message_caption(self, params: JsonDict) -> JsonDict:
        state, message = self._editable(params)
        if message.document is None:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        raw, parsed = self._format(
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities"),
            caption=True,
        )  # fmt: skip
        inline, _ = self._markup(params.get("reply_markup"), inline_only=True)
        return self._apply_edit(
            state,
            message,
            raw=raw,
            parse_mode=params.get("parse_mode") or None,
            parsed=parsed,
            markup=inline,
        )

    async def _edit_message_reply_markup(self, params: JsonDict) -> JsonDict:
        state, message = self._editable(params)
        inline, _ = self._markup(params.get("reply_markup"), inline_only=True)
        current = ParsedText(message.text, message.entities)
        return self._apply_edit(
            state,
            message,
            raw=message.html,
            parse_mode=message.parse_mode,
            parsed=current,
            markup=inline,
        )

    async def _delete_message(self, params: JsonDict) -> bool:
        state = self._chat(params, for_sending=False)
        message_id = _as_int(params.get("message_id"))
        message = state.by_id.get(message_id) if message_id is not None else None
        if message is not None and not message.deleted:
            message.deleted = True
            state.transcript.append(f"bot deletes #{message_id}")
            return True
        if message_id is not None and message_id in state.user_messages:
            del state.user_messages[message_id]
            state.transcript.append(f"bot deletes the user's #{message_id}")
            return True
        raise ApiError(400, "Bad Request: message to delete not found")

    async def _answer_callback_query(self, params: JsonDict) -> bool:
        query_id = params.get("callback_query_id")
        query = self._queries.get(str(query_id)) if query_id is not None else None
        if query is None or query.answered:
            raise ApiError(400, QUERY_INVALID)
        text = params.get("text")
        if text is not None and not isinstance(text, str):
            text = str(text)
        if text is not None and len(text) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        url = params.get("url")
        if url is not None and checked_link(str(url)) is None:
            raise ApiError(400, "Bad Request: URL_INVALID")
        query.answered = True
        answer = CallbackAnswer(
            query_id=str(query_id),
            data=query.data,
            message_id=query.message_id,
            text=text or None,
            show_alert=_as_bool(params.get("show_alert", False)),
            url=str(url) if url is not None else None,
        )
        state = self._chats.get(query.chat_id)
        if state is not None:
            state.callback_answers.append(answer)
            state.transcript.append(
                f"bot answers tap: {text!r}" + (" (alert)" if answer.show_alert else "")
            )
            state.changed.notify()
        return True

    async def _send_chat_action(self, params: JsonDict) -> bool:
        state = self._chat(params)
        action = params.get("action")
        if action not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        state.actions.append(str(action))
        return True

    async def _get_file(self, params: JsonDict) -> JsonDict:
        document = self.files.get(str(params.get("file_id", "")))
        if document is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if document.size > _MAX_DOWNLOAD:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": document.file_id,
            "file_unique_id": document.file_unique_id,
            "file_size": document.size,
            "file_path": document.file_path,
        }

    def _commands_key(self, params: JsonDict) -> tuple[str, str]:
        scope = params.get("scope")
        if scope is not None:
            if not isinstance(scope, dict) or scope.get("type") not in _SCOPE_TYPES:
                raise ApiError(400, "Bad Request: unsupported bot command scope type")
            if (
                scope["type"].startswith("chat")
                and "chat_id" in scope
                and _as_int(scope["chat_id"]) not in self._chats
            ):
                raise ApiError(400, "Bad Request: chat not found")
        language = params.get("language_code") or ""
        if not isinstance(language, str) or (language and not re.fullmatch(r"[a-z]{2}", language)):
            raise ApiError(400, "Bad Request: invalid language code specified")
        return _scope_key(scope), language

    async def _set_my_commands(self, params: JsonDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        if len(commands) > 100:
            raise ApiError(400, "Bad Request: too many commands")
        cleaned: list[JsonDict] = []
        for command in commands:
            if not isinstance(command, dict):
                raise ApiError(400, "Bad Request: can't parse BotCommand JSON object")
            name = command.get("command")
            description = command.get("description")
            if not isinstance(name, str) or not _COMMAND_NAME.match(name):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._commands_key(params)
        if cleaned:
            self.commands[key] = cleaned
        else:
            self.commands.pop(key, None)  # an empty list deletes, as in Telegram
        return True

    async def _get_my_commands(self, params: JsonDict) -> list[JsonDict]:
        return list(self.commands.get(self._commands_key(params), []))

    async def _delete_my_commands(self, params: JsonDict) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    async def _set_chat_menu_button(self, params: JsonDict) -> bool:
        chat_id: int | None = None
        if params.get("chat_id") is not None:
            chat_id = self._chat(params, for_sending=False).chat_id
        button = params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in (
            "default",
            "commands",
            "web_app",
        ):
            raise ApiError(400, "Bad Request: can't parse menu button JSON object")
        self.menu_buttons[chat_id] = button
        return True

    async def _get_chat_menu_button(self, params: JsonDict) -> JsonDict:
        chat_id = _as_int(params.get("chat_id")) if params.get("chat_id") is not None else None
        return self.menu_buttons.get(chat_id) or self.menu_buttons.get(None) or {"type": "default"}

    async def _get_chat(self, params: JsonDict) -> JsonDict:
        state = self._chat(params, for_sending=False)
        return {
            **state.chat,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    async def _set_setting(self, field: str, params: JsonDict) -> bool:
        language = str(params.get("language_code") or "")
        value = params.get(field)
        if value in (None, ""):
            self.bot_settings.pop((field, language), None)
        else:
            self.bot_settings[(field, language)] = str(value)
        return True

    async def _get_setting(self, field: str, params: JsonDict) -> JsonDict:
        language = str(params.get("language_code") or "")
        return {field: self.bot_settings.get((field, language), "")}


# ====================================================================== module helpers
def _scope_key(scope: JsonDict | str | None) -> str:
    if scope is None:
        scope = {"type": "default"}
    elif isinstance(scope, str):
        scope = {"type": scope}
    normalised = dict(scope)
    if "chat_id" in normalised and _as_int(normalised["chat_id"]) is not None:
        normalised["chat_id"] = _as_int(normalised["chat_id"])
    return json.dumps(normalised, sort_keys=True)


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise ApiError(400, "Bad Request: can't parse inline keyboard button: object expected")
    text = button.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
    actions = [
        key
        for key in (
            "callback_data",
            "url",
            "web_app",
            "login_url",
            "switch_inline_query",
            "switch_inline_query_current_chat",
            "switch_inline_query_chosen_chat",
            "copy_text",
            "callback_game",
            "pay",
        )
        if key in button
    ]
    if not actions:
        raise ApiError(
            400,
            "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the "
            "inline keyboard",
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
            raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    if "url" in button and (
        not isinstance(button["url"], str) or checked_link(button["url"]) is None
    ):
        raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")


def _find_chat(update: JsonDict) -> JsonDict | None:
    for key in (
        "message",
        "edited_message",
        "channel_post",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
    ):
        body = update.get(key)
        if isinstance(body, dict) and isinstance(body.get("chat"), dict):
            chat: JsonDict = body["chat"]
            return chat
    query = update.get("callback_query")
    if isinstance(query, dict) and isinstance(query.get("message"), dict):
        chat = query["message"].get("chat")
        return chat if isinstance(chat, dict) else None
    return None


async def _read_params(request: web.Request) -> JsonDict:
    """Parse query string, urlencoded, multipart or JSON bodies the way Telegram accepts them."""
    params: JsonDict = {key: _decode_value(key, value) for key, value in request.query.items()}
    if not request.body_exists:
        return params
    content_type = request.content_type
    if content_type == "application/json":
        body = await request.json()
        if not isinstance(body, dict):
            raise ValueError("JSON body must be an object")
        params.update(body)
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = UploadedFile(
                    filename=value.filename,
                    mime_type=value.content_type,
                    content=value.file.read(),
                )
            elif isinstance(value, str):
                params[key] = _decode_value(key, value)
            else:
                params[key] = _decode_value(key, value.decode("utf-8"))
    return params


def _respond(status: int, body: JsonDict) -> web.Response:
    return web.json_response(body, status=status, dumps=_dumps)


def _drop(request: web.Request) -> web.StreamResponse:
    """Close the connection without an answer (the client sees a disconnect)."""
    transport = request.transport
    if transport is not None:
        transport.close()
    # aiohttp finds the transport closed and silently skips writing this response.
    return web.Response()
