"""What a project does and for whom, met in an idea: its themes read as small conjunctions.

Each of a project's themes (`Project.themes`, a few words in German or English written from the
strategy's sentences about it: "Lehrkräfte besuchen Betriebe", "mentoring for students") is read
as slots that must all be found in the idea: its words (the approach: "besuchen", "Betriebe",
"mentoring"), and the target groups it names ("Lehrkräfte", "students"), each met by the same
group among the idea's own (found in its text or chosen in the dialog) or a narrower one
(refugees meet a theme for immigrants; students do not meet one for dropouts). A theme names
people by a word of theirs, not by one sharing its stem with theirs ("Schulen" with "Schüler"),
which stays a word of the theme, met by itself or by those people (an idea for pupils is at
school, whether it says so or not). So two texts are
alike when they do the same thing for the same people; a generic word ("Betriebe", "Mentoring")
is a slot like any other and counts only together with the rest of its theme.

A theme's words are found in the idea as the matcher's vocabulary finds words (stems, dictionary
forms, inside compounds: "Pflegeausbildung" holds "Pflege" and "Ausbildung"; typos; the
glossary's English and German other words stand for its entries), by a vocabulary of the themes'
own words. What a theme weighs: 1 per telling word and per target group it names, half for a
generic word (`matching.generic_terms`, and a company as target group) and for a word most
projects' texts use ("Arbeit", "Beruf", "Ausbildung"), or a verb whose noun they use ("beraten":
"Beratung"). Themes are indexed by their text,
so projects sharing a theme (thousands in a synthetic knowledge base) cost one check.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.advice.lexicon import fold
from bot.advice.vocabulary import Hit, TermList, Vocabulary, root, tokens

GROUP = "tg:"
"""Concept prefix of a target group in the matcher's vocabulary."""
_SLOT = "theme"

_FUNCTION = frozenset(
    "who what which that this these those their there here into onto about after before from "
    "your ours they them than then also just only very more most some such each other "
    "über unter durch gegen ohne bis ab sowie dazu "
    "bringen getting get".split()
)
"""Small words a theme may have that say nothing (beyond the vocabulary's stop words), and the
verbs that only carry a direction ("Geflüchtete in Arbeit bringen", "getting refugees into
work"): an idea that says the same in other words ("vermitteln", "helping") meets the theme."""

COMMON_SHARE = 0.15
"""A theme word found in the texts of more than this share of the projects is common..."""
COMMON_MIN = 4
"""...and in more than this many at least (in a small knowledge base)."""

NOUN = "ung"
"""The ending that makes a German verb's noun of its stem ("berat" -> "beratung")."""

TELLING_WEIGHT = 1.0
GENERIC_WEIGHT = 0.5
"""What a generic word of a theme weighs ("Betriebe", "Mentoring"), or a generic target group
it names (companies), against 1 for another word and for another target group."""
COMMON_WEIGHT = 0.5
"""What a word most projects' texts use weighs ("Arbeit", "Beruf", "Berufsorientierung")."""


@dataclass(frozen=True)
class Theme:
    """One theme: its words' keys (in the themes' vocabulary) and the target groups it names."""

    text: str
    words: tuple[tuple[str, ...], ...]
    surfaces: tuple[str, ...]
    groups: frozenset[str]
    weight: float
    """How much the theme tells when met."""
    near: Mapping[tuple[str, ...], frozenset[str]] = field(default_factory=dict)
    """Its words that share a stem with a name of people without being one ("Schulen":
    pupils), with those people's target groups: the word is met by itself or by them (an idea
    for pupils is at school; an English one says "school", no "Schule")."""
    near_surfaces: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    """How the theme writes each of them (not shown where only the people met it)."""


@dataclass(frozen=True)
class Met:
    """A project's themes an idea meets."""

    best: float
    """The weight of the best theme met."""
    count: int
    """How many of its themes are met."""
    words: tuple[str, ...]
    """The words of the themes met, as the themes write them."""
    groups: frozenset[str]
    """The target groups the themes met name."""


