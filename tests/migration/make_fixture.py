"""Writes `v4.sqlite3`: a database as the version before sub-dialogs (schema 4) left it.

Run once with that version's `bot` package first on the path, e.g. from a checkout of it:

    PYTHONPATH=<old checkout> .venv/bin/python tests/migration/make_fixture.py

Every sponsor stops at another step of the dialog (each question, the summary, the edit menu,
the consent, paused); a sponsor is renaming a draft, a contact writing a question, another
contact commenting a statement, a sponsor answering the alliance. `USERS` names who is where;
`test_upgrade.py` opens the file with the current code and goes on from there.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import tempfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent
NOW = datetime(2026, 11, 25, 10, 0)
STAFF = 900
CONTACT, OTHER_CONTACT = 800, 801
HANDING_OVER = 700
"""The sponsor whose handoff the contacts act on; waiting to type an answer to the alliance."""
RENAMING = 702
"""Waiting to type a draft's new title."""

IDEA = (
    "Geflüchtete Frauen machen ein bezahltes Praktikum in Pflegeheimen und bekommen dazu einen "
    "berufsbezogenen Deutschkurs, zusammen mit dem Jobcenter."
)
MAIN = [
    ("region", "Sarstedt"),
    ("organisation", "Bildungsträger"),
    ("target_group", "Geflüchtete Frauen"),
    ("idea", IDEA),
    ("title", "Pflegebrücke"),
    ("costs", "600.000 €"),
    ("justification", "Drei Standorte mit eigener Praxisanleitung und Sprachkursen vor Ort."),
    ("start", "01/2027"),
    ("duration", "2 Jahre"),
    ("cofinancing", "Eigenmittel 10 Prozent"),
]
SKETCH = ["need", "goals", "participants", "partners", "spatial_effect", "continuation"]
SKETCH += ["transferability"]
HANDOFF = [
    ("sponsor_name", "Bildungswerk Sarstedt"),
    ("contact_person", "Projektleitung"),
    ("contact_channel", "info@bildungswerk.example"),
]
USERS: dict[int, str] = {}
"""Sponsor id -> the step their draft stops at (filled below, written to `USERS.txt`)."""


async def main() -> None:
    from bot.clock import FixedClock
    from bot.core.events import Command, Press, Text
    from bot.core.updates import Incoming
    from bot.runtime import build_runtime
    from bot.settings import Settings

    directory = Path(tempfile.mkdtemp())
    settings = Settings(data_dir=directory, telegram_bot_token=None, admin_ids={STAFF})
    runtime = await build_runtime(settings, FixedClock(NOW))
    conversations = runtime.conversations

    async def send(user: int, event: object) -> list[object]:
        handled = await conversations.handle(Incoming(user, event))  # type: ignore[arg-type]
        return list(handled.outputs)

    async def state(user: int) -> str:
        async with runtime.database.transaction() as connection:
            row = await (
                await connection.execute(
                    "SELECT d.state FROM drafts d JOIN users u ON u.current_draft_id = d.id "
                    "WHERE u.id = ?",
                    (user,),
                )
            ).fetchone()
        return str(row[0])

    async def step(user: int) -> str:
        import json

        return str(json.loads(await state(user))["step"])

    async def to(user: int, target: str) -> None:
        await send(user, Command("start"))
        stop = "organisation" if target == "paused" else target
        for _, text in MAIN:
            if await step(user) == stop:
                break
            await send(user, Text(text))
        if target in SKETCH or target in {s for s, _ in HANDOFF} | {"question", "consent"}:
            assert await step(user) == "summary"
        if target in SKETCH:
            await send(user, Press("summary", "summary:complete"))
            while (current := await step(user)) != target:
                await send(user, Text("40" if current == "participants" else "Kurz gesagt."))
        if target == "question":
            await send(user, Press("summary", "summary:ask"))
            for _, text in HANDOFF:
                await send(user, Text(text))
        elif target in {s for s, _ in HANDOFF} | {"consent"}:
            await send(user, Press("summary", "summary:handoff"))
            for step_id, text in HANDOFF:
                if step_id == target:
                    break
                await send(user, Text(text))
        if target == "edit":
            await send(user, Press("summary", "summary:edit"))
        if target == "paused":
            await send(user, Command("cancel"))
        assert await step(user) == (target if target != "paused" else "organisation"), target

    targets = [s for s, _ in MAIN] + ["summary", "edit"] + SKETCH
    targets += [s for s, _ in HANDOFF] + ["question", "consent", "paused"]
    for number, target in enumerate(targets, start=1):
        await to(number, target)
        USERS[number] = target

    # A handoff the contacts act on; one contact registered by staff's invitation.
    await to(HANDING_OVER, "consent")
    await send(HANDING_OVER, Press("consent", "consent:yes"))
    for contact in (CONTACT, OTHER_CONTACT):
        await send(STAFF, Command("invite"))
        (reply,) = await send(STAFF, Press("", "staff:invite:farehi"))
        link = str(reply.parts[0].params["link"])  # type: ignore[attr-defined]
        await send(contact, Command("start", link.split("start=")[1]))
    await send(CONTACT, Press("", "contact:ask:1"))
    await send(OTHER_CONTACT, Press("", "contact:statement:1:supports"))
    # The sponsor was asked a question: its "Antworten" button pressed, the answer not typed.
    await send(HANDING_OVER, Press("", "sponsor:answer:1"))
    await to(RENAMING, "summary")
    async with runtime.database.transaction() as connection:
        row = await (
            await connection.execute("SELECT current_draft_id FROM users WHERE id = ?", (RENAMING,))
        ).fetchone()
    await send(RENAMING, Press("", f"session:rename:{row[0]}"))

    await runtime.close()
    path = settings.database_path
    with sqlite3.connect(path) as connection:  # the WAL folded in: one self-contained file
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    shutil.copy(path, HERE / "v4.sqlite3")
    (HERE / "USERS.txt").write_text("".join(f"{user} {target}\n" for user, target in USERS.items()))


if __name__ == "__main__":
    asyncio.run(main())
