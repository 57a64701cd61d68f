"""Recording the steps of a case: checked against the table (`steps.py`), the person's role
for the case and what the step carries; written with its announcement and the case's
reminders in the caller's transaction.

Every refusal comes before the first write, so a refused step leaves nothing behind. Nothing
here knows a transport: the chat layer asks with a `Request` and says what `Recorded.messages`
or `Refused.message` hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.core.answers import SponsorAnswers
from bot.core.plan import FundingRate, check_plan
from bot.core.subdialogs import Statement
from bot.kb.knowledge import KnowledgeBase
from bot.procedure.announce import Recipients, announce
from bot.procedure.dates import add_months, project_months
from bot.procedure.reminders import reconcile
from bot.procedure.requests import (
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
    Withdraw,
    kind_of,
)
from bot.procedure.results import Outcome, Recorded, Refusal, Refused
from bot.procedure.steps import (
    AUDIENCE,
    FINISHED,
    OWNER,
    PARTY_OF_ROLE,
    Party,
    Role,
    Stage,
    StepKind,
    main_steps,
    target,
)
from bot.storage.cases import CaseRow, Cases
from bot.storage.meetings import MeetingRow
from bot.storage.staff import is_staff
from bot.storage.stores import Stores
from bot.texts.catalog import Msg, Param
from bot.texts.formats import Count, Day, Eur, Lines


def sketch_answers(answers: SponsorAnswers) -> dict[str, str | None]:
    """Answers a Projektskizze needs before it goes to the Fachkräftebündnis: the aspects the
    Lenkungsgruppe weighs in its Votum (chapter 5: räumliche Wirkung, Verstetigung,
    Modellcharakter), by the sketch's section (`export.section.<section>`)."""
    return {
        "spatial_effect": answers.spatial_effect,
        "continuation": answers.continuation,
        "transferability": answers.transferability,
    }


ESCALATION_SETTING = "escalation_days"
ESCALATION_DAYS = 14
"""Days a handoff may wait for a contact before the coordination office hears of it, until
staff set another number."""
ESCALATION_RANGE = range(1, 91)
MAX_TEXT = 3000

_STATEMENT_STEPS: dict[Statement, StepKind] = {
    "supports": StepKind.SUPPORT,
    "changes": StepKind.ASK_FOR_CHANGES,
    "rejects": StepKind.REJECT,
}


@dataclass(frozen=True)
class HandedOver:
    """The handoffs the alliance desk wrote in one go (`Handoffs.create`), one per local
    alliance concerned, the one to approach first first: a case's first revision or a
    further one."""

    handoffs: tuple[tuple[int, str], ...]
    """(handoff number, alliance id) of each."""
    draft_id: int
    sponsor_id: int
    title: str
    costs_eur: int | None
    planned_start: date | None
    duration_months: int | None


@dataclass
class _Effect:
    changes: dict[str, object] = field(default_factory=dict)
    payload: dict[str, Any] = field(default_factory=dict)
    params: dict[str, Param] = field(default_factory=dict)
    messages: list[Msg] = field(default_factory=list)
    document: tuple[str, str, bytes] | None = None
    texts: dict[Party, str] | None = None
    """Who is told with which text, where it is not the step's usual (`AUDIENCE`)."""


def _text(value: str) -> str:
    return value.strip()[:MAX_TEXT]