class ThemeIndex:
    """Built once per knowledge base from the projects' themes and the matcher's vocabulary."""

    def __init__(
        self,
        themes: Sequence[Sequence[str]],
        vocabulary: Vocabulary,
        generic: TermList,
        places: Collection[str],
        within: Mapping[str, frozenset[str]],
        generic_groups: Collection[str] = (),
        *,
        texts: Sequence[str] = (),
        aliases: Iterable[tuple[str, str]] = (),
        variants: Iterable[tuple[str, str]] = (),
    ) -> None:
        """`themes`: per project (by position), its themes; `vocabulary`: the matcher's, which
        tells a theme's target groups; `generic`: the generic words; `places`: roots of place
        names, never a slot; `within`: each target group's broader groups; `texts`: per project
        its own text, to tell which words most projects use; `aliases`, `variants`: the
        glossary's English and German other words (other phrase, entry)."""
        self._within = within
        parsed: dict[str, _Reading] = {}
        entries: list[tuple[str, str]] = []
        seen: dict[str, frozenset[tuple[str, ...]]] = {}
        for own in themes:
            for text in own:
                if text not in parsed:
                    parsed[text] = _read(text, vocabulary, places, seen)
                    entries += [(written, _SLOT) for written in parsed[text][0]]
        self._vocabulary = Vocabulary(entries, aliases, variants)
        spread: dict[tuple[str, ...], int] = defaultdict(int)
        for own_text in texts:
            for hit in self._vocabulary.find(own_text, dictionary=False):
                spread[hit.key] += 1
        limit = max(COMMON_MIN, COMMON_SHARE * len(texts))
        common = frozenset(key for key, count in spread.items() if count > limit)

        def weight(key: tuple[str, ...]) -> float:
            # A verb whose noun most projects' texts use is as common as the noun: the strategy
            # writes "Beratung" where a theme says "beraten" ("Arbeitgeber zum Personal
            # beraten"), and a sponsor advising on anything at all writes either.
            if key in common or (key and (*key[:-1], key[-1] + NOUN) in common):
                return COMMON_WEIGHT
            return GENERIC_WEIGHT if key in generic else TELLING_WEIGHT

        self._weights = {
            key: weight(key) for key in (self._vocabulary.key_of(w) for w in entries_words(parsed))
        }
        self._themes: dict[str, Theme] = {}
        for text, (words, groups, near) in parsed.items():
            keys = tuple(dict.fromkeys(self._vocabulary.key_of(written) for written in words))
            near_keys = {self._vocabulary.key_of(written): of for written, of in near.items()}
            self._themes[text] = Theme(
                text=text,
                words=keys,
                surfaces=_surfaces(text, words),
                groups=groups,
                weight=sum(weight(key) for key in keys)
                + sum(GENERIC_WEIGHT if g in generic_groups else TELLING_WEIGHT for g in groups),
                near=near_keys,
                near_surfaces={
                    self._vocabulary.key_of(written): _surfaces(text, [written])[0]
                    for written in near
                },
            )
        # Which themes a word or (for themes of groups only) a group can complete, and which
        # projects carry each theme.
        self._by_word: dict[tuple[str, ...], list[str]] = defaultdict(list)
        self._by_group: dict[str, list[str]] = defaultdict(list)
        for text, theme in self._themes.items():
            for key in theme.words:
                self._by_word[key].append(text)
            if not theme.words:
                for group in theme.groups:
                    self._by_group[group].append(text)
            for near_groups in theme.near.values():
                for group in near_groups:
                    self._by_group[group].append(text)
        self._projects: dict[str, list[int]] = defaultdict(list)
        for position, own in enumerate(themes):
            for text in dict.fromkeys(own):
                self._projects[text].append(position)

    def theme(self, text: str) -> Theme:
        """A theme as read (for tests and explanations)."""
        return self._themes[text]

    def read(self, text: str) -> frozenset[tuple[str, ...]]:
        """The themes' words an idea's text has."""
        return frozenset(hit.key for hit in self._vocabulary.find(text))

    def telling(self, found: Collection[tuple[str, ...]]) -> set[int]:
        """The projects (by position) one of whose themes' telling words (neither generic nor
        common) is among `found`."""
        return {
            position
            for key in found
            if self._weights.get(key, 0.0) >= TELLING_WEIGHT
            for text in self._by_word.get(key, ())
            for position in self._projects[text]
        }

    def find(self, found: Collection[tuple[str, ...]], groups: Iterable[str]) -> dict[int, Met]:
        """Per project (by position) whose themes the idea meets (`found`: the themes' words
        its text has, `read`): how well."""
        present = set(groups)
        reach = present | {broader for g in present for broader in self._within.get(g, ())}
        candidates = {t for key in found for t in self._by_word.get(key, ())}
        candidates |= {t for g in reach for t in self._by_group.get(g, ())}
        met: dict[int, list[Theme]] = defaultdict(list)
        unsaid: set[str] = set()
        for candidate in sorted(candidates):
            theme = self._themes[candidate]
            # Every word and every group the theme names (teachers and companies, not either);
            # a word near a name of people by itself or by those people.
            if not theme.groups <= reach or not all(
                key in found or (theme.near and theme.near.get(key, _NOBODY) & reach)
                for key in theme.words
            ):
                continue
            if theme.near:
                unsaid |= {s for key, s in theme.near_surfaces.items() if key not in found}
            for position in self._projects[candidate]:
                met[position].append(theme)
        # Projects meeting the same themes (copies in a large knowledge base) share one result.
        results: dict[tuple[str, ...], Met] = {}
        found_for: dict[int, Met] = {}
        for position, own in met.items():
            key = tuple(t.text for t in own)
            if key not in results:
                results[key] = Met(
                    best=max(t.weight for t in own),
                    count=len(own),
                    words=tuple(
                        dict.fromkeys(s for t in own for s in t.surfaces if s not in unsaid)
                    ),
                    groups=frozenset(g for t in own for g in t.groups),
                )
            found_for[position] = results[key]
        return found_for


