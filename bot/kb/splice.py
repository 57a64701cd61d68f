"""Rewrite units of a knowledge file in its text, leaving every other line as it was.

A merged change is written into the live file: the entries the author changed are replaced by
the author's text of them (or, where that cannot be moved, by a plain YAML rendering), removed
entries are cut out, new ones inserted where the author put them. Comments, order and
formatting of everything else stay byte for byte, which a parse-and-dump round trip would not
keep. Line ranges come from PyYAML's node marks; the caller re-parses the result and checks
it holds exactly the intended content before it is used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from bot.kb.units import Unit
from bot.kb.yamlsafe import YamlProblem, decode, load

_LINE = re.compile(r"[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029]|$)")
"""One line with its break, breaks counted as YAML counts them (for the node marks)."""


def split_lines(text: str) -> list[str]:
    lines = _LINE.findall(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


@dataclass
class Section:
    key_line: int
    last: int
    column: int | None = None
    """The column of the entries' dash, for a block list of entries; else None."""
    entries: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Entry key -> (first line, last line), in file order."""


@dataclass
class Layout:
    lines: list[str]
    sections: dict[str, Section]

    def span(self, unit: Unit) -> tuple[int, int] | None:
        section = self.sections.get(unit[0])
        if section is None:
            return None
        if unit[1] is None:
            return (section.key_line, section.last)
        return section.entries.get(unit[1])

    def block(self, unit: Unit) -> list[str] | None:
        """A unit's lines; an entry's shifted so its dash is in column 0 (None if it cannot)."""
        span = self.span(unit)
        if span is None:
            return None
        lines = self.lines[span[0] : span[1] + 1]
        column = self.sections[unit[0]].column if unit[1] is not None else 0
        return _shift(lines, -(column or 0))


def layout(raw: bytes, keys: Mapping[str, str | None]) -> Layout | None:
    """Where each unit of a file is; None for a file that is not a block mapping."""
    try:
        text = decode(raw)
        root = load(raw).root
    except YamlProblem:
        return None
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        return None
    lines = split_lines(text)
    starts = [key.start_mark.line for key, _ in root.value]
    sections: dict[str, Section] = {}
    for index, (key, value) in enumerate(root.value):
        if not isinstance(key, yaml.ScalarNode) or key.start_mark.column != 0:
            return None
        limit = starts[index + 1] - 1 if index + 1 < len(starts) else len(lines) - 1
        last = _trim(lines, key.start_mark.line, min(_last_line(value), limit), 0)
        section = Section(key.start_mark.line, max(last, key.start_mark.line))
        field_name = keys.get(key.value)
        entries = field_name is not None and isinstance(value, yaml.SequenceNode)
        if entries and not _entries(text, lines, value, field_name or "", section):
            return None
        sections[key.value] = section
    return Layout(lines, sections)


def _entries(
    text: str, lines: list[str], node: yaml.SequenceNode, field_name: str, section: Section
) -> bool:
    if node.flow_style or not node.value:
        return False
    firsts: list[int] = []
    for item in node.value:
        dash = _dash(text, item.start_mark.index)
        if dash is None:
            return False
        firsts.append(dash.line)
        if section.column is None:
            section.column = dash.column
        elif dash.column != section.column:
            return False
    for index, item in enumerate(node.value):
        key = _key_of(item, field_name)
        if key is None or key in section.entries:
            return False
        limit = firsts[index + 1] - 1 if index + 1 < len(firsts) else section.last
        last = _trim(lines, firsts[index], min(_last_line(item), limit), section.column or 0)
        section.entries[key] = (firsts[index], last)
    return True


@dataclass(frozen=True)
class _Mark:
    line: int
    column: int


def _dash(text: str, index: int) -> _Mark | None:
    """The `-` that starts the sequence item whose content begins at `index`."""
    position = index - 1
    while position >= 0 and text[position] in " \t\r\n\x85\u2028\u2029":
        position -= 1
    if position < 0 or text[position] != "-":
        return None
    before = split_lines(text[: position + 1])
    return _Mark(len(before) - 1, len(before[-1]) - 1)


def _key_of(item: yaml.Node, field_name: str) -> str | None:
    if not isinstance(item, yaml.MappingNode):
        return None
    for key, value in item.value:
        if getattr(key, "value", None) == field_name and isinstance(value, yaml.ScalarNode):
            return str(value.value)
    return None


def _last_line(node: yaml.Node) -> int:
    """The last line with content of a node (block collections: of their last child)."""
    if (
        isinstance(node, yaml.MappingNode | yaml.SequenceNode)
        and node.value
        and not node.flow_style
    ):
        last = node.value[-1]
        if isinstance(last, tuple):
            return max(_last_line(last[0]), _last_line(last[1]))
        return _last_line(last)
    end = node.end_mark
    return end.line if end.column > 0 else end.line - 1


def _trim(lines: Sequence[str], first: int, last: int, column: int) -> int:
    """Leave trailing blank lines, and comments not indented past `column`, to what follows."""
    while last > first:
        line = lines[last]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if stripped and not (stripped.startswith("#") and indent <= column):
            break
        last -= 1
    return last


def _blank(lines: Sequence[str], index: int) -> bool:
    return 0 <= index < len(lines) and not lines[index].strip()


def _shift(lines: Sequence[str], by: int) -> list[str] | None:
    shifted: list[str] = []
    for line in lines:
        if not line.strip():
            shifted.append(line.lstrip(" ") if by < 0 else line)
        elif by >= 0:
            shifted.append(" " * by + line)
        elif line.startswith(" " * -by):
            shifted.append(line[-by:])
        else:
            return None
    return shifted


def dump_block(unit: Unit, value: Any) -> list[str]:
    """A unit written as plain YAML (an entry with its dash in column 0)."""
    data = _prune(value)
    document = [data] if unit[1] is not None else {unit[0]: data}
    text = yaml.safe_dump(
        document, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    return split_lines(text)


def patch_block(block: Sequence[str], old: Mapping[str, Any], new: Any) -> list[str] | None:
    """An entry's lines (dash in column 0) with only its changed fields rewritten: a field
    whose value stays keeps its text (comments, quoting, flow lists, display names), a changed
    one is written as plain YAML, an emptied one is cut out, a new one goes at the end. For a
    dialog's change, which has no text of its own. None where the block is no plain entry."""
    if not isinstance(new, Mapping):
        return None
    try:
        root = yaml.compose("".join(block))
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.SequenceNode) or len(root.value) != 1:
        return None
    entry = root.value[0]
    if not isinstance(entry, yaml.MappingNode) or entry.flow_style or not entry.value:
        return None
    column = entry.value[0][0].start_mark.column
    starts = [key.start_mark.line for key, _ in entry.value]
    if starts[0] != 0 or column == 0:
        return None
    before, after = _prune(dict(old)), _prune(dict(new))
    lines: list[str] = []
    for index, (key, _) in enumerate(entry.value):
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name is None or key.start_mark.column != column:
            return None
        end = starts[index + 1] if index + 1 < len(starts) else len(block)
        if name not in after:
            if index == 0:
                return None  # the line with the dash
            continue
        if name in before and before[name] == after[name]:
            lines.extend(block[starts[index] : end])
        else:
            lines.extend(_field_lines(name, after[name], column, first=index == 0))
    written = {key.value for key, _ in entry.value if isinstance(key, yaml.ScalarNode)}
    for name, value in after.items():
        if name not in written:
            lines.extend(_field_lines(name, value, column, first=False))
    return lines


