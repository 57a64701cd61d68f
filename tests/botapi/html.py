"""Telegram's HTML parse mode, re-implemented after tdlib's parser.

The bot formats its messages with ``parse_mode="HTML"``. Real Telegram rejects malformed markup
with ``400 Bad Request: can't parse entities: ...`` and answers a good message with *plain text
plus entities*, not with the HTML that was sent. Tests that check texts must see exactly that, so
this module follows tdlib's ``parse_html`` (tag set, attribute rules, error wording, byte offsets
in error messages, UTF-16 entity offsets) and the Bot API's post-processing (trimming,
length limits).

Deliberate deviation (switchable): by default a raw ``&`` that does not start one of the
allowed character references is an error. Telegram itself keeps such an ``&`` literally, but its
documentation demands escaping, and an unescaped ``&`` in the bot's output almost always means
that user-supplied text reached the HTML unescaped - which breaks as soon as the text holds a
``<``. Pass ``strict_entities=False`` for tdlib's lenient behaviour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

JsonDict = dict[str, Any]

#: Bot API limits, counted in UTF-16 code units after entity parsing.
MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024

# tdlib's is_space (its NUL terminator is represented by "end of string" here).
_SPACES = frozenset(" \t\r\n\v\f")
_SPECIAL = re.compile(r"[<&]")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_DEC_DIGITS = frozenset("0123456789")

_SUPPORTED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "tg-time",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_SIMPLE_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",  # only class="tg-spoiler" gets this far
}
# tdlib's sort order for entities starting at the same offset with the same length.
_TYPE_PRIORITY = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "date_time": 95,
    "custom_emoji": 99,
}
_USER_LINK = re.compile(r"^tg:(?://)?user\?id=(\d+)$", re.IGNORECASE)
_HOST_CHARS = re.compile(r"^[\w.-]+$", re.UNICODE)


class HtmlParseError(ValueError):
    """Markup that Telegram would reject; ``reason`` is tdlib's wording."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def description(self) -> str:
        """The Bot API error description as Telegram sends it."""
        return f"Bad Request: can't parse entities: {self.reason}"


@dataclass(frozen=True)
class ParsedText:
    """Plain text plus Bot API ``MessageEntity`` dicts (UTF-16 offsets), as Telegram returns."""

    text: str
    entities: list[JsonDict]


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: Telegram's unit for offsets and length limits."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _byte_offset(source: str, index: int) -> int:
    # tdlib reports positions as UTF-8 byte offsets into the sent text.
    return len(source[:index].encode("utf-8", "surrogatepass"))


def _decode_entity(source: str, pos: int, *, strict: bool) -> tuple[str, int] | None:
    """Decode a character reference at ``source[pos] == "&"`` like tdlib's decode_html_entity.

    Returns the character and the index after the reference, or None if there is none.
    """
    n = len(source)
    end = pos + 1
    if end < n and source[end] == "#":
        end += 1
        value = 0
        if end < n and source[end] == "x":
            end += 1
            while end < n and source[end] in _HEX_DIGITS:
                value = value * 16 + int(source[end], 16)
                end += 1
        else:
            while end < n and source[end] in _DEC_DIGITS:
                value = value * 10 + int(source[end])
                end += 1
        if value == 0 or value >= 0x10FFFF or end - pos >= 10:
            return None
        char = chr(value)
    else:
        while end < n and source[end].isascii() and source[end].isalpha():
            end += 1
        named = _NAMED_ENTITIES.get(source[pos + 1 : end])
        if named is None:
            return None
        char = named
    if end < n and source[end] == ";":
        end += 1
    elif strict:
        # tdlib tolerates a missing ';'; HTML proper (and the strict mode) does not.
        return None
    return char, end


