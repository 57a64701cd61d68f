"""The procedure after the handoff in chat: a sponsor's case (its view and the steps that are
theirs, as buttons `case:<verb>:<case number>`), and staff's procedure overview with its CSV.

The `Procedure` decides everything (who may, in which order, what a step carries); this desk
only turns presses and typed answers into its requests and its results into replies.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Awaitable, Callable
from datetime import date

from bot.core.events import Upload, action_number
from bot.core.outputs import Button, Document, EngineOutput, Reply
from bot.core.plan import FundingRate, check_plan
from bot.core.subdialogs import (
    DecisionCopyFile,
    EnterPlan,
    EscalationDays,
    EvaluationStep,
    ProjectDates,
    VotumText,
)
from bot.procedure.plan_text import read_plan
from bot.procedure.requests import (
    EVALUATION_KINDS,
    Actor,
    AddEvaluation,
    Apply,
    Close,
    Decision,
    DecisionCopy,
    EvaluationReceived,
    ReportReceived,
    Request,
    Schedule,
    Start,
    Submit,
    Votum,
    VotumOutcome,
    VotumWay,
    Withdraw,
)
from bot.procedure.results import Recorded, Refused
from bot.procedure.service import Procedure
from bot.procedure.steps import FINISHED, Role, Stage, StepKind, possible
from bot.procedure.views import (
    case_line,
    case_view,
    overview,
    overview_csv,
    overview_view,
    subregions,
)
from bot.routes.alliance_cases import AllianceCases
from bot.routes.meetings import MeetingDesk
from bot.storage.cases import CaseRow
from bot.texts.catalog import Msg
from bot.texts.formats import Count, Day
from bot.texts.markup import to_plain
from bot.turn import Turn

CSV = "text/csv"
_ESCALATION = "staff:procedure:escalation"
_StaffVerb = Callable[[Turn, CaseRow, str], Awaitable[list[EngineOutput]]]
"""A staff button's handler: the case and the button's detail."""
_DAY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")

_SPONSOR_BUTTONS: tuple[tuple[StepKind, str], ...] = (
    (StepKind.SUBMIT, "submit"),
    (StepKind.APPLY, "apply"),
    (StepKind.GRANT, "grant"),
    (StepKind.DECLINE, "decline"),
    (StepKind.START, "start"),
    (StepKind.DECISION_COPY, "copy"),
    (StepKind.WITHDRAW, "withdraw"),
)
"""The sponsor's steps offered as buttons when the table allows them, in this order."""
_VOTA: tuple[tuple[StepKind, VotumOutcome], ...] = (
    (StepKind.ENDORSE, "endorsed"),
    (StepKind.NOT_ENDORSE, "not_endorsed"),
    (StepKind.DEFER, "deferred"),
)


async def sponsor_case_view(turn: Turn, case: CaseRow) -> Msg:
    """The case as its sponsor sees it (step, what comes next, dates, history)."""
    cases = turn.stores.cases
    meeting = await turn.stores.meetings.get(case.meeting_id) if case.meeting_id else None
    return case_view(case, await cases.steps(case.id), await cases.evaluations(case.id), meeting)


