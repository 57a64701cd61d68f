"""The test server's Telegram-HTML checker: same verdicts, texts and entities as Telegram."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.botapi import (
    HtmlParseError,
    ParsedText,
    entity_slice,
    finish_text,
    parse_html,
    utf16_len,
)


def entity(type_: str, offset: int, length: int, **extra: object) -> dict[str, object]:
    return {"offset": offset, "length": length, "type": type_, **extra}


VALID: list[tuple[str, str, list[dict[str, object]]]] = [
    ("plain text", "plain text", []),
    ("<b>bold</b> plain", "bold plain", [entity("bold", 0, 4)]),
    ("<B>upper</B>", "upper", [entity("bold", 0, 5)]),
    ("<b>a<i>b</i></b>", "ab", [entity("bold", 0, 2), entity("italic", 1, 1)]),
    (
        "<strong>s</strong><em>e</em><ins>i</ins><del>d</del><strike>t</strike><s>x</s><u>u</u>",
        "seidtxu",
        [
            entity("bold", 0, 1),
            entity("italic", 1, 1),
            entity("underline", 2, 1),
            entity("strikethrough", 3, 1),
            entity("strikethrough", 4, 1),
            entity("strikethrough", 5, 1),
            entity("underline", 6, 1),
        ],
    ),
    ('<span class="tg-spoiler">s</span>', "s", [entity("spoiler", 0, 1)]),
    ("<tg-spoiler>s</tg-spoiler>", "s", [entity("spoiler", 0, 1)]),
    (
        '<a href="https://example.com">site</a>',
        "site",
        [entity("text_link", 0, 4, url="https://example.com/")],
    ),
    (
        "<a href='https://foerderlotse.de/a?b=1&amp;c=2'>x</a>",
        "x",
        [entity("text_link", 0, 1, url="https://foerderlotse.de/a?b=1&c=2")],
    ),
    # Telegram silently drops links it does not accept.
    ('<a href="javascript:alert(1)">x</a>', "x", []),
    (
        '<a href="tg://user?id=42">Anna</a>',
        "Anna",
        [entity("text_mention", 0, 4, user={"id": 42, "is_bot": False, "first_name": ""})],
    ),
    ("<code>x = 1</code>", "x = 1", [entity("code", 0, 5)]),
    ("<pre>block</pre>", "block", [entity("pre", 0, 5)]),
    (
        '<pre><code class="language-python">print(1)</code></pre>',
        "print(1)",
        [entity("pre", 0, 8, language="python")],
    ),
    ("<pre><code>x</code></pre>", "x", [entity("pre", 0, 1)]),
    ("<code><b>x</b></code>", "x", [entity("code", 0, 1)]),
    ("<blockquote>q</blockquote>", "q", [entity("blockquote", 0, 1)]),
    ("<blockquote expandable>q</blockquote>", "q", [entity("expandable_blockquote", 0, 1)]),
    (
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
        "👍",
        [entity("custom_emoji", 0, 2, custom_emoji_id="5368324170671202286")],
    ),
    (
        "a &lt; b &amp; c &gt; d &quot;e&quot; &#65;&#x42;",
        'a < b & c > d "e" AB',
        [],
    ),
    # Offsets count UTF-16 code units: the emoji before the tag is two of them.
    ("😀<b>x</b>", "😀x", [entity("bold", 2, 1)]),
    ("ä<b>ö</b>", "äö", [entity("bold", 1, 1)]),
    ("<b></b>x", "x", []),  # empty entities vanish
    ("<b>x</>", "x", [entity("bold", 0, 1)]),  # tdlib accepts an empty end tag
    (
        '<a href="https://x.de" target="_blank">x</a>',
        "x",
        [entity("text_link", 0, 1, url="https://x.de/")],
    ),
]


@pytest.mark.parametrize(("source", "text", "entities"), VALID)
def test_valid_markup_becomes_text_and_entities(
    source: str, text: str, entities: list[dict[str, object]]
) -> None:
    assert parse_html(source) == ParsedText(text, entities)


INVALID: list[tuple[str, str]] = [
    ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
    ("<script>alert(1)</script>", 'Unsupported start tag "script" at byte offset 0'),
    ("a < b", 'Unsupported start tag "" at byte offset 2'),
    ("a <b", "Unclosed start tag at byte offset 2"),
    ("ü<x>", 'Unsupported start tag "x" at byte offset 2'),  # byte offsets are UTF-8
    ("<b>x", "Can't find end tag corresponding to start tag b"),
    ("x</b>", "Unexpected end tag at byte offset 1"),
    ("<b>x</b", "Unclosed end tag at byte offset 4"),
    ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ('<a href="x"', "Unclosed start tag at byte offset 0"),
    ("<a =x>y</a>", 'Empty attribute name in the tag "a" at byte offset 0'),
    ("<a href>y</a>", 'Expected equal sign in declaration of an attribute of the tag "a"'),
    ("<a href=x/>y</a>", "Unexpected end of name token at byte offset 8"),
    ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
    ("&foo;", 'Character "&" at byte offset 0 must be escaped'),
    ("AT&T", 'Character "&" at byte offset 2 must be escaped'),
    ("&amp without semicolon", 'Character "&" at byte offset 0 must be escaped'),
    ("&#xD800;", "Text contains invalid Unicode characters"),
]


@pytest.mark.parametrize(("source", "reason"), INVALID)
def test_invalid_markup_is_rejected_like_telegram(source: str, reason: str) -> None:
    with pytest.raises(HtmlParseError) as caught:
        parse_html(source)
    assert reason in caught.value.reason
    assert caught.value.description.startswith("Bad Request: can't parse entities: ")


@pytest.mark.parametrize(
    ("source", "text"),
    [("&foo;", "&foo;"), ("AT&T", "AT&T"), ("&amp without semicolon", "& without semicolon")],
)
def test_lenient_mode_keeps_unknown_ampersands_like_tdlib(source: str, text: str) -> None:
    assert parse_html(source, strict_entities=False).text == text


def test_finish_text_trims_like_the_bot_api_and_clips_entities() -> None:
    parsed = finish_text(parse_html("\n  <b> hi</b> there \n"))
    assert parsed == ParsedText("hi there", [entity("bold", 0, 2)])


@pytest.mark.parametrize(
    ("text", "units"), [("abc", 3), ("äöü", 3), ("😀", 2), ("👍🏽", 4), ("€", 1), ("", 0)]
)
def test_utf16_length(text: str, units: int) -> None:
    assert utf16_len(text) == units


@given(st.text())
def test_escaped_text_round_trips(text: str) -> None:
    assert parse_html(html.escape(text)) == ParsedText(text, [])


@given(st.text(), st.text(min_size=1))
def test_entity_offsets_address_the_formatted_part(before: str, inside: str) -> None:
    parsed = parse_html(f"{html.escape(before)}<b>{html.escape(inside)}</b>")
    (bold,) = parsed.entities
    assert entity_slice(parsed.text, bold) == inside
    assert bold["offset"] == utf16_len(before)
