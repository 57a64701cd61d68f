"""The message reader's shortcuts (issue #10's CPU goal) give exactly what the full work gives.

Each shortcut is compared with the full computation it replaces, on every message of the
tuning corpora (never the held-out ones) and on generated text: the place look-up without
suggestions and its early "unknown" for words that begin no name, the group finder's index of
exclusions, the date reader's folding, its patterns left out of a sentence without a digit,
and the number reader's check for invisible characters.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.dates import _DASHES, fold_with_offsets
from bot.understanding.groups.clauses import introduced
from bot.understanding.groups.finder import GroupFinder
from bot.understanding.groups.patterns import occurrences
from bot.understanding.groups.tokens import Word
from bot.understanding.numbers import MAX_CHARS, clip
from bot.understanding.periods import when as points_in_time
from bot.understanding.places import PlaceResolver
from bot.understanding.result import Parsed, Unclear

EVAL = Path(__file__).resolve().parent.parent / "eval"
CORPORA = (
    EVAL / "understanding" / "tuning.yaml",
    EVAL / "ideas" / "tuning.yaml",
    EVAL / "sponsor_inputs.yaml",
)
"""Messages as sponsors type them; the held-out files are never read."""
_WORD = re.compile(r"[^\W\d_][^\s,.;:!?()]*")
_MARKERS = frozenset({"in", "aus", "im", "bei", "from", "landkreis", "lk", "kreis", "region"})


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@cache
def corpus() -> tuple[str, ...]:
    texts: dict[str, None] = {}
    for path in CORPORA:
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if len(text.strip()) >= 2:
                texts[text] = None
    return tuple(texts)


def phrases(text: str) -> Iterator[tuple[str, bool]]:
    """Every run of one to four words, as the message reader tries them, and whether it
    follows a word like "in" or "aus" (where the reader looks for close spellings too)."""
    words = list(_WORD.finditer(text))
    for index, word in enumerate(words):
        marked = index > 0 and words[index - 1].group().casefold() in _MARKERS
        for size in range(1, 5):
            if index + size <= len(words):
                yield text[word.start() : words[index + size - 1].end()], marked


@pytest.mark.corpus
def test_the_corpora_are_read() -> None:
    assert len(corpus()) > 500


# --- places: no suggestions, only the names close enough to be taken -----------------------


class EveryLookUp(PlaceResolver):
    """Every look-up made, even for words that begin no name."""

    def _names_nothing(self, key: str) -> bool:
        return False


@pytest.fixture(scope="module")
def places(kb: KnowledgeBase) -> PlaceResolver:
    return PlaceResolver(kb)


@pytest.fixture(scope="module")
def every_look_up(kb: KnowledgeBase) -> PlaceResolver:
    return EveryLookUp(kb)


def without_suggestions(parsed: Parsed[object]) -> Parsed[object]:
    """What the full look-up says, as the reader sees it: an unknown name without suggestions."""
    if isinstance(parsed, Unclear) and parsed.reason.key == "understanding.place.unknown":
        return replace(parsed, suggestions=())
    return parsed


def same_place(
    places: PlaceResolver,
    reference: PlaceResolver,
    text: str,
    nears: tuple[bool, ...] = (True, False),
) -> None:
    for near in nears:
        full = reference.resolve(text, near=near)
        assert places.resolve(text, near=near) == full, text
        assert places.resolve(text, near=near, suggest=False) == without_suggestions(full), text


@pytest.mark.corpus
def test_every_phrase_of_the_corpora_resolves_the_same(
    places: PlaceResolver, every_look_up: PlaceResolver
) -> None:
    seen: set[tuple[str, bool]] = set()
    for text in corpus():
        for phrase, marked in phrases(text):
            if (phrase, marked) not in seen:
                seen.add((phrase, marked))
                same_place(places, every_look_up, phrase, (True, False) if marked else (False,))
    marked_places = [
        phrase
        for phrase, marked in seen
        if marked and not isinstance(places.resolve(phrase, suggest=False), Unclear)
    ]
    assert len(marked_places) > 50  # the corpora name places after "in", "aus" …


def _typo(name: str, position: int, kind: int) -> str:
    at = position % (len(name) + 1)
    if kind == 0:
        return name[:at] + name[at + 1 :]
    if kind == 1:
        return name[:at] + "x" + name[at:]
    if kind == 2 and at + 1 < len(name):
        return name[:at] + name[at + 1] + name[at] + name[at + 2 :]
    return name[:at] + "e" + name[at + 1 :]


@given(data=st.data())
def test_misspelt_names_in_phrases_resolve_the_same(
    places: PlaceResolver, every_look_up: PlaceResolver, kb: KnowledgeBase, data: st.DataObject
) -> None:
    names = [m.name for d in kb.regions.districts for m in d.municipalities]
    names += [d.name for d in kb.regions.districts]
    name = data.draw(st.sampled_from(names))
    typo = _typo(name, data.draw(st.integers(0, 60)), data.draw(st.integers(0, 3)))
    before = data.draw(st.sampled_from(["", "LK ", "Stadt ", "in ", "Landkreis "]))
    after = data.draw(st.sampled_from(["", " und", " mit Jugendlichen", " district", " (Weser)"]))
    same_place(places, every_look_up, before + typo + after)


@given(text=st.text(max_size=80) | st.sampled_from(["HI", "LK NI", "Niedersachsen", "LK OS"]))
def test_random_text_resolves_the_same(
    places: PlaceResolver, every_look_up: PlaceResolver, text: str
) -> None:
    same_place(places, every_look_up, text)


# --- groups: exclusions looked up by their first word --------------------------------------


class ScanningFinder(GroupFinder):
    """The exclusions as they were checked before the index: every pattern of the group at
    every word of the sentence."""

    def _excluded(
        self, hit: tuple[str, int, int], words: Sequence[Word], running_text: bool
    ) -> bool:
        group, start, _ = hit
        sentence = words[start].sentence
        for pattern in self._not_when.get(group, ()):
            for index, word in enumerate(words):
                if word.sentence == sentence and occurrences(pattern, words, index) is not None:
                    return True
        if running_text and group in self._organisations:
            return not introduced(start, words)
        return False


@pytest.fixture(scope="module")
def finders(kb: KnowledgeBase) -> tuple[GroupFinder, GroupFinder]:
    return GroupFinder(kb.target_groups), ScanningFinder(kb.target_groups)


def same_groups(finders: tuple[GroupFinder, GroupFinder], text: str) -> int:
    indexed, scanning = finders
    for running_text in (True, False):
        found = indexed.find(text, running_text=running_text)
        assert found == scanning.find(text, running_text=running_text), text
    return len(found)


@pytest.mark.corpus
def test_every_message_of_the_corpora_finds_the_same_groups(
    finders: tuple[GroupFinder, GroupFinder],
) -> None:
    assert sum(same_groups(finders, text) for text in corpus()) > 100


@pytest.fixture(scope="module")
def group_words(kb: KnowledgeBase) -> list[str]:
    words = {
        word
        for group in kb.target_groups
        for text in (group.label, *group.synonyms, *group.phrases, *group.not_when)
        for word in text.split()
    }
    return sorted(words | {"für", "nicht", "und", "mit", "ohne", "die", ".", "Wir", "helfen"})


@given(data=st.data())
def test_texts_of_group_words_find_the_same(
    finders: tuple[GroupFinder, GroupFinder], group_words: list[str], data: st.DataObject
) -> None:
    words = data.draw(st.lists(st.sampled_from(group_words), max_size=14))
    same_groups(finders, " ".join(words))


# --- dates: folding ---------------------------------------------------------------------------


def fold_by_character(text: str) -> tuple[str, list[int]]:
    """The folding as it was: character by character."""
    folded: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        part = char.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
        part = part.translate(_DASHES)
        folded.append(part)
        offsets.extend([index] * len(part))
    return "".join(folded), [*offsets, len(text)]


@given(text=st.text(max_size=80) | st.text(alphabet="aÄäöüßẞ–—-'’ İ1 ", max_size=40))
def test_folding_is_the_same_as_by_character(text: str) -> None:
    assert fold_with_offsets(text) == fold_by_character(text)


@pytest.mark.corpus
def test_folding_the_corpora() -> None:
    for text in corpus():
        assert fold_with_offsets(text) == fold_by_character(text)


# --- numbers ---------------------------------------------------------------------------------

_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def clip_by_character(text: str) -> str:
    """`clip` as it was: every character's category looked up."""
    head = unicodedata.normalize("NFKC", text[: MAX_CHARS * 2])[: MAX_CHARS * 2]
    cleaned = "".join(" " if unicodedata.category(char) in _INVISIBLE else char for char in head)
    return " ".join(cleaned.split())[:MAX_CHARS].strip()


