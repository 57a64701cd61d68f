"""`python -m bot telegram` as production runs it: a webhook behind a reverse proxy, SIGTERM
with an update in hand or a long poll parked, a start-up failure that must end the process
instead of hanging, another instance polling with the same token, and the heartbeat that
`python -m bot health` (Docker's HEALTHCHECK) reads.

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
from tests.reliability.process import REPLY_TIMEOUT, STARTUP_TIMEOUT, BotProcess, bot_environment

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
        assert (bot.data_dir / "heartbeat").exists()  # no poll loop: the keep-alive writes it
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
    await bot.alive(held.wait_arrived(REPLY_TIMEOUT))
    assert bot.process is not None
    bot.process.terminate()  # SIGTERM, as Docker sends it
    # The bot stopped polling while the answer's reply is still held: the update is in hand,
    # not confirmed.
    await bot.logged("stopping: finishing the updates in hand")
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


async def test_sigterm_abandons_the_long_poll_at_once(server: BotApiServer, tmp_path: Path) -> None:
    """A poll parks until an update comes (PTB asks for 10 s): stopping closes its connection
    instead of waiting it out, and confirms what was handled on a connection of its own."""
    server.max_poll_timeout = 3600.0
    bot = BotProcess(server, tmp_path / "data", tmp_path / "bot.log")
    try:
        await bot.start()
        user = server.user(5103)
        start = user.send("/start")
        await bot.alive(user.expect(2, timeout=STARTUP_TIMEOUT))
        await bot.alive(
            server.wait_until(lambda: server.parked_polls == 1, STARTUP_TIMEOUT, "a parked poll")
        )
        before = len(server.requests_for("getUpdates"))
        assert await bot.stop() == 0
        # Two requests after SIGTERM: the long poll, whose connection the server found closed
        # (not answered, not ended by a newer poll: that would be a 409), and the one
        # confirmation (PTB's own last getUpdates, which waited for the poll's connection, is
        # not sent).
        after = sorted(
            (r.outcome, str(r.params.get("timeout")))
            for r in server.requests_for("getUpdates")[before:]
        )
        assert after == [("abandoned", "10"), ("ok", "0")], after  # PTB polls for 10 s
        assert server.is_confirmed(start) and not server.pending_updates()
        assert "Traceback" not in bot.output and "get_updates" not in bot.output
    finally:
        await bot.close()


async def test_a_409_conflict_stops_polling_and_ends_the_process(
    server: BotApiServer, tmp_path: Path
) -> None:
    bot = BotProcess(server, tmp_path / "data", tmp_path / "bot.log")
    try:
        await bot.start()
        user = server.user(5104)
        user.send("/start")
        await bot.alive(user.expect(2, timeout=STARTUP_TIMEOUT))
        server.faults.add("getUpdates", "409")
        assert bot.process is not None
        assert await asyncio.wait_for(bot.process.wait(), STARTUP_TIMEOUT) == 3
        assert "another instance is polling with this token" in bot.output
        assert "Traceback" not in bot.output
        # not one poll after the 409: a poll would end the other instance's poll
        assert server.requests_for("getUpdates")[-1].outcome == "fault:409"
    finally:
        await bot.close()


async def test_of_two_instances_with_one_token_one_stops_and_one_serves(
    server: BotApiServer, tmp_path: Path
) -> None:
    first = BotProcess(server, tmp_path / "first", tmp_path / "first.log")
    second = BotProcess(server, tmp_path / "second", tmp_path / "second.log")
    try:
        await first.start()
        await second.start()
        processes = {first.process: first, second.process: second}
        waits = {asyncio.ensure_future(process.wait()): process for process in processes if process}
        done, pending = await asyncio.wait(
            waits, timeout=STARTUP_TIMEOUT, return_when=asyncio.FIRST_COMPLETED
        )
        for waiting in pending:
            waiting.cancel()
        (ended,) = (processes[waits[waiting]] for waiting in done)
        survivor = second if ended is first else first
        assert ended.process is not None and ended.process.returncode == 3, ended.output
        assert "another instance is polling with this token" in ended.output
        user = server.user(5105)
        user.send("/start")
        welcome, _ = await survivor.alive(user.expect(2, timeout=STARTUP_TIMEOUT))
        assert "Willkommen" in welcome.text
        assert await survivor.stop() == 0
        assert "Conflict" not in survivor.output
    finally:
        await first.close()
        await second.close()


async def test_the_polling_bot_writes_the_heartbeat_health_reads(
    server: BotApiServer, tmp_path: Path
) -> None:
    bot = BotProcess(server, tmp_path / "data", tmp_path / "bot.log")

    async def health() -> tuple[int, str]:
        process = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "bot", "health"),
            cwd=tmp_path,
            env=bot_environment(bot.data_dir),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await asyncio.wait_for(process.communicate(), STARTUP_TIMEOUT)
        assert process.returncode is not None
        return process.returncode, output.decode(errors="replace")

    try:
        assert (await health())[0] == 1  # not started
        await bot.start()
        user = server.user(5106)
        user.send("/start")
        await bot.alive(user.expect(2, timeout=STARTUP_TIMEOUT))
        # a poll answered after the update: the heartbeat was written before the next poll
        polls = len(server.requests_for("getUpdates"))
        await bot.alive(
            server.wait_until(
                lambda: len(server.requests_for("getUpdates")) > polls + 1,
                STARTUP_TIMEOUT,
                "two more polls",
            )
        )
        code, output = await health()
        assert code == 0 and "healthy" in output, output
        assert await bot.stop() == 0
        code, output = await health()
        assert code == 1 and "no heartbeat" in output, output  # stopped: unhealthy at once
    finally:
        await bot.close()