def checked_link(url: str) -> str | None:
    """Normalise a link like tdlib's LinkManager::get_checked_link; None if Telegram drops it."""
    url = url.strip()
    lowered = url.lower()
    if lowered.startswith(("tg:", "ton:", "tonsite:")):
        return url
    if "://" in url:
        scheme = lowered.split("://", 1)[0]
        if scheme not in ("http", "https"):
            return None
    elif ":" in url.split("/", 1)[0] and not re.match(r"^[^:/]+:\d+(/|$)", url):
        # "javascript:..." or "mailto:..." - a scheme Telegram does not accept.
        return None
    else:
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname
    if not host or not _HOST_CHARS.match(host) or ".." in host:
        return None
    netloc = host.lower()
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{netloc}"
    if port is not None:
        netloc = f"{netloc}:{port}"
    tail = parts.path or "/"
    if parts.query:
        tail += "?" + parts.query
    if parts.fragment:
        tail += "#" + parts.fragment
    return f"{parts.scheme.lower()}://{netloc}{tail}"


@dataclass
class _OpenTag:
    name: str
    argument: str
    attributes: dict[str, str]
    expandable: bool
    utf16_start: int
    out_start: int  # index into the output pieces list, for <a> without href


def _entity_for(tag: _OpenTag, offset: int, length: int, inner_text: str) -> JsonDict | None:
    """Map a closed tag to a Bot API entity, or None if Telegram silently drops it."""
    base: JsonDict = {"offset": offset, "length": length}
    name = tag.name
    simple = _SIMPLE_TAG_TYPES.get(name)
    if simple is not None:
        return {**base, "type": simple}
    if name == "blockquote":
        return {**base, "type": "expandable_blockquote" if tag.expandable else "blockquote"}
    if name == "code":
        entity = {**base, "type": "code"}
        if tag.argument:
            entity["_language"] = tag.argument  # consumed by an enclosing <pre>
        return entity
    if name == "pre":
        return {**base, "type": "pre"}
    if name == "tg-emoji":
        emoji_id = tag.argument
        if not emoji_id.isdigit() or int(emoji_id) == 0:
            raise HtmlParseError("Invalid custom emoji identifier specified")
        return {**base, "type": "custom_emoji", "custom_emoji_id": emoji_id}
    if name == "tg-time":
        unix = tag.attributes.get("unix", "")
        if not unix.isdigit():
            raise HtmlParseError("Invalid Unix time specified")
        entity = {**base, "type": "date_time", "unix_time": int(unix)}
        if tag.attributes.get("format"):
            entity["date_time_format"] = tag.attributes["format"]
        return entity
    if name == "a":
        url = tag.argument or inner_text
        user_match = _USER_LINK.match(url)
        if user_match:
            user_id = int(user_match.group(1))
            return {
                **base,
                "type": "text_mention",
                "user": {"id": user_id, "is_bot": False, "first_name": ""},
            }
        link = checked_link(url)
        if link is None:
            return None
        return {**base, "type": "text_link", "url": link}
    raise AssertionError(f"unhandled tag {name}")  # pragma: no cover - guarded by _SUPPORTED_TAGS