def _field_lines(name: str, value: Any, column: int, *, first: bool) -> list[str]:
    text = yaml.safe_dump(
        {name: value}, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    lines = [" " * column + line for line in split_lines(text)]
    if first:
        lines[0] = "-" + lines[0][1:]
    return lines


def _prune(value: Any) -> Any:
    """Leave out unset optional fields and empty lists, as staff write entries."""
    if isinstance(value, Mapping):
        return {k: _prune(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_prune(item) for item in value]
    return value


@dataclass(frozen=True)
class Put:
    unit: Unit
    block: list[str] | None
    """The new lines (entries with the dash in column 0); None removes the unit."""
    after: str | None = None
    """For a new entry: the entry of the same list it follows; None: first in the list."""


def rewrite(live: Layout, puts: Sequence[Put]) -> str | None:
    """The live file with `puts` applied; None where a unit cannot be placed."""
    lines = list(live.lines)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    ranges: dict[int, tuple[int, list[str]]] = {}
    inserts: dict[int, list[str]] = {}
    for put in puts:
        section = live.sections.get(put.unit[0])
        entry = put.unit[1] is not None
        if entry and (section is None or section.column is None):
            return None
        block = (
            None
            if put.block is None
            else _shift(put.block, section.column or 0 if section and entry else 0)
        )
        span = live.span(put.unit)
        if span is not None:
            if span[0] in ranges:
                return None
            first, last = span
            if block is None and _blank(lines, first - 1) and _blank(lines, last + 1):
                last += 1  # an entry cut out between blank lines leaves one, not two
            ranges[first] = (last, block or [])
        elif block is None:
            continue  # removed on both sides
        elif not entry:
            inserts.setdefault(len(lines), []).extend(block)
        else:
            assert section is not None
            anchor = section.entries.get(put.after) if put.after is not None else None
            if anchor is not None:
                position = anchor[1] + 1
            else:
                position = next(iter(section.entries.values()))[0]
            inserts.setdefault(position, []).extend(block)
    out: list[str] = []
    index = 0
    while index < len(lines):
        out += inserts.pop(index, [])
        if index in ranges:
            end, block = ranges[index]
            out += block
            for position in range(index + 1, end + 2):  # new entries after a replaced one
                out += inserts.pop(position, [])
            index = end + 1
            continue
        out.append(lines[index])
        index += 1
    out += inserts.pop(len(lines), [])
    return "".join(out)
