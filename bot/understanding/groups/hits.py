"""A mention of a target group in a text: what the finder returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GroupHit:
    group: str
    start: int
    end: int
    """Character span in the text."""
    text: str