def _parse_start_tag(source: str, begin: int) -> tuple[_OpenTag, int]:
    """Parse ``<name attr=...>`` starting at ``source[begin] == "<"``; return tag and end index."""
    n = len(source)
    offset = _byte_offset(source, begin)
    i = begin + 1
    while i < n and source[i] not in _SPACES and source[i] != ">":
        i += 1
    if i >= n:
        raise HtmlParseError(f"Unclosed start tag at byte offset {offset}")
    name = source[begin + 1 : i].lower()
    if name not in _SUPPORTED_TAGS:
        raise HtmlParseError(f'Unsupported start tag "{name}" at byte offset {offset}')

    argument = ""
    attributes: dict[str, str] = {}
    expandable = False
    while i < n and source[i] != ">":
        while i < n and source[i] in _SPACES:
            i += 1
        if i < n and source[i] == ">":
            break
        attr_begin = i
        while i < n and source[i] not in _SPACES and source[i] not in "=>":
            i += 1
        attr_name = source[attr_begin:i]
        if not attr_name:
            raise HtmlParseError(
                f'Empty attribute name in the tag "{name}" at byte offset {offset}'
            )
        while i < n and source[i] in _SPACES:
            i += 1
        if i >= n or source[i] != "=":
            if name == "blockquote" and attr_name == "expandable":
                # The one attribute Telegram accepts without a value.
                expandable = True
                continue
            raise HtmlParseError(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{name}" at byte offset {offset}'
            )
        i += 1
        while i < n and source[i] in _SPACES:
            i += 1
        if i >= n:
            raise HtmlParseError(f'Unclosed start tag "{name}" at byte offset {offset}')
        if source[i] not in "'\"":
            # An unquoted name token: letters, digits, periods, hyphens; case-insensitive.
            token_begin = i
            while i < n and ((source[i].isascii() and source[i].isalnum()) or source[i] in ".-"):
                i += 1
            value = source[token_begin:i].lower()
            if i < n and source[i] not in _SPACES and source[i] != ">":
                token_offset = _byte_offset(source, token_begin)
                raise HtmlParseError(f"Unexpected end of name token at byte offset {token_offset}")
        else:
            quote = source[i]
            i += 1
            chars: list[str] = []
            while i < n and source[i] != quote:
                if source[i] == "&":
                    decoded = _decode_entity(source, i, strict=False)
                    if decoded is not None:
                        chars.append(decoded[0])
                        i = decoded[1]
                        continue
                chars.append(source[i])
                i += 1
            if i < n:
                i += 1  # the closing quote
            value = "".join(chars)
        if i >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {offset}")

        attributes[attr_name] = value
        if name == "a" and attr_name == "href":
            argument = value
        elif name == "code" and attr_name == "class" and value.startswith("language-"):
            argument = value[len("language-") :]
        elif name == "span" and attr_name == "class" and value.startswith("tg-"):
            argument = value[len("tg-") :]
        elif name == "tg-emoji" and attr_name == "emoji-id":
            argument = value
        elif name == "blockquote" and attr_name == "expandable":
            expandable = True
        # Unknown attributes are ignored, as Telegram does.

    if name == "span" and argument != "spoiler":
        raise HtmlParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
    return _OpenTag(name, argument, attributes, expandable, 0, 0), i


def parse_html(source: str, *, strict_entities: bool = True) -> ParsedText:
    """Parse Telegram-HTML into plain text and entities, or raise :class:`HtmlParseError`.

    No trimming or length check happens here; see :func:`finish_text`.
    """
    n = len(source)
    pieces: list[str] = []
    utf16 = 0
    stack: list[_OpenTag] = []
    entities: list[JsonDict] = []
    i = 0
    while i < n:
        match = _SPECIAL.search(source, i)
        stop = match.start() if match else n
        if stop > i:
            chunk = source[i:stop]
            pieces.append(chunk)
            utf16 += utf16_len(chunk)
            i = stop
            if i >= n:
                break
        if source[i] == "&":
            decoded = _decode_entity(source, i, strict=strict_entities)
            if decoded is None:
                if strict_entities:
                    raise HtmlParseError(
                        f'Character "&" at byte offset {_byte_offset(source, i)} must be escaped '
                        "as &amp; (only &lt; &gt; &amp; &quot; and numeric character "
                        "references are allowed; strict test server)"
                    )
                pieces.append("&")
                utf16 += 1
                i += 1
                continue
            char, i = decoded
            if 0xD800 <= ord(char) <= 0xDFFF:
                raise HtmlParseError(
                    "Text contains invalid Unicode characters after decoding HTML entities, "
                    "check for unmatched surrogate code units"
                )
            pieces.append(char)
            utf16 += utf16_len(char)
            continue

        # source[i] == "<"
        begin = i
        if i + 1 >= n or source[i + 1] != "/":
            tag, i = _parse_start_tag(source, begin)
            tag.utf16_start = utf16
            tag.out_start = len(pieces)
            stack.append(tag)
            i += 1  # past ">"
            continue

        offset = _byte_offset(source, begin)
        if not stack:
            raise HtmlParseError(f"Unexpected end tag at byte offset {offset}")
        i += 2
        name_begin = i
        while i < n and source[i] not in _SPACES and source[i] != ">":
            i += 1
        end_name = source[name_begin:i].lower()
        while i < n and source[i] in _SPACES:
            i += 1
        if i >= n or source[i] != ">":
            raise HtmlParseError(f"Unclosed end tag at byte offset {offset}")
        i += 1
        tag = stack[-1]
        if end_name and end_name != tag.name:
            raise HtmlParseError(
                f'Unmatched end tag at byte offset {offset}, expected "</{tag.name}>", '
                f'found "</{end_name}>"'
            )
        stack.pop()
        length = utf16 - tag.utf16_start
        if length <= 0:
            continue  # empty entities vanish
        entity = _entity_for(tag, tag.utf16_start, length, "".join(pieces[tag.out_start :]))
        if entity is None:
            continue
        _add_entity(entities, entity)

    if stack:
        raise HtmlParseError(f"Can't find end tag corresponding to start tag {stack[-1].name}")
    for entity in entities:
        entity.pop("_language", None)
    return ParsedText("".join(pieces), _normalise_entities(entities))


