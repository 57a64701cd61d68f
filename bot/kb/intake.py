"""A knowledge file staff send in the chat: applied at once, or shown and held for their
confirmation.

A file that names its version (exported files do, see `stamp.py`) under its exact name is
applied on that version: merged with colleagues' changes since, or refused naming them. A file
without a version is compared with the live version and applied only when its author confirms
the changes shown; so is one whose name was only recognised ("Projekte neu.yaml"). The held
file is stored, so the confirmation applies exactly what was shown, on the version it was
shown against.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.kb.filenames import guess_file
from bot.kb.stamp import read_stamp
from bot.kb.store import (
    Applied,
    Author,
    FileUpload,
    KnowledgeStore,
    Pending,
    Plan,
    check_upload,
    upload_name,
)


@dataclass(frozen=True)
class Received:
    plan: Plan
    sent_as: str
    """The file name as sent."""
    applied: Applied | None = None
    """Applied (or refused) at once."""
    pending: Pending | None = None
    """Held for the author's confirmation."""
    guessed: bool = False
    """The knowledge file was recognised from a name that is not exactly its own."""
    unversioned: bool = False
    """The file names no version: the changes shown are against the live version."""


def target_of(name: str, content: bytes) -> tuple[str | None, bool]:
    """The knowledge file a sent file replaces, and whether that was only guessed."""
    exact = upload_name(name)
    if exact is not None:
        return exact, False
    if check_upload("projects.yaml", len(content)):  # too large to look into
        return None, False
    guessed = guess_file(name, content)
    return guessed, guessed is not None


def examine(store: KnowledgeStore, name: str, content: bytes) -> Received:
    """A dry run of a sent file: what it would change (nothing is held or applied)."""
    target, guessed = target_of(name, content)
    stamp = read_stamp(content)
    plan = store.plan(FileUpload(target or name, content), stamp)
    return Received(plan, name, guessed=guessed, unversioned=stamp is None)


def receive(store: KnowledgeStore, name: str, content: bytes, author: Author) -> Received:
    target, guessed = target_of(name, content)
    stamp = read_stamp(content)
    upload = FileUpload(target or name, content)
    if stamp is not None and target is not None and not guessed:
        applied = store.apply(upload, based_on=stamp, author=author)
        plan = applied.plan or store.plan(upload, stamp)
        return Received(plan, name, applied=applied)
    plan = store.plan(upload, stamp)
    received = Received(plan, name, guessed=guessed, unversioned=stamp is None)
    if not plan.ok or plan.identical:
        return received
    pending = store.hold(upload, stamp or plan.live, author, name)
    return Received(plan, name, pending=pending, guessed=guessed, unversioned=stamp is None)
