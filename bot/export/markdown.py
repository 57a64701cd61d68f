"""The Projektskizze as Markdown (CommonMark; reads well as plain text too).

All structure comes from here; every text of the sketch is escaped, so sponsor text such as
`# Titel`, `*wichtig*`, `1. Schritt` or `<b>` appears as written and can never open a heading,
a list, emphasis or HTML.
"""

from __future__ import annotations

import re

from bot.export.sketch import Block, Bullets, Item, Paragraph, Sketch

_INLINE = re.compile(r"([\\`*_\[\]<|~#])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_BLOCK_START = re.compile(r"^(?:>|([-+=])(?=\s|$|\1))")
"""A quote, a list item, a thematic break or a setext underline where a line starts."""
HARD_BREAK = "\\\n"


def escape_inline(text: str) -> str:
    """Text inert inside a line: no emphasis, code, link, HTML, entity or table cell."""
    return _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", text.strip()))


def escape_line(line: str) -> str:
    """One line of text, inert also where a line starts (no list, quote or heading)."""
    line = escape_inline(line)
    if _BLOCK_START.match(line):
        return "\\" + line
    return _ORDERED.sub(r"\1\\\2", line)


def escape(text: str, indent: str = "") -> str:
    """Text of several lines as one Markdown paragraph (hard line breaks, blank lines dropped)."""
    lines = [escape_line(line) for line in text.split("\n") if line.strip()]
    return (HARD_BREAK + indent).join(lines)


def _paragraphs(text: str) -> str:
    """Text as one or more Markdown paragraphs (the sponsor's blank lines kept)."""
    return "\n\n".join(escape(part) for part in text.split("\n\n") if part.strip())


def _open(sketch: Sketch) -> str:
    return f"*{escape(sketch.open_marker)}*"


def _block(block: Block, sketch: Sketch) -> str:
    if isinstance(block, Item):
        value = _open(sketch) if block.open else escape(block.value)
        return f"**{escape(block.label)}:** {value}"
    if isinstance(block, Paragraph):
        if block.style == "open":
            return _open(sketch)
        if block.style == "note":
            return f"*{escape(block.text)}*"
        return _paragraphs(block.text)
    return _bullets(block)


def _bullets(block: Bullets) -> str:
    lines: list[str] = []
    if block.title:
        lines += [f"**{escape(block.title)}**", ""]
    for bullet in block.items:
        lines.append(f"- {escape(bullet.text, '  ')}")
        lines += [f"  - {escape(detail, '    ')}" for detail in bullet.details]
    return "\n".join(lines)


def render_markdown(sketch: Sketch) -> str:
    title = " ".join(sketch.title.split())
    parts = [f"# {escape_inline(title)}", f"*{escape(sketch.kicker)}*"]
    parts += [_block(item, sketch) for item in sketch.meta]
    parts += [f"> {escape(note)}" for note in sketch.notes]
    for section in sketch.sections:
        parts.append(f"## {escape_inline(section.heading)}")
        parts += [_block(block, sketch) for block in section.blocks]
    return "\n\n".join(part for part in parts if part) + "\n"
