"""Storage objects are built in one place: `Stores.of`, where a transaction begins (the router's
turn, `Stores.transaction` for the scheduler, the outbox worker and deferred replies). Feature
code takes them from there; a module outside `bot/storage` that builds one itself is found here.
"""

from __future__ import annotations

import ast
import functools
import typing
from pathlib import Path

import bot
from bot.storage.stores import Stores

BOT = Path(bot.__file__).parent
STORAGE = BOT / "storage"


def storage_classes() -> frozenset[str]:
    """The class of every store a transaction holds, read from `Stores` itself: a store added
    there is guarded without a change here."""
    names = {
        hint.__name__
        for member in vars(Stores).values()
        if isinstance(member, functools.cached_property)
        and isinstance(hint := typing.get_type_hints(member.func)["return"], type)
        and hint.__module__.startswith("bot.storage")
    }
    return frozenset(names)


def constructions(source: str, classes: frozenset[str]) -> list[tuple[int, str]]:
    """(line, class) of each call that builds one of `classes` (`Cases(...)`, `x.Cases(...)`)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name in classes:
            found.append((node.lineno, name))
    return sorted(found)


def test_the_guard_knows_every_store() -> None:
    classes = storage_classes()
    assert {"Cases", "Contacts", "Drafts", "Handoffs", "Meetings", "Outbox", "Reminders"} <= (
        classes
    )


def test_the_guard_finds_a_store_built_in_feature_code() -> None:
    """The check itself can fail: a call like the ones that were removed is found."""
    classes = storage_classes()
    source = (
        "async def f(connection, now):\n"
        "    await Cases(connection, now).get(1)\n"
        "    outbox = storage.Outbox(connection, now)\n"
    )
    assert constructions(source, classes) == [(2, "Cases"), (3, "Outbox")]
    assert constructions("stores.cases.get(1)\n", classes) == []


def test_no_module_outside_storage_builds_a_store() -> None:
    classes = storage_classes()
    offenders = [
        f"{path.relative_to(BOT.parent)}:{line}: {name}(...)"
        for path in sorted(BOT.rglob("*.py"))
        if STORAGE not in path.parents
        for line, name in constructions(path.read_text(encoding="utf-8"), classes)
    ]
    assert offenders == [], "take the turn's `Stores` (or `Stores.transaction`) instead"
