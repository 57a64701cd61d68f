"""Storage hands out a draft's answers decoded (`bot.core.answers`), never their JSON shape: the
procedure reads a draft's title, the sketch's texts and the plan answered in the dialog through
`Cases.draft_answers` / `Cases.plan`, a handoff's state as sent through `Handoff.sent_state`."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime
from pathlib import Path

import bot
from bot.core.plan import CostCategory, CostItem, FinancingSource, Plan, SourceKind
from bot.core.state import Answer, DialogState
from bot.dialogs.answers import sent_content
from bot.storage.db import Database
from bot.storage.stores import Stores

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
COSTS = Plan(costs=(CostItem(category=CostCategory.PERSONNEL, amount_eur=90_000),))
FINANCING = Plan(financing=(FinancingSource(kind=SourceKind.OWN, amount_eur=90_000),))


def answered(**texts: str) -> dict[str, Answer]:
    return {step: Answer(text=text, value=text) for step, text in texts.items()}


async def test_a_drafts_answers_and_plan_are_read_decoded(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        async with Stores.transaction(database, NOW) as stores:
            await stores.drafts.user(7, "de")
            answers = answered(title="Pflegebrücke", continuation="Die Schulen übernehmen.")
            answers |= {
                "plan_costs": Answer(
                    text="…", value=COSTS.model_dump(mode="json", include={"costs"})
                ),
                "plan_financing": Answer(
                    text="…", value=FINANCING.model_dump(mode="json", include={"financing"})
                ),
            }
            draft = await stores.drafts.create(7, DialogState(step="summary", answers=answers))
            read = await stores.cases.draft_answers(draft.id)
            assert read.title == "Pflegebrücke"
            assert read.continuation == "Die Schulen übernehmen."
            assert read.spatial_effect is None
            assert await stores.cases.plan(draft.id) == Plan(
                costs=COSTS.costs, financing=FINANCING.financing
            ), "the parts answered in the dialog, merged"
            typed = Plan(costs=(CostItem(category=CostCategory.MATERIAL, amount_eur=5),))
            await stores.cases.save_plan(draft.id, typed.model_dump(mode="json"))
            assert await stores.cases.plan(draft.id) == typed, "the plan typed later wins"
            missing = draft.id + 1
            assert (await stores.cases.draft_answers(missing)).texts == {}
            assert await stores.cases.plan(missing) is None
    finally:
        await database.close()


async def test_a_handoff_gives_the_state_it_sent(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "bot.sqlite3")
    try:
        async with Stores.transaction(database, NOW) as stores:
            await stores.drafts.user(7, "de")
            state = DialogState(step="summary", answers=answered(title="Pflegebrücke"))
            draft = await stores.drafts.create(7, state)
            snapshot = {"state": state.model_dump(mode="json"), "status": "ok"}
            handoff = await stores.handoffs.create(
                draft.id, 7, "farehi", "handoff", "Pflegebrücke", snapshot
            )
            bare = await stores.handoffs.create(draft.id, 7, "farehi", "question", "x", {})
        async with Stores.transaction(database, NOW) as stores:
            stored = await stores.handoffs.get(handoff.id)
            assert stored is not None and stored.sent_state == state
            assert sent_content(stored.sent_answers) == sent_content(state.answers)
            without = await stores.handoffs.get(bare.id)
            assert without is not None
            assert without.sent_state is None and without.sent_answers == {}
    finally:
        await database.close()


STORED_SHAPE = re.compile(r"\$\.(?:state\.)?answers|json_each\([^)]*answers|snapshot(?:\[|\.get\()")
"""An answer or a handoff's snapshot read by its JSON path instead of through the accessors."""
SHAPE_READERS = {
    "storage/schema.py",  # the migrations read the shapes of earlier versions
    "storage/handoffs.py",  # `Handoff.sent_state`, `Handoff.sent_answers`
}


def test_no_module_reads_stored_answers_by_their_json_shape() -> None:
    assert STORED_SHAPE.search("json_extract(d.state, '$.answers.title.text')")
    assert STORED_SHAPE.search('handoff.snapshot["state"]')
    root = Path(bot.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if str(path.relative_to(root)) not in SHAPE_READERS
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if STORED_SHAPE.search(line)
    ]
    assert offenders == [], "read answers through bot.core.answers and storage's accessors"


ANSWER_READS = frozenset({"text", "value_text", "_value"})
"""`SponsorAnswers`' reads by step id: one answer by its step's name is a typed field instead."""
ANSWER_MAPPINGS = frozenset({"texts", "values"})


def _named(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _reads_one_by_name(node: ast.AST) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
        func, first = node.func, node.args[0]
        if func.attr in ANSWER_READS:
            return _named(first)
        mapping = func.value
        return (
            func.attr == "get"
            and isinstance(mapping, ast.Attribute)
            and mapping.attr in ANSWER_MAPPINGS
            and _named(first)
        )
    return (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr in ANSWER_MAPPINGS
        and _named(node.slice)
    )


def answers_read_by_name(source: str) -> list[int]:
    """Lines reading one answer by a step id written out: `.text("title")`, `.texts["idea"]`,
    `.values.get("idea")`."""
    return sorted(node.lineno for node in ast.walk(ast.parse(source)) if _reads_one_by_name(node))


def test_no_module_reads_an_answer_by_its_step_id() -> None:
    """Outside `bot/core/answers.py` an answer is a typed field of `SponsorAnswers`; `.text()`
    takes a step at hand (the summary lists every answer by its step), never a written-out id."""
    assert answers_read_by_name('title = answers.text("title")') == [1]
    assert answers_read_by_name('cap = read.value_text("cap_raises_grant")') == [1]
    assert answers_read_by_name('x = answers.texts["idea"]\ny = a.values.get("idea")') == [1, 2]
    assert answers_read_by_name("shown = answers.text(step.id)\nt = answers.title") == []
    root = Path(bot.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{line}"
        for path in sorted(root.rglob("*.py"))
        if path.relative_to(root).as_posix() != "core/answers.py"
        for line in answers_read_by_name(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "read one answer through its field of SponsorAnswers"
