"""Each reading once per turn: `reading_once()` around one update's handling, `@once` on the
readers whose result the message reader and the question's own parser both need.

A typed answer is read by the message reader (every slot it answers) and again by the question's
parser (its part of the answer, the place, the amount, the dates): the same pure function with
the same arguments, two or three times in one turn. Within `reading_once()` a function marked
`@once` computes each distinct call once and hands the same (immutable) result to the later
callers; outside it, every call computes as before. The memo lives only as long as the block,
one update's handling: nothing is kept from one turn, or one sponsor, to the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")
C = TypeVar("C")

_MEMO: ContextVar[dict[object, object] | None] = ContextVar("reading_once", default=None)


@contextmanager
def reading_once() -> Iterator[None]:
    """Within the block, every `@once` function computes a call with the same arguments once.
    Nested blocks share the outer memo. The block must not await: the memo belongs to the
    context it was opened in."""
    if _MEMO.get() is not None:
        yield
        return
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def once(function: Callable[P, R]) -> Callable[P, R]:
    """`function`, computed once per distinct call inside `reading_once()`. Only for pure
    functions whose results are immutable: every caller in the turn gets the same object."""

    @wraps(function)
    def remembered(*args: P.args, **kwargs: P.kwargs) -> R:
        memo = _MEMO.get()
        if memo is None:
            return function(*args, **kwargs)
        key = (function, args, tuple(kwargs.items()))
        try:
            found = memo.get(key, _MISSING)
        except TypeError:  # an unhashable argument: computed, not remembered
            return function(*args, **kwargs)
        if found is _MISSING:
            found = memo[key] = function(*args, **kwargs)
        return found  # type: ignore[return-value]

    return remembered


def once_per_context(function: Callable[[str, C], R]) -> Callable[[str, C], R]:
    """`function(text, context)` computed once per text and context object inside
    `reading_once()`: for a question's parser, whose context (the answers so far) cannot be
    hashed. One context object stands for one set of answers, as nothing changes a context in
    place; it is kept with the result, so its identity is not given to another meanwhile."""

    @wraps(function)
    def remembered(text: str, context: C) -> R:
        memo = _MEMO.get()
        if memo is None:
            return function(text, context)
        key = (function, text, id(context))
        found = memo.get(key)
        if isinstance(found, _Kept) and found.context is context:
            return cast(R, found.result)
        result = function(text, context)
        memo[key] = _Kept(context, result)
        return result

    return remembered


def once_per_object(function: Callable[[C], R]) -> Callable[[C], R]:
    """`function(value)` computed once per value object inside `reading_once()`: for a
    decoding of a mapping that cannot be hashed (a state's answers), asked for by several
    parts of one reply. As `once_per_context`: nothing changes such a value in place, and it
    is kept with the result, so its identity is not given to another meanwhile."""

    @wraps(function)
    def remembered(value: C) -> R:
        memo = _MEMO.get()
        if memo is None:
            return function(value)
        key = (function, id(value))
        found = memo.get(key)
        if isinstance(found, _Kept) and found.context is value:
            return cast(R, found.result)
        result = function(value)
        memo[key] = _Kept(value, result)
        return result

    return remembered


class _Kept:
    __slots__ = ("context", "result")

    def __init__(self, context: object, result: object) -> None:
        self.context = context
        self.result = result


_MISSING = object()
