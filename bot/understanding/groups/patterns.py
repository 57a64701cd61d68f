"""The patterns of knowledge/target_groups.yaml and how one matches the words of a text.

Each group brings its label (both languages), synonyms and everyday `phrases`, and its
`not_when` phrases; each becomes a pattern. They are matched on whole words, never inside other
words: "Pflegeschulen" is a word about schools of nursing, not one containing "Schüler"; "hallo"
and "test" match nothing.

* A phrase of several words matches with articles, pronouns and the like between its words
  ("nach ihrer Ausbildung" finds "nach der Ausbildung"); those words are left out of phrases.
* A German participle in a pattern ("gekündigt") matches only participles, not the other forms
  of its verb ("kündigen": to quit): `participle`.
* Patterns are indexed by every form of their first word, so a text is scanned once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.understanding.groups.tokens import Word, split_words

GAP_WORDS = frozenset(
    """
    der die das den dem des ein eine einen einem einer eines sich ihre ihrer ihren ihrem ihr
    sein seine seiner unsere unserer unseren unser noch auch schon bereits gerne gern
    the a an their his her its our own
    """.split()
)
"""Words that may stand between the words of a phrase (and are left out of phrases)."""

MAX_GAP = 2


def same_word(pattern: Word, word: Word) -> bool:
    if pattern.key == word.key:
        return True
    if participle(pattern) and not word.key.startswith(PARTICIPLE_PREFIX):
        return False
    return any(len(form) > 3 or form == word.key for form in pattern.forms & word.forms)


PARTICIPLE_PREFIX = "ge"


def participle(word: Word) -> bool:
    """A German participle ("gekündigt", "geschickt", "gekommen"): a word with "ge-" whose
    dictionary form has none (the verb's). It shares that form with every form of its verb,
    but says what was done to the people or has happened to them: "gekündigt" (dismissed,
    unemployed) is not "kündigen" (to quit, said of people in work, "Azubis, die kündigen
    wollen"). It matches only participles ("gekündigte", "gekündigten"); a phrase whose other
    tenses mean the same lists them ("nach Deutschland kommen" beside "… gekommen")."""
    return word.key.startswith(PARTICIPLE_PREFIX) and any(
        not form.startswith(PARTICIPLE_PREFIX) for form in word.forms
    )


@dataclass(frozen=True)
class Pattern:
    group: str
    words: tuple[Word, ...]


def make_pattern(group: str, text: str) -> Pattern | None:
    words = tuple(word for word in split_words(text) if word.key not in GAP_WORDS)
    return Pattern(group, words) if words else None


def occurrences(pattern: Pattern, words: Sequence[Word], start: int) -> int | None:
    """The index after the last word if `pattern` matches from words[start], else None."""
    position = start
    for index, wanted in enumerate(pattern.words):
        if index:
            gap = 0
            while (
                position < len(words)
                and gap < MAX_GAP
                and words[position].key in GAP_WORDS
                and not same_word(wanted, words[position])
            ):
                position += 1
                gap += 1
        if position >= len(words) or not same_word(wanted, words[position]):
            return None
        if index and words[position].sentence != words[start].sentence:
            return None
        position += 1
    return position


def by_first_word(patterns: Iterable[Pattern]) -> dict[str, list[Pattern]]:
    """Patterns by every form of their first word: a pattern can match from a word only if
    the word shares a form with its first word (`same_word`), so the index finds every candidate."""
    index: dict[str, list[Pattern]] = {}
    for pattern in patterns:
        first = pattern.words[0]
        for form in first.forms | {first.key}:
            index.setdefault(form, []).append(pattern)
    return index


def candidates(index: dict[str, list[Pattern]], word: Word) -> Iterable[Pattern]:
    """The patterns of `index` that may match from `word`, each once, in index order."""
    return {
        id(pattern): pattern for form in word.forms | {word.key} for pattern in index.get(form, ())
    }.values()
