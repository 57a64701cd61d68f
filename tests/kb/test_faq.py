"""faq.yaml: every answer carries its source, and the loader refuses answers that claim more
than their source (a strategy answer without a chapter, a public one that does not say so, one
without a source that points nowhere) and phrasings that lead to two answers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import SourceKind
from bot.kb.store import KnowledgeStore
from tests.kb.edits import check, edited_projects, put, replace_in_file

TOPICS = {
    "own_share",
    "total_costs",
    "who_decides",
    "local_alliance",
    "region",
    "applicants",
    "procedure_time",
    "duration_rules",
    "sketch",
}
"""The topics of questions the evaluation set asks (tests/eval/understanding)."""


def test_the_shipped_faq_answers_the_topics_sponsors_ask(kb: KnowledgeBase) -> None:
    assert {entry.id for entry in kb.faq} >= TOPICS
    assert kb.counts()["faq"] == len(kb.faq)


def test_every_answer_says_where_it_comes_from(kb: KnowledgeBase) -> None:
    for entry in kb.faq:
        if entry.source_kind is SourceKind.STRATEGY:
            assert "Kap." in entry.source
        if entry.source_kind is SourceKind.PUBLIC:
            assert "öffentlich" in entry.answer and "public" in entry.answer_en
        if entry.source_kind is SourceKind.NONE:
            assert "Koordinierungsstelle" in entry.answer
            assert "coordination office" in entry.answer_en


def test_how_long_the_procedure_takes_has_no_source_and_says_so(kb: KnowledgeBase) -> None:
    entry = next(entry for entry in kb.faq if entry.id == "procedure_time")
    assert entry.source_kind is SourceKind.NONE
    assert "kann ich Ihnen nicht verlässlich sagen" in entry.answer
    # a person, not a form: /mensch asks only how to reach the sponsor
    assert "/mensch" in entry.answer and "/human" in entry.answer_en


def test_the_faq_states_the_strategys_rules(kb: KnowledgeBase) -> None:
    answers = {entry.id: entry for entry in kb.faq}
    assert "31.12.2028" in answers["duration_rules"].answer
    assert "drei Jahre" in answers["duration_rules"].answer
    assert "500.000 €" in answers["total_costs"].answer
    assert "Lenkungsgruppe" in answers["who_decides"].answer
    assert "NBank" in answers["who_decides"].answer


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "    source: Strategie Kap. 5 (Laufzeit bis zu drei Jahren",
            "    source: Strategie (Laufzeit bis zu drei Jahren",
            "must name a chapter of the strategy",
        ),
        (
            "      wird. Nach öffentlichen Angaben zum Landesprogramm",
            "      wird. Nach Angaben zum Landesprogramm",
            "must say that it rests on a public source",
        ),
        (
            "Termine und Fristen kennen die Koordinierungsstelle",
            "Termine und Fristen kennen die Stellen",
            "must say who can help",
        ),
        (
            "      - Wer kann einen Antrag stellen?",
            "      - Was ist ein Eigenanteil?",
            "is also listed under “own_share”",
        ),
        ("  - id: sketch\n", "  - id: region\n", "“region” occurs twice"),
        ("    source_kind: strategy\n", "    source_kind: maybe\n", "invalid value"),
    ],
)  # fmt: skip
def test_broken_faq_entries_are_refused(
    knowledge_copy: Path, old: str, new: str, said: str
) -> None:
    replace_in_file(knowledge_copy / "faq.yaml", old, new)
    code, output = check(knowledge_copy)
    assert code == 1
    assert "faq.yaml, line" in output and said in output
    assert "Traceback" not in output


def test_a_version_stored_before_the_faq_existed_is_completed_with_the_shipped_faq(
    tmp_path: Path,
) -> None:
    store = KnowledgeStore(tmp_path / "data", FixedClock(datetime(2025, 3, 1, 9, 30)))
    assert put(store, "projects.yaml", edited_projects(), "cli:anna").ok
    version = tmp_path / "data" / "knowledge" / "versions" / "0001"
    (version / "faq.yaml").unlink()  # as written by a release without faq.yaml
    reopened = KnowledgeStore(tmp_path / "data", FixedClock(datetime(2025, 3, 1, 9, 30)))
    assert reopened.live_version() == "v1"
    assert reopened.live().project("pflegelotsen-test")
    assert {entry.id for entry in reopened.live().faq} >= TOPICS
