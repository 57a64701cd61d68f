"""Replies as Telegram messages: HTML text within Telegram's length limit, inline keyboards with
compact, versioned callback data."""

from __future__ import annotations

import html
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.dialogs.model import Button, Reply
from bot.texts.catalog import Language, Msg
from bot.texts.markup import to_html

MAX_MESSAGE = 4096
"""Telegram's limit, counted in UTF-16 code units of the text after entity parsing."""

CALLBACK_VERSION = "1"
MAX_CALLBACK_BYTES = 64


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def reply_html(reply: Reply, language: Language) -> str:
    return "\n\n".join(to_html(part, language) for part in reply.parts)


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split at paragraph, then line boundaries; markup never spans a line in our templates.

    Raw HTML is at least as long as the text Telegram counts, so measuring it is safe.
    """
    if utf16_length(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        pieces = [line] if utf16_length(line) <= limit else _hard_split(line, limit)
        for piece in pieces:
            candidate = f"{current}\n{piece}" if current else piece
            if utf16_length(candidate) <= limit:
                current = candidate
            else:
                if current.strip():
                    chunks.append(current)
                current = piece
    if current.strip():
        chunks.append(current)
    return chunks


def _hard_split(line: str, limit: int) -> list[str]:
    """A single overlong line: drop its markup and cut it into escaped plain pieces."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", line))
    pieces: list[str] = []
    current = ""
    for char in plain:
        escaped = html.escape(char, quote=False)
        if utf16_length(current) + utf16_length(escaped) > limit:
            pieces.append(current)
            current = ""
        current += escaped
    if current:
        pieces.append(current)
    return pieces


def encode_callback(step: str | None, action: str) -> str:
    data = f"{CALLBACK_VERSION}|{step or ''}|{action}"
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data too long: {data!r}")
    return data


def decode_callback(data: str | None) -> tuple[str, str] | None:
    """(step, action), or None for data from another version or not ours."""
    if not data:
        return None
    version, _, rest = data.partition("|")
    step, separator, action = rest.partition("|")
    if version != CALLBACK_VERSION or not separator or not action:
        return None
    return step, action


def button_label(button: Button, language: Language) -> str:
    label = button.label
    if isinstance(label, str):
        return label
    if isinstance(label, Msg):
        return html.unescape(re.sub(r"<[^>]+>", "", to_html(label, language)))
    return label.localize(language)


def keyboard(reply: Reply, language: Language) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    button_label(button, language)[:64],
                    callback_data=encode_callback(reply.step, button.action),
                )
                for button in row
            ]
            for row in reply.buttons
        ]
    )