@given(text=st.text(st.characters(codec="utf-8"), max_size=120) | st.text(max_size=120))
def test_clip_is_the_same_as_by_character(text: str) -> None:
    assert clip(text) == clip_by_character(text)


@pytest.mark.corpus
def test_clip_on_the_corpora_and_invisible_characters() -> None:
    for text in (*corpus(), "a\u200bb", "1\u2028000", "x\x07y", "\ue000 z", "a\u00a0b"):
        assert clip(text) == clip_by_character(text)


# --- dates: a sentence without a digit is searched only with the patterns that need none -------

_PARSER: Any = importlib.import_module("re._parser")
_CONSTANTS: Any = importlib.import_module("re._constants")


def _needs_digit(items: Any) -> bool:
    """Every match of the parsed pattern `items` contains a digit: one of its items must
    match one (an item, a group, a repetition at least once, every branch of an alternation);
    lookarounds consume nothing and count as not needing one."""
    return any(_item_needs_digit(op, argument) for op, argument in items)


def _item_needs_digit(op: Any, argument: Any) -> bool:
    c = _CONSTANTS
    if op is c.LITERAL:
        return chr(argument) in "0123456789"
    if op is c.IN:
        return all(
            (kind is c.LITERAL and chr(value) in "0123456789")
            or (kind is c.RANGE and ord("0") <= value[0] <= value[1] <= ord("9"))
            or (kind is c.CATEGORY and value is c.CATEGORY_DIGIT)
            for kind, value in argument
        )
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        least, _, inner = argument
        return bool(least >= 1 and _needs_digit(inner))
    if op is c.SUBPATTERN:
        return _needs_digit(argument[-1])
    if op is c.ATOMIC_GROUP:
        return _needs_digit(argument)
    if op is c.BRANCH:
        return all(_needs_digit(branch) for branch in argument[1])
    return False


