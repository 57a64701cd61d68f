"""Reading YAML that staff (or anyone who gets hold of a staff account) upload.

Safe loading alone is not enough: anchors and aliases allow "billion laughs" documents that are
tiny on disk and explode in memory once validated, so they are refused outright. Knowledge files
never need them.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Generous for the knowledge files (the largest is well under 200 KB)."""

MAX_DEPTH = 100
"""Knowledge files nest a handful of levels; deeper documents are refused before composing."""

# libyaml's parser (which PyYAML's wheels ship) is about ten times faster than the pure-Python
# one, and the bot parses every knowledge file at start-up. Its composer recurses in C, so the
# nesting depth is checked on the event stream first.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlProblem(Exception):
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True)
class YamlDocument:
    data: object
    root: yaml.Node | None
    """The composed node tree, kept to point validation errors at a line."""


def decode(raw: bytes) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(f"file too large ({len(raw):,} bytes, at most {MAX_FILE_BYTES:,})")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem("file is UTF-16 encoded; save it as UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise YamlProblem(
            f"not valid UTF-8 at byte {error.start}; save the file as UTF-8"
        ) from None


def load(raw: bytes) -> YamlDocument:
    """Parse one YAML document from bytes; every failure is a `YamlProblem`, never a traceback."""
    text = decode(raw)
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_LOADER):
            line = event.start_mark.line + 1 if event.start_mark else None
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem("anchors and aliases (&, *) are not allowed", line)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem("nested too deeply", line)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        loader = _LOADER(text)
        try:
            root = loader.get_single_node()
            if root is not None:
                _refuse_repeated_keys(root)
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "syntax error"
        raise YamlProblem(problem, mark.line + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise YamlProblem(str(error)) from None
    except RecursionError:
        raise YamlProblem("nested too deeply") from None
    return YamlDocument(data=data, root=root)


def _refuse_repeated_keys(root: yaml.Node) -> None:
    """A key given twice in one mapping: YAML keeps the last silently, so a second `localities:`
    under a municipality would drop the first list without a word."""
    pending = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        raise YamlProblem(
                            f"the key '{key.value}' appears twice here", key.start_mark.line + 1
                        )
                    seen.add(key.value)
                pending.append(value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def line_of(root: yaml.Node | None, path: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the node at `path` (as pydantic reports error locations)."""
    node = root
    best: int | None = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next(
                (value for key, value in node.value if getattr(key, "value", None) == step),
                None,
            )
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if 0 <= step < len(node.value) else None
        else:
            node = None
        if node is None:
            break
        best = node.start_mark.line + 1
    return best
