"""Which knowledge base is live: the newest version staff applied, else the shipped one."""

from __future__ import annotations

from pathlib import Path

from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_directory
from bot.kb.shipped import shipped_knowledge_dir


def load_live(data_dir: Path) -> KnowledgeBase:
    return load_directory(shipped_knowledge_dir(), version="shipped")