def _surfaces(text: str, words: Sequence[str]) -> tuple[str, ...]:
    """The theme's words as it writes them, a hyphenated one whole ("job-related",
    "IT-Sicherheit"), for explanations."""
    chunks = [chunk.strip(".,;:()\"'") for chunk in text.split()]
    found = []
    for word in words:
        chunk = next((c for c in chunks if word in c.split("-")), word)
        found.append(chunk)
    return tuple(dict.fromkeys(found))


_Reading = tuple[list[str], frozenset[str], dict[str, frozenset[str]]]
"""A theme's words (as written), the target groups it names, and its words near a name of
people (`Theme.near`) with their groups."""


def entries_words(parsed: Mapping[str, _Reading]) -> list[str]:
    """Every word of the themes read."""
    return [word for words, _, _ in parsed.values() for word in words]


def _read(
    text: str,
    vocabulary: Vocabulary,
    places: Collection[str],
    seen: dict[str, frozenset[tuple[str, ...]]] | None = None,
) -> _Reading:
    """A theme's words (as written) and the target groups it names (the matcher's vocabulary
    tells them: "Azubis", "students", "Betriebe"). `seen`: the vocabulary's keys of each word
    read so far (themes share many: "Schüler", "Betriebe")."""
    seen = {} if seen is None else seen
    groups: set[str] = set()
    group_stems: set[str] = set()
    near: dict[str, set[str]] = defaultdict(set)
    chunks: list[tuple[str, frozenset[tuple[str, ...]]]] | None = None
    for hit in vocabulary.find(text, dictionary=False):
        concepts = vocabulary.concepts.get(hit.key, ())
        named = [c[len(GROUP) :] for c in concepts if c.startswith(GROUP)]
        if named and len(hit.key) == 1:
            # One word: where the theme writes it, it must be a word for the people.
            if chunks is None:
                chunks = [(c, _keys(c, vocabulary, seen)) for c in _chunks(text)]
            where = [chunk for chunk, keys in chunks if hit.key in keys]
            calls = [g for g in named if _calls(hit, where, vocabulary.written(GROUP + g))]
            # The word itself (not a compound of it: "Berufsschulunterricht" is lessons) is
            # near those people, met by it or by them.
            same = {*hit.key, *(stemmed for _, stemmed in tokens(hit.surface))}
            for written, stemmed in (t for chunk in where for t in tokens(chunk)):
                if stemmed in same:
                    near[written].update(set(named) - set(calls))
            named = calls
        if named:
            groups.update(named)
            group_stems.update(stemmed for _, stemmed in tokens(hit.surface))
            group_stems.update(hit.key)
    words = [
        written
        for written, stemmed in tokens(text)
        if stemmed not in group_stems
        and root(stemmed) not in places
        and written.casefold() not in _FUNCTION
    ]
    kept = list(dict.fromkeys(words))
    return kept, frozenset(groups), {w: frozenset(near[w]) for w in kept if near.get(w)}


