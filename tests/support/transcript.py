"""A transcript: what each person received after each step, as stable plain text.

Drivers fill it in their transport's terms (`Received` entries); `render` writes it the same
way for all of them. Whatever varies between runs is left out or replaced: no message ids of
Telegram beyond the chat's own numbering, no tokens (invitation links), no paths of temporary
directories, and of documents only name, type and size with a hash of their bytes (a PDF only
name and type: it embeds its creation date).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from tests.support.steps import Person, Step

Kind = Literal["message", "edit", "ack", "document", "note"]
"""message: a new message; edit: a message changed in place (Telegram) or a reply meant to
replace the pressed one (in process); ack: a pressed prompt marked answered; document: a file;
note: anything else worth seeing (a request of the engine, a command menu set, a chat action)."""

PDF = "application/pdf"

_INVITATION = re.compile(r"(start=inv_)[A-Za-z0-9_-]+")
"""Invitation tokens are random (`secrets.token_urlsafe`)."""


@dataclass(frozen=True)
class File:
    """A document as far as it is the same in every run."""

    name: str
    mime_type: str
    size: int | None
    """None for a PDF (nor its hash: it embeds the moment it was made)."""
    digest: str
    content: bytes = field(default=b"", compare=False, repr=False)
    """The bytes, for a test to read (not compared, not rendered)."""

    @staticmethod
    def of(name: str, mime_type: str, content: bytes) -> File:
        if mime_type == PDF or name.endswith(".pdf"):
            return File(name, mime_type, None, "", content)
        digest = hashlib.sha256(content).hexdigest()[:16]
        return File(name, mime_type, len(content), digest, content)

    def __str__(self) -> str:
        if self.size is None:
            return f"{self.name} ({self.mime_type})"
        return f"{self.name} ({self.mime_type}, {self.size} bytes, sha256 {self.digest})"


@dataclass(frozen=True)
class Received:
    who: str
    kind: Kind
    text: str = ""
    """A document's caption."""
    buttons: tuple[tuple[str, ...], ...] = ()
    file: File | None = None

    @staticmethod
    def document(
        who: str, filename: str, mime_type: str, content: bytes, caption: str = ""
    ) -> Received:
        return Received(who, "document", caption, (), File.of(filename, mime_type, content))


@dataclass
class Turn:
    number: int
    action: str
    step: int | None = None
    """The index of the script's step this turn plays (None: the bot starting, the input
    ending)."""
    received: list[Received] = field(default_factory=list)


@dataclass
class Transcript:
    script: str
    driver: str
    people: Sequence[Person]
    turns: list[Turn] = field(default_factory=list)
    replacements: list[tuple[str, str]] = field(default_factory=list)
    """Literal texts replaced before rendering (a temporary directory's path, say)."""

    def begin(self, action: str, step: int | None = None) -> Turn:
        turn = Turn(len(self.turns), action, step)
        self.turns.append(turn)
        return turn

    def step(self, step: Step, action: str | None = None) -> Turn:
        """A turn for the script's next step (`action`: how this transport played it)."""
        index = sum(1 for turn in self.turns if turn.step is not None)
        return self.begin(action or step.describe(), index)

    def by_step(self) -> dict[int, list[Received]]:
        return {turn.step: turn.received for turn in self.turns if turn.step is not None}

    def add(self, entries: Iterable[Received]) -> None:
        self.turns[-1].received.extend(entries)

    def render(self) -> str:
        order = {person.key: index for index, person in enumerate(self.people)}
        lines = [f"# {self.script}, played by the {self.driver} driver"]
        for person in self.people:
            role = "staff" if person.staff else person.key
            lines.append(f"# {person.key}: {person.name} ({person.language}, {role})")
        for turn in self.turns:
            lines += ["", f"== {turn.number}. {turn.action}"]
            # Per person in the script's order; each person's messages in the order received
            # (deliveries to different chats interleave differently from run to run).
            for entry in sorted(turn.received, key=lambda e: order.get(e.who, len(order))):
                lines += _entry(entry)
        return self.normalise("\n".join(lines) + "\n")

    def normalise(self, text: str) -> str:
        for old, new in self.replacements:
            text = text.replace(old, new)
        return _INVITATION.sub(r"\1<token>", text)


def _entry(entry: Received) -> list[str]:
    head = f"{entry.who} <- {entry.kind}"
    if entry.kind in ("ack", "note"):
        return [f"{head}: {entry.text}"]
    if entry.file is not None:
        head += f" {entry.file}"
    lines = [head]
    if entry.text or entry.kind != "document":
        lines += [f"  | {line}".rstrip() for line in entry.text.rstrip("\n").split("\n")]
    lines += ["  " + " ".join(f"[{label}]" for label in row) for row in entry.buttons]
    return lines
