"""Message catalogues: every text a user reads lives in `bot/texts/<lang>/*.yaml`.

Code refers to texts by key (`Msg`); a catalogue renders them in the user's language. The files
of one language are merged; a key defined twice is an error, so modules can own their own file.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")
TEXTS_DIR = Path(__file__).resolve().parent

Param = str | int | float


@dataclass(frozen=True)
class Msg:
    """A text to be rendered later, in whatever language the reader has chosen."""

    key: str
    params: Mapping[str, Param | Msg] = field(default_factory=dict)


def _flatten(prefix: str, node: object, into: dict[str, str], origin: Path) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), value, into, origin)
    elif isinstance(node, str):
        if prefix in into:
            raise ValueError(f"{origin}: key {prefix!r} is defined twice")
        into[prefix] = node
    else:
        raise ValueError(f"{origin}: key {prefix!r} must be a text, not {type(node).__name__}")


@cache
def load_catalogue(language: Language) -> Mapping[str, str]:
    texts: dict[str, str] = {}
    for path in sorted((TEXTS_DIR / language).glob("*.yaml")):
        _flatten("", yaml.safe_load(path.read_text(encoding="utf-8")) or {}, texts, path)
    return texts


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(msg: Msg, language: Language) -> str:
    """The text of `msg` in `language`; nested `Msg` parameters are rendered first."""
    template = load_catalogue(language)[msg.key]
    params = {
        name: render(value, language) if isinstance(value, Msg) else value
        for name, value in msg.params.items()
    }
    return template.format_map(params)
