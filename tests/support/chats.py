"""Several people chatting with the bot in process: the multi-user driver for tests.

`Chats` plays steps (`Say`, `Cmd`, `Tap`, `ReplyTo`, `Join`) of any number of people on the
conversation service over a real SQLite file, with the outbox delivered by the real worker
after each step (`ChatPlayer` of the transcripts) and an injected clock. Alliance, contact and
staff variants run on it without HTTP; what only Telegram can show (keyboards as sent, files
over HTTP, Bot API errors, restarts of the PTB application) stays with the Bot API tests.

    async with Chats(tmp_path, SPONSOR, CONTACT, STAFF) as chats:
        got = await chats.send("staff", "/kontakt_einladen")
        assert HILDESHEIM in got.labels
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from bot.clock import FixedClock
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from tests.support.bot import draft_answers
from tests.support.drivers.chat import ChatPlayer, Shown
from tests.support.drivers.common import BOT_USERNAME, TODAY, settings
from tests.support.steps import Join, Person, ReplyTo, Say, Script, Step, Tap
from tests.support.transcript import Received, Transcript

UNKNOWN = "Diesen Befehl kenne ich nicht. /hilfe zeigt, was möglich ist."
"""The answer to a command that does not exist, or that is not the person's."""


@dataclass(frozen=True)
class Got:
    """What one step brought, to everybody; read by default as what `who` (the actor) got."""

    who: str
    entries: tuple[Received, ...]

    def of(self, who: str) -> Got:
        return Got(who, self.entries)

    @property
    def mine(self) -> list[Received]:
        return [e for e in self.entries if e.who == self.who]

    @property
    def messages(self) -> list[Received]:
        """New messages, edits in place and documents (their captions), in order."""
        return [e for e in self.mine if e.kind in ("message", "edit", "document")]

    @property
    def text(self) -> str:
        return "\n".join(e.text for e in self.messages)

    @property
    def labels(self) -> list[str]:
        """The button labels of the last message with buttons that this step brought."""
        for entry in reversed(self.messages):
            if entry.buttons:
                return [label for row in entry.buttons for label in row]
        return []

    @property
    def documents(self) -> list[Received]:
        return [e for e in self.mine if e.kind == "document"]

    @property
    def notes(self) -> list[str]:
        return [e.text for e in self.mine if e.kind == "note"]

    def __str__(self) -> str:
        return self.text


def typed_draft(command: str | None = "/start", **answers: Any) -> list[Step]:
    """A complete draft typed as a sponsor would, question by question (`draft_answers`, the
    same answers the walk over HTTP types); `command` None when the first question is asked."""
    typed = [Say(text) for text in draft_answers(**answers)]
    return [Say(command), *typed] if command is not None else typed


class Chats:
    """People chatting with one bot in process; `restart()` builds a new runtime on the same
    data directory, the chats (with their buttons) staying as they were."""

    def __init__(
        self,
        data_dir: Path,
        *people: Person,
        clock: FixedClock | None = None,
        **overrides: object,
    ) -> None:
        self.data_dir = data_dir
        self.clock = clock or FixedClock(TODAY)
        self.script = Script("chats", "people chatting in process", people, ())
        self.overrides = overrides
        self.transcript = Transcript(self.script.name, "chat", people)
        self._player: ChatPlayer | None = None

    @property
    def settings(self) -> Settings:
        return settings(self.script, self.data_dir, **self.overrides)

    @property
    def player(self) -> ChatPlayer:
        assert self._player is not None, "not started"
        return self._player

    @property
    def runtime(self) -> Runtime:
        return self.player.runtime

    async def start(self) -> Chats:
        runtime = await build_runtime(self.settings, self.clock)
        runtime.bot_username = BOT_USERNAME
        player = ChatPlayer(runtime, self.script, self.transcript)
        if self._player is not None:
            player.chats = self._player.chats
            player.transport.chats = self._player.transport.chats
            player.update_ids = self._player.update_ids
        self._player = player
        return self

    async def stop(self) -> None:
        if self._player is not None:
            await self._player.runtime.close()

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    async def __aenter__(self) -> Chats:
        return await self.start()

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()
        if error is not None:
            error.add_note(f"transcript so far:\n{self.transcript.render()[-3000:]}")

    # --- acting ----------------------------------------------------------------------------

    async def play(self, *steps: Step) -> Got:
        """Play the steps; what the last of them brought (to its actor, by default)."""
        assert steps
        for step in steps:
            await self.player.play(step)
        return Got(steps[-1].who, tuple(self.transcript.turns[-1].received))

    async def send(self, who: str, text: str) -> Got:
        return await self.play(Say(text, who=who))

    async def tap(self, who: str, label: str, on: str | None = None) -> Got:
        return await self.play(Tap(label, who=who, on=on))

    async def reply(self, who: str, on: str, text: str) -> Got:
        return await self.play(ReplyTo(on, text, who=who))

    async def join(self, who: str, invited_by: str = "staff") -> Got:
        return await self.play(Join(who, invited_by))

    async def draft(self, who: str = "sponsor", **answers: Any) -> Got:
        """A complete draft typed (`typed_draft`); what the summary said."""
        got = await self.play(*[_as(step, who) for step in typed_draft(**answers)])
        assert "Zusammenfassung" in got.text, got.text
        return got

    async def hand_over(
        self,
        who: str = "sponsor",
        organisation: str = "Bildungswerk Sarstedt e. V.",
        person: str = "Projektleitung Pflege",
        channel: str = "pflege@bildungswerk.example",
    ) -> Got:
        """From the summary: "Übergeben", the contact details and consent; what the consent
        brought (the confirmation, the notifications, the delivery report)."""
        await self.tap(who, "Übergeben")
        for answer in (organisation, person, channel):
            await self.send(who, answer)
        return await self.tap(who, "Einverstanden")

    async def register(self, alliance: str, *contacts: str, staff: str = "staff") -> None:
        """Staff invite each of `contacts` for `alliance`, and each opens the link."""
        for contact in contacts:
            await self.send(staff, "/kontakt_einladen")
            await self.tap(staff, alliance)
            registered = await self.join(contact, staff)
            assert registered.text.startswith("✅") and alliance in registered.text, registered

    async def tick(self) -> int:
        """One round of the runtime's scheduler at the clock's time, its outbox delivered."""
        scheduler = self.runtime.scheduler
        assert scheduler is not None
        written = await scheduler.tick()
        await self.player._deliver()
        return written

    # --- looking -----------------------------------------------------------------------------

    def messages(self, who: str) -> list[Shown]:
        return self.player.chats[who].messages

    def last(self, who: str) -> Shown:
        return self.messages(who)[-1]

    def rows(self, sql: str, *params: object) -> list[Any]:
        with sqlite3.connect(self.settings.database_path) as connection:
            return connection.execute(sql, params).fetchall()


def _as(step: Step, who: str) -> Step:
    assert isinstance(step, Say)
    return Say(step.text, who=who)
