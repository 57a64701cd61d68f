"""Fixtures of the reader's tests."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.groups.finder import GroupFinder
from bot.understanding.organisations import organisation_words
from bot.understanding.places import PlaceResolver
from tests.understanding.reading import Finders


@pytest.fixture(scope="module")
def finders(kb: KnowledgeBase) -> Finders:
    """The place resolver, the target-group finder and the words for kinds of organisation of
    the shipped knowledge."""
    return PlaceResolver(kb), GroupFinder(kb.target_groups), organisation_words(kb)
