"""Cutting overlong messages: every piece is HTML Telegram accepts (checked by the test Bot API
server's parser, which follows tdlib), within the limit as Telegram counts, and together the
pieces say exactly what the message said, formatted as it was."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from bot.adapters.telegram.render import MAX_MESSAGE, split_html
from tests.botapi import finish_text, parse_html, utf16_len


def formatted(source: str) -> list[tuple[str, frozenset[str]]]:
    """Each non-blank character with the formatting Telegram would show it in."""
    parsed = parse_html(source)
    marks: list[set[str]] = [set() for _ in parsed.text]
    # entities use UTF-16 offsets; map them onto code points
    starts: dict[int, int] = {}
    offset = 0
    for index, char in enumerate(parsed.text):
        starts[offset] = index
        offset += utf16_len(char)
    starts[offset] = len(parsed.text)
    for entity in parsed.entities:
        name = entity["type"] + (f":{entity['url']}" if "url" in entity else "")
        for index in range(starts[entity["offset"]], starts[entity["offset"] + entity["length"]]):
            marks[index].add(name)
    return [(c, frozenset(m)) for c, m in zip(parsed.text, marks, strict=True) if not c.isspace()]


def assert_faithful(source: str, chunks: list[str], limit: int) -> None:
    pieces: list[tuple[str, frozenset[str]]] = []
    for chunk in chunks:
        assert utf16_len(chunk) <= limit
        parsed = finish_text(parse_html(chunk))  # raises on HTML Telegram would refuse
        assert parsed.text, f"an empty message: {chunk!r}"
        assert utf16_len(parsed.text) <= limit
        pieces += formatted(chunk)
    assert pieces == formatted(source)


def test_a_message_within_the_limit_is_left_alone() -> None:
    text = "<b>Zusammenfassung</b>\n\n" + "ä" * 4000
    assert split_html(text) == [text]


def test_limit_counted_in_utf16_units_like_telegram() -> None:
    # 2,100 emoji are 4,200 UTF-16 units though Python counts 2,100 characters
    text = "🌱" * 2100
    chunks = split_html(text)
    assert len(chunks) == 2
    assert all(utf16_len(chunk) <= MAX_MESSAGE for chunk in chunks)
    assert "".join(chunks) == text


def test_a_quote_of_multi_line_user_text_stays_italic_across_the_cut() -> None:
    answer = "\n".join(f"Zeile {n}: " + html.escape("Träger & <Partner> ") * 3 for n in range(40))
    source = f"Ihre Angabe:\n<i>Bisherige Antwort: {answer}</i>\n\n<b>Weiter?</b>"
    chunks = split_html(source, 1000)
    assert len(chunks) > 2
    assert_faithful(source, chunks, 1000)
    for chunk in chunks[1:-1]:
        assert chunk.startswith("<i>") and chunk.endswith("</i>")


def test_cuts_prefer_a_blank_line_then_a_line_break() -> None:
    paragraphs = [f"Absatz {n}\n" + "\n".join(["Wort " * 12] * 4) for n in range(12)]
    source = "\n\n".join(paragraphs)
    chunks = split_html(source, 900)
    assert_faithful(source, chunks, 900)
    assert all(chunk.startswith("Absatz") for chunk in chunks)


def test_an_overlong_line_is_cut_between_characters_keeping_markup_and_entities() -> None:
    source = '<a href="https://example.org/a?b=1&amp;c=2"><b>' + "&amp;x" * 500 + "</b></a>"
    chunks = split_html(source, 300)
    assert len(chunks) > 5
    assert_faithful(source, chunks, 300)


def test_nested_markup_is_closed_and_reopened_in_order() -> None:
    source = "<b>fett <i>" + "kursiv und fett\n" * 30 + "</i> nur fett</b> normal"
    chunks = split_html(source, 200)
    assert_faithful(source, chunks, 200)
    assert chunks[1].startswith("<b><i>")


_WORD = (
    st.lists(st.sampled_from([*"abcäöüß€ <>&\"'", "🌱", "👩‍💻"]), min_size=1, max_size=30)
    .map("".join)
    .map(lambda text: html.escape(text, quote=False))
)
_TAGS = st.sampled_from(
    ["b", "i", "u", "s", "code", "tg-spoiler", "blockquote", 'a href="https://example.org/x"']
)


@st.composite
def documents(draw: st.DrawFn, depth: int = 0) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["word", "line", "blank", "tag"] if depth < 3 else ["word"]))
        if kind == "word":
            parts.append(draw(_WORD))
        elif kind == "line":
            parts.append("\n")
        elif kind == "blank":
            parts.append("\n\n")
        else:
            tag = draw(_TAGS)
            name = tag.split()[0]
            if name in ("code", "blockquote") and depth > 0:
                continue  # Telegram does not nest these (code in a link loses the link)
            if name == "code":
                parts.append(f"<code>{draw(_WORD)}</code>")
            else:
                parts.append(f"<{tag}>{draw(documents(depth + 1))}</{name}>")
    return "".join(parts)


@given(st.lists(documents(), min_size=1, max_size=30).map("".join), st.integers(200, 800))
def test_any_message_is_cut_faithfully(source: str, limit: int) -> None:
    try:
        original = finish_text(parse_html(source))
    except ValueError:
        return  # markup Telegram would refuse anyway (e.g. a link in a link)
    if not original.text:
        return
    chunks = split_html(source, limit)
    assert_faithful(source, chunks, limit)
