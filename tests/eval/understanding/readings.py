"""What the bot has stored, read slot by slot from a draft's answers, and compared to a label.

Readings look at the stored values only, never at how they were parsed, and tolerate the shapes
a later dialog may store (several places in one answer, costs with their period as a mapping), so
the harness keeps measuring while the parsers change.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from bot.core.state import Answer
from bot.dialogs.answers import ORGANISATION_KINDS
from bot.kb.knowledge import KnowledgeBase
from tests.eval.understanding.cases import Expect, Place

Slot = Literal[
    "place",
    "organisation",
    "target_groups",
    "costs",
    "start",
    "duration",
    "cofinancing",
    "title",
    "language",
]
SLOTS: tuple[Slot, ...] = (
    "place",
    "organisation",
    "target_groups",
    "costs",
    "start",
    "duration",
    "cofinancing",
    "title",
    "language",
)
STEP_OF: dict[Slot, str] = {
    "place": "region",
    "organisation": "organisation",
    "target_groups": "target_group",
    "costs": "costs",
    "start": "start",
    "duration": "duration",
    "cofinancing": "cofinancing",
    "title": "title",
}
"""The answer key each slot is stored under (the dialog's step ids)."""

Verdict = Literal["correct", "wrong", "missed", "absent"]
"""correct/wrong: a value is stored; missed: one was expected and none stored; absent: none
expected and none stored."""


def fold(text: str) -> str:
    """Case, accents, quotes and spacing do not matter when comparing free text."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\"'„“”‚‘’«»]", "", text)
    return " ".join(text.split())


def _dicts(value: object) -> Iterator[Mapping[str, object]]:
    if isinstance(value, Mapping):
        yield value
        for inner in value.values():
            yield from _dicts(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _dicts(inner)


@dataclass(frozen=True)
class PlaceReading:
    districts: frozenset[str] = frozenset()
    subregions: frozenset[str] = frozenset()
    """Sub-regions named without a district ("Weserbergland")."""
    referrals: frozenset[str] = frozenset()
    """Other Lower Saxony alliances."""
    outside: bool = False
    """A place outside Lower Saxony (another state or abroad)."""

    @property
    def label(self) -> str:
        parts = sorted(self.districts) + [f"sub-region {s}" for s in sorted(self.subregions)]
        parts += [f"referral {r}" for r in sorted(self.referrals)]
        if self.outside:
            parts.append("outside Lower Saxony")
        return "+".join(parts) or "(empty)"

    def alliances(self, kb: KnowledgeBase) -> frozenset[str]:
        local = {kb.alliance_for_district(d).id for d in self.districts}
        local |= {kb.alliance_for_subregion(s).id for s in self.subregions}
        return frozenset(local) | self.referrals

    def matches(self, place: Place) -> bool:
        if place.district:
            return self.districts == {place.district} and not self.referrals and not self.outside
        if place.districts:
            return self.districts == set(place.districts) and not self.referrals
        if place.subregion:
            return not self.districts and self.subregions == {place.subregion}
        if place.referral:
            return self.referrals == {place.referral} and not self.districts
        if place.kind in ("abroad", "outside"):
            return self.outside and not self.districts and not self.referrals
        return False


def place_reading(answer: Answer | None) -> PlaceReading | None:
    if answer is None:
        return None
    districts, subregions, referrals, outside = set(), set(), set(), False
    for item in _dicts(answer.value):
        district, subregion = item.get("district"), item.get("subregion")
        if isinstance(district, str) and district:
            districts.add(district)
        elif isinstance(subregion, str) and subregion:
            subregions.add(subregion)
        if item.get("kind") == "elsewhere":
            alliance = item.get("alliance")
            if isinstance(alliance, str) and alliance:
                referrals.add(alliance)
            else:
                outside = True
    reading = PlaceReading(
        frozenset(districts), frozenset(subregions), frozenset(referrals), outside
    )
    return reading if reading != PlaceReading() else None


def expected_alliances(place: Place, kb: KnowledgeBase) -> frozenset[str]:
    if place.district:
        return frozenset({kb.alliance_for_district(place.district).id})
    if place.districts:
        return frozenset(kb.alliance_for_district(d).id for d in place.districts)
    if place.subregion:
        return frozenset({kb.alliance_for_subregion(place.subregion).id})
    if place.referral:
        return frozenset({place.referral})
    return frozenset()


def _costs_total(value: object) -> int | None:
    """The total costs stored: a number, or a mapping's total (an amount per period that was
    not turned into a total is no total)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Mapping):
        for key in ("total", "total_eur", "eur"):
            total = value.get(key)
            if isinstance(total, int) and not isinstance(total, bool):
                return total
    return None


def _ids(value: object) -> list[str]:
    for item in _dicts(value):
        ids = item.get("ids")
        if isinstance(ids, list):
            return [str(i) for i in ids]
    if isinstance(value, list):
        return [str(i) for i in value]
    return []


