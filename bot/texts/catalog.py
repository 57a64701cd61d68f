"""Message catalogues: every text a user reads lives in `bot/texts/<lang>/*.yaml`.

Code refers to texts by key (`Msg`); a catalogue renders them in the user's language. The files
of one language are merged; a key defined twice is an error, so modules can own their own file.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal, Protocol, cast, runtime_checkable

import yaml

# libyaml's safe loader when PyYAML has it (its wheels do): the catalogues are read at start-up.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = ("de", "en")
TEXTS_DIR = Path(__file__).resolve().parent


Escape = Callable[[str], str]
"""Applied to every text that does not come from a catalogue template (HTML escaping)."""


def verbatim(text: str) -> str:
    return text


@runtime_checkable
class Localized(Protocol):
    """A value whose written form depends on the language (amounts, dates, nested texts)."""

    def localize(self, language: Language, escape: Escape = verbatim) -> str: ...


Param = str | int | float | Localized


@dataclass(frozen=True)
class Msg:
    """A text to be rendered later, in whatever language the reader has chosen."""

    key: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def localize(self, language: Language, escape: Escape = verbatim) -> str:
        return render(self, language, escape)


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
        text = path.read_text(encoding="utf-8")
        _flatten("", yaml.load(text, Loader=_SAFE_LOADER) or {}, texts, path)
    return texts


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def render(msg: Msg, language: Language, escape: Escape = verbatim) -> str:
    """The text of `msg` in `language`.

    Templates are trusted (they may carry markup); every parameter is escaped, so text that
    sponsors typed can never break or inject formatting.
    """
    if not msg.params:
        return _bare(msg.key, language)
    template = load_catalogue(language)[msg.key]
    params = {name: _param(value, language, escape) for name, value in msg.params.items()}
    return template.format_map(params)


@cache
def _bare(key: str, language: Language) -> str:
    """A text without parameters, as `render` writes it (escaping applies to parameters only):
    formatted once per key and language, like the catalogue it comes from, read once."""
    return load_catalogue(language)[key].format_map({})


def _param(value: Param, language: Language, escape: Escape) -> str | int | float:
    # Plain values first: isinstance against a runtime-checkable Protocol is slow, and most
    # parameters are strings and numbers (none of which has `localize`).
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, int | float):
        return value
    # What isinstance(value, Localized) checks (a `localize` attribute), without the
    # Protocol's slow instance check: a summary renders hundreds of such values.
    localize: Callable[[Language, Escape], str] | None = getattr(value, "localize", None)
    if localize is not None:
        return localize(language, escape)
    return cast("str | int | float", value)  # none of the declared kinds: as given
