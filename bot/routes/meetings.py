"""Staff's meetings of the Lenkungsgruppe in chat: the list of those to come, each with buttons
(`staff:meeting:<verb>:<meeting>[:<other meeting>]`) to move it to another date, to cancel it
(its waiting cases re-planned for another meeting first) and to get its agenda as one PDF
with the Projektskizzen of its cases.

The `Procedure` decides and tells the sponsors and alliances; this desk turns presses and typed
dates into its calls and its results into replies.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import date

from bot.core.events import action_number
from bot.core.outputs import Button, EngineOutput, Reply
from bot.core.plan import Plan
from bot.core.subdialogs import MoveMeeting
from bot.export.agenda import AgendaCase, Meeting, agenda_document
from bot.procedure.requests import Actor
from bot.procedure.results import Refused
from bot.procedure.service import Procedure
from bot.procedure.steps import Role, StepKind
from bot.procedure.views import alliance_names
from bot.storage.cases import CaseRow
from bot.storage.meetings import MeetingRow
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Count, Day, Lines
from bot.turn import Turn

DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_Verb = Callable[[Turn, MeetingRow, int | None], Awaitable[list[EngineOutput]]]


def days_in(text: str) -> list[date]:
    """The dates written TT.MM.JJJJ in `text`, in order (impossible ones left out)."""
    found: list[date] = []
    for match in DAY.finditer(text):
        try:
            found.append(date(int(match[3]), int(match[2]), int(match[1])))
        except ValueError:
            continue
    return found


class MeetingDesk:
    def __init__(self, procedure: Procedure) -> None:
        self.procedure = procedure

    def _actor(self, turn: Turn) -> Actor:
        return Actor(turn.user.id, Role.STAFF)

    async def listing(self, turn: Turn, *before: Msg) -> Reply:
        """The meetings to come, each with its buttons."""
        meetings = await turn.stores.meetings.listed(since=turn.today)
        lines = tuple(
            Msg(
                "cases.meeting_line",
                {
                    "date": Day(m.held_on),
                    "deadline": Day(m.deadline) if m.deadline else "–",
                    "note": m.note or "–",
                },
            )
            for m in meetings
        )
        listing = Msg("cases.meetings", {"lines": Lines(lines) if lines else "–"})
        rows = tuple(
            (Button(Msg("meetings.button.open", {"date": Day(m.held_on)}), _act("open", m)),)
            for m in meetings
        )
        return Reply((*before, listing), rows)

    async def _open(self, turn: Turn, meeting: MeetingRow, _: int | None) -> list[EngineOutput]:
        """One meeting with its agenda's size and what staff can do with it."""
        waiting = await self.procedure.waiting_for(turn.stores, meeting.id)
        said = Msg(
            "meetings.shown",
            {
                "date": Day(meeting.held_on),
                "deadline": Day(meeting.deadline) if meeting.deadline else "–",
                "note": meeting.note or "–",
                "cases": Count(len(waiting), "cases"),
            },
        )
        rows = (
            (Button(Msg("meetings.button.agenda"), _act("agenda", meeting)),),
            (Button(Msg("meetings.button.move"), _act("move", meeting)),),
            (Button(Msg("meetings.button.cancel"), _act("cancel", meeting)),),
        )
        return [Reply((said,), rows)]

    async def act(self, turn: Turn, action: str) -> list[EngineOutput]:
        verb, _, rest = action.partition(":")
        number, _, other = rest.partition(":")
        meeting_id = action_number(number)
        meeting = await turn.stores.meetings.get(meeting_id) if meeting_id is not None else None
        handler = self._verbs().get(verb)
        if meeting is None or meeting.cancelled or handler is None:
            return [await self.listing(turn, Msg("meetings.gone"))]
        return await handler(turn, meeting, action_number(other))

    def _verbs(self) -> dict[str, _Verb]:
        return {
            "open": self._open,
            "agenda": self._agenda,
            "move": self._move,
            "cancel": self._cancel,
            "cancel_yes": self._cancel_yes,
            "list": lambda turn, _meeting, _other: self._listed(turn),
        }

    async def _listed(self, turn: Turn) -> list[EngineOutput]:
        return [await self.listing(turn)]

    # --- moving ----------------------------------------------------------------------------

    async def _move(self, turn: Turn, meeting: MeetingRow, _: int | None) -> list[EngineOutput]:
        await turn.start(MoveMeeting(meeting=meeting.id))
        return [Reply((Msg("meetings.move_prompt", {"date": Day(meeting.held_on)}),))]

    async def moved(self, turn: Turn, asked: MoveMeeting, text: str) -> list[EngineOutput]:
        """The new date typed ("TT.MM.JJJJ", a new deadline after it if wanted); without
        one, the deadline stays if it still comes before the meeting."""
        meeting = await turn.stores.meetings.get(asked.meeting)
        if meeting is None or meeting.cancelled:
            return [await self.listing(turn, Msg("meetings.gone"))]
        days = days_in(text)
        if not days:
            await turn.start(asked)
            return [Reply((Msg("meetings.move_invalid"),))]
        held_on = days[0]
        deadline = days[1] if len(days) > 1 else meeting.deadline
        if len(days) == 1 and deadline is not None and deadline > held_on:
            deadline = None
        told = len(await self.procedure.waiting_for(turn.stores, meeting.id))
        moved = await self.procedure.move_meeting(
            turn.stores, self._actor(turn), meeting.id, held_on, deadline
        )
        if isinstance(moved, Refused):
            await turn.start(asked)
            return [Reply((moved.message,))]
        turn.outbox_written = True
        said = Msg(
            "meetings.moved",
            {"from": Day(meeting.held_on), "to": Day(held_on), "cases": Count(told, "cases")},
        )
        return [await self.listing(turn, said)]

    # --- cancelling ------------------------------------------------------------------------

    async def _cancel(self, turn: Turn, meeting: MeetingRow, _: int | None) -> list[EngineOutput]:
        """Confirmed first; cases waiting for it need another meeting, chosen by a button."""
        waiting = await self.procedure.waiting_for(turn.stores, meeting.id)
        if not waiting:
            return [
                Reply(
                    (Msg("meetings.cancel_confirm", {"date": Day(meeting.held_on)}),),
                    (
                        (
                            Button(Msg("meetings.button.cancel_yes"), _act("cancel_yes", meeting)),
                            Button(Msg("meetings.button.keep"), _act("list", meeting)),
                        ),
                    ),
                )
            ]
        others = [
            m for m in await turn.stores.meetings.listed(since=turn.today) if m.id != meeting.id
        ]
        params: dict[str, Param] = {
            "date": Day(meeting.held_on),
            "cases": Count(len(waiting), "cases"),
        }
        if not others:
            return [Reply((Msg("meetings.cancel_no_other", params),))]
        rows = tuple(
            (
                Button(
                    Msg("meetings.button.cancel_to", {"date": Day(m.held_on)}),
                    f"{_act('cancel_yes', meeting)}:{m.id}",
                ),
            )
            for m in others
        )
        return [Reply((Msg("meetings.cancel_choose", params),), rows)]

    async def _cancel_yes(
        self, turn: Turn, meeting: MeetingRow, move_to: int | None
    ) -> list[EngineOutput]:
        moved = len(await self.procedure.waiting_for(turn.stores, meeting.id))
        cancelled = await self.procedure.cancel_meeting(
            turn.stores, self._actor(turn), meeting.id, move_to
        )
        if isinstance(cancelled, Refused):
            return [await self.listing(turn, cancelled.message)]
        turn.outbox_written = True
        target = await turn.stores.meetings.get(move_to) if move_to is not None else None
        said = Msg("meetings.cancelled", {"date": Day(meeting.held_on)})
        notes = [said]
        if moved and target is not None:
            notes.append(
                Msg(
                    "meetings.replanned",
                    {"cases": Count(moved, "cases"), "date": Day(target.held_on)},
                )
            )
        return [await self.listing(turn, *notes)]

    # --- the agenda ------------------------------------------------------------------------

    async def _agenda(self, turn: Turn, meeting: MeetingRow, _: int | None) -> list[EngineOutput]:
        """Read now, in the transaction; rendered after the commit (`Turn.sketch`)."""
        cases = await turn.stores.cases.on_agenda(meeting.id)
        name = alliance_names(turn.advisor.kb)
        items = [await self._agenda_case(turn, case, name(case.alliance_id)) for case in cases]
        shown = Meeting(meeting.held_on, meeting.deadline, meeting.note)
        advisor, language, today = turn.advisor, turn.language, turn.today
        turn.sketch = lambda: [agenda_document(shown, items, advisor, language, today)]
        said = Msg("meetings.agenda_sent", {"date": Day(meeting.held_on), "count": len(cases)})
        return [Reply((said,))]

    async def _agenda_case(self, turn: Turn, case: CaseRow, alliance: str) -> AgendaCase:
        """The Projektskizze as the current revision was handed over, with the plan as
        submitted (or as it stands, when not submitted yet)."""
        handoff = await turn.handoffs.get(case.handoff_id) if case.handoff_id else None
        state = handoff.sent_state if handoff is not None else None
        cases = turn.stores.cases
        submitted = await cases.steps_of_kind(case.id, StepKind.SUBMIT.value)
        if submitted:
            content = submitted[-1].payload.get("plan")
            plan = Plan.model_validate(content) if content is not None else None
        else:
            plan = await cases.plan(case.draft_id)
        return AgendaCase(
            case.id, case.title, alliance, case.costs_eur, case.grant_eur, state, plan
        )


def _act(verb: str, meeting: MeetingRow) -> str:
    return f"staff:meeting:{verb}:{meeting.id}"
