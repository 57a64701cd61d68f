"""The sponsor dialog in a terminal: choices as numbers, the same commands as in Telegram.

Works with piped input too: at the end of input it says goodbye instead of waiting or failing.
Going back, skipping, keeping an answer and correcting one just read are shown as commands,
not as numbers: at "how many participants?" a typed "2" is an answer, never the second button.
"""

from __future__ import annotations

import asyncio
import io
import sys
from pathlib import Path
from typing import TextIO

from bot.core.events import Command, Event, Press, Text, action_number
from bot.core.outputs import Acknowledge, Button, Document, Output, Reply
from bot.core.roles import COMMAND_ROUTES, CommandRoute, parse_command
from bot.core.updates import Incoming
from bot.dialogs.engine import NAVIGATION as ENGINE_NAVIGATION
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from bot.storage.db import DatabaseError
from bot.texts.catalog import Language, Msg, render
from bot.texts.markup import to_plain

LOCAL_USER_ID = -1
"""The person at this terminal; negative, so it never collides with a Telegram user id."""

NAVIGATION: dict[str, CommandRoute] = {
    route.name: route for route in COMMAND_ROUTES if route.name in ENGINE_NAVIGATION
}
"""Button actions shown as their command (`/zurueck`, `/back`: the route table's word), not
numbered: the engine's own words (`bot.dialogs.engine.NAVIGATION`) that are commands too."""


def clean_line(line: str) -> str:
    """A line as typed, whatever the terminal's encoding: UTF-8, else Windows-1252 (a
    "Göttingen" from a Latin-1 terminal), never undecodable bytes that storage would refuse."""
    try:
        raw = line.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # lone surrogates that no bytes stand for
        return line.encode("utf-8", "replace").decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


class TerminalChat:
    def __init__(self, runtime: Runtime, out: TextIO) -> None:
        self.runtime = runtime
        self.out = out
        self.buttons: list[tuple[Reply, Button]] = []
        """The numbered buttons of the last reply that had buttons, with that reply."""
        self.commands: dict[str, tuple[Reply, Button]] = {}
        self.language: Language = runtime.settings.default_language

    async def send(self, event: Event) -> None:
        handled = await self.runtime.conversations.handle(Incoming(LOCAL_USER_ID, event))
        self.language = handled.language
        if handled.erased:
            self._forget_exports()
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

    @property
    def _exports(self) -> Path:
        return self.runtime.settings.data_dir / "exports"

    def _forget_exports(self) -> None:
        """The person at this terminal erased their data: the files saved for them go too.
        Every file in the folder is theirs (the terminal has one user; Telegram sends files
        into the chat and saves none), from this run or an earlier one."""
        if not self._exports.is_dir():
            return
        for item in self._exports.iterdir():
            if item.is_file() or item.is_symlink():
                item.unlink()

    def _save(self, document: Document, language: Language) -> None:
        """Documents land in the data directory's exports folder."""
        folder = self._exports
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / document.filename
        path.write_bytes(document.content)
        self.out.write(render(Msg("terminal.saved", {"path": str(path)}), language) + "\n")

    def _reply(self, reply: Reply, language: Language) -> None:
        text = "\n\n".join(to_plain(part, language) for part in reply.parts)
        self.out.write(f"\n{text}\n")
        pressable = [b for row in reply.buttons for b in row]
        if not pressable and reply.step is None:
            # A notice that asks nothing ("📄 Ihre Projektskizze …" after the file): the
            # summary's buttons above it stay pressable, as in Telegram, and keep their numbers.
            return
        self.buttons = [
            (reply, b) for b in pressable if b.action not in NAVIGATION and not _corrects(b)
        ]
        self.commands = {}
        for number, (_, button) in enumerate(self.buttons, start=1):
            self.out.write(f"  [{number}] {_label(button, language)}\n")
        for button in pressable:
            route = NAVIGATION.get(button.action)
            if route is not None:
                command = "/" + route.word(language)
                self.commands[command.casefold()] = (reply, button)
                self.out.write(f"  {command}  {_label(button, language)}\n")
        # Corrections of what was just read are typed words too, listed last: a number typed
        # at the next question ("24" months) stays an answer.
        fixes = [b for b in pressable if _corrects(b)]
        for number, button in enumerate(fixes, start=1):
            command = render(Msg("terminal.command.fix", {"number": number}), language)
            self.commands[command.casefold()] = (reply, button)
            self.out.write(f"  {command}  {_label(button, language)}\n")

    def event_for(self, line: str) -> Event:
        text = line.strip()
        shown = self.commands.get(text.casefold())
        if shown is not None:
            # The button itself, so its token is checked like a tap in Telegram.
            return _press(*shown)
        command = parse_command(text)
        if command is not None:
            return command
        number = action_number(text)
        if number is not None and 1 <= number <= len(self.buttons):
            return _press(*self.buttons[number - 1])
        return Text(line.rstrip("\n"))


def _corrects(button: Button) -> bool:
    return button.action.startswith("fix:")


def _press(reply: Reply, button: Button) -> Press:
    return Press(reply.step or "", button.action, reply.token or None)


def _label(button: Button, language: Language) -> str:
    label = button.label
    if isinstance(label, str):
        return label
    return to_plain(label, language) if isinstance(label, Msg) else label.localize(language)


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
        line = clean_line(line)
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
            await chat(runtime, _lenient(sys.stdin), sys.stdout)
        finally:
            await runtime.close()
        return 0

    if isinstance(sys.stdout, io.TextIOWrapper):
        # A terminal that cannot show "✓" or "€" gets "?" rather than a traceback.
        sys.stdout.reconfigure(errors="replace")
    try:
        return asyncio.run(main())
    except KeyboardInterrupt:
        return 0


def _lenient(stdin: TextIO) -> TextIO:
    """Standard input that never fails on bytes that are not UTF-8 (`clean_line` sorts them)."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is None:
        return stdin
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="surrogateescape")
