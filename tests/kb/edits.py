"""Real edits of the shipped knowledge files, as staff would make them."""

from __future__ import annotations

import io
from pathlib import Path

from bot.adapters import kb_cli
from bot.kb.shipped import shipped_knowledge_dir
from bot.kb.store import Applied, Author, FileUpload, KnowledgeStore

NEW_PROJECT = """
  - id: pflegelotsen-test
    title: Pflegelotsen (Test)
    districts: [holzminden, nienburg]
    target_groups: [unternehmen]
    action_fields: [I]
    description: Ein Projekt, das nur die Tests kennen.
    source: Test, Stand März 2025
"""


def shipped(name: str) -> bytes:
    return (shipped_knowledge_dir() / name).read_bytes()


def shipped_text(name: str) -> str:
    return shipped(name).decode("utf-8")


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def remove_project(text: str, id_: str) -> str:
    pieces = text.split("\n  - id: ")
    kept = [piece for piece in pieces if not piece.startswith(f"{id_}\n")]
    assert len(kept) == len(pieces) - 1, id_
    return "\n  - id: ".join(kept)


def edited_projects() -> bytes:
    """Adds `pflegelotsen-test`, retitles `lehrerexkursionen`, removes `schulberufslotsen`."""
    text = shipped_text("projects.yaml")
    text = replace(text, "    title: Lehrerexkursionen\n", "    title: Lehrerexkursionen 2025\n")
    text = remove_project(text, "schulberufslotsen")
    return (text.rstrip("\n") + "\n" + NEW_PROJECT).encode("utf-8")


def retitled_projects(title: str) -> bytes:
    text = replace(
        shipped_text("projects.yaml"), "    title: Lehrerexkursionen\n", f"    title: {title}\n"
    )
    return text.encode("utf-8")


def disk(data_dir: Path) -> dict[str, bytes]:
    """Every file the store keeps (but its lock file), by path: to prove nothing changed."""
    root = data_dir / "knowledge"
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != ".lock"
    }


def put(store: KnowledgeStore, name: str, content: bytes, who: str) -> Applied:
    """Apply a file made on the live version (as one exported just before is)."""
    upload = FileUpload(name, content)
    return store.apply(upload, based_on=store.live_version(), author=Author(who))


def replace_in_file(path: Path, old: str, new: str) -> None:
    """The first `old` in the file becomes `new` (which must be there: an edit that silently
    changes nothing would let a test of a refusal pass for the wrong reason)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def check(directory: Path) -> tuple[int, str]:
    """`kb check` on a directory: its exit code and what it printed (in English)."""
    out = io.StringIO()
    code = kb_cli.check(directory, out, "en")
    return code, out.getvalue()


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)