class Procedure:
    def __init__(self, kb: Callable[[], KnowledgeBase], configured_staff: frozenset[int]) -> None:
        self.kb = kb
        self.configured_staff = configured_staff
        """`BOT_ADMIN_IDS`; staff are these and those added in the bot (`is_staff`)."""
        self.recipients = Recipients(configured_staff)

    def pinned(self, kb: KnowledgeBase) -> Procedure:
        """This procedure with the knowledge base in force for one turn (staff may replace the
        live one meanwhile); the scheduler's rounds use the live one."""
        return Procedure(lambda: kb, self.configured_staff)

    async def _staff(self, stores: Stores, actor: Actor) -> bool:
        """The actor claims staff's role and is staff (configured or added in the bot)."""
        return actor.role is Role.STAFF and await is_staff(
            stores.connection, self.configured_staff, actor.user_id
        )

    # --- who may ---------------------------------------------------------------------------

    async def permitted(
        self,
        stores: Stores,
        actor: Actor,
        case: CaseRow,
        alliance_id: str | None = None,
    ) -> bool:
        """Whether the person holds the claimed role for this case (as a contact: for the
        given alliance, or any alliance concerned)."""
        if actor.role is Role.SPONSOR:
            return actor.user_id == case.sponsor_id
        if actor.role is Role.STAFF:
            return await self._staff(stores, actor)
        if actor.role is Role.CONTACT:
            contacts = stores.contacts
            mine = await contacts.alliances_of(actor.user_id)
            for alliance in (alliance_id,) if alliance_id else case.alliances:
                if alliance in mine:
                    return True
                # The coordination office answers for an alliance with nobody registered,
                # as it receives its handoffs (bot/alliance/desk.py).
                if not await contacts.of_alliance(alliance) and await is_staff(
                    stores.connection, self.configured_staff, actor.user_id
                ):
                    return True
        return False  # the clock's steps are the scheduler's alone

    @staticmethod
    def decide(stage: Stage | None, role: Role, kind: StepKind) -> Stage | Refused:
        """Where the step leads, or why it may not be recorded (the table alone)."""
        if stage in FINISHED:
            return Refused(Refusal.FINISHED, {"stage": Msg(f"procedure.stage.{stage}")})
        owner = OWNER[kind]
        step = Msg(f"procedure.step.{kind.value}")
        if role is not owner:
            return Refused(
                Refusal.WRONG_ROLE, {"step": step, "role": Msg(f"procedure.role.{owner.value}")}
            )
        leads_to = target(stage, role, kind)
        if leads_to is None:
            following = main_steps(stage)
            names = Lines(tuple(Msg(f"procedure.step.{k.value}") for k in following), ", ")
            return Refused(
                Refusal.OUT_OF_ORDER,
                {
                    "step": step,
                    "stage": Msg(f"procedure.stage.{stage.value if stage else 'none'}"),
                    "next": names if following else Msg("procedure.nothing_next"),
                },
            )
        return leads_to

    # --- the alliance desk's steps (it tells the others itself) ----------------------------

    async def may_hand_over(self, stores: Stores, draft_id: int, sponsor_id: int) -> Refused | None:
        """Why the draft may not go to the alliances again (its case went on past their
        statement, or is finished), checked before the desk writes any handoff."""
        case = await stores.cases.of_draft(draft_id)
        if case is None:
            return None
        if case.sponsor_id != sponsor_id:
            return Refused(Refusal.NOT_PERMITTED)
        decision = self.decide(Stage(case.stage), Role.SPONSOR, StepKind.HAND_OVER)
        return decision if isinstance(decision, Refused) else None

    async def handed_over(self, stores: Stores, handed: HandedOver) -> Outcome:
        """The first handoff of a draft opens its case; a later one is a new revision."""
        assert handed.handoffs, "a revision has at least one handoff"
        cases = stores.cases
        case = await cases.of_draft(handed.draft_id)
        actor = Actor(handed.sponsor_id, Role.SPONSOR)
        if case is not None and case.sponsor_id != handed.sponsor_id:
            return Refused(Refusal.NOT_PERMITTED)
        stage = Stage(case.stage) if case is not None else None
        decision = self.decide(stage, Role.SPONSOR, StepKind.HAND_OVER)
        if isinstance(decision, Refused):
            return decision
        lead = handed.handoffs[0][0]
        alliances = tuple(alliance for _, alliance in handed.handoffs)
        payload = {
            "handoffs": [number for number, _ in handed.handoffs],
            "alliances": list(alliances),
            "revision": case.revision + 1 if case is not None else 1,
        }
        if case is None:
            case = await cases.open(
                handed.draft_id,
                handed.sponsor_id,
                alliances,
                handed.title,
                decision.value,
                lead,
                handed.costs_eur,
                handed.planned_start,
                handed.duration_months,
            )
            effect = _Effect(payload=payload)
            return await self._commit(
                stores, case, actor, StepKind.HAND_OVER, decision, effect, opened=True
            )
        changes: dict[str, object] = {
            "revision": case.revision + 1,
            "handoff_id": lead,
            "title": handed.title,
            "costs_eur": handed.costs_eur,
            "planned_start": handed.planned_start,
            "duration_months": handed.duration_months,
            "alliances": alliances,
        }
        if alliances[0] != case.alliance_id:  # the place changed: another alliance leads
            changes |= {"alliance_id": alliances[0], "contact_id": None, "contact_name": None}
        effect = _Effect(changes=changes, payload=payload)
        return await self._commit(stores, case, actor, StepKind.HAND_OVER, decision, effect)

    async def taken_over(
        self,
        stores: Stores,
        actor: Actor,
        handoff_id: int,
        contact_name: str,
    ) -> Outcome:
        found = await self._revision_handoff(stores, actor, handoff_id)
        if isinstance(found, Refused):
            return found
        case, alliance = found
        decision = self.decide(Stage(case.stage), actor.role, StepKind.TAKE_OVER)
        if isinstance(decision, Refused):
            return decision
        effect = _Effect(payload={"handoff": handoff_id, "alliance": alliance})
        if alliance == case.alliance_id:
            # The first alliance's contact is the one in charge of the case.
            effect.changes = {"contact_id": actor.user_id, "contact_name": contact_name}
        return await self._commit(stores, case, actor, StepKind.TAKE_OVER, decision, effect)

    async def stated(
        self,
        stores: Stores,
        actor: Actor,
        handoff_id: int,
        statement: Statement,
    ) -> Outcome:
        """One alliance's statement on its handoff. A project in several sub-regions needs
        every alliance concerned: it is supported once all of them support it; one asking
        for changes (or not supporting it) decides at once, the sponsor's new revision goes
        to all of them again."""
        found = await self._revision_handoff(stores, actor, handoff_id)
        if isinstance(found, Refused):
            return found
        case, alliance = found
        kind = _STATEMENT_STEPS[statement]
        decision = self.decide(Stage(case.stage), actor.role, kind)
        if isinstance(decision, Refused):
            return decision
        # Earlier statements on this revision can only be supports: any other one has sent
        # the case back already, and the table takes no statement there.
        stated = await self._statements(stores, case)
        stated[alliance] = statement
        if decision is Stage.SUPPORTED and any(a not in stated for a in case.alliances):
            decision = Stage(case.stage)  # still waiting for another alliance
        effect = _Effect(
            payload={"handoff": handoff_id, "alliance": alliance, "statement": statement}
        )
        return await self._commit(stores, case, actor, kind, decision, effect)

    async def revision(self, stores: Stores, case: CaseRow) -> dict[int, str]:
        """The handoffs of the case's current revision: number -> alliance."""
        steps = await stores.cases.steps_of_kind(case.id, StepKind.HAND_OVER.value)
        if not steps:
            return {}
        payload = steps[-1].payload
        return dict(zip(payload.get("handoffs", []), payload.get("alliances", []), strict=True))

    async def _statements(self, stores: Stores, case: CaseRow) -> dict[str, Statement]:
        """Each alliance's latest statement on the current revision."""
        current = await self.revision(stores, case)
        stated: dict[str, Statement] = {}
        for step in await stores.cases.steps(case.id):
            if step.payload.get("handoff") in current and "statement" in step.payload:
                value = step.payload["statement"]
                for known in _STATEMENT_STEPS:
                    if known == value:
                        stated[current[step.payload["handoff"]]] = known
        return stated

    async def _revision_handoff(
        self, stores: Stores, actor: Actor, handoff_id: int
    ) -> tuple[CaseRow, str] | Refused:
        """The case a handoff belongs to and its alliance, if it is of the current revision
        and the person may act for that alliance."""
        handed = await stores.handoffs.handed_over(handoff_id)
        case = await stores.cases.of_draft(handed[0]) if handed is not None else None
        if handed is None or case is None:
            return Refused(Refusal.UNKNOWN_CASE)
        alliance = handed[1]
        if not await self.permitted(stores, actor, case, alliance):
            return Refused(Refusal.NOT_PERMITTED)
        if handoff_id not in await self.revision(stores, case):
            return Refused(Refusal.STALE_REVISION, {"revision": case.revision})
        return case, alliance

    # --- everything after the alliance's statement -----------------------------------------

    async def record(
        self,
        stores: Stores,
        actor: Actor,
        case_id: int,
        request: Request,
    ) -> Outcome:
        case = await stores.cases.get(case_id)
        if case is None:
            return Refused(Refusal.UNKNOWN_CASE)
        if not await self.permitted(stores, actor, case):
            return Refused(Refusal.NOT_PERMITTED)
        kind = kind_of(request)
        decision = self.decide(Stage(case.stage), actor.role, kind)
        if isinstance(decision, Refused):
            return decision
        effect = await self._check(stores, case, request)
        if isinstance(effect, Refused):
            return effect
        return await self._commit(stores, case, actor, kind, decision, effect)

    async def record_by_clock(
        self,
        stores: Stores,
        case: CaseRow,
        kind: StepKind,
        payload: dict[str, Any],
        params: dict[str, Param],
    ) -> Outcome:
        """A step of the clock's (the scheduler's): the report fell due, a handoff waited."""
        decision = self.decide(Stage(case.stage), Role.SYSTEM, kind)
        if isinstance(decision, Refused):
            return decision
        effect = _Effect(payload=payload, params=params)
        return await self._commit(stores, case, None, kind, decision, effect)

    async def _check(self, stores: Stores, case: CaseRow, request: Request) -> _Effect | Refused:
        """What the request carries, checked; writes only once nothing can be refused."""
        today = stores.now.date()
        cases = stores.cases
        limits = self.kb().rules.limits
        match request:
            case Submit():
                return await self._submission(cases, case)
            case Schedule(meeting_id=meeting_id):
                return await self._schedule(stores, case, meeting_id)
            case Votum(outcome=outcome, way=way, text=text):
                if not text.strip():
                    return Refused(Refusal.TEXT_MISSING)
                payload: dict[str, Any] = {"outcome": outcome, "way": way, "text": _text(text)}
                if way == "meeting":
                    meeting = await self._meeting_of(stores, case)
                    if meeting is None or Stage(case.stage) is not Stage.SCHEDULED:
                        return Refused(Refusal.NOT_SCHEDULED)
                    if meeting.held_on > today:
                        return Refused(Refusal.MEETING_AHEAD, {"date": Day(meeting.held_on)})
                    payload["meeting"] = meeting.id
                return _Effect(
                    payload=payload,
                    params={
                        "outcome": Msg(f"procedure.votum.{outcome}"),
                        "way": Msg(f"procedure.way.{way}"),
                        "text": _text(text),
                    },
                )
            case Apply(on=on):
                if case.nbank_applied_on is not None:
                    return Refused(Refusal.ALREADY_RECORDED, {"date": Day(case.nbank_applied_on)})
                if on > today:
                    return Refused(Refusal.FUTURE_DATE, {"date": Day(on)})
                return _Effect(
                    changes={"nbank_applied_on": on},
                    payload={"on": on.isoformat()},
                    params={"date": Day(on)},
                )
            case Decision(granted=granted, on=on, amount_eur=amount):
                if case.nbank_applied_on is None:
                    return Refused(Refusal.NOT_APPLIED)
                if on > today:
                    return Refused(Refusal.FUTURE_DATE, {"date": Day(on)})
                decided = "granted" if granted else "declined"
                outcome_text = Msg(f"procedure.decision.{decided}")
                return _Effect(
                    payload={"on": on.isoformat(), "granted": granted, "amount_eur": amount},
                    params={
                        "date": Day(on),
                        "outcome": outcome_text,
                        "amount": Eur(amount) if amount is not None else "–",
                    },
                    messages=[Msg("procedure.recorded.copy_asked")],
                )
            case DecisionCopy(filename=filename, mime_type=mime_type, content=content):
                if not content:
                    return Refused(Refusal.DOCUMENT_EMPTY)
                return _Effect(
                    payload={"filename": filename, "size": len(content)},
                    params={"filename": filename},
                    document=(filename, mime_type, content),
                )
            case Start(start=start, end=end):
                if end <= start:
                    return Refused(Refusal.DATES, {"start": Day(start), "end": Day(end)})
                months = project_months(start, end)
                if months > limits.max_duration_months:
                    return Refused(
                        Refusal.TOO_LONG,
                        {
                            "months": Count(months, "months"),
                            "max": Count(limits.max_duration_months, "months"),
                        },
                    )
                if end > limits.latest_end:
                    return Refused(
                        Refusal.TOO_LATE, {"end": Day(end), "latest": Day(limits.latest_end)}
                    )
                due = add_months(end, limits.report_due_months_after_end)
                return _Effect(
                    changes={"project_start": start, "project_end": end, "report_due": due},
                    payload={
                        "start": start.isoformat(),
                        "end": end.isoformat(),
                        "report_due": due.isoformat(),
                    },
                    params={"start": Day(start), "end": Day(end), "due": Day(due)},
                )
            case ReportReceived(note=note) | Close(note=note):
                changes: dict[str, object] = {}
                if isinstance(request, Close):
                    changes["closed_at"] = stores.now.isoformat(timespec="seconds")
                return _Effect(changes=changes, payload={"note": _text(note)})
            case Withdraw(reason=reason):
                await self._leave_agenda(stores, case)
                return _Effect(
                    changes={"closed_at": stores.now.isoformat(timespec="seconds")},
                    payload={"reason": _text(reason)},
                )
            case AddEvaluation(kind=kind, title=title, due=due):
                if not title.strip():
                    return Refused(Refusal.TEXT_MISSING)
                if due < today:
                    return Refused(Refusal.PAST_DATE, {"date": Day(due)})
                number = await cases.add_evaluation(case.id, kind, _text(title), due)
                return _Effect(
                    payload={"evaluation": number, "kind": kind, "title": _text(title)}
                    | {"due": due.isoformat()},
                    params={
                        "evaluation": _text(title),
                        "kind": Msg(f"procedure.evaluation.{kind}"),
                        "due": Day(due),
                    },
                )
            case EvaluationReceived(evaluation_id=number):
                evaluation = next(
                    (e for e in await cases.evaluations(case.id) if e.id == number), None
                )
                if evaluation is None:
                    return Refused(Refusal.UNKNOWN_EVALUATION)
                if evaluation.received_at is not None:
                    received = datetime.fromisoformat(evaluation.received_at).date()
                    return Refused(Refusal.ALREADY_RECORDED, {"date": Day(received)})
                await cases.evaluation_received(number)
                return _Effect(
                    payload={"evaluation": number},
                    params={"evaluation": evaluation.title},
                )

    async def _submission(self, cases: Cases, case: CaseRow) -> _Effect | Refused:
        plan = await cases.plan(case.draft_id)
        funding = self.kb().rules.funding
        check = check_plan(
            plan,
            case.costs_eur,
            case.duration_months,
            FundingRate(funding.max_rate_percent, funding.source),
        )
        answers = await cases.draft_answers(case.draft_id)
        gaps = tuple(
            Msg("procedure.sketch_gap", {"section": Msg(f"export.section.{section}")})
            for section, given in sketch_answers(answers).items()
            if not (given or "").strip()
        )
        if not check.complete or gaps:
            reason = Refusal.PLAN_INCOMPLETE if not check.complete else Refusal.SKETCH_INCOMPLETE
            return Refused(reason, details=(*check.problems, *gaps))
        assert plan is not None
        return _Effect(
            changes={"grant_eur": plan.grant, "costs_eur": case.costs_eur or plan.cost_sum},
            payload={"plan": plan.model_dump(mode="json")},
            params={"costs": Eur(plan.cost_sum), "grant": Eur(plan.grant)},
            messages=list(check.notes),
        )

    async def _schedule(self, stores: Stores, case: CaseRow, meeting_id: int) -> _Effect | Refused:
        meeting = await stores.meetings.get(meeting_id)
        if meeting is None or meeting.cancelled:
            return Refused(Refusal.UNKNOWN_MEETING)
        if meeting.held_on < stores.now.date():
            return Refused(Refusal.MEETING_PAST, {"date": Day(meeting.held_on)})
        if case.meeting_id != meeting.id:
            await self._leave_agenda(stores, case)
        await stores.cases.put_on_agenda(meeting.id, case.id)
        messages = []
        if meeting.deadline is not None and meeting.deadline < stores.now.date():
            messages.append(
                Msg("procedure.recorded.after_deadline", {"deadline": Day(meeting.deadline)})
            )
        return _Effect(
            changes={"meeting_id": meeting.id},
            payload={"meeting": meeting.id, "date": meeting.held_on.isoformat()},
            params={"date": Day(meeting.held_on), "note": meeting.note or "–"},
            messages=messages,
        )

    async def _meeting_of(self, stores: Stores, case: CaseRow) -> MeetingRow | None:
        return await stores.meetings.get(case.meeting_id) if case.meeting_id else None

    async def _leave_agenda(self, stores: Stores, case: CaseRow) -> None:
        """Off the agenda of a meeting still to come (a past agenda stays as it was)."""
        meeting = await self._meeting_of(stores, case)
        if meeting is not None and meeting.held_on >= stores.now.date():
            await stores.cases.take_off_agenda(meeting.id, case.id)

    # --- writing ---------------------------------------------------------------------------

    def alliance_name(self, alliance_id: str) -> str:
        try:
            return self.kb().local_alliance(alliance_id).name
        except KeyError:  # dropped from the knowledge base since the handoff
            return alliance_id

    async def _commit(
        self,
        stores: Stores,
        case: CaseRow,
        actor: Actor | None,
        kind: StepKind,
        leads_to: Stage,
        effect: _Effect,
        opened: bool = False,
    ) -> Recorded:
        """`opened`: the case was opened by this step (it had no stage before)."""
        cases = stores.cases
        await cases.update(case.id, stage=leads_to.value, **effect.changes)
        step_id = await cases.add_step(
            case.id,
            kind.value,
            actor.role.value if actor is not None else Role.SYSTEM.value,
            actor.user_id if actor is not None else None,
            None if opened else case.stage,
            leads_to.value,
            effect.payload,
        )
        updated = await cases.get(case.id)
        assert updated is not None
        own = PARTY_OF_ROLE[actor.role] if actor is not None else None
        audience = effect.texts if effect.texts is not None else AUDIENCE[kind]
        texts = {party: key for party, key in audience.items() if party is not own}
        if texts:
            params: dict[str, Param] = {
                "number": updated.id,
                "title": updated.title,
                "alliance": self.alliance_name(updated.alliance_id),
                **effect.params,
            }
            await announce(
                stores,
                self.recipients,
                updated,
                texts,
                params,
                frozenset({actor.user_id}) if actor is not None else frozenset(),
                effect.document,
            )
        await reconcile(stores, updated)
        messages = tuple(effect.messages)
        if kind not in _DESK_STEPS:
            confirmation = Msg(
                f"procedure.recorded.{kind.value}",
                {"number": updated.id, "title": updated.title, **effect.params},
            )
            messages = (confirmation, *messages)
        return Recorded(updated, kind, leads_to, step_id, messages)

    # --- settings of a case ----------------------------------------------------------------

    async def set_reminders(
        self,
        stores: Stores,
        actor: Actor,
        case_id: int,
        on: bool,
    ) -> CaseRow | Refused:
        """The sponsor's opt-in, switchable off (and on again) at any time."""
        cases = stores.cases
        case = await cases.get(case_id)
        if case is None:
            return Refused(Refusal.UNKNOWN_CASE)
        if actor.role is not Role.SPONSOR or not await self.permitted(stores, actor, case):
            return Refused(Refusal.NOT_PERMITTED)
        await cases.update(case.id, reminders=int(on))
        updated = await cases.get(case.id)
        assert updated is not None
        await reconcile(stores, updated)
        return updated

    async def escalation_days(self, stores: Stores) -> int:
        value = await stores.cases.setting(ESCALATION_SETTING)
        return int(value) if value is not None and value.isdigit() else ESCALATION_DAYS

    async def set_escalation_days(self, stores: Stores, actor: Actor, days: int) -> int | Refused:
        if not await self._staff(stores, actor):
            return Refused(Refusal.NOT_PERMITTED)
        if days not in ESCALATION_RANGE:
            return Refused(
                Refusal.DAYS, {"min": ESCALATION_RANGE.start, "max": ESCALATION_RANGE.stop - 1}
            )
        await stores.cases.set_setting(ESCALATION_SETTING, str(days), actor.user_id)
        return days

    async def reassign(
        self,
        stores: Stores,
        actor: Actor,
        alliance_id: str,
        departing: int,
        successor: int,
        only: int | None = None,
    ) -> tuple[Recorded, ...] | Refused:
        """A departing contact's open cases go to another contact of the same alliance; the
        handoffs they had taken follow, so answers reach the successor. `only`: just this
        case of theirs (staff hand a single case on)."""
        if not await self._staff(stores, actor):
            return Refused(Refusal.NOT_PERMITTED)
        contacts = {c.user_id: c for c in await stores.contacts.of_alliance(alliance_id)}
        if successor not in contacts or successor == departing:
            return Refused(Refusal.UNKNOWN_CONTACT)
        name = contacts[successor].name
        recorded: list[Recorded] = []
        for case in await stores.cases.of_contact(departing, alliance_id):
            if only is not None and case.id != only:
                continue
            decision = self.decide(Stage(case.stage), Role.STAFF, StepKind.REASSIGN)
            if isinstance(decision, Refused):
                continue
            await stores.handoffs.reassign(case.draft_id, alliance_id, departing, successor, name)
            changes: dict[str, object] = {}
            if case.contact_id == departing and case.alliance_id == alliance_id:
                changes = {"contact_id": successor, "contact_name": name}
            effect = _Effect(
                changes=changes,
                payload={"alliance": alliance_id, "from": departing, "to": successor},
            )
            recorded.append(
                await self._commit(stores, case, actor, StepKind.REASSIGN, decision, effect)
            )
        return tuple(recorded)

    # --- meetings --------------------------------------------------------------------------

    async def add_meeting(
        self,
        stores: Stores,
        actor: Actor,
        held_on: date,
        deadline: date | None = None,
        note: str = "",
    ) -> MeetingRow | Refused:
        if not await self._staff(stores, actor):
            return Refused(Refusal.NOT_PERMITTED)
        if held_on < stores.now.date():
            return Refused(Refusal.PAST_DATE, {"date": Day(held_on)})
        if deadline is not None and deadline > held_on:
            return Refused(Refusal.DATES, {"start": Day(deadline), "end": Day(held_on)})
        meetings = stores.meetings
        number = await meetings.add(held_on, deadline, _text(note), actor.user_id)
        meeting = await meetings.get(number)
        assert meeting is not None
        return meeting

    async def move_meeting(
        self,
        stores: Stores,
        actor: Actor,
        meeting_id: int,
        held_on: date,
        deadline: date | None = None,
    ) -> MeetingRow | Refused:
        """A new date: the reminders of the cases on its agenda follow, and their sponsors
        are told."""
        if not await self._staff(stores, actor):
            return Refused(Refusal.NOT_PERMITTED)
        if held_on < stores.now.date():
            return Refused(Refusal.PAST_DATE, {"date": Day(held_on)})
        if deadline is not None and deadline > held_on:
            return Refused(Refusal.DATES, {"start": Day(deadline), "end": Day(held_on)})
        meetings = stores.meetings
        if not await meetings.move(meeting_id, held_on, deadline):
            return Refused(Refusal.UNKNOWN_MEETING)
        for case in await stores.cases.on_agenda(meeting_id):
            if case.meeting_id == meeting_id and Stage(case.stage) is Stage.SCHEDULED:
                await announce(
                    stores,
                    self.recipients,
                    case,
                    {party: "procedure.announce.meeting_moved" for party in _MEETING_MOVED_TOLD},
                    {"number": case.id, "title": case.title, "date": Day(held_on)},
                    frozenset({actor.user_id}),
                )
                await reconcile(stores, case)
        meeting = await meetings.get(meeting_id)
        assert meeting is not None
        return meeting

    async def waiting_for(self, stores: Stores, meeting_id: int) -> list[CaseRow]:
        """The cases scheduled for the meeting and still waiting for its Votum."""
        return [
            c
            for c in await stores.cases.on_agenda(meeting_id)
            if c.meeting_id == meeting_id and Stage(c.stage) is Stage.SCHEDULED
        ]

    async def cancel_meeting(
        self,
        stores: Stores,
        actor: Actor,
        meeting_id: int,
        move_to: int | None = None,
    ) -> MeetingRow | Refused:
        """A meeting no case waits for, or whose waiting cases are scheduled for the meeting
        `move_to` (each a step of its own, told to its sponsor and alliance like any
        scheduling): no case is left waiting for a meeting that will not take place."""
        if not await self._staff(stores, actor):
            return Refused(Refusal.NOT_PERMITTED)
        meetings = stores.meetings
        meeting = await meetings.get(meeting_id)
        if meeting is None or meeting.cancelled:
            return Refused(Refusal.UNKNOWN_MEETING)
        waiting = await self.waiting_for(stores, meeting_id)
        if waiting and move_to is None:
            return Refused(Refusal.MEETING_HAS_AGENDA, {"count": Count(len(waiting), "cases")})
        if waiting:
            assert move_to is not None
            # Checked before the first case moves: every refusal comes before any write.
            other = await meetings.get(move_to)
            if other is None or other.cancelled or other.id == meeting_id:
                return Refused(Refusal.UNKNOWN_MEETING)
            if other.held_on < stores.now.date():
                return Refused(Refusal.MEETING_PAST, {"date": Day(other.held_on)})
        for case in waiting:
            assert move_to is not None
            # Scheduled -> scheduled, for the meeting checked above; told as a cancellation.
            decision = self.decide(Stage(case.stage), Role.STAFF, StepKind.SCHEDULE)
            effect = await self._schedule(stores, case, move_to)
            assert isinstance(decision, Stage) and isinstance(effect, _Effect)
            effect.texts = {party: "procedure.announce.meeting_cancelled" for party in _TOLD}
            effect.params["cancelled"] = Day(meeting.held_on)
            await self._commit(stores, case, actor, StepKind.SCHEDULE, decision, effect)
        await meetings.cancel(meeting_id)
        cancelled = await meetings.get(meeting_id)
        assert cancelled is not None
        return cancelled


_DESK_STEPS = frozenset(
    {
        StepKind.HAND_OVER,
        StepKind.TAKE_OVER,
        StepKind.SUPPORT,
        StepKind.ASK_FOR_CHANGES,
        StepKind.REJECT,
    }
)
"""Confirmed to the one who recorded them by the alliance desk."""
_MEETING_MOVED_TOLD = (Party.SPONSOR, Party.ALLIANCE)
_TOLD = _MEETING_MOVED_TOLD
"""Who hears of a meeting moved or cancelled: the sponsors and alliances of its cases."""