def _add_entity(entities: list[JsonDict], entity: JsonDict) -> None:
    """Append, merging <pre><code class="language-x"> into one pre entity like tdlib."""
    last = entities[-1] if entities else None
    same_span = (
        last is not None
        and last["offset"] == entity["offset"]
        and last["length"] == entity["length"]
    )
    if last is not None and same_span:
        if entity["type"] == "pre" and last["type"] == "code" and "_language" in last:
            last["type"] = "pre"
            last["language"] = last.pop("_language")
            return
        if entity["type"] == "code" and last["type"] == "pre" and "_language" in entity:
            last["language"] = entity["_language"]
            return
    entities.append(entity)


def _normalise_entities(entities: list[JsonDict]) -> list[JsonDict]:
    """Drop entities Telegram cannot nest inside code/pre and sort like tdlib."""
    code_spans = [
        (e["offset"], e["offset"] + e["length"], e["type"])
        for e in entities
        if e["type"] in ("code", "pre")
    ]
    kept: list[JsonDict] = []
    for entity in entities:
        start, end = entity["offset"], entity["offset"] + entity["length"]
        inside_code = False
        for code_start, code_end, code_type in code_spans:
            if not (code_start <= start and end <= code_end):
                continue
            if (code_start, code_end) != (start, end):
                inside_code = True  # strictly inside: Telegram drops it
            elif entity["type"] == "code" and code_type == "pre":
                inside_code = True  # <pre><code>x</code></pre> is just pre
            elif entity["type"] not in ("code", "pre"):
                inside_code = True  # <code><b>x</b></code>: formatting inside code vanishes
        if inside_code:
            continue
        kept.append(entity)
    kept.sort(key=lambda e: (e["offset"], -e["length"], _TYPE_PRIORITY.get(e["type"], 50)))
    return kept


def finish_text(parsed: ParsedText) -> ParsedText:
    """Apply the Bot API's post-processing: trim surrounding whitespace, clip entities.

    Telegram answers ``"  hi\\n"`` with ``"hi"``; entities are shifted and clipped with the text.
    """
    text = parsed.text
    stripped_left = text.lstrip("".join(_SPACES))
    lead = len(text) - len(stripped_left)
    result = stripped_left.rstrip("".join(_SPACES))
    if lead == 0 and len(result) == len(text):
        return parsed
    lead16 = utf16_len(text[:lead])
    total16 = utf16_len(result)
    entities: list[JsonDict] = []
    for entity in parsed.entities:
        start = max(entity["offset"] - lead16, 0)
        end = min(entity["offset"] + entity["length"] - lead16, total16)
        if end <= start:
            continue
        entities.append({**entity, "offset": start, "length": end - start})
    return ParsedText(result, entities)


def entity_slice(text: str, entity: JsonDict) -> str:
    """The part of ``text`` an entity covers (offsets are UTF-16, Python indexes code points)."""
    encoded = text.encode("utf-16-le", "surrogatepass")
    start = entity["offset"] * 2
    return encoded[start : start + entity["length"] * 2].decode("utf-16-le", "surrogatepass")