class CaseDesk:
    def __init__(self, procedure: Procedure) -> None:
        self.procedure = procedure
        self.meetings = MeetingDesk(procedure)
        self.alliance = AllianceCases()

    # --- the sponsor -----------------------------------------------------------------------

    async def menu(self, turn: Turn, case: CaseRow, *before: Msg) -> Reply:
        """The case with the sponsor's buttons for what the table allows now."""
        allowed = possible(Stage(case.stage), Role.SPONSOR)
        rows: list[tuple[Button, ...]] = []
        if StepKind.SUBMIT in allowed or StepKind.HAND_OVER in allowed:
            # Until it is submitted the plan may change (the Projektskizze shows it).
            rows.append((Button(Msg("cases.button.plan"), f"case:plan:{case.id}"),))
        rows += [
            (Button(Msg(f"cases.button.{verb}"), f"case:{verb}:{case.id}"),)
            for kind, verb in _SPONSOR_BUTTONS
            if kind in allowed
        ]
        if Stage(case.stage) not in FINISHED:
            switch = "reminders_off" if case.reminders else "reminders_on"
            rows.append((Button(Msg(f"cases.button.{switch}"), f"case:{switch}:{case.id}"),))
        rows.append((Button(Msg("sponsor.button.drafts"), "session:drafts"),))
        view = await sponsor_case_view(turn, case)
        return Reply((*before, view), tuple(rows))

    async def act(self, turn: Turn, action: str) -> list[EngineOutput]:
        """`<verb>:<case number>` pressed by the case's sponsor."""
        verb, _, number = action.partition(":")
        case_id = action_number(number)
        case = await turn.stores.cases.get(case_id) if case_id is not None else None
        if case is None or case.sponsor_id != turn.user.id:
            return [Reply((Msg("cases.gone"),))]
        actor = Actor(turn.user.id, Role.SPONSOR)
        if verb == "open":
            return [await self.menu(turn, case)]
        if verb in ("reminders_on", "reminders_off"):
            switched = await self.procedure.pinned(turn.advisor.kb).set_reminders(
                turn.stores, actor, case.id, verb == "reminders_on"
            )
            if isinstance(switched, Refused):
                return [await self.menu(turn, case, switched.message)]
            return [await self.menu(turn, switched, Msg(f"cases.{verb}"))]
        if verb == "plan":
            await turn.start(EnterPlan(case=case.id))
            return [Reply((Msg("cases.plan_prompt", {"title": case.title}),))]
        if verb == "start":
            await turn.start(ProjectDates(case=case.id))
            return [Reply((Msg("cases.dates_prompt", {"title": case.title}),))]
        if verb == "copy":
            await turn.start(DecisionCopyFile(case=case.id))
            return [Reply((Msg("cases.copy_prompt", {"title": case.title}),))]
        if verb == "withdraw":
            return [
                Reply(
                    (Msg("cases.withdraw_confirm", {"title": case.title}),),
                    (
                        (
                            Button(Msg("cases.button.withdraw_yes"), f"case:withdrawn:{case.id}"),
                            Button(Msg("cases.button.keep"), f"case:open:{case.id}"),
                        ),
                    ),
                )
            ]
        today = turn.today
        requests: dict[str, Request] = {
            "submit": Submit(),
            "apply": Apply(on=today),
            "grant": Decision(granted=True, on=today),
            "decline": Decision(granted=False, on=today),
            "withdrawn": Withdraw(reason=""),
        }
        request = requests.get(verb)
        if request is None:
            return [await self.menu(turn, case)]
        return await self._record(turn, actor, case, request)

    async def copy(self, turn: Turn, upload: Upload) -> list[EngineOutput]:
        """The copy of NBank's decision, sent as a file after its button: it goes to staff
        as a document through the outbox (asked for, not required to go on)."""
        asked = await turn.done()
        assert isinstance(asked, DecisionCopyFile)
        case = await turn.stores.cases.get(asked.case)
        if case is None or case.sponsor_id != turn.user.id:
            return [Reply((Msg("cases.gone"),))]
        mime_type = mimetypes.guess_type(upload.filename)[0] or "application/octet-stream"
        request = DecisionCopy(upload.filename, mime_type, upload.content)
        return await self._record(turn, Actor(turn.user.id, Role.SPONSOR), case, request)

    async def dates(self, turn: Turn, asked: ProjectDates, text: str) -> list[EngineOutput]:
        """The project's start and end, typed as two dates ("01.03.2027 bis 28.02.2029")."""
        case = await turn.stores.cases.get(asked.case)
        if case is None or case.sponsor_id != turn.user.id:
            return [Reply((Msg("cases.gone"),))]
        days = [_day(m) for m in _DAY.finditer(text)]
        found = [d for d in days if d is not None]
        if len(found) != 2:
            await turn.start(asked)
            return [Reply((Msg("cases.dates_invalid"),))]
        start, end = found
        request = Start(start=start, end=end)
        return await self._record(turn, Actor(turn.user.id, Role.SPONSOR), case, request)

    async def plan(self, turn: Turn, asked: EnterPlan, text: str) -> list[EngineOutput]:
        """The typed cost and financing plan, kept with the draft; what does not add up yet
        is said at once (the submission checks it again)."""
        cases = turn.stores.cases
        case = await cases.get(asked.case)
        if case is None or case.sponsor_id != turn.user.id:
            return [Reply((Msg("cases.gone"),))]
        typed = read_plan(text, await cases.plan(case.draft_id))
        if not (typed.plan.costs or typed.plan.financing):
            await turn.start(asked)
            return [Reply((Msg("cases.plan_unread"),))]
        await cases.save_plan(case.draft_id, typed.plan.model_dump(mode="json"))
        funding = turn.advisor.kb.rules.funding
        check = check_plan(
            typed.plan,
            case.costs_eur,
            case.duration_months,
            FundingRate(funding.max_rate_percent, funding.source),
        )
        said: list[Msg] = [Msg("cases.plan_saved")]
        said += [Msg("cases.plan_line_unread", {"line": line}) for line in typed.unread]
        said += [*check.problems, *check.notes]
        if check.complete:
            said.append(Msg("cases.plan_complete"))
        return [await self.menu(turn, case, *said)]

    async def _record(
        self, turn: Turn, actor: Actor, case: CaseRow, request: Request
    ) -> list[EngineOutput]:
        outcome = await self.procedure.pinned(turn.advisor.kb).record(
            turn.stores, actor, case.id, request
        )
        turn.outbox_written = True
        shown = self.staff_menu if actor.role is Role.STAFF else self.menu
        if isinstance(outcome, Refused):
            return [await shown(turn, case, outcome.message, *outcome.details)]
        assert isinstance(outcome, Recorded)
        return [await shown(turn, outcome.case, *outcome.messages)]

    # --- staff -----------------------------------------------------------------------------

    async def staff_menu(self, turn: Turn, case: CaseRow, *before: Msg) -> Reply:
        """A case as staff see it, with staff's steps the table allows now."""
        allowed = possible(Stage(case.stage), Role.STAFF)
        rows: list[tuple[Button, ...]] = []
        if StepKind.SCHEDULE in allowed:
            rows += [
                (
                    Button(
                        Msg("cases.button.schedule", {"date": Day(m.held_on)}),
                        f"staff:case:schedule:{case.id}:{m.id}",
                    ),
                )
                for m in await turn.stores.meetings.listed(since=turn.today)
            ]
        votum = [
            Button(Msg(f"cases.button.votum.{outcome}"), f"staff:case:{outcome}:{case.id}")
            for kind, outcome in _VOTA
            if kind in allowed
        ]
        if votum:
            rows.append(tuple(votum))
        for kind, verb in ((StepKind.REPORT_RECEIVED, "report"), (StepKind.CLOSE, "close")):
            if kind in allowed:
                rows.append((Button(Msg(f"cases.button.{verb}"), f"staff:case:{verb}:{case.id}"),))
        rows += await self._evaluation_buttons(turn, case, allowed)
        rows += await self._reassign_buttons(turn, case, allowed)
        view = await sponsor_case_view(turn, case)
        return Reply((*before, view), tuple(rows))

    async def _evaluation_buttons(
        self, turn: Turn, case: CaseRow, allowed: tuple[StepKind, ...]
    ) -> list[tuple[Button, ...]]:
        rows: list[tuple[Button, ...]] = []
        if StepKind.EVALUATION_RECEIVED in allowed:
            rows += [
                (
                    Button(
                        Msg("cases.button.evaluated", {"evaluation": e.title}),
                        f"staff:case:evaluated:{case.id}:{e.id}",
                    ),
                )
                for e in await turn.stores.cases.evaluations(case.id)
                if e.received_at is None
            ]
        if StepKind.ADD_EVALUATION in allowed:
            rows.append(
                (Button(Msg("cases.button.evaluation"), f"staff:case:evaluation:{case.id}"),)
            )
        return rows

    async def _reassign_buttons(
        self, turn: Turn, case: CaseRow, allowed: tuple[StepKind, ...]
    ) -> list[tuple[Button, ...]]:
        """Another contact of the alliance in charge, for the case of a departing one."""
        if StepKind.REASSIGN not in allowed or case.contact_id is None:
            return []
        theirs = await turn.stores.cases.of_contact(case.contact_id, case.alliance_id)
        rows: list[tuple[Button, ...]] = []
        for contact in await turn.contacts.of_alliance(case.alliance_id):
            if contact.user_id == case.contact_id:
                continue
            row = [
                Button(
                    Msg("cases.button.reassign", {"name": contact.name}),
                    f"staff:case:reassign:{case.id}:{contact.user_id}",
                )
            ]
            if len(theirs) > 1:  # a departing contact: all their open cases at once
                row.append(
                    Button(
                        Msg(
                            "cases.button.reassign_all",
                            {"name": contact.name, "count": Count(len(theirs), "cases")},
                        ),
                        f"staff:case:reassign_all:{case.id}:{contact.user_id}",
                    )
                )
            rows.append(tuple(row))
        return rows

    async def staff_act(self, turn: Turn, action: str) -> list[EngineOutput]:
        """`<verb>:<case number>[:<detail>]` pressed by staff (the detail: a meeting's,
        an evaluation step's or a contact's number, or an evaluation's kind)."""
        verb, _, rest = action.partition(":")
        number, _, detail = rest.partition(":")
        case_id = action_number(number)
        case = await turn.stores.cases.get(case_id) if case_id is not None else None
        if case is None:
            return [Reply((Msg("cases.gone"),))]
        handler = self._staff_verbs().get(verb)
        if handler is None:
            return [await self.staff_menu(turn, case)]
        return await handler(turn, case, detail)

    def _staff_verbs(self) -> dict[str, _StaffVerb]:
        """What each of staff's case buttons does."""
        verbs: dict[str, _StaffVerb] = {
            "open": self._open,
            "schedule": self._schedule,
            "report": lambda turn, case, _: self._staff_record(turn, case, ReportReceived()),
            "close": lambda turn, case, _: self._staff_record(turn, case, Close()),
            "evaluation": self._evaluation,
            "evaluated": self._evaluated,
            "reassign": self._reassign,
            "reassign_all": self._reassign_all,
        }
        for _, outcome in _VOTA:
            verbs[outcome] = self._votum_for(outcome)
        return verbs

    async def _open(self, turn: Turn, case: CaseRow, _: str) -> list[EngineOutput]:
        return [await self.staff_menu(turn, case)]

    async def _staff_record(
        self, turn: Turn, case: CaseRow, request: Request
    ) -> list[EngineOutput]:
        return await self._record(turn, Actor(turn.user.id, Role.STAFF), case, request)

    async def _schedule(self, turn: Turn, case: CaseRow, detail: str) -> list[EngineOutput]:
        meeting_id = action_number(detail)
        if meeting_id is None:
            return [await self.staff_menu(turn, case)]
        return await self._staff_record(turn, case, Schedule(meeting_id=meeting_id))

    def _votum_for(self, outcome: VotumOutcome) -> _StaffVerb:
        async def ask(turn: Turn, case: CaseRow, _: str) -> list[EngineOutput]:
            await turn.start(VotumText(case=case.id, outcome=outcome))
            said = Msg(
                "cases.votum_prompt",
                {"title": case.title, "outcome": Msg(f"procedure.votum.{outcome}")},
            )
            return [Reply((said,))]

        return ask

    async def _evaluation(self, turn: Turn, case: CaseRow, detail: str) -> list[EngineOutput]:
        """Which kind of evaluation step (a button each), then its title and due date."""
        kind = next((k for k in EVALUATION_KINDS if k == detail), None)
        if kind is None:
            kinds = tuple(
                (Button(Msg(f"procedure.evaluation.{k}"), f"staff:case:evaluation:{case.id}:{k}"),)
                for k in EVALUATION_KINDS
            )
            return [Reply((Msg("cases.evaluation_kind", {"title": case.title}),), kinds)]
        await turn.start(EvaluationStep(case=case.id, step=kind))
        prompt = Msg(
            "cases.evaluation_prompt",
            {"title": case.title, "kind": Msg(f"procedure.evaluation.{kind}")},
        )
        return [Reply((prompt,))]

    async def evaluation(self, turn: Turn, asked: EvaluationStep, text: str) -> list[EngineOutput]:
        """The evaluation step's title and due date, typed ("Zwischenbericht 2027 bis
        31.12.2027"); without a title it is named by its kind."""
        case = await turn.stores.cases.get(asked.case)
        if case is None:
            return [Reply((Msg("cases.gone"),))]
        days = [d for d in (_day(m) for m in _DAY.finditer(text)) if d is not None]
        if len(days) != 1:
            await turn.start(asked)
            return [Reply((Msg("cases.evaluation_invalid"),))]
        title = _DAY.sub("", text).strip(" ,;:-–")
        title = re.sub(r"\s+(?:bis|am|zum|by|on|until|due)$", "", title, flags=re.IGNORECASE)
        if not title:
            title = to_plain(Msg(f"procedure.evaluation.{asked.step}"), turn.language)
        request = AddEvaluation(kind=asked.step, title=title, due=days[0])
        return await self._staff_record(turn, case, request)

    async def _evaluated(self, turn: Turn, case: CaseRow, detail: str) -> list[EngineOutput]:
        number = action_number(detail)
        if number is None:
            return [await self.staff_menu(turn, case)]
        return await self._staff_record(turn, case, EvaluationReceived(evaluation_id=number))

    async def _reassign_all(self, turn: Turn, case: CaseRow, detail: str) -> list[EngineOutput]:
        """Every open case of the contact in charge of this one to another contact."""
        return await self._reassign(turn, case, detail, every=True)

    async def _reassign(
        self, turn: Turn, case: CaseRow, detail: str, every: bool = False
    ) -> list[EngineOutput]:
        """The case to another contact of its alliance (the one in charge is leaving), or
        with `every` all that contact's open cases of the alliance."""
        successor = action_number(detail)
        if successor is None or case.contact_id is None:
            return [await self.staff_menu(turn, case)]
        moved = await self.procedure.reassign(
            turn.stores,
            Actor(turn.user.id, Role.STAFF),
            case.alliance_id,
            case.contact_id,
            successor,
            only=None if every else case.id,
        )
        turn.outbox_written = True
        if isinstance(moved, Refused):
            return [await self.staff_menu(turn, case, moved.message)]
        updated = await turn.stores.cases.get(case.id)
        assert updated is not None
        return [await self.staff_menu(turn, updated, *(m for r in moved for m in r.messages))]

    # --- staff's settings of the procedure -------------------------------------------------

    async def procedure_act(self, turn: Turn, action: str) -> list[EngineOutput]:
        """`staff:procedure:escalation`: the days after which an untaken handoff escalates."""
        if action != "escalation":
            return await self.overview(turn)
        days = await self.procedure.escalation_days(turn.stores)
        await turn.start(EscalationDays())
        return [Reply((Msg("cases.escalation_prompt", {"days": days}),))]

    async def escalation(self, turn: Turn, text: str) -> list[EngineOutput]:
        number = action_number(text.strip())
        if number is None:
            await turn.start(EscalationDays())
            return [Reply((Msg("cases.escalation_invalid"),))]
        actor = Actor(turn.user.id, Role.STAFF)
        days = await self.procedure.set_escalation_days(turn.stores, actor, number)
        if isinstance(days, Refused):
            await turn.start(EscalationDays())
            return [Reply((days.message,))]
        return [Reply((Msg("cases.escalation_set", {"days": days}),))]

    async def votum(self, turn: Turn, asked: VotumText, text: str) -> list[EngineOutput]:
        """The Votum's text for the sponsor: in the meeting the case is scheduled for, else
        by circulation (Umlaufverfahren)."""
        case = await turn.stores.cases.get(asked.case)
        if case is None:
            return [Reply((Msg("cases.gone"),))]
        way: VotumWay = "meeting" if Stage(case.stage) is Stage.SCHEDULED else "circulation"
        request = Votum(outcome=asked.outcome, way=way, text=text)
        return await self._staff_record(turn, case, request)

    async def meeting(self, turn: Turn, argument: str) -> list[EngineOutput]:
        """/sitzung <date> [<deadline>] [note]: a meeting of the Lenkungsgruppe; without a
        date, the meetings to come."""
        days = [d for d in (_day(m) for m in _DAY.finditer(argument)) if d is not None]
        if days:
            note = _DAY.sub("", argument).strip(" ,;-")
            added = await self.procedure.pinned(turn.advisor.kb).add_meeting(
                turn.stores,
                Actor(turn.user.id, Role.STAFF),
                days[0],
                days[1] if len(days) > 1 else None,
                note,
            )
            if isinstance(added, Refused):
                return [Reply((added.message,))]
            said = Msg("cases.meeting_added", {"date": Day(added.held_on)})
        else:
            said = Msg("cases.meeting_usage")
        return [await self.meetings.listing(turn, said)]

    async def overview(self, turn: Turn) -> list[EngineOutput]:
        """Cases per step and sub-region with the sums requested, and the same as CSV; the
        open cases as buttons to their steps."""
        cases = await turn.stores.cases.everyone()
        data = overview(cases, subregions(turn.advisor.kb))
        csv = overview_csv(data, turn.language)
        name = f"verfahren_{turn.today.isoformat()}.csv"
        rows = tuple(
            (Button(case_line(case), f"staff:case:open:{case.id}"),)
            for case in cases
            if Stage(case.stage) not in FINISHED
        )
        days = await self.procedure.escalation_days(turn.stores)
        escalation = Button(Msg("cases.button.escalation", {"days": days}), _ESCALATION)
        rows = (*rows, (escalation,))
        return [
            Reply((overview_view(data),), rows),
            Document(name, csv, CSV, Msg("cases.overview_csv", {"date": Day(turn.today)})),
        ]


def _day(match: re.Match[str]) -> date | None:
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None
