"""The conversation service in process: several people on one real SQLite file.

Every step becomes an `Incoming` as the Telegram adapter builds it (the person's id, name and
device language, an update id, a press with its prompt's token, a reply with the replied-to
message's buttons). What the outbox queued is delivered by the real `OutboxWorker` through a
transport that only writes it down, right after each step: the contact's notifications (with
the rendered Projektskizze) and the sponsor's news are part of the transcript, and replies to
them find their handoff the way they do in Telegram.
"""

from __future__ import annotations

import base64
import html
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.clock import FixedClock
from bot.core.events import Event, Press, Text
from bot.core.outputs import Acknowledge, Document, Output, Reply
from bot.core.updates import Handled, Incoming
from bot.delivery.worker import OutboxWorker, SendOutcome, Sent
from bot.runtime import Runtime, build_runtime
from bot.storage.outbox import OutboxItem
from bot.texts.catalog import Language
from bot.texts.markup import to_plain
from tests.botapi.html import finish_text, parse_html
from tests.support.drivers.common import (
    BOT_USERNAME,
    TODAY,
    find_label,
    invitation,
    label_text,
    settings,
)
from tests.support.steps import Cmd, Join, Person, ReplyTo, Say, Script, Step, Tap
from tests.support.transcript import Received, Transcript

NOTIFICATION_STEP = "alliance"
"""The step Telegram's outbox puts on notification buttons (`adapters/telegram/outbox.py`)."""


@dataclass
class Shown:
    """A message in a person's chat, as far as pressing and replying need it."""

    id: int
    text: str
    buttons: list[list[tuple[str, Press]]] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return [label for row in self.buttons for label, _ in row]

    @property
    def presses(self) -> list[Press]:
        return [press for row in self.buttons for _, press in row]


@dataclass
class Chat:
    person: Person
    messages: list[Shown] = field(default_factory=list)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def show(self, text: str, buttons: list[list[tuple[str, Press]]] | None = None) -> Shown:
        shown = Shown(next(self.ids), text, buttons or [])
        self.messages.append(shown)
        return shown

    def find(self, fragment: str | None, *, with_buttons: bool) -> Shown:
        for message in reversed(self.messages):
            if with_buttons and not message.buttons:
                continue
            if fragment is None or fragment in message.text:
                return message
        what = "with buttons" if with_buttons else "at all"
        raise AssertionError(f"{self.person.key} has no message {what} containing {fragment!r}")


class RecordingTransport:
    """The outbox's way out in process: every item lands in its person's chat."""

    def __init__(self, chats: dict[int, Chat]) -> None:
        self.chats = chats
        self.received: list[Received] = []

    async def send(self, item: OutboxItem) -> SendOutcome:
        chat = self.chats[item.chat_id]
        who = chat.person.key
        payload = item.payload
        document = payload.document
        caption = _plain(payload.caption or "")
        if document is not None:
            assert document.mime_type is not None, "a notification's file names its type"
            content = base64.b64decode(document.content_b64)
            shown = chat.show(caption)
            self.received.append(
                Received.document(who, document.filename, document.mime_type, content, caption)
            )
            return Sent(shown.id)
        text = _plain(str(payload.text))
        rows = [
            [(html.unescape(b.label)[:64], Press(NOTIFICATION_STEP, b.action)) for b in row]
            for row in payload.buttons
        ]
        shown = chat.show(text, rows)
        labels = tuple(tuple(label for label, _ in row) for row in rows)
        self.received.append(Received(who, "message", text, labels))
        return Sent(shown.id)


def _plain(text_html: str) -> str:
    """HTML as Telegram shows it (the same parser the Bot API server uses)."""
    return finish_text(parse_html(text_html)).text if text_html else ""


