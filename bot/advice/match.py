"""A past project found alike an idea."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProjectMatch:
    id: str
    score: float
    shared_words: tuple[str, ...]
    """The words of the project's themes the idea has, as the themes write them."""
    shared_sub_goals: tuple[str, ...]
    shared_target_groups: tuple[str, ...]
    same_district: bool
    running: bool = True
    """Running, or not known to be finished."""

    @property
    def possible_duplicate(self) -> bool:
        """Alike, in the sponsor's own district and not finished: a Doppelstruktur the local
        alliance is to rule out (strategy, chapter 5)."""
        return self.same_district and self.running
