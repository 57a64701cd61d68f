"""Fault injection: make chosen Bot API calls fail the way Telegram or the network does."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

FaultKind = Literal["429", "500", "drop", "drop_after_accept", "400", "404", "409", "malformed"]
_KINDS: frozenset[str] = frozenset(get_args(FaultKind))


@dataclass
class Fault:
    """One armed fault; ``remaining`` counts down as matching requests consume it.

    Kinds: "429" flood control (nothing done, ``retry_after`` in the answer), "500" internal
    error (nothing done), "drop" (connection closed before anything is done) and
    "drop_after_accept" (the call takes effect, then the connection is closed before the answer
    - the way a client ends up sending a duplicate). Refusals that do nothing either: "400" a
    Bad Request, "404" the method unknown (a Bot API server that does not implement it), "409"
    a Conflict (another instance polls with the token) and "malformed" an answer that is no
    JSON at all (a proxy's error page with status 200).
    """

    method: str
    kind: FaultKind
    remaining: int
    retry_after: int = 1
    chat_id: int | None = None

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.method.lower() != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id


class FaultInjector:
    """Armed faults, consumed first-in first-out by matching requests."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self.fired: list[Fault] = []

    def add(
        self,
        method: str,
        kind: FaultKind,
        times: int = 1,
        retry_after: int = 1,
        chat_id: int | None = None,
    ) -> Fault:
        """Arm a fault for the next ``times`` calls of ``method`` (optionally for one chat)."""
        if kind not in _KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; use one of {sorted(_KINDS)}")
        if times < 1:
            raise ValueError("times must be >= 1")
        fault = Fault(method, kind, times, retry_after, chat_id)
        self._faults.append(fault)
        return fault

    def clear(self) -> None:
        self._faults.clear()

    @property
    def pending(self) -> list[Fault]:
        """Faults that have not fired as often as requested yet."""
        return list(self._faults)

    def take(self, method: str, chat_id: int | None) -> Fault | None:
        """Consume one use of the first fault matching this request, if any."""
        for fault in self._faults:
            if fault.matches(method, chat_id):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                self.fired.append(fault)
                return fault
        return None


@dataclass(eq=False)
class HeldRequest:
    """One request the server keeps waiting (see ``BotApiServer.hold``).

    ``arrived`` is set when a matching request came in; the test then decides: ``release()``
    answers it normally, ``drop()`` closes the connection without an answer. With
    ``accept=True`` the call takes effect first and only the answer is held (Telegram did the
    work, the bot never learns of it).
    """

    method: str
    chat_id: int | None
    accept: bool
    arrived: asyncio.Event = field(default_factory=asyncio.Event)
    params: dict[str, Any] | None = None
    _decision: asyncio.Future[bool] | None = None

    def matches(self, method: str, chat_id: int | None) -> bool:
        if self.arrived.is_set() or self.method.lower() != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id

    def release(self) -> None:
        """Let the held request go on (answered normally)."""
        self._decide(True)

    def drop(self) -> None:
        """Close the held request's connection without an answer."""
        self._decide(False)

    def _decide(self, answer: bool) -> None:
        if self._decision is None:
            self._decision = asyncio.get_running_loop().create_future()
        if not self._decision.done():
            self._decision.set_result(answer)

    async def _wait_decision(self) -> bool:
        if self._decision is None:
            self._decision = asyncio.get_running_loop().create_future()
        return await self._decision

    async def wait_arrived(self, timeout: float = 5.0) -> dict[str, Any]:  # noqa: ASYNC109
        """Wait until the held request came in; returns its parameters."""
        try:
            await asyncio.wait_for(self.arrived.wait(), timeout)
        except TimeoutError:
            raise AssertionError(
                f"no {self.method} request (chat {self.chat_id}) arrived within {timeout}s"
            ) from None
        assert self.params is not None
        return self.params
