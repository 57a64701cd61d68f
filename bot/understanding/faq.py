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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import FaqEntry
from bot.understanding.normalize import fold
from bot.understanding.words import lemmas

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


@dataclass(frozen=True)
class _Phrase:
    words: tuple[frozenset[str], ...]
    """The lemmas of each word."""

    @property
    def size(self) -> int:
        return len(self.words)


def _words(text: str) -> list[str]:
    return fold(text[:MAX_QUESTION]).split()


def _phrase(text: str) -> _Phrase:
    return _Phrase(tuple(lemmas(word) for word in _words(text)))


def _content(text: str) -> str:
    return " ".join(word for word in _words(text) if word not in FILLERS)


def _occurs(phrase: _Phrase, words: Sequence[frozenset[str]]) -> bool:
    size = phrase.size
    if not size:
        return False
    return any(
        all(phrase.words[k] & words[start + k] for k in range(size))
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
        words = [lemmas(word) for word in _words(question)]
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

    def find(self, question: str) -> FaqEntry | None:
        """The entry that answers `question`, or None (see the module's rules)."""
        ranked = self.ranked(question)
        if not ranked or ranked[0].score < THRESHOLD:
            return None
        if len(ranked) > 1 and ranked[0].score - ranked[1].score < MARGIN:
            return None
        return ranked[0].entry


_FINDERS: dict[int, tuple[KnowledgeBase, FaqFinder]] = {}
"""One finder per knowledge base in use (by identity: a knowledge base is not hashable)."""


def _finder(kb: KnowledgeBase) -> FaqFinder:
    known = _FINDERS.get(id(kb))
    if known is None or known[0] is not kb:
        if len(_FINDERS) >= 8:
            _FINDERS.clear()
        known = _FINDERS[id(kb)] = (kb, FaqFinder(kb.faq))
    return known[1]


def find_faq(question: str, kb: KnowledgeBase) -> FaqEntry | None:
    """The FAQ entry of `kb` that answers `question`, or None."""
    return _finder(kb).find(question)
