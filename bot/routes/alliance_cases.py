"""The cases of a local alliance as its contacts see them (issue 16 point 6): /faelle lists
them by step, each open one a button (`cases:open:<case>`) to its view: where it stands,
what is due from whom, its dates and its history (steps with role and day), and who of the
alliance is in charge. Staff, standing in for every alliance, see every alliance's cases.

Only reading: the steps themselves are taken in the inbox (contacts) and the overview
(staff)."""

from __future__ import annotations

from bot.core.events import action_number
from bot.core.outputs import Button, EngineOutput, Reply
from bot.procedure.steps import FINISHED, Stage
from bot.procedure.views import alliance_names, alliance_view, case_line, case_view
from bot.storage.cases import CaseRow
from bot.texts.catalog import Msg
from bot.turn import Turn

LIST = "cases:list:0"


class AllianceCases:
    """Contacts' view of their alliances' cases (staff: every alliance's)."""

    async def _alliances(self, turn: Turn) -> list[str]:
        """The alliances whose cases the person sees: their own as a contact; all for staff."""
        own = await turn.contacts.alliances_of(turn.user.id)
        if own or not await turn.stores.staff.includes(turn.user.id):
            return own
        return sorted({case.alliance_id for case in await turn.stores.cases.everyone()})

    async def _visible(self, turn: Turn, case: CaseRow) -> bool:
        mine = set(await self._alliances(turn))
        return bool(mine & set(case.alliances)) or await turn.stores.staff.includes(turn.user.id)

    async def listing(self, turn: Turn) -> list[EngineOutput]:
        alliances = await self._alliances(turn)
        if not alliances:
            return [Reply((Msg("cases.alliance_cases_none"),))]
        name = alliance_names(turn.advisor.kb)
        views: list[Msg] = []
        shown: dict[int, CaseRow] = {}
        for alliance in alliances:
            cases = await turn.stores.cases.of_alliance(alliance)
            views.append(alliance_view(name(alliance), cases))
            shown |= {c.id: c for c in cases if Stage(c.stage) not in FINISHED}
        rows = tuple((Button(case_line(case), f"cases:open:{case.id}"),) for case in shown.values())
        return [Reply(tuple(views), rows)]

    async def act(self, turn: Turn, action: str) -> list[EngineOutput]:
        """`open:<case>` or `list:0`."""
        verb, _, number = action.partition(":")
        if verb == "list":
            return await self.listing(turn)
        case_id = action_number(number)
        case = await turn.stores.cases.get(case_id) if case_id is not None else None
        if case is None or not await self._visible(turn, case):
            return [
                Reply((Msg("cases.alliance_gone"),), ((Button(Msg("cases.button.list"), LIST),),))
            ]
        cases = turn.stores.cases
        meeting = await turn.stores.meetings.get(case.meeting_id) if case.meeting_id else None
        view = case_view(
            case, await cases.steps(case.id), await cases.evaluations(case.id), meeting
        )
        contact = Msg(
            "cases.alliance_case",
            {"contact": case.contact_name or Msg("cases.alliance_case_none")},
        )
        return [Reply((view, contact), ((Button(Msg("cases.button.list"), LIST),),))]
