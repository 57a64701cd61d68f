"""Where the knowledge base shipped with the package lives."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def shipped_knowledge_dir() -> Path:
    """`bot/shipped_knowledge` in an installed wheel, `knowledge/` in a source checkout.

    pyproject maps `knowledge/` into the package for wheels; editable installs and a plain
    checkout see the repository layout instead.
    """
    installed = _PACKAGE / "shipped_knowledge"
    return installed if installed.is_dir() else _PACKAGE.parent / "knowledge"
