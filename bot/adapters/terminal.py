"""The sponsor dialog in a terminal: choices as numbers, the same commands as in Telegram.

Works with piped input too: at the end of input it says goodbye instead of waiting or failing.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.dialogs.commands import parse_command
from bot.dialogs.model import (
    Acknowledge,
    Button,
    Command,
    Document,
    Event,
    Output,
    Press,
    Reply,
    Text,
    action_number,
)
from bot.dialogs.turn import Incoming
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from bot.storage.db import DatabaseError
from bot.texts.catalog import Language, Msg, render
from bot.texts.markup import to_plain

LOCAL_USER_ID = -1
"""The person at this terminal; negative, so it never collides with a Telegram user id."""


class TerminalChat:
    def __init__(self, runtime: Runtime, out: TextIO) -> None:
        self.runtime = runtime
        self.out = out
        self.buttons: list[tuple[str | None, Button]] = []
        self.language: Language = runtime.settings.default_language

    async def send(self, event: Event) -> None:
        handled = await self.runtime.conversations.handle(Incoming(LOCAL_USER_ID, event))
        self.language = handled.language
        self.show(handled.outputs, handled.language)

    def show(self, outputs: list[Output], language: Language) -> None:
        for output in outputs:
            if isinstance(output, Acknowledge):
                self.out.write(f"✓ {output.answer}\n")
                continue
            if isinstance(output, Document):
                self._save(output, language)
                continue
            self._reply(output, language)
        self.out.flush()

    def _save(self, document: Document, language: Language) -> None:
        """Documents land in the data directory's exports folder."""
        folder = self.runtime.settings.data_dir / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / document.filename
        path.write_bytes(document.content)
        self.out.write(render(Msg("terminal.saved", {"path": str(path)}), language) + "\n")

    def _reply(self, reply: Reply, language: Language) -> None:
        text = "\n\n".join(to_plain(part, language) for part in reply.parts)
        self.out.write(f"\n{text}\n")
        self.buttons = [(reply.step, b) for row in reply.buttons for b in row]
        for number, (_, button) in enumerate(self.buttons, start=1):
            label = button.label
            shown = (
                label
                if isinstance(label, str)
                else (
                    to_plain(label, language)
                    if isinstance(label, Msg)
                    else label.localize(language)
                )
            )
            self.out.write(f"  [{number}] {shown}\n")

    def event_for(self, line: str) -> Event:
        text = line.strip()
        command = parse_command(text)
        if command is not None:
            return command
        number = action_number(text)
        if number is not None and 1 <= number <= len(self.buttons):
            step, button = self.buttons[number - 1]
            return Press(step or "", button.action)
        return Text(line.rstrip("\n"))


async def chat(runtime: Runtime, source: TextIO, out: TextIO) -> None:
    terminal = TerminalChat(runtime, out)
    await terminal.send(Command("start"))
    loop = asyncio.get_running_loop()
    while True:
        out.write("> ")
        out.flush()
        line = await loop.run_in_executor(None, source.readline)
        if not line:
            out.write("\n" + render(Msg("terminal.goodbye"), terminal.language) + "\n")
            return
        if not line.strip():
            continue
        await terminal.send(terminal.event_for(line))


def run(settings: Settings) -> int:
    async def main() -> int:
        try:
            runtime = await build_runtime(settings)
        except DatabaseError as error:
            print(error, file=sys.stderr)
            return 1
        try:
            await chat(runtime, sys.stdin, sys.stdout)
        finally:
            await runtime.close()
        return 0

    try:
        return asyncio.run(main())
    except KeyboardInterrupt:
        return 0