_TAILS = ("innen", "in", "en", "es", "e", "n", "s")
"""Endings a word for people sheds in its other forms: the plural, a case, the feminine
("Lehrkräfte": "Lehrkraft", "Frauen": "Frau", "Lehrerinnen": "Lehrer", "businesses":
"business"). Not the "-er" of a doer, which the vocabulary's stems drop too, so that the school
and its pupils ("Schule", "Schüler": "schul"), the verb and the people doing it ("teach",
"teacher") meet there."""
_MIN_CORE = 4
_NOBODY: frozenset[str] = frozenset()
_GENDERED = re.compile(r"[*:/_-](?:innen|in|r)$")


def _chunks(text: str) -> list[str]:
    """A theme's words as written, a hyphenated one whole ("Start-ups", "Schule-Beruf")."""
    return [c for chunk in text.split() if (c := chunk.strip(".,;:()\"'"))]


def _keys(
    chunk: str, vocabulary: Vocabulary, seen: dict[str, frozenset[tuple[str, ...]]]
) -> frozenset[tuple[str, ...]]:
    if (keys := seen.get(chunk)) is None:
        keys = seen[chunk] = frozenset(h.key for h in vocabulary.find(chunk, dictionary=False))
    return keys


def _plain(word: str) -> str:
    return _GENDERED.sub("", fold(word.replace("-", "")))


def _calls(hit: Hit, where: Sequence[str], names: frozenset[str]) -> bool:
    """Whether a theme calls people by one of their `names` (a target group's phrases, as
    written) where it has a word of theirs (`hit`, found in the theme's words `where`): that
    word is a word of a name, in another form or inside a compound ("Lehrkraft" for
    "Lehrkräfte", "Schülergruppen", "Frauenförderung"; "Ausland" of "Fachkräfte aus dem
    Ausland"). A word that only shares a stem with a name ("Schulen", "Schulgebäude" with
    "Schüler"; "teach" with "teacher") is the institution, the building or the verb, not the
    people: it stays a word of the theme. Found only as one of several words (an English
    phrase standing for a German entry), the phrase must be a name."""
    whole, short, cores = _cores(names)
    if not where:
        return fold(hit.surface) in whole
    written = [_plain(chunk) for chunk in where]
    return any(chunk in short or any(core in chunk for core in cores) for chunk in written)


@lru_cache(maxsize=256)
def _cores(names: frozenset[str]) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """Of a group's names: each whole, folded; their short words (acronyms: "KMU", "SME"),
    met as they stand; the others' words and their forms without an ending (`_TAILS`), met
    as a word or inside one."""
    whole = frozenset(fold(name.strip()) for name in names)
    short: set[str] = set()
    cores: set[str] = set()
    for word in {w for name in names for w in name.split()}:
        plain = _plain(word)
        if len(plain) < _MIN_CORE:
            short.add(plain)
            continue
        cores.add(plain)
        cores.update(
            plain[: -len(tail)]
            for tail in _TAILS
            if plain.endswith(tail) and len(plain) - len(tail) >= _MIN_CORE
        )
    return whole, frozenset(short), tuple(sorted(cores))


def groups_named(text: str, vocabulary: Vocabulary) -> frozenset[str]:
    """The target groups a theme names, as the index reads them with the matcher's vocabulary
    (staff's check that a theme names only people its project serves: bot/kb/theme_groups.py)."""
    return _read(text, vocabulary, ())[1]
