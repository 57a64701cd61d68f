"""The version an exported knowledge file was taken from, written into the file itself.

An export starts each file with a comment such as `# Wissensbasis-Version: v7 …`. When staff
send the file back, that line says which version their change is based on, so changes made by
colleagues since then are merged or named instead of silently overwritten. The line is a YAML
comment: the file stays valid YAML, and the stored versions never contain it.
"""

from __future__ import annotations

import re

_STAMP = re.compile(
    rb"^\s*#\s*(?:Wissensbasis-Version|Knowledge[- ]base version)\s*:\s*v?([0-9]{1,9})\b",
    re.IGNORECASE,
)
_BOM = b"\xef\xbb\xbf"


def stamp_line(version: str) -> bytes:
    return (
        f"# Wissensbasis-Version: {version} – diese Zeile bitte stehen lassen "
        f"(knowledge-base version: keep this line)\n"
    ).encode()


def _leading_comments(content: bytes) -> list[tuple[int, int]]:
    """(start, end) byte offsets of the blank and comment lines before the first YAML line."""
    lines: list[tuple[int, int]] = []
    offset = len(_BOM) if content.startswith(_BOM) else 0
    while offset < len(content):
        end = content.find(b"\n", offset)
        end = len(content) if end < 0 else end + 1
        line = content[offset:end].strip()
        if line and not line.startswith(b"#"):
            break
        lines.append((offset, end))
        offset = end
    return lines


def read_stamp(content: bytes) -> str | None:
    """The version a file names in its leading comments (`v7`), or None."""
    for start, end in _leading_comments(content):
        match = _STAMP.match(content[start:end])
        if match:
            return f"v{int(match.group(1))}"
    return None


def strip_stamp(content: bytes) -> bytes:
    """The file without its version line (the rest byte for byte)."""
    for start, end in _leading_comments(content):
        if _STAMP.match(content[start:end]):
            return content[:start] + content[end:]
    return content


def with_stamp(content: bytes, version: str) -> bytes:
    """The file as exported: the version line first (an old one replaced)."""
    return stamp_line(version) + strip_stamp(content).removeprefix(_BOM)
