"""Where a project takes place: free text -> district and sub-region, or a referral.

Sponsors type municipalities, Ortsteile, districts, registration codes, English names and typos
("LK Nienburg", "Steinhude", "Kreis HI", "Hildesheim district", "Hildeshiem", "in Rinteln").
A name that denotes places in two districts, or a town here and a town of similar standing
elsewhere ("Gronau": Leine or Westfalen), is asked back with qualified choices, each resolving
uniquely when typed or tapped. A town of the region whose namesakes are small places far away
("Burgdorf") is taken, and the answer says which one and how to correct it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz, process

from bot.base.normalize import fold, transliterate
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import District
from bot.texts.catalog import Msg
from bot.texts.formats import Choice
from bot.understanding.result import Parsed, Unclear, Understood

MAX_INPUT = 200
"""Place answers are short; anything longer is cut before matching."""

_PREFIXES = re.compile(
    r"^(?:(?:landkreis|lk|kreis|stadt|gemeinde|samtgemeinde|sg|flecken|hansestadt|"
    r"landeshauptstadt|region|raum|in|im|aus|bei|der|die|das|den|dem|von|wir|sind|sitzen|"
    r"unser|unsere|projekt|ort|ortsteil|stadtteil|standort|city|town|the|of|district|in the)"
    r"\s+)+"
)
_SUFFIXES = re.compile(r"(?:\s+(?:district|county|region|area))+$")
"""English word order: "Hildesheim district", "Hanover Region"."""

_CODE_PREFIXES = r"landkreis|lk|kreis|kennzeichen|kfz kennzeichen|kfz|district|licence plate"
_CODE = re.compile(rf"^(?:({_CODE_PREFIXES})\s+)?([a-z]{{1,3}})$")
"""A registration code: the whole answer, or after one of the words that introduce it."""
_CODE_AFTER_PREFIX = re.compile(rf"^(?:{_CODE_PREFIXES})\s+[a-z]{{1,3}}$")

_SEVERAL = re.compile(r"[,;&+]|\b(?:und|and|sowie|plus)\b", re.IGNORECASE)
_ALTERNATIVES = re.compile(r"\b(?:oder|or|bzw)\b", re.IGNORECASE)
"""Names joined by "und" are a project in several places; by "oder", a choice to ask."""

_QUALIFIER = re.compile(r"\s*[(/].*$")
"""What follows a bare name: "Nienburg/Weser", "Burgdorf (Landkreis Wolfenbüttel)"."""


@dataclass(frozen=True)
class InRegion:
    """A place inside Leine-Weser; `district_id` is None for a whole sub-region."""

    subregion_id: str
    district_id: str | None
    name: str
    """The matched name as the knowledge base writes it."""
    also: tuple[InRegion, ...] = ()
    """Further districts or sub-regions of a project that runs in several ("Hannover und
    Hildesheim"), in the order named; this first place decides the alliance to approach first."""

    @property
    def places(self) -> tuple[InRegion, ...]:
        """This place and the further ones, each without `also`."""
        return (InRegion(self.subregion_id, self.district_id, self.name), *self.also)


@dataclass(frozen=True)
class Elsewhere:
    """A place outside the region: another regional alliance, outside Lower Saxony, or abroad."""

    name: str
    alliance_id: str | None
    state: str | None = None
    country: str | None = None
    """Set for a place abroad (outside Germany)."""


Place = InRegion | Elsewhere


def _key(text: str) -> str:
    return transliterate(fold(text))


def _strip(key: str) -> str:
    return _SUFFIXES.sub("", _PREFIXES.sub("", key)).strip()


def _bare(name: str) -> str:
    """The name without its qualifier: "Nienburg/Weser" and "Nienburg (Saale)" -> "nienburg"."""
    return _key(_QUALIFIER.sub("", name))


@dataclass(frozen=True)
class _Target:
    place: Place
    label: str
    """Qualified display, used when asking back ("Burgdorf (Region Hannover)")."""
    preferred: bool = False
    """Taken over namesakes elsewhere (`Municipality.preferred_over_namesakes`)."""

    @property
    def identity(self) -> tuple[str, str | None]:
        if isinstance(self.place, InRegion):
            return ("in", self.place.district_id or self.place.subregion_id)
        return ("out", self.place.alliance_id or self.place.name)

    @property
    def region_wide(self) -> bool:
        """A whole German state or foreign country, not a town in it."""
        place = self.place
        return isinstance(place, Elsewhere) and place.name in (place.state, place.country)


def _listing(names: list[str], conjunction: str) -> str:
    """ "A, B und C"."""
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}" if len(names) > 1 else names[0]


