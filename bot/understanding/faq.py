"""Which FAQ entry answers a question a sponsor asked the bot mid-dialog.

Two signals, both on whole words (never parts of words):

* keywords of the entry ("Eigenanteil", "Lenkungsgruppe", "who decides") found in the
  question, compared on lemmas ("Eigenanteile" finds "Eigenanteil"); a keyword of several words
  must stand together, and counts as many times as it has words;
* the similarity of the question to the entry's phrasings (rapidfuzz's token set ratio on
  folded words without fillers), in either language.

An entry is chosen only when its score reaches `THRESHOLD` and clearly beats the next one
(`MARGIN`); otherwise the answer is None and the bot says it cannot answer that (rather than
answering another question).

Typed on a phone: a word no dictionary knows that is one letter away from a keyword's word of
at least `MIN_NEAR` letters counts as it ("Eigenateil", "Gesamtkostn", "entscheided").

A question why the bot asks at all ("wieso?", "wozu brauchen Sie das", "why do you need
that?") or whether the answer will do ("geht das?", "is that ok?") names no topic: it is
answered by the entry that says why the question matters and what rule applies to its answer
(`WHY_ASKED`: the cost cap for the costs, the region for the place, …).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from bot.base.normalize import fold
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import FaqEntry
from bot.kb.per_version import once_per_knowledge_base
from bot.understanding.slots import Asked
from bot.understanding.words import known, lemmas

MAX_QUESTION = 300
"""Questions are short; only the beginning of a long text is compared."""

THRESHOLD = 70.0
MARGIN = 8.0
KEYWORD_WEIGHT = 20.0
"""Score per keyword word found: one clear keyword and a loose phrasing reach the threshold."""

FILLERS = frozenset(
    """
    denn eigentlich ueberhaupt überhaupt mal so ja doch bitte eine einen ein der die das des
    dem den wir ich sie uns unser unsere es man hier da dann auch noch schon nur genau kurz
    frage wie was wer wo wann warum wieso ist sind hat haben kann koennen können muss muessen
    müssen soll sollen darf duerfen dürfen wird werden gibt es
    the a an we i you our us is are do does it this that please just actually then how what
    who where when why which can could must should may will would has have there to of
    """.split()
)


MIN_NEAR = 7
"""Letters a keyword's word needs before a word one letter away counts as it (shorter words
are too close to others: "Bund", "bunt")."""

WHY_ASKED: Mapping[Asked, str] = {
    "place": "region",
    "organisation": "applicants",
    "target_groups": "criteria",
    "idea": "criteria",
    "title": "sketch",
    "costs": "total_costs",
    "start": "start_before_approval",
    "duration": "duration_rules",
    "end": "duration_rules",
    "cofinancing": "own_share",
}
"""The entry that says why a question is asked (by what it asks for)."""

_WHY = re.compile(r"^(?:wieso|warum|weshalb|weswegen|wozu|wofuer|wofür|why|how come|what for)\b")
_WHY_WORDS = frozenset(
    """
    wieso warum weshalb weswegen wozu wofuer wofür why how come what for denn das es sie ihr du
    brauchen braucht brauchst wollen wollt willst wissen fragen fragt fragst frage muss müssen
    muessen ich wir dafuer dafür angeben sagen ueberhaupt überhaupt eigentlich genau so jetzt
    do does you need that this it want know ask asking are is matter does it need to
    """.split()
)
"""The words of a bare "why": nothing in it names a topic of its own."""


_FINE = re.compile(
    r"^(?:oder |und |or |and )?(?:(?:geht|passt|reicht|klappt|funktioniert) (?:das|es)(?: so)?"
    r"(?: auch)?|(?:ist|waere|wäre) (?:das|es) (?:so )?(?:ok|okay|in ordnung|moeglich|möglich"
    r"|machbar|realistisch|erlaubt|zulaessig|zulässig)|(?:is|would|will) (?:that|this|it)"
    r" (?:be )?(?:ok|okay|fine|enough|possible|allowed|realistic|alright|acceptable)"
    r"|(?:does|would|will) (?:that|this|it) work)(?: so)?$"
)
"""Whether the answer just given is acceptable ("geht das?", "reicht das?", "is that ok?"):
answered, like a bare "why", by the entry with the rule the question is about."""


def asks_if_fine(question: str) -> bool:
    """ "geht das?", "ist das so ok?", "is that enough?": whether the answer given will do."""
    return bool(_FINE.match(" ".join(_words(question))))


def asks_why(question: str) -> bool:
    """ "wieso?", "wozu brauchen Sie das", "why do you need that?": why the bot asks."""
    words = _words(question)
    return bool(words) and bool(_WHY.match(" ".join(words))) and set(words) <= _WHY_WORDS


@dataclass(frozen=True)
class _Phrase:
    words: tuple[frozenset[str], ...]
    """The lemmas of each word."""
    typed: tuple[str, ...]
    """Each word folded, as it stands in the keyword."""

    @property
    def size(self) -> int:
        return len(self.words)


def _words(text: str) -> list[str]:
    return fold(text[:MAX_QUESTION]).split()


def _phrase(text: str) -> _Phrase:
    words = _words(text)
    return _Phrase(tuple(lemmas(word) for word in words), tuple(words))


@dataclass(frozen=True)
class _Word:
    lemmas: frozenset[str]
    typed: str
    unknown: bool
    """No dictionary knows it: perhaps a typo of a keyword."""


def _word(word: str) -> _Word:
    return _Word(lemmas(word), word, len(word) >= MIN_NEAR - 1 and not known(word))


def _same(keyword: _Phrase, k: int, word: _Word) -> bool:
    if keyword.words[k] & word.lemmas:
        return True
    typed = keyword.typed[k]
    return (
        word.unknown
        and len(typed) >= MIN_NEAR
        and typed[0] == word.typed[0]
        and Levenshtein.distance(typed, word.typed, score_cutoff=1) <= 1
    )


def _content(text: str) -> str:
    return " ".join(word for word in _words(text) if word not in FILLERS)


def _occurs(phrase: _Phrase, words: Sequence[_Word]) -> bool:
    size = phrase.size
    if not size:
        return False
    return any(
        all(_same(phrase, k, words[start + k]) for k in range(size))
        for start in range(len(words) - size + 1)
    )


@dataclass(frozen=True)
class Match:
    entry: FaqEntry
    score: float


class FaqFinder:
    """Built once per knowledge base."""

    def __init__(self, entries: Sequence[FaqEntry]) -> None:
        self._entries = tuple(entries)
        self._keywords = [[_phrase(keyword) for keyword in e.keywords] for e in self._entries]
        self._phrasings = [
            [_content(text) for text in (*e.questions, *e.questions_en)] for e in self._entries
        ]

    def ranked(self, question: str) -> list[Match]:
        """Every entry with its score, best first."""
        words = [_word(word) for word in _words(question)]
        content = _content(question)
        matches = []
        for entry, keywords, phrasings in zip(
            self._entries, self._keywords, self._phrasings, strict=True
        ):
            weight = sum(keyword.size for keyword in keywords if _occurs(keyword, words))
            similar = max(
                (fuzz.token_set_ratio(content, phrasing) for phrasing in phrasings if content),
                default=0.0,
            )
            matches.append(Match(entry, similar + KEYWORD_WEIGHT * weight))
        return sorted(matches, key=lambda match: -match.score)

    def find(self, question: str, asked: Asked | None = None) -> FaqEntry | None:
        """The entry that answers `question` asked at a question for `asked`, or None (see
        the module's rules)."""
        if asked is not None and (asks_why(question) or asks_if_fine(question)):
            wanted = WHY_ASKED.get(asked)
            return next((e for e in self._entries if e.id == wanted), None)
        ranked = self.ranked(question)
        if not ranked or ranked[0].score < THRESHOLD:
            return None
        if len(ranked) > 1 and ranked[0].score - ranked[1].score < MARGIN:
            return None
        return ranked[0].entry


@once_per_knowledge_base
def _finder(kb: KnowledgeBase) -> FaqFinder:
    return FaqFinder(kb.faq)


def find_faq(question: str, kb: KnowledgeBase, asked: Asked | None = None) -> FaqEntry | None:
    """The FAQ entry of `kb` that answers `question` (asked at a question for `asked`), or
    None."""
    return _finder(kb).find(question, asked)
