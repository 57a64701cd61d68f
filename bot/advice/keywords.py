"""Keywords of the knowledge base that no text can match, for `kb check` to report.

Every keyword and phrase is matched as written (bot/advice/vocabulary.py); what can still match
nothing is a keyword that is no word at all, or only a stop word or a too short word ("Projekt",
"und", "eu" in lower case): the vocabulary leaves those out of every text. A keyword that the
vocabulary does not find in its own wording would be a fault of the vocabulary; it is reported
the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bot.advice.matching import Matcher
from bot.advice.vocabulary import Vocabulary, stop_words_only, words
from bot.kb.knowledge import KnowledgeBase


@dataclass(frozen=True)
class Unmatchable:
    file: str
    entry: str
    """The entry the keyword belongs to (a sub-goal, project, target group, term or list)."""
    keyword: str


def keywords(kb: KnowledgeBase) -> Iterator[tuple[str, str, str]]:
    """(file, entry, keyword) for every word and phrase the vocabulary is built from."""
    fields = "action_fields.yaml"
    for field in kb.action_fields:
        yield from ((fields, field.id, word) for word in field.keywords)
        for goal in field.sub_goals:
            for word in (goal.title, *goal.keywords, *goal.organisations):
                yield fields, goal.id, word
    for term in kb.matching.terms:
        for word in (term.de, *term.en, *term.also):
            yield fields, f"matching.terms {term.de}", word
    for name in ("generic_terms", "context_terms", "work_terms"):
        for word in getattr(kb.matching, name):
            yield fields, f"matching.{name}", word
    for group in kb.target_groups:
        for word in (group.label, *group.synonyms):
            yield "target_groups.yaml", group.id, word
    for theme in kb.rules.focus_themes:
        for word in (theme.title, *theme.keywords):
            yield "rules.yaml", theme.id, word
    for strand in kb.rules.project_types:
        yield from (("rules.yaml", strand.id, word) for word in strand.keywords)
    for project in kb.projects:
        yield from (("projects.yaml", project.id, word) for word in project.keywords)


def unmatchable(kb: KnowledgeBase, vocabulary: Vocabulary | None = None) -> list[Unmatchable]:
    """The keywords no text can match, each once."""
    vocabulary = vocabulary or Matcher(kb).vocabulary
    found: list[Unmatchable] = []
    for file, entry, keyword in keywords(kb):
        if not _matches_itself(vocabulary, entry, keyword):
            found.append(Unmatchable(file, entry, keyword))
    return list(dict.fromkeys(found))


def _matches_itself(vocabulary: Vocabulary, entry: str, keyword: str) -> bool:
    if entry == "matching.work_terms":  # read word by word (bot/advice/matching.py)
        return bool(words(keyword))
    key = vocabulary.key_of(keyword)
    if entry == "matching.generic_terms" and not key:
        # A stop word ("Projekt") is more than generic: it never counts, as the list asks.
        return stop_words_only(keyword)
    if not key:
        return False
    if entry in ("matching.generic_terms", "matching.context_terms"):
        return True  # lists that qualify the vocabulary's words, not entries of it
    return key in {hit.key for hit in vocabulary.find(keyword, dictionary=False)}