def test_the_patterns_left_out_without_a_digit_each_need_one() -> None:
    kept = [pattern for pattern, _ in points_in_time._WITHOUT_DIGITS]
    assert kept == [p for p, _ in points_in_time._PATTERNS if p in kept], "in their order"
    for pattern, _ in points_in_time._PATTERNS:
        if pattern not in kept:
            assert _needs_digit(_PARSER.parse(pattern.pattern, pattern.flags)), pattern.pattern
    # the check tells them apart: the patterns kept can match without a digit
    assert not any(_needs_digit(_PARSER.parse(p.pattern, p.flags)) for p in kept)


def whens_with_every_pattern(folded: str) -> list[object]:
    """`_find_whens` as it was: every pattern tried on every sentence."""
    found = [
        when
        for pattern, make in points_in_time._PATTERNS
        for match in pattern.finditer(folded)
        if (when := make(match)) is not None
    ]
    found.sort(key=lambda w: (w.start, -(w.end - w.start)))
    chosen: list[Any] = []
    for when in found:
        if not chosen or when.start >= chosen[-1].end:
            chosen.append(when)
    return chosen


@given(
    text=st.text(max_size=80)
    | st.text(alphabet="q1h2 ./-ersteshalbjahrquartalsommerferienws'٣", max_size=40)
)
def test_dates_without_digits_are_found_the_same(text: str) -> None:
    folded = fold_with_offsets(text)[0]
    assert points_in_time._find_whens(folded) == whens_with_every_pattern(folded)


@pytest.mark.corpus
def test_dates_in_the_corpora_are_found_the_same() -> None:
    for text in corpus():
        folded = fold_with_offsets(text)[0]
        assert points_in_time._find_whens(folded) == whens_with_every_pattern(folded), text
