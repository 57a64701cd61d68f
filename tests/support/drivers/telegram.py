"""The real bot over HTTP: the PTB application polling the Bot API server of `tests/botapi`.

Each person is a `TelegramUser` typing, tapping and replying. After every step the driver
waits until the bot has handled the update (it confirms an update only then, see
`adapters/telegram/confirm.py`) and until the outbox worker has delivered what the step
queued; then it writes down, per chat, what the bot did over the Bot API: messages, edits,
documents, chat actions, failed requests, and changes of the command menus.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

from bot.adapters.telegram.app import build_application, on_startup, on_stop
from bot.clock import FixedClock
from bot.runtime import Runtime, build_runtime
from tests.botapi import BotApiServer, BotMessage, TelegramUser, running_bot
from tests.support.drivers.common import TODAY, invitation, settings
from tests.support.steps import Cmd, Join, ReplyTo, Say, Script, Step, Tap
from tests.support.transcript import Received, Transcript

BOT = "bot"
"""Who menu changes not scoped to a person's chat are shown for."""
OUTBOX_TIMEOUT = 10.0
EDITS = ("editMessageText", "editMessageCaption", "editMessageReplyMarkup")

Menus = dict[tuple[str, str], list[dict[str, object]]]


class TelegramPlayer:
    def __init__(
        self, server: BotApiServer, runtime: Runtime, script: Script, transcript: Transcript
    ) -> None:
        self.server = server
        self.runtime = runtime
        self.script = script
        self.transcript = transcript
        self.users = {p.key: server.user(p.user_id, p.name, p.language) for p in script.people}
        self.keys = {p.user_id: p.key for p in script.people}
        self.requests = 0
        self.outputs = {key: 0 for key in self.users}
        self.menus: Menus = {}

    async def play(self, step: Step) -> None:
        self.transcript.step(step)
        user = self.users[step.who]
        if isinstance(step, Say | Cmd):
            update_id = user.send(step.text)
        elif isinstance(step, Tap):
            message = _find(user, step.on, with_buttons=True)
            update_id = user.tap(step.label, message.message_id)
        elif isinstance(step, ReplyTo):
            update_id = user.reply(_find(user, step.on, with_buttons=False).message_id, step.text)
        else:
            assert isinstance(step, Join)
            inviter = self.users[step.invited_by]
            payload = invitation([m.text for m in inviter.all_outputs], step.invited_by)
            update_id = user.send(f"/start {payload}")
        await self.server.wait_confirmed(update_id)
        await self._outbox_delivered()
        self.transcript.add(self.received())

    async def _outbox_delivered(self) -> None:
        """Wait until the worker has sent everything queued (it marks an item sent only after
        the Bot API took it). The database is the only place that says so: checked again
        every few milliseconds, bounded."""
        deadline = time.monotonic() + OUTBOX_TIMEOUT
        while True:
            async with self.runtime.database.transaction() as connection:
                cursor = await connection.execute(
                    "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed IS NULL"
                )
                row = await cursor.fetchone()
            if row is None or row[0] == 0:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"the outbox still holds {row[0]} item(s)")
            await asyncio.sleep(0.005)

    def received(self) -> list[Received]:
        entries: list[Received] = []
        requests = self.server.requests[self.requests :]
        self.requests += len(requests)
        for request in requests:
            who = self.keys.get(request.chat_id) if request.chat_id is not None else None
            if who is None or request.method in ("getUpdates",):
                continue
            user = self.users[who]
            if request.outcome != "ok":
                entries.append(
                    Received(who, "note", f"{request.method} failed: {request.description}")
                )
            elif request.method in ("sendMessage", "sendDocument"):
                entries.append(self._output(who, user.all_outputs[self.outputs[who]]))
                self.outputs[who] += 1
            elif request.method in EDITS:
                entries.append(self._edit(who, user, request.method, request.params))
            elif request.method == "sendChatAction":
                entries.append(Received(who, "note", f"chat action: {request.params['action']}"))
            elif request.method == "answerCallbackQuery":
                if request.params.get("text"):
                    entries.append(Received(who, "note", f"tap answered: {request.params['text']}"))
            else:
                entries.append(Received(who, "note", request.method))
        return entries + self.menu_changes()

    @staticmethod
    def _output(who: str, message: BotMessage) -> Received:
        if message.document is not None:
            document = message.document
            return Received.document(
                who, document.name, document.mime_type, document.content, message.text
            )
        return Received(who, "message", message.text, _labels(message))

    @staticmethod
    def _edit(who: str, user: TelegramUser, method: str, params: dict[str, object]) -> Received:
        message_id = int(str(params["message_id"]))
        message = next(m for m in user.all_outputs if m.message_id == message_id)
        number = user.all_outputs.index(message) + 1
        if method == "editMessageReplyMarkup":
            what = "replaced" if message.buttons else "removed"
            return Received(who, "note", f"keyboard of message {number} {what}")
        return Received(who, "edit", f"(message {number})\n{message.text}", _labels(message))

    def menu_changes(self) -> list[Received]:
        """Command menus set or deleted since the last look, as the menu a person sees."""
        now: Menus = {key: list(commands) for key, commands in self.server.commands.items()}
        changes: list[Received] = []
        for key in sorted(set(now) | set(self.menus)):
            if now.get(key) == self.menus.get(key):
                continue
            scope = json.loads(key[0])
            who = self.keys.get(scope.get("chat_id"), BOT) if "chat_id" in scope else BOT
            where = scope["type"] + (f", {key[1]}" if key[1] else ", any language")
            commands = now.get(key)
            if commands is None:
                changes.append(Received(who, "note", f"command menu ({where}) deleted"))
                continue
            lines = "".join(f"\n    /{c['command']} – {c['description']}" for c in commands)
            changes.append(Received(who, "note", f"command menu ({where}):{lines}"))
        self.menus = now
        return changes


def _labels(message: BotMessage) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(button.text for button in row) for row in message.buttons)


def _find(user: TelegramUser, fragment: str | None, *, with_buttons: bool) -> BotMessage:
    for message in reversed(user.messages):
        if with_buttons and not message.buttons:
            continue
        if fragment is None or fragment in message.text:
            return message
    raise AssertionError(f"no message containing {fragment!r}\n{user.transcript}")


async def play_telegram(script: Script, data_dir: Path, transcript: Transcript) -> None:
    async with BotApiServer() as server:
        runtime = await build_runtime(
            settings(
                script,
                data_dir,
                telegram_bot_token=server.token,
                telegram_api_base_url=server.base_url,
                telegram_api_base_file_url=server.base_file_url,
            ),
            FixedClock(TODAY),
        )
        application = build_application(runtime)
        application.post_init = on_startup
        application.post_stop = on_stop
        try:
            async with running_bot(application, server):
                player = TelegramPlayer(server, runtime, script, transcript)
                transcript.begin("the bot starts")
                player.requests = len(server.requests)
                transcript.add(player.menu_changes())
                for step in script.steps:
                    await player.play(step)
        finally:
            await runtime.close()
