"""Writing messages for a transport: Telegram HTML, or plain text for the terminal.

Catalogue templates may use <b>, <i> and <code>; everything else is escaped on the way in.
"""

from __future__ import annotations

import html
import re

from bot.texts.catalog import Language, Msg, render

_TAG = re.compile(r"</?(?:b|i|u|code|pre)>")


def to_html(msg: Msg, language: Language) -> str:
    return render(msg, language, lambda text: html.escape(text, quote=False))


def to_plain(msg: Msg, language: Language) -> str:
    return html.unescape(_TAG.sub("", to_html(msg, language)))
