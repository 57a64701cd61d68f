"""Merge a change made on an older version into the live knowledge file, unit by unit.

The author's changes (base -> mine) are written into the live file where the units they touch
were not changed by colleagues since (base -> live); a unit changed on both sides, differently,
is a conflict and the change is refused. See `units.py` for what a unit is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.kb.splice import Layout, Put, dump_block, layout, patch_block, rewrite
from bot.kb.units import ThreeWay, Unit, key_fields, units


@dataclass(frozen=True)
class Merge:
    three_way: ThreeWay
    candidates: tuple[bytes, ...] = ()
    """Merged files to try in turn (the author's text of each unit first, then plain YAML);
    the caller keeps the first that validates to exactly `three_way.merged()`."""

    @property
    def conflicts(self) -> list[Unit]:
        return self.three_way.conflicts()


def plan_merge(
    file: str,
    base: Mapping[str, Any],
    live: Mapping[str, Any],
    mine: Mapping[str, Any],
    live_raw: bytes,
    mine_raw: bytes | None,
) -> Merge:
    """`base`, `live`, `mine`: the validated content of `file` (`diff.file_content`);
    `mine_raw`: the author's file, if the change is one (a dialog's change has no text)."""
    keys = key_fields(file, base, live, mine)
    three_way = ThreeWay(units(base, keys), units(live, keys), units(mine, keys))
    if three_way.conflicts():
        return Merge(three_way)
    live_layout = layout(live_raw, keys)
    if live_layout is None:
        return Merge(three_way)
    mine_layout = layout(mine_raw, keys) if mine_raw is not None else None
    order = list(three_way.mine)
    attempts: list[bytes] = []
    for source in ("text", "fields", "plain"):
        if (source == "text") != (mine_layout is not None) and source != "plain":
            continue  # a file's own text; a dialog's fields patched into the live text
        puts = [
            _put(unit, three_way, order, live_layout, mine_layout if source == "text" else None)
            if source != "fields"
            else _patched(unit, three_way, order, live_layout)
            for unit in three_way.to_apply()
        ]
        text = rewrite(live_layout, puts)
        if text is not None and text.encode("utf-8") not in attempts:
            attempts.append(text.encode("utf-8"))
    return Merge(three_way, tuple(attempts))


def _patched(unit: Unit, three_way: ThreeWay, order: list[Unit], live: Layout) -> Put:
    """A dialog's change of an entry: only its changed fields rewritten in the live text."""
    block = live.block(unit) if unit[1] is not None else None
    old = three_way.live.get(unit)
    if block is not None and isinstance(old, Mapping) and unit in three_way.mine:
        patched = patch_block(block, old, three_way.mine[unit])
        if patched is not None:
            return Put(unit, patched)
    return _put(unit, three_way, order, live, None)


def _put(
    unit: Unit, three_way: ThreeWay, order: list[Unit], live: Layout, mine: Layout | None
) -> Put:
    if unit not in three_way.mine:
        return Put(unit, None)
    block = mine.block(unit) if mine is not None else None
    if block is None:
        block = dump_block(unit, three_way.mine[unit])
    after: str | None = None
    if unit[1] is not None and live.span(unit) is None:
        # The nearest entry before it, in the author's order, that the live file has.
        for earlier in reversed(order[: order.index(unit)]):
            if earlier[0] == unit[0] and live.span(earlier) is not None:
                after = earlier[1]
                break
    return Put(unit, block, after)
