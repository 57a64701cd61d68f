"""Where an answer comes from, briefly: the `source` of the knowledge entry it rests on.

Sources are written by staff ("Strategie Kap. 5 (Kostenobergrenze …)"; "DOMAIN-NOTES:
Förderdatenbank des Bundes, NBank (vor Zitat prüfen)"). Shown in a chat they are shortened to
their parts, without staff's explanations in brackets; a part from outside the strategy keeps its
public source and is marked to be checked with NBank, since the strategy does not state it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.texts.catalog import Msg

_OUTSIDE = "DOMAIN-NOTES"
"""How staff mark a fact from a public source outside the strategy (knowledge/*.yaml headers)."""
_FIELD_NOTE = re.compile(r"^[a-z_]+:")
"""A part about one field of the entry ("implausible_costs_eur: Plausibilitätsgrenze …"): staff's
explanation of a value that is not advice, not a source to show."""
_STAFF_NOTES = re.compile(r"\b(vor Zitat prüfen|von Mitarbeitenden zu prüfen)\b[;,]?\s*")


@dataclass(frozen=True)
class Source:
    text: str
    """The source as shown: "Strategie Kap. 5" or "Förderdatenbank des Bundes, NBank"."""
    outside_strategy: bool


def _parts(source: str) -> list[str]:
    """`source` split at semicolons that stand outside brackets."""
    parts: list[str] = []
    depth = 0
    current = ""
    for char in source:
        depth += char == "("
        depth -= char == ")"
        if char == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def _without_brackets(text: str) -> str:
    return re.sub(r"\s*\([^()]*\)", "", text).strip(" ,:")


SOURCES_KEPT = 1024
"""Distinct sources whose reading is kept: the knowledge base has a few hundred; the summary and
the hints read the same ones for every sponsor, so they are split once, not at every reply."""


@lru_cache(maxsize=SOURCES_KEPT)
def sources(source: str) -> tuple[Source, ...]:
    shown: list[Source] = []
    for part in _parts(source):
        if _FIELD_NOTE.match(part) or (
            "von Mitarbeitenden zu prüfen" in part and _OUTSIDE not in part
        ):
            continue  # staff's note to themselves, not a source
        if _OUTSIDE in part:
            # "Antrag vor Projektbeginn: DOMAIN-NOTES (Förderdatenbank, NBank; vor Zitat prüfen)"
            rest = part.split(_OUTSIDE, 1)[1].strip()
            inner = re.search(r"\(([^()]*)\)", rest)
            public = rest[1:] if rest.startswith(":") or inner is None else inner.group(1)
            public = _without_brackets(_STAFF_NOTES.sub("", public)).strip(" ;,")
            if public:
                shown.append(Source(public, outside_strategy=True))
            continue
        text = _without_brackets(_STAFF_NOTES.sub("", part))
        if text and not any(s.text == text for s in shown):
            # Staff's own data (meeting dates) is named as staff wrote it, without a check note.
            shown.append(Source(text, outside_strategy=False))
    return tuple(shown)


def common_source(sources: Sequence[str]) -> str:
    """What the sources of several entries share, for a text about all of them: the action
    fields' "Strategie Kap. 4, Handlungsschwerpunkt I" … "IV" share "Strategie Kap. 4". Where
    they share nothing, each distinct source is named."""
    split = [[part.strip() for part in source.split(",")] for source in sources]
    shared: list[str] = []
    for parts in zip(*split, strict=False):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    if shared:
        return ", ".join(shared)
    return "; ".join(dict.fromkeys(source.strip() for source in sources))


@lru_cache(maxsize=SOURCES_KEPT)
def source_note(source: str) -> Msg:
    """ " (Quelle: Strategie Kap. 5)", with the check note for facts from outside the strategy."""
    items = sources(source)
    strategy = [s.text for s in items if not s.outside_strategy]
    # "Strategie Kap. 5; Kap. 6": the document is named once.
    strategy[1:] = [
        text.removeprefix("Strategie ") if strategy[0].startswith("Strategie") else text
        for text in strategy[1:]
    ]
    outside = [s.text for s in items if s.outside_strategy]
    if outside:
        return Msg(
            "trust.source.outside" if strategy else "trust.source.outside_only",
            {"source": "; ".join(strategy), "outside": "; ".join(outside)},
        )
    return Msg("trust.source.strategy", {"source": "; ".join(strategy) or source.strip()})
