"""Simulated people: type, tap, reply and upload in a private chat with the bot, then wait.

Every wait is event-driven (woken by the bot's requests) and bounded by a timeout that only
decides how long a *failing* test takes; a passing test never sleeps.
"""

# Waits take a ``timeout`` argument on purpose: it is the test-facing API (bounded waits
# that fail with a transcript), not a cancellation mechanism as ASYNC109 assumes.
# ruff: noqa: ASYNC109

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from tests.botapi.html import utf16_len
from tests.botapi.models import (
    BotMessage,
    Button,
    CallbackAnswer,
    ChatState,
    Document,
    JsonDict,
)

if TYPE_CHECKING:
    from tests.botapi.server import BotApiServer

T = TypeVar("T")

# Telegram's bot_command pattern: "/cmd" or "/cmd@botname" at the start of the text.
_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_])")

DEFAULT_TIMEOUT = 5.0


class TelegramUser:
    """A person in a private chat with the bot (chat_id == user_id). Create via ``server.user()``.

    Actions (``send``, ``tap``, ``reply``, ``send_document``) enqueue updates synchronously and
    return the update_id. Waits (``expect*``) consume the bot's outputs in order through
    cursors, so ``expect()`` twice never returns the same message.
    """

    def __init__(self, server: BotApiServer, state: ChatState, user: JsonDict) -> None:
        self._server = server
        self._state = state
        self.user_json = user
        self._output_cursor = 0
        self._edit_cursor = 0
        self._answer_cursor = 0
        self._error_cursor = 0

    # ------------------------------------------------------------------ identity
    @property
    def user_id(self) -> int:
        return int(self.user_json["id"])

    @property
    def chat_id(self) -> int:
        return self._state.chat_id

    @property
    def first_name(self) -> str:
        return str(self.user_json["first_name"])

    @property
    def language_code(self) -> str | None:
        code = self.user_json.get("language_code")
        return str(code) if code is not None else None

    # ------------------------------------------------------------------ actions
    def send(self, text: str) -> int:
        """Type and send ``text``; a leading "/command" gets its bot_command entity."""
        message = self._new_message()
        message["text"] = text
        match = _COMMAND.match(text)
        if match:
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}
            ]
        self._state.transcript.append(f"user: {text!r}")
        return self._server._enqueue_message(self._state, message)

    def reply(self, to_message_id: int, text: str) -> int:
        """Send ``text`` as a reply to a message of this chat (the bot's or the user's own)."""
        target = self._message_json(to_message_id)
        message = self._new_message()
        message["text"] = text
        message["reply_to_message"] = target
        self._state.transcript.append(f"user (reply to #{to_message_id}): {text!r}")
        return self._server._enqueue_message(self._state, message)

    def send_document(
        self,
        filename: str,
        content: bytes,
        mime_type: str = "application/x-yaml",
        caption: str | None = None,
    ) -> int:
        """Upload a file; the bot can fetch it with getFile + download."""
        document = self._server._store_file(filename, content, mime_type)
        message = self._new_message()
        message["document"] = document.to_api()
        if caption is not None:
            message["caption"] = caption
        self._state.transcript.append(
            f"user: [document {filename}, {len(content)} bytes]"
            + (f" caption={caption!r}" if caption else "")
        )
        return self._server._enqueue_message(self._state, message)

    def tap(self, label_or_data: str, message_id: int | None = None) -> int:
        """Press an inline button by label (exact, else unique substring) or callback_data.

        Without ``message_id`` the latest bot message with an inline keyboard is used.
        """
        message = self._keyboard_message(message_id)
        button = _find_button(message, label_or_data)
        if button.data is None or not _is_callback_button(message, button):
            raise AssertionError(
                f"button {button.text!r} on message #{message.message_id} is not a callback "
                f"button (payload {button.data!r}); tapping it sends nothing to the bot"
            )
        query_id = self._server._register_callback_query(self._state, message, button.data)
        query: JsonDict = {
            "id": query_id,
            "from": self.user_json,
            "chat_instance": f"{self.chat_id}00",
            "message": message.to_api(),
            "data": button.data,
        }
        self._state.transcript.append(
            f"user taps {button.text!r} (data={button.data!r}) on #{message.message_id}"
        )
        return self._server._enqueue_update(self._state, {"callback_query": query})

    def block(self) -> int:
        """Block the bot: later sends to this chat get 403, like Telegram. Returns update_id."""
        self._state.blocked = True
        self._state.transcript.append("user blocks the bot")
        return self._server._enqueue_member_update(self._state, "member", "kicked")

    def unblock(self) -> int:
        """Unblock (Telegram then delivers a my_chat_member update and the next /start)."""
        self._state.blocked = False
        self._state.transcript.append("user unblocks the bot")
        return self._server._enqueue_member_update(self._state, "kicked", "member")

    # ------------------------------------------------------------------ what the chat holds
    @property
    def messages(self) -> list[BotMessage]:
        """The bot's messages still in the chat, oldest first, with edits applied."""
        return [m for m in self._state.outputs if not m.deleted]

    @property
    def all_outputs(self) -> list[BotMessage]:
        """Every message the bot ever sent here, including deleted ones."""
        return list(self._state.outputs)

    @property
    def last(self) -> BotMessage:
        """The bot's latest message still in the chat."""
        messages = self.messages
        if not messages:
            raise AssertionError(f"the bot has sent nothing to {self.chat_id}\n{self.transcript}")
        return messages[-1]

    @property
    def new_messages(self) -> list[BotMessage]:
        """Outputs not yet consumed by ``expect()`` (does not wait, does not consume)."""
        return self._state.outputs[self._output_cursor :]

    @property
    def callback_answers(self) -> list[CallbackAnswer]:
        """answerCallbackQuery calls for this person's taps, in order."""
        return list(self._state.callback_answers)

    @property
    def documents(self) -> list[Document]:
        """Files the bot sent to this chat."""
        return [m.document for m in self._state.outputs if m.document is not None]

    @property
    def keyboard(self) -> list[list[str]] | None:
        """Labels of the reply keyboard the bot currently shows (None if none)."""
        markup = self._state.reply_keyboard
        if markup is None or "keyboard" not in markup:
            return None
        return [
            [b if isinstance(b, str) else str(b.get("text", "")) for b in row]
            for row in markup["keyboard"]
        ]

    @property
    def chat_actions(self) -> list[str]:
        return list(self._state.actions)

    @property
    def last_activity(self) -> float:
        """``time.monotonic()`` when this chat last saw an event: the bot's latest request
        (after the server handled it) or the person's own action. Benchmarks time turns by it.
        """
        return self._state.last_activity

    @property
    def transcript(self) -> str:
        """The conversation so far, one line per event, for failure messages."""
        return "\n".join(f"  {line}" for line in self._state.transcript) or "  (empty chat)"

    def mark(self) -> None:
        """Treat everything so far as seen: the next expect*() waits for newer events."""
        self._output_cursor = len(self._state.outputs)
        self._edit_cursor = len(self._state.edit_log)
        self._answer_cursor = len(self._state.callback_answers)
        self._error_cursor = len(self._state.bot_errors)

    # ------------------------------------------------------------------ waiting
    async def expect(self, count: int = 1, timeout: float = DEFAULT_TIMEOUT) -> list[BotMessage]:
        """Wait for ``count`` new bot messages (sendMessage/sendDocument) and return them."""
        state = self._state

        def ready() -> list[BotMessage] | None:
            if len(state.outputs) - self._output_cursor < count:
                return None
            return state.outputs[self._output_cursor : self._output_cursor + count]

        got = await self.wait_for(
            ready,
            timeout,
            lambda: (
                f"expected {count} new bot message(s), got "
                f"{len(state.outputs) - self._output_cursor}"
            ),
        )
        self._output_cursor += count
        return got

    async def expect_message(self, timeout: float = DEFAULT_TIMEOUT) -> BotMessage:
        """Wait for exactly the next bot message and return it."""
        return (await self.expect(1, timeout))[0]

    async def expect_edit(
        self, message_id: int | None = None, timeout: float = DEFAULT_TIMEOUT
    ) -> BotMessage:
        """Wait for the next edit (of ``message_id`` if given); return the edited message."""
        state = self._state

        def ready() -> tuple[int, BotMessage] | None:
            for index in range(self._edit_cursor, len(state.edit_log)):
                edited = state.edit_log[index]
                if message_id is None or edited.message_id == message_id:
                    return index, edited
            return None

        target = f"#{message_id}" if message_id is not None else "any message"
        index, edited = await self.wait_for(ready, timeout, f"expected an edit of {target}")
        self._edit_cursor = index + 1
        return edited

    async def expect_answer(self, timeout: float = DEFAULT_TIMEOUT) -> CallbackAnswer:
        """Wait for the bot's next answerCallbackQuery for this person's taps."""
        state = self._state

        def ready() -> CallbackAnswer | None:
            if len(state.callback_answers) > self._answer_cursor:
                return state.callback_answers[self._answer_cursor]
            return None

        answer = await self.wait_for(ready, timeout, "expected an answerCallbackQuery")
        self._answer_cursor += 1
        return answer

    async def wait_for(
        self,
        predicate: Callable[[], T | None],
        timeout: float = DEFAULT_TIMEOUT,
        what: str | Callable[[], str] = "condition",
    ) -> T:
        """Re-check ``predicate`` after every bot request to this chat until it returns
        something other than None/False; raise AssertionError with the transcript on timeout.
        Bot handler errors reported by ``running_bot`` fail the wait at once.
        """
        deadline = time.monotonic() + timeout
        while True:
            self._raise_bot_errors()
            result = predicate()
            if result is not None and result is not False:
                return result
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                description = what() if callable(what) else what
                raise AssertionError(self._timeout_report(f"{description} within {timeout}s"))
            await self._state.changed.wait(remaining)

    async def settle(self, idle: float = 0.2, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Wait until nothing happened in this chat for ``idle`` seconds.

        Only for negative checks ("the bot sends nothing more"), which need *some* time bound;
        for positive checks use expect*(), which returns as soon as the event happens.
        """
        deadline = time.monotonic() + timeout
        while True:
            self._raise_bot_errors()
            now = time.monotonic()
            quiet_for = now - self._state.last_activity
            if quiet_for >= idle:
                return
            if now >= deadline:
                raise AssertionError(self._timeout_report(f"chat never idle for {idle}s"))
            await self._state.changed.wait(min(idle - quiet_for, deadline - now))

    # ------------------------------------------------------------------ internals
    def _new_message(self) -> JsonDict:
        self._state.last_activity = time.monotonic()
        return {
            "message_id": self._state.allocate_message_id(),
            "from": self.user_json,
            "chat": self._state.chat,
            "date": self._server._now(),
        }

    def _message_json(self, message_id: int) -> JsonDict:
        bot_message = self._state.by_id.get(message_id)
        if bot_message is not None and not bot_message.deleted:
            return bot_message.to_api()
        own = self._state.user_messages.get(message_id)
        if own is not None:
            # Telegram does not nest replies inside reply_to_message.
            return {k: v for k, v in own.items() if k != "reply_to_message"}
        raise AssertionError(f"no message #{message_id} in chat {self.chat_id}\n{self.transcript}")

    def _keyboard_message(self, message_id: int | None) -> BotMessage:
        if message_id is not None:
            message = self._state.by_id.get(message_id)
            if message is None or message.deleted:
                raise AssertionError(
                    f"no bot message #{message_id} in chat {self.chat_id}\n{self.transcript}"
                )
            if not message.buttons:
                raise AssertionError(
                    f"bot message #{message_id} has no inline keyboard: {message}\n"
                    f"{self.transcript}"
                )
            return message
        for message in reversed(self._state.outputs):
            if not message.deleted and message.buttons:
                return message
        raise AssertionError(
            f"no bot message with an inline keyboard in chat {self.chat_id}\n{self.transcript}"
        )

    def _raise_bot_errors(self) -> None:
        errors = self._state.bot_errors
        if len(errors) > self._error_cursor:
            error = errors[self._error_cursor]
            self._error_cursor = len(errors)
            raise AssertionError(
                f"the bot raised {type(error).__name__}: {error} while handling an update of "
                f"chat {self.chat_id}\n{self.transcript}"
            ) from error

    def _timeout_report(self, problem: str) -> str:
        lines = [f"{problem} (chat {self.chat_id}, {self.first_name}).", "Transcript:"]
        lines.append(self.transcript)
        pending = self._server._pending_count(self.chat_id)
        if pending:
            lines.append(
                f"{pending} update(s) of this chat were never fetched by the bot "
                "(is it polling? did running_bot start?)"
            )
        if self._state.dropped_updates:
            lines.append(
                f"{self._state.dropped_updates} update(s) of this chat were discarded by "
                "deleteWebhook(drop_pending_updates=True): send only after start_polling() "
                "returned (inside running_bot)."
            )
        return "\n".join(lines)


def _is_callback_button(message: BotMessage, button: Button) -> bool:
    for row in (message.reply_markup or {}).get("inline_keyboard", []):
        for raw in row:
            if raw.get("text") == button.text and raw.get("callback_data") == button.data:
                return True
    return False


def _find_button(message: BotMessage, wanted: str) -> Button:
    buttons = [b for row in message.buttons for b in row]
    for candidates in (
        [b for b in buttons if b.text == wanted],
        [b for b in buttons if b.data == wanted],
        [b for b in buttons if wanted in b.text],
        [b for b in buttons if wanted.casefold() in b.text.casefold()],
    ):
        if len(candidates) == 1:
            return candidates[0]
        if len(candidates) > 1:
            raise AssertionError(
                f"{wanted!r} is ambiguous on message #{message.message_id}: "
                f"{[(b.text, b.data) for b in candidates]}"
            )
    available = "\n".join(f"  {b.text!r} -> {b.data!r}" for b in buttons)
    raise AssertionError(
        f"no button matching {wanted!r} on message #{message.message_id} ({message.text!r}).\n"
        f"Available buttons (label -> data):\n{available}"
    )
