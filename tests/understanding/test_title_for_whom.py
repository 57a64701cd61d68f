"""`names_only_for_whom`: an answer that says only whom a project is for is no name (#12)."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.for_whom import names_only_for_whom
from bot.understanding.groups import group_finder


@pytest.mark.parametrize(
    "text",
    [
        "it's for young refugees really",
        "this is mainly for single parents",
        "for long-term unemployed people",
        "das ist für junge Geflüchtete gedacht",
        "eigentlich für Alleinerziehende",
        "für Langzeitarbeitslose",
    ],
)
def test_whom_it_is_for_alone_names_no_title(kb: KnowledgeBase, text: str) -> None:
    assert names_only_for_whom(text, group_finder(kb))


@pytest.mark.parametrize(
    "text",
    [
        "Zukunft für junge Geflüchtete",
        "Mentoring für Alleinerziehende",
        "Fresh Start for Single Parents",
        "„Für Alleinerziehende“",
        "Pflege plus",
        "young refugees",
    ],
)
def test_a_name_of_its_own_or_no_for_is_not_read_so(kb: KnowledgeBase, text: str) -> None:
    assert not names_only_for_whom(text, group_finder(kb))
