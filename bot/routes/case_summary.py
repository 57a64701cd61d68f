"""The sponsor's summary of a handed-over draft says where its case stands in the procedure
(issue 16 point 6), with a button to the case; the summary itself (`bot.dialogs.summary`,
pure) knows nothing of cases, so the router adds this after the turn's requests were carried
out: a summary shown right after a handoff names the case that handoff made. The screen's id and
the part to add it below are imported from their declarations (`bot.dialogs.sponsor`,
`bot.dialogs.summary`)."""

from __future__ import annotations

from dataclasses import replace

from bot.core.outputs import Button, Output, Reply
from bot.dialogs.sponsor import SUMMARY
from bot.dialogs.summary import SENT_LIST
from bot.procedure.steps import Stage
from bot.procedure.views import next_steps, stage_label
from bot.texts.catalog import Msg
from bot.turn import Turn

TITLE = "summary.title"
"""The summary's first part: the case line goes below it when nothing was listed as sent."""


async def with_case(turn: Turn, outputs: list[Output]) -> list[Output]:
    at = next(
        (i for i, o in enumerate(outputs) if isinstance(o, Reply) and o.step == SUMMARY), None
    )
    draft_id = turn.user.current_draft_id
    if at is None or draft_id is None:
        return outputs
    case = await turn.stores.cases.of_draft(draft_id)
    if case is None or case.sponsor_id != turn.user.id:
        return outputs
    summary = outputs[at]
    assert isinstance(summary, Reply)
    stage = Stage(case.stage)
    line = Msg(
        "cases.summary_case",
        {"number": case.id, "stage": stage_label(stage), "next": next_steps(stage)},
    )
    button = (Button(Msg("cases.button.open"), f"case:open:{case.id}"),)
    # Right below what was handed over when, else below the title: the summary says what
    # matters most first.
    keys = [part.key for part in summary.parts]
    above = SENT_LIST if SENT_LIST in keys else TITLE
    place = keys.index(above) + 1 if above in keys else len(keys)
    parts = (*summary.parts[:place], line, *summary.parts[place:])
    shown = replace(summary, parts=parts, buttons=(button, *summary.buttons))
    return [*outputs[:at], shown, *outputs[at + 1 :]]