def _text(answer: Answer | None) -> str:
    if answer is None:
        return ""
    value = answer.value
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Mapping):
        for key in ("text", "title", "value"):
            inner = value.get(key)
            if isinstance(inner, str):
                return inner.strip()
    return answer.text.strip()


Value = PlaceReading | str | int | frozenset[str]


def stored(answers: Mapping[str, Answer], slot: Slot) -> Value | None:
    """The slot's stored value, in the form it is compared in; None when nothing is stored."""
    if slot == "language":
        raise ValueError("the language is not an answer")
    answer = answers.get(STEP_OF[slot])
    if slot == "place":
        return place_reading(answer)
    if answer is None:
        return None
    value = answer.value
    if slot == "target_groups":
        ids = frozenset(_ids(value))
        return ids or None
    if slot == "costs":
        return _costs_total(value)
    if slot == "duration":
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if slot == "start":
        return value if isinstance(value, str) and value else None
    if slot == "organisation":
        return value if isinstance(value, str) and value else None
    return _text(answer) or None  # title, cofinancing


def judge(slot: Slot, value: Value | None, expect: Expect) -> Verdict:
    """Compare one stored value (or the final language) with the label."""
    if slot == "language":
        return "correct" if value == expect.language else "wrong"
    if value is None:
        return "missed" if expects(slot, expect) else "absent"
    return "correct" if _right(slot, value, expect) else "wrong"


def expects(slot: Slot, expect: Expect) -> bool:
    """Whether a careful adviser would have a value for this slot."""
    if slot == "organisation":
        return "none" not in expect.organisation
    if slot == "target_groups":
        return bool(expect.target_groups)
    if slot == "cofinancing":
        return expect.cofinancing == "given"
    if slot == "title":
        return expect.title != "none"
    return True


def _right(slot: Slot, value: Value, expect: Expect) -> bool:
    if slot == "place":
        return isinstance(value, PlaceReading) and any(value.matches(p) for p in expect.place)
    if slot == "organisation":
        return value in expect.organisation
    if slot == "target_groups":
        required = set(expect.target_groups)
        return isinstance(value, frozenset) and required <= value <= required | set(
            expect.target_groups_ok
        )
    if slot == "costs":
        return value == expect.costs.total
    if slot == "start":
        return value in expect.start
    if slot == "duration":
        return value in expect.duration
    if slot == "cofinancing":
        return expect.cofinancing == "given"
    if slot == "title":
        return isinstance(value, str) and fold(value) == fold(expect.title)
    return False


def show(value: Value | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, PlaceReading):
        return value.label
    if isinstance(value, frozenset):
        return ", ".join(sorted(value))
    return str(value)


def expected_text(slot: Slot, expect: Expect) -> str:
    if slot == "place":
        return " | ".join(p.label for p in expect.place)
    if slot == "organisation":
        return " | ".join(expect.organisation)
    if slot == "target_groups":
        extra = f" (+ok {', '.join(expect.target_groups_ok)})" if expect.target_groups_ok else ""
        return (", ".join(expect.target_groups) or "—") + extra
    if slot == "costs":
        costs = expect.costs
        per = f" ({costs.amount} per {costs.per})" if costs.per else ""
        return f"{costs.total}{per}"
    if slot == "start":
        return " | ".join(expect.start)
    if slot == "duration":
        return " | ".join(str(d) for d in expect.duration)
    if slot == "cofinancing":
        return expect.cofinancing
    if slot == "title":
        return expect.title
    return expect.language


_MONTHS = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "en": "January February March April May June July August September October November December",
}


def renderings(slot: Slot, value: Value, kb: KnowledgeBase) -> list[str]:
    """How a stored value may look in a reply (to tell whether it was shown to the sponsor)."""
    if isinstance(value, PlaceReading):
        names = [kb.district(d).name for d in value.districts]
        names += [kb.subregion(s).name for s in value.subregions]
        names += [kb.regional_alliance(r).name for r in value.referrals]
        return names or ["Niedersachsen", "Lower Saxony"]
    if isinstance(value, frozenset):
        groups = [kb.target_group(i) for i in value if i in {g.id for g in kb.target_groups}]
        return [g.label for g in groups] + [g.label_en for g in groups]
    if slot == "costs" and isinstance(value, int):
        return [f"{value:,}".replace(",", "."), f"{value:,}"]
    if slot == "start" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = int(value[:4]), int(value[5:])
        names = [_MONTHS[lang].split()[month - 1] for lang in ("de", "en")]
        return [f"{month:02d}/{year}", value, *(f"{n} {year}" for n in names)]
    if slot == "duration":
        return [f"{value} Monat", f"{value} month"]
    if slot == "organisation":
        # a kind is shown by its label in the reply's language ("Sonstige", not "other")
        labels = [[de, en] for kind, de, en in ORGANISATION_KINDS if kind == value]
        return [str(value), *(label for pair in labels for label in pair)]
    return [str(value)[:40]]
