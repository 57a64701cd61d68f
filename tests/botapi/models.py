"""Data the fake Bot API server records: bot messages, documents, callback answers, requests."""

# Waits take a ``timeout`` argument on purpose: it is the test-facing API (bounded waits
# that fail with a transcript), not a cancellation mechanism as ASYNC109 assumes.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, NamedTuple

JsonDict = dict[str, Any]


class ApiError(Exception):
    """A Telegram-shaped error answer, raised by method implementations."""

    def __init__(self, status: int, description: str, parameters: JsonDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def to_json(self) -> JsonDict:
        body: JsonDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


class Button(NamedTuple):
    """One inline button as the user sees it: its label and its callback_data (or URL)."""

    text: str
    data: str | None


@dataclass(frozen=True)
class Document:
    """A file known to the server: uploaded by the bot or sent by a simulated person."""

    file_id: str
    file_unique_id: str
    name: str
    content: bytes
    mime_type: str
    file_path: str

    @property
    def size(self) -> int:
        return len(self.content)

    def to_api(self) -> JsonDict:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.name,
            "mime_type": self.mime_type,
            "file_size": self.size,
        }


@dataclass(frozen=True)
class MessageVersion:
    """An earlier state of an edited bot message (kept so tests can see what changed)."""

    text: str
    html: str
    entities: list[JsonDict]
    reply_markup: JsonDict | None


@dataclass(eq=False)
class BotMessage:
    """A message the bot sent, updated in place by edits (``edits`` counts them).

    ``text`` is what the person reads (Telegram's plain text; a document's caption),
    ``html`` the raw string the bot sent, ``entities`` Telegram's formatting for ``text``.
    """

    message_id: int
    chat_id: int
    date: int
    text: str
    html: str
    parse_mode: str | None
    entities: list[JsonDict]
    reply_markup: JsonDict | None = None
    reply_keyboard: JsonDict | None = None
    document: Document | None = None
    reply_to_message_id: int | None = None
    edits: int = 0
    edit_date: int | None = None
    deleted: bool = False
    history: list[MessageVersion] = field(default_factory=list)
    sender: JsonDict = field(default_factory=dict, repr=False)
    chat: JsonDict = field(default_factory=dict, repr=False)
    reply_to: JsonDict | None = field(default=None, repr=False)

    @property
    def buttons(self) -> list[list[Button]]:
        """Rows of inline buttons as (label, callback_data or url)."""
        if not self.reply_markup:
            return []
        rows: list[list[Button]] = []
        for row in self.reply_markup.get("inline_keyboard", []):
            rows.append([Button(b.get("text", ""), _button_payload(b)) for b in row])
        return rows

    def button_texts(self) -> list[str]:
        """All inline button labels, row by row."""
        return [button.text for row in self.buttons for button in row]

    @property
    def caption(self) -> str | None:
        return self.text if self.document is not None else None

    def to_api(self) -> JsonDict:
        """The message as the Bot API returns it (current version)."""
        message: JsonDict = {
            "message_id": self.message_id,
            "from": self.sender,
            "chat": self.chat,
            "date": self.date,
        }
        if self.edit_date is not None:
            message["edit_date"] = self.edit_date
        if self.reply_to is not None:
            message["reply_to_message"] = self.reply_to
        if self.document is not None:
            message["document"] = self.document.to_api()
            if self.text:
                message["caption"] = self.text
                if self.entities:
                    message["caption_entities"] = self.entities
        else:
            message["text"] = self.text
            if self.entities:
                message["entities"] = self.entities
        if self.reply_markup is not None:
            message["reply_markup"] = self.reply_markup
        return message

    def __str__(self) -> str:
        label = f"#{self.message_id}"
        if self.document is not None:
            label += f" [document {self.document.name}]"
        body = f"{label} {self.text!r}"
        texts = self.button_texts()
        if texts:
            body += f" buttons={texts}"
        if self.edits:
            body += f" (edited {self.edits}x)"
        if self.deleted:
            body += " (deleted)"
        return body


def _button_payload(button: JsonDict) -> str | None:
    for key in ("callback_data", "url", "switch_inline_query", "switch_inline_query_current_chat"):
        if key in button:
            value = button[key]
            return value if isinstance(value, str) else None
    return None


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot said in answerCallbackQuery for a tap (``text`` None = silent answer)."""

    query_id: str
    data: str | None
    message_id: int | None
    text: str | None
    show_alert: bool
    url: str | None


@dataclass(frozen=True)
class RequestRecord:
    """One Bot API request as the server saw it.

    ``outcome`` is "ok", "error" (a Telegram error answer; see ``status``/``description``),
    "fault:<kind>" for an injected fault (see ``faults.Fault``), "held:dropped", or
    "abandoned" (a parked getUpdates whose client closed the connection).
    """

    method: str
    params: JsonDict
    time: float
    outcome: str
    status: int
    chat_id: int | None
    description: str | None = None


class Notifier:
    """A broadcast wake-up: waiters sleep until the next ``notify()`` (or a timeout).

    Replacing the event on each notify means a waiter never misses a change that happens
    after it looked at the state: it grabs the current event before awaiting, and all state
    changes happen on the same event loop thread.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> bool:
        """Wait for the next notify; False on timeout."""
        event = self._event
        if timeout <= 0:
            return False
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            return False
        return True


@dataclass(eq=False)
class ChatState:
    """Everything the server knows about one chat (private chats: chat_id == user_id)."""

    chat_id: int
    chat: JsonDict
    user: JsonDict | None
    next_message_id: int = 1
    outputs: list[BotMessage] = field(default_factory=list)
    by_id: dict[int, BotMessage] = field(default_factory=dict)
    user_messages: dict[int, JsonDict] = field(default_factory=dict)
    edit_log: list[BotMessage] = field(default_factory=list)
    callback_answers: list[CallbackAnswer] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)
    bot_errors: list[BaseException] = field(default_factory=list)
    reply_keyboard: JsonDict | None = None
    blocked: bool = False
    dropped_updates: int = 0
    last_activity: float = 0.0
    changed: Notifier = field(default_factory=Notifier)

    def allocate_message_id(self) -> int:
        # One id sequence per chat, shared by both sides, as in Telegram private chats.
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id
