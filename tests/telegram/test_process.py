"""`python -m bot telegram` as production runs it: a webhook behind a reverse proxy, SIGTERM
with an update in hand, and a start-up failure that must end the process instead of hanging.

The process helpers are the reliability suite's (tests/reliability/process.py).
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
from pathlib import Path

import aiohttp

from tests.botapi import BotApiServer
from tests.reliability.process import STARTUP_TIMEOUT, BotProcess, bot_environment

WEBHOOK_URL = "https://bot.example.org/foerderlotse/hook"
SECRET = "Leine-Weser_2026"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class WebhookBot(BotProcess):
    """The bot serving a webhook on ``port`` (the reverse proxy's upstream)."""

    def __init__(self, server: BotApiServer, tmp_path: Path, port: int) -> None:
        super().__init__(server, tmp_path / "data", tmp_path / "bot.log")
        self.port = port

    async def start(self) -> None:
        env = bot_environment(self.data_dir, self.server)
        env.update(
            BOT_WEBHOOK_URL=WEBHOOK_URL, BOT_WEBHOOK_PORT=str(self.port), BOT_WEBHOOK_SECRET=SECRET
        )
        with self.log.open("ab") as output:
            self.process = await asyncio.create_subprocess_exec(
                *(sys.executable, "-m", "bot", "telegram"),
                cwd=self.log.parent,
                env=env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=output,
                stderr=output,
            )
        await self.alive(
            self.server.wait_until(lambda: self.server.webhook, STARTUP_TIMEOUT, "setWebhook")
        )

    async def post(
        self, session: aiohttp.ClientSession, path: str, update: object, **headers: str
    ) -> int:
        """POST as Telegram does; the first attempts may come before PTB's server listens
        (it calls setWebhook first)."""
        url = f"http://127.0.0.1:{self.port}{path}"
        for _ in range(int(STARTUP_TIMEOUT / 0.05)):
            try:
                async with session.post(url, data=json.dumps(update), headers=headers) as answer:
                    return answer.status
            except aiohttp.ClientConnectorError:
                await self.alive(asyncio.sleep(0.05))
        raise AssertionError(f"the webhook never listened on {url}\n{self.output}")


def start_update(server: BotApiServer, update_id: int, chat_id: int) -> dict[str, object]:
    user = server.user(chat_id).user_json
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": {"id": chat_id, "type": "private"},
            "from": user,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def test_the_webhook_takes_updates_on_its_path_with_the_secret_only(
    server: BotApiServer, tmp_path: Path
) -> None:
    bot = WebhookBot(server, tmp_path, free_port())
    try:
        await bot.start()
        assert server.webhook is not None
        assert server.webhook["url"] == WEBHOOK_URL
        assert server.webhook["secret_token"] == SECRET
        user = server.user(5101)
        json_type = {"Content-Type": "application/json"}
        async with aiohttp.ClientSession() as session:
            # forged: no secret, a wrong one
            assert (
                await bot.post(
                    session, "/foerderlotse/hook", start_update(server, 1, 5101), **json_type
                )
                == 403
            )
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "guessed", **json_type}
            assert (
                await bot.post(
                    session, "/foerderlotse/hook", start_update(server, 2, 5101), **wrong
                )
                == 403
            )
            right = {"X-Telegram-Bot-Api-Secret-Token": SECRET, **json_type}
            # the proxy forwards the public path: nothing answers elsewhere
            assert await bot.post(session, "/", start_update(server, 3, 5101), **right) == 404
            assert (
                await bot.post(
                    session, "/foerderlotse/hook", start_update(server, 4, 5101), **right
                )
                == 200
            )
            welcome, _ = await bot.alive(user.expect(2, timeout=STARTUP_TIMEOUT))
        assert "Willkommen" in welcome.text
        await user.settle()
        assert len(server.bot_messages(user.chat_id)) == 2  # the forged updates did nothing
        assert await bot.stop() == 0
        assert "Traceback" not in bot.output
    finally:
        await bot.close()


async def test_sigterm_finishes_the_update_in_hand(server: BotApiServer, tmp_path: Path) -> None:
    bot = BotProcess(server, tmp_path / "data", tmp_path / "bot.log")
    try:
        await _sigterm_with_an_update_in_hand(server, bot)
    finally:
        await bot.close()


async def _sigterm_with_an_update_in_hand(server: BotApiServer, bot: BotProcess) -> None:
    await bot.start()
    user = server.user(5102)
    user.send("/start")
    await bot.alive(user.expect(2, timeout=STARTUP_TIMEOUT))
    held = server.hold("sendMessage", chat_id=user.chat_id)
    answer = user.send("Rinteln")
    await bot.alive(held.wait_arrived())
    polls = len(server.requests_for("getUpdates"))
    assert bot.process is not None
    bot.process.terminate()  # SIGTERM, as Docker sends it
    # PTB's updater stopped polling (its last getUpdates without waiting) while the answer's
    # reply is still held: the update is in hand, not confirmed.
    await bot.alive(
        server.wait_until(
            lambda: any(
                str(r.params.get("timeout")) == "0"
                for r in server.requests_for("getUpdates")[polls:]
            ),
            STARTUP_TIMEOUT,
            "the updater's last getUpdates",
        )
    )
    assert not server.is_confirmed(answer)
    held.release()
    assert await asyncio.wait_for(bot.process.wait(), STARTUP_TIMEOUT) == 0
    (organisation,) = await user.expect()
    assert "Welche Art von Organisation" in organisation.text
    assert server.is_confirmed(answer)
    assert not server.pending_updates()
    assert "Traceback" not in bot.output


async def test_a_refused_token_ends_the_process(server: BotApiServer, tmp_path: Path) -> None:
    """The database is open when getMe fails: it is closed, so the process does not hang."""
    env = bot_environment(tmp_path / "data", server)
    env["TELEGRAM_BOT_TOKEN"] = "654321:" + "x" * 35
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "bot", "telegram"),
        cwd=tmp_path,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        output, _ = await asyncio.wait_for(process.communicate(), STARTUP_TIMEOUT)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    text = output.decode(errors="replace")
    assert process.returncode == 1, text
    assert "TELEGRAM_BOT_TOKEN" in text and "Traceback" not in text
    assert "x" * 35 not in text
