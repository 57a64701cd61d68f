"""German texts name a local alliance so that every name reads right (review11): the names are
feminine singular ("Fachkräfte-Initiative Weserbergland+") or plural ("Fachkräfte für die Region
Hildesheim"), so an alliance is never the subject of a verb in the singular ("Die Fachkräfte für
die Region Hildesheim hat … übernommen") nor after "zur" ("unterwegs zur Fachkräfte …"); "die"
(accusative), "der" (genitive) and a name after a colon or in brackets fit both."""

from __future__ import annotations

import re

from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import load_catalogue

_SUBJECT = re.compile(r"(?:^|[.!?]\s+|[^\w\s„“]\s*)Die (?:<b>)?\{alliance\}", re.MULTILINE)
_DATIVE = re.compile(r"\b(?:zur|von der|bei der|mit der)\s+(?:<b>)?\{alliance\}")


def test_no_german_text_makes_an_alliance_a_singular_subject_or_dative() -> None:
    wrong = {
        key: text
        for key, text in load_catalogue("de").items()
        if _SUBJECT.search(text) or _DATIVE.search(text)
    }
    assert wrong == {}


def test_the_shipped_alliances_include_a_plural_name(kb: KnowledgeBase) -> None:
    """Why the rule above matters: a shipped alliance's name is a plural."""
    names = [a.name for a in kb.regions.local_alliances]
    assert any(name.startswith("Fachkräfte für") for name in names), names