def _area(place: InRegion) -> str:
    return place.district_id or place.subregion_id


def _common(windows: list[list[_Target]]) -> set[tuple[str, str | None]]:
    """The places every name of the answer can denote."""
    return set.intersection(*({target.identity for target in ts} for ts in windows))


def _agreeing(windows: list[list[_Target]]) -> list[_Target]:
    """The candidates of all names; narrowed to those all names agree on, if any: in "Elze,
    Landkreis Hildesheim" only the town Elze, not the Ortsteil of Wedemark."""
    found: list[_Target] = []
    for targets in windows:
        for target in targets:
            if all(target.identity != t.identity for t in found):
                found.append(target)
    common = _common(windows)
    if common and len(windows) > 1:
        return [target for target in found if target.identity in common]
    return found


_QUOTE_EDGES = " \t\n,.;:!?()[]\"'“”„‚‘’«»"


def _named_words(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The words of `text` that the key's words `spans` (first index, count) came from, from
    the first name to the last; None where the words do not map back one to one."""
    if not spans:
        return None
    text = text[:MAX_INPUT]
    places: list[tuple[int, int]] = []
    for word in re.finditer(r"\S+", text):
        places += [(word.start(), word.end())] * len(_key(word.group()).split())
    if len(places) != len(_key(text).split()):
        return None
    first = min(start for start, _ in spans)
    last = max(start + size for start, size in spans) - 1
    return text[places[first][0] : places[last][1]].strip(_QUOTE_EDGES) or None


def _without_origins(windows: list[list[_Target]]) -> list[list[_Target]]:
    """A country beside a place in Germany is where people come from ("a plant near Nienburg
    … colleagues from Poland", "Betrieb bei Nienburg, Kollegen aus Polen"), not where the
    project runs: the German place is meant."""
    if len(windows) < 2:
        return windows
    home = [
        targets
        for targets in windows
        if any(not isinstance(t.place, Elsewhere) or t.place.country is None for t in targets)
    ]
    return home if home else windows


_JOINING = frozenset(
    """
    und and sowie plus auch also as well bzw der die das dem den des the landkreis landkreise
    lk kreis kreise region stadt staedte gemeinde gemeinden samtgemeinde district districts of
    town city im in am an zwischen between von vom bis from to teilen teile parts part beiden
    both ganzen gesamten whole umliegenden benachbarten angrenzenden neighbouring neighboring
    surrounding
    """.split()
)
"""Words between the names of a project in several places ("Hameln-Pyrmont und Holzminden",
"Region Hannover sowie im Landkreis Hildesheim")."""


def _joined(key: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the names at `spans` (first word's index, words) of `key` are joined as one
    list of places: nothing but joining words between them. Names apart in a longer message
    ("… mit Sitz in Hannover. Wir möchten in Holzminden …", "IHK Hannover, Geschäftsstelle
    Nienburg") are no project in several districts: which one is meant is asked."""
    tokens = key.split()
    ordered = sorted(spans)
    for (start, size), (after, _) in pairwise(ordered):
        if not _JOINING.issuperset(tokens[start + size : after]):
            return False
    return True


SUGGESTED = 60
"""How close a name must be to be suggested for an unknown one (fuzz.ratio)."""


def _cutoff(key: str, strict: bool = False) -> int:
    """How close (fuzz.ratio) a name must be to be taken for `key`; `strict`: near-certain."""
    cutoff = 100 if len(key) <= 4 else 84 if len(key) <= 7 else 80
    return max(cutoff, 88) if strict else cutoff


class PlaceResolver:
    """Built once per knowledge base; `resolve` is cheap."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._primary: dict[str, list[_Target]] = defaultdict(list)
        self._secondary: dict[str, list[_Target]] = defaultdict(list)
        self._codes: dict[str, District] = {
            _key(code): district
            for district in kb.regions.districts
            for code in district.vehicle_codes
        }
        self._too_broad = {
            _key(kb.regions.alliance_name),
            _key("Leine-Weser"),
            "niedersachsen",
            "lower saxony",
            "leine weser",
            # Abbreviations of Niedersachsen; "NI" is also Nienburg's registration code.
            "ni",
            "nds",
        }
        self._build()
        self._choices = sorted(set(self._primary) | set(self._secondary))
        self._near_choices: dict[tuple[int, int], list[str]] = {}
        self._first_words = frozenset(
            key.split()[0] for key in (*self._choices, *self._codes, *self._too_broad)
        )
        """The first word of every name, code and too broad a name."""

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
            self._add_district(district)
        for alliance in kb.alliances.regional_alliances:
            for name in (*alliance.districts, *alliance.places):
                label = f"{name} ({alliance.name})"
                target = _Target(Elsewhere(name, alliance.id), label)
                self._add(name, target)
                self._add(label, target)
                if _bare(name) != _key(name):
                    # "Halle (Grafschaft Bentheim)" is also typed "Halle": asked back among the
                    # other Halles, the qualified name says which one this is.
                    self._add(_bare(name), _Target(target.place, name))
        for outside in kb.alliances.outside_places:
            label = f"{outside.name} ({outside.country or outside.state})"
            place = Elsewhere(outside.name, None, outside.state, outside.country)
            target = _Target(place, label)
            for name in (outside.name, *outside.aliases):
                self._add(name, target)
            self._add(label, target)

    def _add_district(self, district: District) -> None:
        subregion_id = district.subregion
        target = _Target(InRegion(subregion_id, district.id, district.name), district.name)
        for name in (district.name, *district.aliases):
            self._add(name, target)
        for municipality in district.municipalities:
            place = InRegion(subregion_id, district.id, municipality.name)
            label = f"{municipality.name} ({district.name})"
            target = _Target(place, label, municipality.preferred_over_namesakes)
            for name in (municipality.name, label):
                self._add(name, target)
            own = _strip(_bare(municipality.name))
            for alias in municipality.aliases:
                short = _strip(_bare(alias))
                if short in own or own in short:  # "Alfeld", "Stadt Alfeld", "Bad Münder"
                    self._add(alias, target)
                    continue
                # A former municipality ("Adenstedt", now Sibbesse) is shown as itself when
                # asked back; the qualified form resolves uniquely when tapped.
                named = f"{_QUALIFIER.sub('', alias)} ({municipality.name}, {district.name})"
                for name in (alias, named):
                    self._add(name, _Target(place, named, municipality.preferred_over_namesakes))
            for locality in municipality.localities:
                named = f"{locality} ({municipality.name})"
                label = f"{locality} ({municipality.name}, {district.name})"
                target = _Target(InRegion(subregion_id, district.id, named), label)
                for name in (locality, named, label):
                    self._add(name, target)

    def resolve(self, text: str, *, near: bool = True, suggest: bool = True) -> Parsed[Place]:
        """`near`: also close spellings (rapidfuzz over every name, the costly part); a phrase
        inside a longer message counts a close spelling only after "aus", "in" …, so the
        message reader asks for them only there. `suggest=False`: an unknown name comes without
        suggestions (the message reader drops them), so only names close enough to be taken
        are searched; every other answer is the same."""
        key = _key(text[:MAX_INPUT])
        if not key:
            return Unclear(Msg("understanding.place.empty"))
        if not near and self._names_nothing(key):
            # What the look-ups below would all end in, without them (most capitalised words
            # of a German message are tried as places).
            return Unclear(Msg("understanding.place.unknown", {"answer": text.strip()[:60]}))
        coded = self._code(key, text)
        if coded is not None:
            return coded
        if key in self._too_broad or _strip(key) in self._too_broad:
            return Unclear(
                Msg("understanding.place.too_broad"),
                tuple(subregion.name for subregion in self._kb.regions.subregions),
            )
        for index in (self._primary, self._secondary):
            for candidate in (key, _strip(key)):
                if candidate in index:
                    return self._decide(index[candidate], text)
        spans = self._scan_spans(key)
        windows = _without_origins([targets for _, _, targets in spans])
        if windows:
            # a note quotes the words that named the place, not the whole message
            kept = [(start, size) for start, size, ts in spans if any(ts is w for w in windows)]
            several = self._several(windows, text) if _joined(key, kept) else None
            return several or self._decide(_agreeing(windows), _named_words(text, kept) or text)
        if _CODE_AFTER_PREFIX.match(key):
            # "LK OS": a registration code of no district here. Close names of districts
            # ("LK NI" ~ "LK HI") would be a wrong alliance, not a typo.
            return Unclear(Msg("understanding.place.unknown", {"answer": text.strip()[:60]}))
        if not near:
            return Unclear(Msg("understanding.place.unknown", {"answer": text.strip()[:60]}))
        # The full answer first: "LK Nienbrug" is close to "LK Nienburg", which names only the
        # district, while the bare "Nienburg" also exists outside the region.
        matches = self._close(key, suggest)
        close = self._fuzzy(key, matches, text, strict=True)
        if close is not None:
            return close
        # Mostly the same key (nothing to strip): its close names are not searched again.
        stripped = _strip(key) or key
        if stripped != key:
            matches = self._close(stripped, suggest)
        closest = self._fuzzy(stripped, matches, text)
        assert closest is not None  # without `strict`, an answer is always given
        return closest

    def near_certain(self, text: str) -> bool:
        """Whether `text` is a near-certain spelling of one name of the region ("Hildeshiem",
        "holzmindn"): a slip of the keys rather than another place, so a message that names it
        after "in", "aus" … may say it back as read instead of asking for the place again."""
        key = _key(text[:MAX_INPUT])
        if not key:
            return False
        close = self._fuzzy(key, self._close(key, suggest=False), text, strict=True)
        return isinstance(close, Understood)

    def _names_nothing(self, key: str) -> bool:
        """No word of `key` begins a name, a code or a too broad name: then no exact look-up
        finds anything, as each looks for a run of its words (the whole key, the key without
        its prefix and suffix words, a window of up to four words, a code at its end)."""
        return self._first_words.isdisjoint(key.split())

    def _code(self, key: str, text: str) -> Parsed[Place] | None:
        """ "HI", "LK NI", "Kennzeichen SHG"; None when the answer is no registration code."""
        match = _CODE.match(key)
        district = self._codes.get(match.group(2)) if match else None
        if match is None or district is None:
            return None
        answer = text.strip()[:60]
        if match.group(1) is None and match.group(2) in self._too_broad:
            return Unclear(
                Msg(
                    "understanding.place.code_or_state", {"answer": answer, "place": district.name}
                ),
                (district.name,),
            )
        return Understood(
            InRegion(district.subregion, district.id, district.name),
            Msg("understanding.place.understood_as", {"answer": answer, "place": district.name}),
        )

    def _scan(self, key: str) -> list[list[_Target]]:
        """Names inside a longer answer ("Wir sitzen in Rinteln, LK Schaumburg"), in the order
        they are written: the candidates of each name, longest names first."""
        return [targets for _, _, targets in self._scan_spans(key)]

    def _scan_spans(self, key: str) -> list[tuple[int, int, list[_Target]]]:
        """`_scan` with where each name is: its first word's index in `key` and its words."""
        tokens = key.split()
        windows: list[tuple[int, int, list[_Target]]] = []
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
                    windows.append((start, size, targets))
        return sorted(windows, key=lambda window: window[0])

    def _several(self, windows: list[list[_Target]], text: str) -> Parsed[Place] | None:
        """ "Hannover und Hildesheim": a project in several districts or sub-regions, when every
        name is understood on its own as a place in the region. None otherwise."""
        if len(windows) < 2 or _common(windows) or not _SEVERAL.search(text):
            return None
        if _ALTERNATIVES.search(text):
            return None  # "Burgdorf oder Celle": the sponsor is asked which one
        places: list[InRegion] = []
        for targets in windows:
            # A namesake's note is not repeated: the qualified names listed say which is meant.
            resolved = self._decide(targets, text)
            if not isinstance(resolved, Understood) or not isinstance(resolved.value, InRegion):
                return None
            place = resolved.value
            if all(_area(place) != _area(other) for other in places):
                places.append(place)
        if len(places) < 2:
            return None
        first, *others = places
        named = [self._qualified(place) for place in places]
        listed = Choice(_listing(named, "und"), _listing(named, "and"))
        return Understood(
            InRegion(first.subregion_id, first.district_id, first.name, tuple(others)),
            Msg("understanding.place.several", {"places": listed}),
        )

    def _qualified(self, place: InRegion) -> str:
        area = (
            self._kb.district(place.district_id).name
            if place.district_id
            else self._kb.subregion(place.subregion_id).name
        )
        return place.name if _key(area) == _key(place.name) else f"{place.name} ({area})"

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
        namesake = self._namesake(targets, text)
        if namesake is not None:
            return namesake
        abroad = self._one_outside(targets)
        if abroad is not None:
            return Understood(abroad)
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

    @staticmethod
    def _namesake(targets: list[_Target], text: str) -> Parsed[Place] | None:
        """The region's town when every other candidate is a namesake of it elsewhere."""
        inside = [t for t in targets if isinstance(t.place, InRegion)]
        if len(inside) != 1 or not inside[0].preferred:
            return None
        here = inside[0]
        others = [t for t in targets if t is not here]
        if any(_bare(t.place.name) != _bare(here.place.name) for t in others):
            return None  # "Burgdorf oder Celle": two places named, not one with namesakes
        # "Nienburg (Saale)" rather than its label "Nienburg (Saale) (Sachsen-Anhalt)": qualified
        # names say enough, and typed back they resolve uniquely.
        names = [
            t.place.name if _bare(t.place.name) != _key(t.place.name) else t.label for t in others
        ]
        return Understood(
            here.place,
            Msg(
                "understanding.place.namesake",
                {
                    "answer": text.strip()[:60],
                    "place": here.label,
                    "others": Choice(" oder ".join(names), " or ".join(names)),
                    "example": names[0],
                },
            ),
        )

    @staticmethod
    def _one_outside(targets: list[_Target]) -> Elsewhere | None:
        """ "Wien, Österreich": a town and its state or country, both outside Lower Saxony."""
        places = [t.place for t in targets]
        if not all(isinstance(p, Elsewhere) and p.alliance_id is None for p in places):
            return None
        if len({(p.state, p.country) for p in places if isinstance(p, Elsewhere)}) != 1:
            return None
        towns = [t.place for t in targets if not t.region_wide]
        if len(towns) > 1:
            return None
        chosen = towns[0] if towns else places[0]
        assert isinstance(chosen, Elsewhere)
        return chosen

    def _close(self, key: str, suggest: bool = True) -> list[tuple[str, float, int]]:
        """The five closest names (rapidfuzz over every name: the costly part); without
        `suggest` only those `_fuzzy` may take, which are the same as the first of all five."""
        if suggest:
            return process.extract(
                key, self._choices, scorer=fuzz.ratio, limit=5, score_cutoff=SUGGESTED
            )
        cutoff = _cutoff(key)
        return process.extract(
            key, self._near(len(key), cutoff), scorer=fuzz.ratio, limit=5, score_cutoff=cutoff
        )

    def _near(self, length: int, cutoff: int) -> list[str]:
        """The names whose length allows `cutoff` against a key of `length`, in their order
        (so that ties come out as among all names). fuzz.ratio is 200 · common / (sum of the
        lengths), at most 200 · shorter / sum; one point of slack for rounding."""
        near = self._near_choices.get((length, cutoff))
        if near is None:
            near = [
                name
                for name in self._choices
                if 200 * min(length, len(name)) >= (cutoff - 1) * (length + len(name))
            ]
            self._near_choices[(length, cutoff)] = near
        return near

    def _fuzzy(
        self, key: str, matches: list[tuple[str, float, int]], text: str, strict: bool = False
    ) -> Parsed[Place] | None:
        """Close names (`matches`, of `key`); `strict` only accepts a near-certain match and
        otherwise says None."""
        cutoff = _cutoff(key, strict)
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
