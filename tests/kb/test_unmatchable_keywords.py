"""`kb check` reports a keyword of the knowledge base that no text can match (#14): a stop word,
a short word in lower case, no word at all. A warning, since the rest of the vocabulary works."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.kb.edits import check, replace_in_file


@pytest.mark.parametrize(
    ("keyword", "unmatchable_as"),
    [("und", "a stop word"), ("eu", "a short word in lower case"), ("–", "no word")],
)
def test_kb_check_reports_a_keyword_no_text_can_match(
    knowledge_copy: Path, keyword: str, unmatchable_as: str
) -> None:
    replace_in_file(knowledge_copy / "projects.yaml", "- 11. jahrgang", f"- '{keyword}'")
    code, output = check(knowledge_copy)
    assert code == 0, unmatchable_as  # a warning: the rest of the vocabulary works
    assert "Keywords that no text can match (1;" in output
    assert f"“{keyword}” (projects.yaml, " in output


def test_kb_check_is_quiet_about_the_shipped_keywords(knowledge_copy: Path) -> None:
    code, output = check(knowledge_copy)
    assert code == 0
    assert "no text can match" not in output
