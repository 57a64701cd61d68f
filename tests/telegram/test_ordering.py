"""Per-chat order without head-of-line blocking: the update processor on its own, then the
real bot with a fast second answer overtaking a first one whose reply had to be sent again."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from telegram import Chat, Message, Update

from bot.adapters.telegram.ordering import ChatOrderedUpdateProcessor
from tests.botapi import BotApiServer
from tests.support.bot import StartBot

LIMIT = 5.0
"""Bounds a failing wait only; every wait here ends on an event."""


def update(update_id: int, chat_id: int | None) -> Update:
    if chat_id is None:
        return Update(update_id)  # no chat (e.g. a poll's answer)
    chat = Chat(chat_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, datetime.now(UTC), chat))


async def test_one_chat_is_handled_strictly_in_order() -> None:
    processor = ChatOrderedUpdateProcessor(8)
    log: list[str] = []

    async def handle(number: int) -> None:
        log.append(f"start {number}")
        for _ in range(3):  # give any other update of the chat the chance to interleave
            await asyncio.sleep(0)
        log.append(f"end {number}")

    await asyncio.gather(*(processor.process_update(update(n, 1), handle(n)) for n in range(6)))
    assert log == [entry for n in range(6) for entry in (f"start {n}", f"end {n}")]
    assert processor.chats_in_hand == 0  # idle chats are forgotten


async def test_different_chats_run_concurrently_within_the_bound() -> None:
    processor = ChatOrderedUpdateProcessor(3)
    running = 0
    most = 0
    release = asyncio.Event()
    three_running = asyncio.Event()

    async def handle() -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        if running == 3:
            three_running.set()
        await release.wait()
        running -= 1

    tasks = [
        asyncio.create_task(processor.process_update(update(n, chat_id), handle()))
        for n, chat_id in enumerate([10, 11, 12, 13, 14, 10, 11])
    ]
    await asyncio.wait_for(three_running.wait(), LIMIT)
    for _ in range(5):
        await asyncio.sleep(0)
    assert running == 3  # the others wait for a slot or their chat's turn
    release.set()
    await asyncio.wait_for(asyncio.gather(*tasks), LIMIT)
    assert most == 3


async def test_a_burst_of_one_chat_does_not_hold_up_another() -> None:
    processor = ChatOrderedUpdateProcessor(8)
    first_of_a = asyncio.Event()
    b_done = asyncio.Event()

    async def slow() -> None:
        await first_of_a.wait()

    async def quick() -> None:
        pass

    async def of_b() -> None:
        b_done.set()

    burst = [asyncio.create_task(processor.process_update(update(1, 100), slow()))]
    burst += [
        asyncio.create_task(processor.process_update(update(n, 100), quick())) for n in range(2, 30)
    ]
    other = asyncio.create_task(processor.process_update(update(30, 200), of_b()))
    # chat 200 is handled while chat 100's first update still runs and 28 more wait
    await asyncio.wait_for(b_done.wait(), LIMIT)
    await other
    assert not any(task.done() for task in burst)
    first_of_a.set()
    await asyncio.wait_for(asyncio.gather(*burst), LIMIT)


async def test_updates_without_a_chat_take_a_slot_too() -> None:
    processor = ChatOrderedUpdateProcessor(1)
    release = asyncio.Event()
    started: list[int] = []

    async def handle(number: int) -> None:
        started.append(number)
        await release.wait()

    first = asyncio.create_task(processor.process_update(update(1, None), handle(1)))
    second = asyncio.create_task(processor.process_update(update(2, 5), handle(2)))
    for _ in range(5):
        await asyncio.sleep(0)
    assert started == [1]
    release.set()
    await asyncio.wait_for(asyncio.gather(first, second), LIMIT)
    assert started == [1, 2]


async def test_done_is_reported_for_handled_and_failed_updates_not_cancelled_ones() -> None:
    done: list[int] = []
    processor = ChatOrderedUpdateProcessor(8, on_done=done.append)

    async def fine() -> None:
        pass

    async def failing() -> None:
        raise RuntimeError("handler bug")

    never = asyncio.Event()

    async def stuck() -> None:
        await never.wait()

    await processor.process_update(update(1, 7), fine())
    with pytest.raises(RuntimeError):
        await processor.process_update(update(2, 7), failing())
    task = asyncio.create_task(processor.process_update(update(3, 7), stuck()))
    for _ in range(3):
        await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # a cancelled update (shutdown mid-handling) stays unconfirmed: Telegram delivers it again
    assert done == [1, 2]
    assert processor.chats_in_hand == 0


async def test_a_quick_second_answer_waits_for_the_first(
    server: BotApiServer, start_bot: StartBot
) -> None:
    """The reply to the first answer is slow to go out (the Bot API holds it); the second
    answer, typed right after, must not be handled meanwhile, let alone overtake."""
    async with start_bot():
        user = server.user(6100)
        user.send("/start")
        await user.expect(2)
        held = server.hold("sendMessage", chat_id=user.chat_id)
        user.send("Sarstedt")
        second = user.send("Bildungsträger")
        await held.wait_arrived()
        await server.wait_handed_out(second)
        await user.settle()  # nothing else goes out while the first reply is in hand
        assert len(server.bot_messages(user.chat_id)) == 2
        held.release()
        first_reply, second_reply = await user.expect(2)
        assert "Welche Art von Organisation" in first_reply.text
        assert "Wen soll das Projekt erreichen" in second_reply.text
