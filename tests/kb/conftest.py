"""Fixtures of the knowledge-base tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.kb.shipped import shipped_knowledge_dir


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A copy of the shipped knowledge directory, for a test to break."""
    target = tmp_path / "knowledge"
    shutil.copytree(shipped_knowledge_dir(), target)
    return target
