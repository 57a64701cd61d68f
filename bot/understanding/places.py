"""Where a project takes place: free text -> district and sub-region, or a referral.

Sponsors type municipalities, districts, abbreviations and typos ("LK Nienburg", "Hildeshiem",
"in Rinteln"). A name that exists both inside the region and elsewhere ("Burgdorf") is asked
back with qualified choices, never guessed; each choice resolves uniquely when typed or tapped.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.base.normalize import fold, transliterate
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import Msg
from bot.understanding.result import Parsed, Unclear, Understood

MAX_INPUT = 200
"""Place answers are short; anything longer is cut before matching."""

_PREFIXES = re.compile(
    r"^(?:(?:landkreis|lk|kreis|stadt|gemeinde|samtgemeinde|sg|flecken|hansestadt|"
    r"landeshauptstadt|region|raum|in|im|aus|bei|der|die|das|den|dem|von|wir|sind|sitzen|"
    r"unser|unsere|projekt|ort|standort|city|of|district|in the)\s+)+"
)


@dataclass(frozen=True)
class InRegion:
    """A place inside Leine-Weser; `district_id` is None for a whole sub-region."""

    subregion_id: str
    district_id: str | None
    name: str
    """The matched name as the knowledge base writes it."""


@dataclass(frozen=True)
class Elsewhere:
    """A place outside the region: another regional alliance, or outside Lower Saxony."""

    name: str
    alliance_id: str | None
    state: str | None = None


Place = InRegion | Elsewhere


def _key(text: str) -> str:
    return transliterate(fold(text))


def _strip(key: str) -> str:
    return _PREFIXES.sub("", key).strip()


@dataclass(frozen=True)
class _Target:
    place: Place
    label: str
    """Qualified display, used when asking back ("Burgdorf (Region Hannover)")."""

    @property
    def identity(self) -> tuple[str, str | None]:
        if isinstance(self.place, InRegion):
            return ("in", self.place.district_id or self.place.subregion_id)
        return ("out", self.place.alliance_id or self.place.name)


class PlaceResolver:
    """Built once per knowledge base; `resolve` is cheap."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._primary: dict[str, list[_Target]] = defaultdict(list)
        self._secondary: dict[str, list[_Target]] = defaultdict(list)
        self._too_broad = {
            _key(kb.regions.alliance_name),
            _key("Leine-Weser"),
            "niedersachsen",
            "lower saxony",
            "leine weser",
        }
        self._build()
        self._choices = sorted(set(self._primary) | set(self._secondary))

    def _add(self, name: str, target: _Target) -> None:
        key = _key(name)
        if not key:
            return
        self._put(self._primary, key, target)
        stripped = _strip(key)
        if stripped and stripped != key:
            self._put(self._secondary, stripped, target)

    @staticmethod
    def _put(index: dict[str, list[_Target]], key: str, target: _Target) -> None:
        if all(existing.identity != target.identity for existing in index[key]):
            index[key].append(target)

    def _build(self) -> None:
        kb = self._kb
        for subregion in kb.regions.subregions:
            # A sub-region of a single district (Hildesheim, Hannover) names that district.
            districts = [d.id for d in kb.regions.districts if d.subregion == subregion.id]
            only = districts[0] if len(districts) == 1 else None
            target = _Target(InRegion(subregion.id, only, subregion.name), subregion.name)
            for name in (subregion.name, subregion.name_en, *subregion.aliases):
                self._add(name, target)
        for district in kb.regions.districts:
            subregion_id = district.subregion
            target = _Target(InRegion(subregion_id, district.id, district.name), district.name)
            for name in (district.name, *district.aliases):
                self._add(name, target)
            for municipality in district.municipalities:
                place = InRegion(subregion_id, district.id, municipality.name)
                label = f"{municipality.name} ({district.name})"
                target = _Target(place, label)
                for name in (municipality.name, *municipality.aliases, label):
                    self._add(name, target)
        for alliance in kb.alliances.regional_alliances:
            for name in (*alliance.districts, *alliance.places):
                label = f"{name} ({alliance.name})"
                target = _Target(Elsewhere(name, alliance.id), label)
                self._add(name, target)
                self._add(label, target)
        for outside in kb.alliances.outside_places:
            label = f"{outside.name} ({outside.state})"
            target = _Target(Elsewhere(outside.name, None, outside.state), label)
            for name in (outside.name, *outside.aliases):
                self._add(name, target)
            self._add(label, target)

    def resolve(self, text: str) -> Parsed[Place]:
        key = _key(text[:MAX_INPUT])
        if not key:
            return Unclear(Msg("understanding.place.empty"))
        if key in self._too_broad or _strip(key) in self._too_broad:
            return Unclear(
                Msg("understanding.place.too_broad"),
                tuple(subregion.name for subregion in self._kb.regions.subregions),
            )
        for index in (self._primary, self._secondary):
            for candidate in (key, _strip(key)):
                if candidate in index:
                    return self._decide(index[candidate], text)
        found = self._scan(key)
        if found:
            return self._decide(found, text)
        # The full answer first: "LK Nienbrug" is close to "LK Nienburg", which names only the
        # district, while the bare "Nienburg" also exists outside the region.
        near = self._fuzzy(key, text, strict=True)
        if near is not None:
            return near
        closest = self._fuzzy(_strip(key) or key, text)
        assert closest is not None  # without `strict`, an answer is always given
        return closest

    def _scan(self, key: str) -> list[_Target]:
        """Names inside a longer answer ("Wir sitzen in Rinteln, LK Schaumburg")."""
        tokens = key.split()
        found: list[_Target] = []
        covered: set[int] = set()
        for size in (4, 3, 2, 1):
            for start in range(len(tokens) - size + 1):
                span = set(range(start, start + size))
                if span & covered:
                    continue
                window = " ".join(tokens[start : start + size])
                targets = self._primary.get(window) or (
                    self._secondary.get(window) if size > 1 else None
                )
                if targets:
                    covered |= span
                    for target in targets:
                        if all(target.identity != t.identity for t in found):
                            found.append(target)
        return found

    def _decide(self, targets: list[_Target], text: str) -> Parsed[Place]:
        if len(targets) == 1:
            return Understood(targets[0].place)
        elsewhere = [t.place for t in targets if isinstance(t.place, Elsewhere)]
        if (
            len(elsewhere) == len(targets)
            and all(p.alliance_id for p in elsewhere)
            and len({_strip(_key(p.name)) for p in elsewhere}) == 1
        ):
            # One place that several regional alliances list (sources differ on Landkreis
            # Wittmund): no choice to ask for. The first in the knowledge base is the
            # referral; the advice names the others too (`KnowledgeBase.referrals`).
            return Understood(elsewhere[0])
        inside = [t.place for t in targets if isinstance(t.place, InRegion)]
        if len(inside) == len(targets):
            districts = {p.district_id for p in inside if p.district_id}
            subregions = {p.subregion_id for p in inside}
            if len(districts) == 1:
                district = self._kb.district(districts.pop())
                return Understood(InRegion(district.subregion, district.id, district.name))
            if len(subregions) == 1:
                subregion = self._kb.subregion(subregions.pop())
                return Understood(InRegion(subregion.id, None, subregion.name))
        return Unclear(
            Msg("understanding.place.ambiguous", {"answer": text.strip()[:60]}),
            tuple(target.label for target in targets),
        )

    def _fuzzy(self, key: str, text: str, strict: bool = False) -> Parsed[Place] | None:
        """Close names; `strict` only accepts a near-certain match and otherwise says None."""
        matches = process.extract(key, self._choices, scorer=fuzz.ratio, limit=5, score_cutoff=60)
        cutoff = 100 if len(key) <= 4 else 84 if len(key) <= 7 else 80
        if strict:
            cutoff = max(cutoff, 88)
        best = [(choice, score) for choice, score, _ in matches if score >= cutoff]
        if best:
            top_score = best[0][1]
            tied = [choice for choice, score in best if score >= top_score - 2]
            targets: list[_Target] = []
            for choice in tied:
                for target in self._primary.get(choice) or self._secondary.get(choice, []):
                    if all(target.identity != t.identity for t in targets):
                        targets.append(target)
            if len(targets) == 1:
                return Understood(
                    targets[0].place,
                    Msg(
                        "understanding.place.understood_as",
                        {"answer": text.strip()[:60], "place": targets[0].label},
                    ),
                )
            return self._decide(targets, text)
        if strict:
            return None
        suggestions = tuple(
            dict.fromkeys(
                target.label
                for choice, _, _ in matches
                for target in (self._primary.get(choice) or self._secondary.get(choice, []))
            )
        )[:4]
        return Unclear(
            Msg("understanding.place.unknown", {"answer": text.strip()[:60]}), suggestions
        )
