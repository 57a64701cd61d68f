"""Shared test configuration: hypothesis profiles (derandomised in CI, never deadline-bound)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from bot.advice.advise import Advisor
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_directory
from bot.kb.shipped import shipped_knowledge_dir

pytest_plugins = [
    "tests.support.plugin",
    "tests.support.markers",
    "tests.support.bot",
    "tests.support.fixtures",
]

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=100,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", deadline=None, max_examples=100)
# `make test-fast`, the tight loop: a quarter of the examples; `make test` and CI run them all.
settings.register_profile("fast", deadline=None, max_examples=25)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The shipped knowledge base, the real YAML files."""
    return load_directory(shipped_knowledge_dir())


@pytest.fixture(scope="session")
def advisor(kb: KnowledgeBase) -> Advisor:
    return Advisor(kb)
