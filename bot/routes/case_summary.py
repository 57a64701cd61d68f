"""The sponsor's summary of a handed-over draft says where its case stands in the procedure
(issue 16 point 6), with a button to the case; the summary itself (`bot.dialogs.summary`,
pure) knows nothing of cases, so the router adds this after the turn's requests were carried
out: a summary shown right after a handoff names the case that handoff made. Which screen
takes the line, and below which of its parts, the dialog declares (`Addition`,
`CASE_OF_DRAFT`): this module knows no screen or part of it by name."""

from __future__ import annotations

from dataclasses import replace

from bot.core.outputs import Button, Output, Reply
from bot.core.steps import CASE_OF_DRAFT, Addition
from bot.procedure.steps import Stage
from bot.procedure.views import next_steps, stage_label
from bot.texts.catalog import Msg
from bot.turn import Turn


def _additions(turn: Turn) -> dict[str, Addition]:
    """The screens that take the case line, by id, with where it goes."""
    return {
        screen.id: addition
        for screen in turn.dialog.dialog.screens
        for addition in screen.additions
        if addition.name == CASE_OF_DRAFT
    }


async def with_case(turn: Turn, outputs: list[Output]) -> list[Output]:
    screens = _additions(turn)
    at = next(
        (i for i, o in enumerate(outputs) if isinstance(o, Reply) and o.step in screens), None
    )
    draft_id = turn.user.current_draft_id
    if at is None or draft_id is None:
        return outputs
    draft = await turn.current_draft()
    if draft is not None and draft.status == "waiting":
        # Nobody could receive its handoff: not called handed over (`AllianceDesk.hand_over`).
        return outputs
    case = await turn.stores.cases.of_draft(draft_id)
    if case is None or case.sponsor_id != turn.user.id:
        return outputs
    summary = outputs[at]
    assert isinstance(summary, Reply) and summary.step is not None
    stage = Stage(case.stage)
    line = Msg(
        "cases.summary_case",
        {"number": case.id, "stage": stage_label(stage), "next": next_steps(stage)},
    )
    button = (Button(Msg("cases.button.open"), f"case:open:{case.id}"),)
    keys = [part.key for part in summary.parts]
    above = next((key for key in screens[summary.step].below if key in keys), None)
    place = keys.index(above) + 1 if above is not None else len(keys)
    parts = (*summary.parts[:place], line, *summary.parts[place:])
    shown = replace(summary, parts=parts, buttons=(button, *summary.buttons))
    return [*outputs[:at], shown, *outputs[at + 1 :]]