class ChatPlayer:
    def __init__(self, runtime: Runtime, script: Script, transcript: Transcript) -> None:
        self.runtime = runtime
        self.script = script
        self.transcript = transcript
        self.chats = {p.key: Chat(p) for p in script.people}
        self.transport = RecordingTransport({c.person.user_id: c for c in self.chats.values()})
        self.worker = OutboxWorker(
            runtime.database,
            runtime.clock,
            self.transport,
            prepare=runtime.conversations.sketches.prepare,
            settled=runtime.conversations.desks.delivery.settled,
        )
        self.update_ids = itertools.count(1)

    async def play(self, step: Step) -> None:
        self.transcript.step(step)
        chat = self.chats[step.who]
        pressed: Shown | None = None
        reply_to: Shown | None = None
        event: Event
        if isinstance(step, Say | Cmd):
            event = Text(step.text)
        elif isinstance(step, Tap):
            pressed = chat.find(step.on, with_buttons=True)
            event = pressed.presses[find_label(pressed.labels, step.label, step.describe())]
        elif isinstance(step, ReplyTo):
            reply_to = chat.find(step.on, with_buttons=False)
            event = Text(step.text)
        else:
            assert isinstance(step, Join)
            inviter = self.chats[step.invited_by]
            payload = invitation([m.text for m in inviter.messages], step.invited_by)
            event = Text(f"/start {payload}")
        person = chat.person
        handled = await self.runtime.conversations.handle(
            Incoming(
                person.user_id,
                event,
                next(self.update_ids),
                person.language,
                name=person.name,
                reply_to=reply_to.id if reply_to is not None else None,
                reply_actions=tuple(p.action for p in reply_to.presses) if reply_to else (),
            )
        )
        self.transcript.add(self._show(chat, handled, pressed))
        await self._deliver()

    def _show(self, chat: Chat, handled: Handled, pressed: Shown | None) -> list[Received]:
        who, language = chat.person.key, handled.language
        received: list[Received] = []
        if pressed is not None and _superseded(handled.outputs):
            pressed.buttons = []  # as Telegram drops the keyboard of a prompt asked anew
        for output in handled.outputs:
            if isinstance(output, Acknowledge):
                received.append(Received(who, "ack", output.answer))
                if pressed is not None:
                    pressed.buttons = []
            elif isinstance(output, Document):
                caption = to_plain(output.caption, language) if output.caption else ""
                chat.show(caption)
                received.append(
                    Received.document(
                        who, output.filename, output.mime_type, output.content, caption
                    )
                )
            else:
                received.append(self._reply(chat, output, language, pressed))
        if handled.menu_changed:
            received.append(Received(who, "note", "command menu changes (role changed)"))
        for user_id in sorted(handled.menus_reset):
            other = next((c for c in self.chats.values() if c.person.user_id == user_id), None)
            name = other.person.key if other else str(user_id)
            received.append(Received(name, "note", "command menu reset to the sponsor's"))
        return received

    @staticmethod
    def _reply(chat: Chat, reply: Reply, language: Language, pressed: Shown | None) -> Received:
        text = "\n\n".join(to_plain(part, language) for part in reply.parts)
        rows = [
            [
                (
                    label_text(button, language)[:64],
                    Press(reply.step or "", button.action, reply.token or None),
                )
                for button in row
            ]
            for row in reply.buttons
        ]
        labels = tuple(tuple(label for label, _ in row) for row in rows)
        if reply.replaces_pressed and pressed is not None:
            pressed.text, pressed.buttons = text, rows
            return Received(chat.person.key, "edit", text, labels)
        chat.show(text, rows)
        return Received(chat.person.key, "message", text, labels)

    async def _deliver(self) -> None:
        """What the step queued in the outbox, delivered now (the worker's round, in turn)."""
        while await self.worker.deliver_due():
            pass
        self.transcript.add(self.transport.received)
        self.transport.received = []


def _superseded(outputs: list[Output]) -> bool:
    """A press answered with a new prompt (not an acknowledgement, not an update in place)."""
    if any(
        isinstance(o, Acknowledge) or (isinstance(o, Reply) and o.replaces_pressed) for o in outputs
    ):
        return False
    return any(isinstance(o, Reply) and o.step for o in outputs)


async def play_chat(script: Script, data_dir: Path, transcript: Transcript) -> None:
    clock = FixedClock(TODAY)
    runtime = await build_runtime(settings(script, data_dir), clock)
    runtime.bot_username = BOT_USERNAME
    try:
        player = ChatPlayer(runtime, script, transcript)
        for step in script.steps:
            await player.play(step)
    finally:
        await runtime.close()
