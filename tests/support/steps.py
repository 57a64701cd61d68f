"""What people do in a scripted conversation: the steps, as data.

A step names who acts (a key of the script's people) and what they do, the way a person would:
type a text, type a command, tap a button found by its visible label, reply to a message, or
open an invitation link they were sent. Nothing here knows a transport; each driver turns a
step into that transport's event (`tests/support/drivers/`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.texts.catalog import Language

DriverName = Literal["engine", "chat", "terminal", "telegram"]
ALL_DRIVERS: frozenset[DriverName] = frozenset({"engine", "chat", "terminal", "telegram"})
"""engine: the pure dialog engine; chat: the conversation service in process on a real SQLite
file; terminal: `bot/adapters/terminal.py` with piped input; telegram: the real PTB application
over HTTP against `tests/botapi`."""


@dataclass(frozen=True)
class Person:
    key: str
    """How steps and transcripts name this person ("sponsor", "contact", "staff")."""
    user_id: int
    name: str
    """The display name (Telegram's first name; contacts are shown to sponsors by it)."""
    language: Language = "de"
    """The device's language (Telegram's language_code; the terminal's default language)."""
    staff: bool = False
    """Listed in BOT_ADMIN_IDS."""


@dataclass(frozen=True)
class Say:
    """Type and send a text."""

    text: str
    who: str = "sponsor"

    def describe(self) -> str:
        return f"{self.who} types: {self.text}"


@dataclass(frozen=True)
class Cmd:
    """Type a slash command, as a person would in any language (`/zurueck`, `/back`)."""

    word: str
    argument: str = ""
    who: str = "sponsor"

    @property
    def text(self) -> str:
        return f"/{self.word} {self.argument}".rstrip()

    def describe(self) -> str:
        return f"{self.who} types: {self.text}"


@dataclass(frozen=True)
class Tap:
    """Tap a button found by its visible label: exactly, else the one label containing it.

    The button is on the latest message that has buttons, or with `on` on the latest message
    whose text contains `on` (an older prompt: a stale button, a notification)."""

    label: str
    who: str = "sponsor"
    on: str | None = None

    def describe(self) -> str:
        where = f' on the message with "{self.on}"' if self.on else ""
        return f'{self.who} taps: "{self.label}"{where}'


@dataclass(frozen=True)
class ReplyTo:
    """Answer a message as a reply to it (Telegram's "reply"): the latest message whose text
    contains `on`."""

    on: str
    text: str
    who: str = "sponsor"

    def describe(self) -> str:
        return f'{self.who} replies to the message with "{self.on}": {self.text}'


@dataclass(frozen=True)
class Join:
    """Open the invitation link last sent to `invited_by` (Telegram sends `/start <payload>`)."""

    who: str
    invited_by: str = "staff"

    def describe(self) -> str:
        return f"{self.who} opens the invitation link {self.invited_by} created"


Step = Say | Cmd | Tap | ReplyTo | Join


@dataclass(frozen=True)
class Script:
    name: str
    """File name of its golden transcripts: tests/transcripts/<driver>/<name>.txt."""
    about: str
    people: tuple[Person, ...]
    steps: tuple[Step, ...]
    drivers: frozenset[DriverName] = field(default_factory=lambda: frozenset({"chat", "telegram"}))

    def person(self, key: str) -> Person:
        for person in self.people:
            if person.key == key:
                return person
        raise KeyError(f"{self.name}: nobody called {key!r}")

    def __post_init__(self) -> None:
        keys = [p.key for p in self.people]
        assert len(set(keys)) == len(keys), keys
        for step in self.steps:
            self.person(step.who)
            if isinstance(step, Join):
                self.person(step.invited_by)
        if self.drivers & {"engine", "terminal"}:
            assert keys == ["sponsor"], f"{self.name}: the engine and terminal have one sponsor"
            assert self.steps[0] == Cmd("start"), f"{self.name}: they begin with /start"
