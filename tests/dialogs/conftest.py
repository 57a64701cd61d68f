"""Fixtures for the sponsor dialog: the real knowledge base, a fixed clock, and small drivers.

`DialogDriver` holds a `DialogState`, sends events to the pure engine and gives the replies back
as plain text. On every event it also checks the invariants every answer must keep: the state
round-trips through JSON and every reply (parts and button labels) renders in both languages.

`ChatDriver` does the same through `Conversations` on a real SQLite file, so storage, drafts and
restarts are exercised the way the transports use them.

The fixtures `engine`, `driver`, `runtime` and `chat` are in `tests/support/fixtures.py` (a
plugin), for the tests of other folders too.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import Clock, FixedClock
from bot.core.events import Command, CommandName, Event, Press, Text
from bot.core.outputs import Acknowledge, Button, Output, Reply
from bot.core.roles import sponsor_help
from bot.core.state import DialogState
from bot.core.updates import Handled, Incoming
from bot.delivery.worker import Failed, OutboxWorker, SendOutcome, Sent
from bot.dialogs.engine import DialogEngine
from bot.routes.router import Conversations
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.drafts import Draft, Drafts
from bot.storage.outbox import OutboxItem
from bot.texts.catalog import LANGUAGES, Language, Localized, Msg, Param, render
from bot.texts.markup import to_plain

TODAY = datetime(2026, 11, 25, 9, 0)
"""Every test runs on this day: 25 November 2026."""

# --- the knowledge base and the engine --------------------------------------------------------


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


# --- rendering --------------------------------------------------------------------------------


def label_text(label: Msg | Localized | str, language: Language) -> str:
    if isinstance(label, Msg):
        return to_plain(label, language)
    if isinstance(label, str):
        return label
    return label.localize(language)


def reply_text(reply: Reply, language: Language) -> str:
    return "\n\n".join(to_plain(part, language) for part in reply.parts)


def outputs_text(outputs: Iterable[Output], language: Language) -> str:
    texts = []
    for output in outputs:
        if isinstance(output, Reply):
            texts.append(reply_text(output, language))
        elif isinstance(output, Acknowledge):
            texts.append(f"✓ {output.answer}")
    return "\n\n".join(texts)


def check_renders(outputs: Iterable[object]) -> None:
    """Every part and every button label renders in both languages (no missing key)."""
    for output in outputs:
        caption = getattr(output, "caption", None)
        if isinstance(caption, Msg):
            for language in LANGUAGES:
                render(caption, language)
        if not isinstance(output, Reply):
            continue
        for language in LANGUAGES:
            for part in output.parts:
                render(part, language)
                to_plain(part, language)
            for row in output.buttons:
                for button in row:
                    label_text(button.label, language)


def check_round_trip(state: DialogState) -> None:
    assert DialogState.model_validate_json(state.model_dump_json()) == state


def key_text(key: str, language: Language = "de", **params: Param) -> str:
    """A catalogue text as the sponsor reads it (for finding it in replies)."""
    return to_plain(Msg(key, params), language)


def help_text(language: Language = "de") -> str:
    """The commands /hilfe lists, as the sponsor reads them."""
    return to_plain(sponsor_help(), language)


# --- the engine driver ------------------------------------------------------------------------


@dataclass
class DialogDriver:
    engine: DialogEngine
    state: DialogState
    outputs: list[Output] = field(default_factory=list)
    states: list[DialogState] = field(default_factory=list)

    @classmethod
    def started(cls, engine: DialogEngine, language: Language = "de") -> DialogDriver:
        state, outputs = engine.start(language)
        check_round_trip(state)
        check_renders(outputs)
        return cls(engine, state, outputs, [state])

    # sending

    def send(self, event: Event) -> list[Output]:
        state, outputs = self.engine.handle(self.state, event)
        check_round_trip(state)
        check_renders(outputs)
        self.state, self.outputs = state, outputs
        self.states.append(state)
        return outputs

    def text(self, text: str) -> str:
        self.send(Text(text))
        return self.plain

    def press(self, action: str, step: str | None = None) -> str:
        self.send(Press(self.step if step is None else step, action))
        return self.plain

    def command(self, name: CommandName, argument: str = "") -> str:
        self.send(Command(name, argument))
        return self.plain

    def press_label(self, fragment: str) -> str:
        """Press the button of the last reply whose label contains `fragment`."""
        reply = self.reply
        matches = [b for b in self.buttons if fragment in label_text(b.label, self.language)]
        assert len(matches) == 1, (fragment, self.button_labels)
        assert reply.step is not None
        return self.press(matches[0].action, reply.step)

    def answer(self, *texts: str) -> str:
        """Several answers in a row (each must be accepted: the step must move on)."""
        for text in texts:
            before = self.step
            self.text(text)
            assert self.step != before or self.state.editing, (before, text, self.plain)
        return self.plain

    # reading

    @property
    def step(self) -> str:
        return self.state.step

    @property
    def language(self) -> Language:
        return self.state.language

    @property
    def replies(self) -> list[Reply]:
        return [o for o in self.outputs if isinstance(o, Reply)]

    @property
    def reply(self) -> Reply:
        replies = self.replies
        assert replies, self.outputs
        return replies[-1]

    @property
    def acknowledged(self) -> list[str]:
        return [o.answer for o in self.outputs if isinstance(o, Acknowledge)]

    @property
    def plain(self) -> str:
        return outputs_text(self.outputs, self.language)

    @property
    def buttons(self) -> list[Button]:
        return [button for row in self.reply.buttons for button in row]

    @property
    def button_labels(self) -> list[str]:
        return [label_text(b.label, self.language) for b in self.buttons]

    @property
    def actions(self) -> list[str]:
        return [b.action for b in self.buttons]

    def value(self, step: str) -> object:
        return self.state.answers[step].value


def walk_to(driver: DialogDriver, target: str, answers: dict[str, str] | None = None) -> None:
    """Answer the main questions with plain valid answers until `target` is asked."""
    plan = {
        "region": "Garbsen",
        "organisation": "Bildungsträger",
        "target_group": "Langzeitarbeitslose",
        "idea": (
            "Wir wollen Langzeitarbeitslose mit Coaching und einem Praktikum in Pflegeheimen "
            "zusammen mit dem Jobcenter in Arbeit bringen."
        ),
        "title": "Pflegebrücke",
        "costs": "1,2 Mio",
        "cap_raises_grant": "Ja",
        "justification": "Das Projekt läuft in allen Städten der Region und braucht vier Coaches.",
        "start": "01/2027",
        "duration": "18 Monate",
        "cofinancing": "30 % Eigenmittel",
    }
    plan.update(answers or {})
    guard = 0
    while driver.step != target:
        guard += 1
        assert guard < 20, (target, driver.step)
        assert driver.step in plan, (target, driver.step, driver.plain)
        before = driver.step
        driver.text(plan[driver.step])
        assert driver.step != before, (before, driver.plain)


def complete(driver: DialogDriver, answers: dict[str, str] | None = None) -> None:
    """Answer every main question: the driver ends on the summary."""
    walk_to(driver, "summary", answers)


# --- conversations on a real database ---------------------------------------------------------


def settings_for(data_dir: Path, staff: frozenset[int] = frozenset()) -> Settings:
    return Settings(data_dir=data_dir, telegram_bot_token=None, admin_ids=staff)


@asynccontextmanager
async def runtime_for(
    data_dir: Path, clock: FixedClock, staff: frozenset[int] = frozenset()
) -> AsyncIterator[Runtime]:
    """The whole bot on a real SQLite file in `data_dir`; `staff`: its `BOT_ADMIN_IDS`."""
    built = await build_runtime(settings_for(data_dir, staff), clock)
    try:
        yield built
    finally:
        await built.close()


class Refusing:
    """Telegram as the outbox worker sees it: it refuses the chats in `unknown` (as for a chat
    that never opened the bot) and receives the others."""

    def __init__(self, unknown: frozenset[int] = frozenset()) -> None:
        self.unknown = unknown
        self.sent: list[OutboxItem] = []

    async def send(self, item: OutboxItem) -> SendOutcome:
        if item.chat_id in self.unknown:
            return Failed("BadRequest: Chat not found")
        self.sent.append(item)
        return Sent(len(self.sent))

    def texts_to(self, chat_id: int) -> list[str]:
        return [str(i.payload.text) for i in self.sent if i.chat_id == chat_id]


async def deliver(runtime: Runtime, transport: Refusing) -> None:
    """What the outbox holds, sent by the real worker, the delivery reports included."""
    worker = OutboxWorker(
        runtime.database,
        runtime.clock,
        transport,
        settled=runtime.conversations.desks.delivery.settled,
    )
    while await worker.deliver_due():
        pass


@dataclass
class ChatDriver:
    """Talks to `Conversations` of one runtime as one or several users."""

    conversations: Conversations
    database: Database
    clock: Clock
    user_id: int = 1001
    handled: Handled | None = None

    @classmethod
    def of(cls, runtime: Runtime) -> ChatDriver:
        return cls(runtime.conversations, runtime.database, runtime.clock)

    async def send(
        self,
        event: Event,
        *,
        user: int | None = None,
        update_id: int | None = None,
        language_hint: Language | None = None,
    ) -> Handled:
        incoming = Incoming(self.user_id if user is None else user, event, update_id, language_hint)
        handled = await self.conversations.handle(incoming)
        check_renders(handled.outputs)
        self.handled = handled
        return handled

    async def text(self, text: str, **kwargs: object) -> str:
        handled = await self.send(Text(text), **kwargs)  # type: ignore[arg-type]
        return outputs_text(handled.outputs, handled.language)

    async def press(
        self, action: str, step: str = "", token: str | None = None, **kwargs: object
    ) -> str:
        handled = await self.send(Press(step, action, token), **kwargs)  # type: ignore[arg-type]
        return outputs_text(handled.outputs, handled.language)

    async def command(self, name: CommandName, argument: str = "", **kwargs: object) -> str:
        handled = await self.send(Command(name, argument), **kwargs)  # type: ignore[arg-type]
        return outputs_text(handled.outputs, handled.language)

    @property
    def outputs(self) -> list[Output]:
        assert self.handled is not None
        return self.handled.outputs

    async def send_text(self, text: str, **kwargs: object) -> Handled:
        return await self.send(Text(text), **kwargs)  # type: ignore[arg-type]

    @property
    def buttons(self) -> list[Button]:
        return [b for o in self.outputs if isinstance(o, Reply) for row in o.buttons for b in row]

    @property
    def actions(self) -> list[str]:
        return [b.action for b in self.buttons]

    @property
    def labels(self) -> list[str]:
        assert self.handled is not None
        return [label_text(b.label, self.handled.language) for b in self.buttons]

    @property
    def last_step(self) -> str | None:
        replies = [o for o in self.outputs if isinstance(o, Reply)]
        return replies[-1].step if replies else None

    async def drafts(self, user: int | None = None) -> list[Draft]:
        async with self.database.transaction() as connection:
            store = Drafts(connection, self.clock.now())
            return await store.list(self.user_id if user is None else user)

    async def current(self, user: int | None = None) -> Draft | None:
        owner = self.user_id if user is None else user
        async with self.database.transaction() as connection:
            store = Drafts(connection, self.clock.now())
            person = await store.user(owner, "de")
            if person.current_draft_id is None:
                return None
            return await store.get(owner, person.current_draft_id)

    async def state(self, user: int | None = None) -> DialogState:
        draft = await self.current(user)
        assert draft is not None
        return draft.state


def draft_ids(actions: Sequence[str], verb: str = "open") -> list[int]:
    prefix = f"session:{verb}:"
    return [int(a.removeprefix(prefix)) for a in actions if a.startswith(prefix)]
