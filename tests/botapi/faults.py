"""Fault injection: make chosen Bot API calls fail the way Telegram or the network does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

FaultKind = Literal["429", "500", "drop", "drop_after_accept"]
_KINDS: frozenset[str] = frozenset(get_args(FaultKind))


@dataclass
class Fault:
    """One armed fault; ``remaining`` counts down as matching requests consume it.

    Kinds: "429" flood control (nothing done, ``retry_after`` in the answer), "500" internal
    error (nothing done), "drop" (connection closed before anything is done) and
    "drop_after_accept" (the call takes effect, then the connection is closed before the answer
    - the way a client ends up sending a duplicate).
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
