"""People chatting with the bot in process about a case: the conversation service on a real
SQLite file, the outbox delivered by the real worker after each step (`ChatPlayer` of the
transcripts), and restarts that build a new runtime on the same files."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from bot.clock import FixedClock
from bot.core.events import Event, Upload
from bot.core.outputs import Document, Output
from bot.core.updates import Incoming
from bot.runtime import build_runtime
from bot.settings import Settings
from tests.support.drivers.chat import ChatPlayer, Shown
from tests.support.drivers.common import BOT_USERNAME, TODAY, find_label, settings
from tests.support.scripts import CONTACT, HILDESHEIM, SPONSOR, STAFF, to_summary_de
from tests.support.steps import Cmd, Join, Person, Say, Script, Step, Tap
from tests.support.transcript import Transcript

PEOPLE = (SPONSOR, CONTACT, STAFF)

REGISTERED: tuple[Step, ...] = (
    Cmd("kontakt_einladen", who="staff"),
    Tap(HILDESHEIM, who="staff"),
    Join("contact"),
)
"""Staff invite a contact of Hildesheim's alliance, who joins."""

HANDED_OVER: tuple[Step, ...] = (
    *to_summary_de(),
    Tap("übergeben"),
    Say("Bildungswerk Sarstedt e. V."),
    Say("Projektleitung Pflege"),
    Say("05066 123456 oder pflege@bildungswerk.example"),
    Tap("Einverstanden"),
)
"""The sponsor types a draft and hands it over with consent."""

SUPPORTED: tuple[Step, ...] = (
    Tap("Übernehmen", who="contact", on="Übergabe Nr. 1"),
    Cmd("eingang", who="contact"),
    Tap("Nr. 1", who="contact"),
    Tap("Unterstützt", who="contact"),
    Say("Gute Idee.", who="contact"),
)
"""The contact takes the handoff over and supports it."""


class Session:
    """A script played step by step; `restart()` stops the runtime and builds a new one on
    the same data directory, the chats (with their buttons) staying as they were."""

    def __init__(
        self,
        data_dir: Path,
        clock: FixedClock | None = None,
        people: tuple[Person, ...] = PEOPLE,
    ) -> None:
        self.data_dir = data_dir
        self.clock = clock or FixedClock(TODAY)
        self.script = Script("procedure", "a case in chat", people, ())
        self.transcript = Transcript(self.script.name, "chat", people)
        self.player: ChatPlayer | None = None

    @property
    def settings(self) -> Settings:
        return settings(self.script, self.data_dir)

    async def start(self) -> Session:
        runtime = await build_runtime(self.settings, self.clock)
        runtime.bot_username = BOT_USERNAME
        player = ChatPlayer(runtime, self.script, self.transcript)
        if self.player is not None:
            player.chats = self.player.chats
            player.transport.chats = self.player.transport.chats
            player.update_ids = self.player.update_ids
        self.player = player
        return self

    async def stop(self) -> None:
        if self.player is not None:
            await self.player.runtime.close()

    async def __aenter__(self) -> Session:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def tick(self) -> int:
        """One round of the runtime's scheduler at the clock's time, its outbox items
        delivered; returns how many it wrote."""
        assert self.player is not None
        scheduler = self.player.runtime.scheduler
        assert scheduler is not None
        written = await scheduler.tick()
        await self.player._deliver()
        return written

    async def play(self, *steps: Step) -> None:
        assert self.player is not None
        for step in steps:
            await self.player.play(step)

    async def say(self, step: Step) -> str:
        """Play one step; what its person was shown by it, as text."""
        assert self.player is not None
        before = len(self.player.chats[step.who].messages)
        await self.play(step)
        return "\n\n".join(m.text for m in self.player.chats[step.who].messages[before:])

    async def handle(self, who: str, event: Event) -> list[Output]:
        """An event the script's steps cannot express (a file sent), or a press whose
        outputs a test reads whole (a document's bytes): handled like a step, shown in the
        person's chat, the outbox delivered; returns the outputs."""
        assert self.player is not None
        chat = self.player.chats[who]
        person = chat.person
        handled = await self.player.runtime.conversations.handle(
            Incoming(
                person.user_id,
                event,
                next(self.player.update_ids),
                person.language,
                name=person.name,
            )
        )
        self.player.transcript.add(self.player._show(chat, handled, None))
        await self.player._deliver()
        return handled.outputs

    async def upload(self, filename: str, content: bytes, who: str = "sponsor") -> str:
        """Send a file; what the person was shown by it, as text."""
        before = self.count(who)
        await self.handle(who, Upload(filename, content))
        return self.received(who, before)

    async def documents(self, label: str, who: str) -> list[Document]:
        """Tap a button and return the documents the reply carries."""
        shown = self.last_with_buttons(who)
        press = shown.presses[find_label(shown.labels, label, f"{who} taps {label!r}")]
        return [o for o in await self.handle(who, press) if isinstance(o, Document)]

    def delivered(self, who: str) -> list[tuple[str, str, int | None]]:
        """Documents the outbox delivered to `who`: (file name, media type, size)."""
        assert self.player is not None
        return [
            (r.file.name, r.file.mime_type, r.file.size)
            for turn in self.transcript.turns
            for r in turn.received
            if r.who == who and r.kind == "document" and r.file is not None
        ]

    def last(self, who: str) -> Shown:
        assert self.player is not None
        return self.player.chats[who].messages[-1]

    def last_with_buttons(self, who: str) -> Shown:
        assert self.player is not None
        return self.player.chats[who].find(None, with_buttons=True)

    def received(self, who: str, since: int = 0) -> str:
        assert self.player is not None
        return "\n\n".join(m.text for m in self.player.chats[who].messages[since:])

    def count(self, who: str) -> int:
        assert self.player is not None
        return len(self.player.chats[who].messages)

    def rows(self, sql: str, *params: object) -> list[Any]:
        with sqlite3.connect(self.settings.database_path) as connection:
            return connection.execute(sql, params).fetchall()

    def case(self) -> tuple[Any, ...]:
        (row,) = self.rows("SELECT id, stage, revision, contact_name FROM cases")
        return tuple(row)

    def steps(self) -> list[tuple[str, str]]:
        return [
            (str(k), str(r)) for k, r in self.rows("SELECT kind, role FROM case_steps ORDER BY id")
        ]
