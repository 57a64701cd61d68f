"""Replies as Telegram messages: HTML text within Telegram's length limit, inline keyboards with
compact, versioned callback data."""

from __future__ import annotations

import html
import re
from functools import cache

from telegram import InlineKeyboardMarkup

from bot.adapters.telegram.calls import Keyboard
from bot.core.events import Press
from bot.core.outputs import Button, Reply
from bot.texts.catalog import Language, Msg
from bot.texts.markup import to_html

MAX_MESSAGE = 4096
"""Telegram's limit, counted in UTF-16 code units of the text after entity parsing."""

CALLBACK_VERSION = "2"
LEGACY_CALLBACK_VERSION = "1"
MAX_CALLBACK_BYTES = 64


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def reply_html(reply: Reply, language: Language) -> str:
    return "\n\n".join(to_html(part, language) for part in reply.parts)


_TOKEN = re.compile(r"<[^>]*>|&#?[0-9A-Za-z]+;|[^<&\n]+|\n|[<&]")
"""A tag, an entity, a run of plain characters within a line, a line break or a lone "<" or
"&": the pieces a message may be cut between (a run only where it does not fit whole)."""
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)")


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Cut a message Telegram would refuse as too long into messages it takes.

    Cuts fall at a blank line where one is in the latter half of a message, else at a line
    break, else (a single overlong line) between characters, never inside a tag or an entity.
    Markup open at a cut is closed at its end and opened again in the next message, so a quote
    of multi-line user text in <i> stays valid. Raw HTML is at least as long as the text
    Telegram counts, so measuring it is safe.
    """
    if utf16_length(text) <= limit:
        return [text]
    chunks: list[str] = []
    chunk = _Chunk([], limit)
    for piece in _TOKEN.findall(text):
        # A run of plain characters is added as far as it fits, as its characters one by one
        # would be, and cut at the first that does not fit, where the message would be cut
        # character by character. (One token per character cost milliseconds per summary.)
        run = len(piece) > 1 and piece[0] not in "<&"
        while piece:
            token = piece
            if run:
                fitting = _fitting(piece, chunk.room())
                token = piece[: fitting or 1]
            while not chunk.fits(token) and chunk.has_text():
                finished, chunk = chunk.cut()
                if _visible(finished):
                    chunks.append(finished)
            chunk.add(token)
            piece = piece[len(token) :]
    final = chunk.html(len(chunk.body), chunk.stack)
    if _visible(final):
        chunks.append(final)
    return chunks


class _Chunk:
    """One message being filled: the markup reopened at its start, its tokens, the markup
    open at its end, and where it may be cut."""

    def __init__(self, opened: list[tuple[str, str]], limit: int) -> None:
        self.opened = opened
        self.limit = limit
        self.body: list[str] = []
        self.stack = list(opened)
        self.size = sum(utf16_length(tag) for _, tag in opened)
        self.breaks: list[tuple[int, list[tuple[str, str]], int]] = []
        """(index of a newline in body, markup open there, size before it)."""

    def room(self) -> int:
        """UTF-16 units of plain text that still fit (markup open stays open)."""
        return self.limit - self.size - _closing_size(self.stack)

    def fits(self, token: str) -> bool:
        stack = _after(self.stack, token)
        return self.size + utf16_length(token) + _closing_size(stack) <= self.limit

    def has_text(self) -> bool:
        return any(not token.startswith("<") for token in self.body)

    def add(self, token: str) -> None:
        if token == "\n":
            self.breaks.append((len(self.body), list(self.stack), self.size))
        self.body.append(token)
        self.size += utf16_length(token)
        self.stack = _after(self.stack, token)

    def cut(self) -> tuple[str, _Chunk]:
        """This message as HTML, and the next one with what did not fit."""
        point = self._cut_point()
        if point is None:
            return self.html(len(self.body), self.stack), _Chunk(list(self.stack), self.limit)
        end, resume, stack = point
        rest = _Chunk(list(stack), self.limit)
        for token in self.body[resume:]:
            rest.add(token)
        return self.html(end, stack), rest

    def _cut_point(self) -> tuple[int, int, list[tuple[str, str]]] | None:
        """(end of this message, start of the next, markup open there); the line breaks at
        the cut are dropped."""
        useful = [b for b in self.breaks if b[0] > 0]
        if not useful:
            return None
        blank = [b for b in useful if self.body[b[0] - 1] == "\n"]
        if blank and blank[-1][2] >= self.limit // 2:
            index, stack, _ = blank[-1]
            return index - 1, index + 1, stack
        index, stack, _ = useful[-1]
        return index, index + 1, stack

    def html(self, end: int, stack: list[tuple[str, str]]) -> str:
        opening = "".join(tag for _, tag in self.opened)
        closing = "".join(f"</{name}>" for name, _ in reversed(stack))
        return opening + "".join(self.body[:end]) + closing


def _after(stack: list[tuple[str, str]], token: str) -> list[tuple[str, str]]:
    """The markup open after ``token``."""
    match = _TAG.match(token) if token.startswith("<") else None
    if match is None:
        return stack
    closing, name = match.group(1), match.group(2).lower()
    if not closing:
        return [*stack, (name, token)]
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] == name:
            return stack[:depth]
    return stack


def _fitting(text: str, room: int) -> int:
    """How many leading characters of plain `text` take at most `room` UTF-16 units."""
    if room <= 0:
        return 0
    if utf16_length(text) == len(text):  # no character outside the BMP
        return min(len(text), room)
    used = count = 0
    for character in text:
        used += utf16_length(character)
        if used > room:
            break
        count += 1
    return count


def _closing_size(stack: list[tuple[str, str]]) -> int:
    return sum(len(name) + 3 for name, _ in stack)


def _visible(chunk: str) -> bool:
    return bool(html.unescape(re.sub(r"<[^>]*>", "", chunk)).strip())


def encode_callback(step: str | None, action: str, token: str = "") -> str:
    """`2|token|step|action`, or `2|step|action` for buttons not tied to a prompt (menus,
    notifications). The token names the prompt (draft and revision) the button is on, so a
    press on an older keyboard is recognised (see `Reply.token`)."""
    if "|" in action or "|" in token or "|" in (step or ""):
        raise ValueError(f"'|' in callback parts: {step!r} {action!r} {token!r}")
    tokens = [token] if token else []
    data = "|".join([CALLBACK_VERSION, *tokens, step or "", action])
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data too long: {data!r}")
    return data


def decode_press(data: str | None) -> Press | None:
    """The press a callback stands for, or None for data that is not ours.

    Buttons sent before tokens existed (version 1) come back with an empty token: stale
    wherever they would act on the current prompt, still good where they name their target.
    """
    if not data:
        return None
    version, *fields = data.split("|")
    if version == LEGACY_CALLBACK_VERSION and len(fields) == 2 and fields[1]:
        return Press(fields[0], fields[1], "")
    if version != CALLBACK_VERSION or not fields or not fields[-1]:
        return None
    if len(fields) == 2:
        return Press(fields[0], fields[1])
    if len(fields) == 3 and fields[0]:
        return Press(fields[1], fields[2], fields[0])
    return None


def button_label(button: Button, language: Language) -> str:
    label = button.label
    if isinstance(label, str):
        return label
    if isinstance(label, Msg):
        if not label.params:
            return _bare_label(label.key, language)
        return _plain(to_html(label, language))
    return label.localize(language)


@cache
def _bare_label(key: str, language: Language) -> str:
    """A button's label of the catalogue without parameters ("Fertig", "Zurück"): written once
    per key and language, as the catalogue is read once."""
    return _plain(to_html(Msg(key), language))


def _plain(html_text: str) -> str:
    return html.unescape(_ANY_TAG.sub("", html_text))


_ANY_TAG = re.compile(r"<[^>]+>")


def keyboard_json(reply: Reply, language: Language) -> Keyboard | None:
    """The reply's inline keyboard as the Bot API takes it (`calls.py` sends it as is)."""
    if not reply.buttons:
        return None
    return {
        "inline_keyboard": [
            [
                {
                    "text": button_label(button, language)[:64],
                    "callback_data": encode_callback(reply.step, button.action, reply.token),
                }
                for button in row
            ]
            for row in reply.buttons
        ]
    }


def keyboard(reply: Reply, language: Language) -> InlineKeyboardMarkup | None:
    """The same keyboard as PTB's object."""
    markup = keyboard_json(reply, language)
    return InlineKeyboardMarkup.de_json(markup, None) if markup is not None else None
