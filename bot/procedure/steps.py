"""The procedure after the handoff as a declared table: which role may record which step from
which stage, and where it leads (chapters 5 and 6 of the strategy).

Modelled on h11's `_state.py`: the table is the single source of truth, and everything else
(who owns a step, what may come next, why a step is refused) is read from it. A step that
leaves the stage where it is ("side step": the NBank application, a copy of the decision,
an agreed evaluation step) maps a stage to itself.

    handed over ─ taken over ─ alliance statement ─┬─ supported ─ submitted ─ scheduled ─ Votum
        ▲            (changes wanted / not supported: the sponsor hands over a new revision)
        └──────────────────────────────────────────┘
    Votum endorsed ─ NBank decision (granted) ─ running ─ report due ─ report received ─ closed
    (the NBank application is recorded once, before or after the Votum; withdrawing is open
    to the sponsor at every stage until the case is closed)

A project in several sub-regions is handed to every local alliance concerned, one handoff each
per revision; the statement that completes the set decides (`Procedure.stated`): supported
once all support it, back to the sponsor as soon as one asks for changes or does not support it.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Role(StrEnum):
    SPONSOR = "sponsor"
    CONTACT = "contact"
    """A contact person of the case's local alliance."""
    STAFF = "staff"
    """The coordination office (Koordinierungsstelle), preparing the steering group's work."""
    SYSTEM = "system"
    """The clock: a deadline passed (the report is due, a handoff was taken by nobody)."""


class Stage(StrEnum):
    HANDED_OVER = "handed_over"
    TAKEN_OVER = "taken_over"
    CHANGES_WANTED = "changes_wanted"
    NOT_SUPPORTED = "not_supported"
    SUPPORTED = "supported"
    SUBMITTED = "submitted"
    """Submitted to the Fachkräftebündnis with Projektskizze and cost and financing plan."""
    SCHEDULED = "scheduled"
    """On the agenda of a meeting of the Lenkungsgruppe."""
    DEFERRED = "deferred"
    ENDORSED = "endorsed"
    NOT_ENDORSED = "not_endorsed"
    GRANTED = "granted"
    """NBank granted the application."""
    DECLINED = "declined"
    """NBank declined the application."""
    RUNNING = "running"
    REPORT_DUE = "report_due"
    REPORT_RECEIVED = "report_received"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"


STAGES: tuple[Stage, ...] = tuple(Stage)
"""In the order a case goes through them (views sort by it)."""
FINISHED = frozenset({Stage.CLOSED, Stage.WITHDRAWN})
OPEN_STAGES: tuple[Stage, ...] = tuple(s for s in STAGES if s not in FINISHED)


class StepKind(StrEnum):
    HAND_OVER = "hand_over"
    TAKE_OVER = "take_over"
    SUPPORT = "support"
    ASK_FOR_CHANGES = "ask_for_changes"
    REJECT = "reject"
    SUBMIT = "submit"
    SCHEDULE = "schedule"
    ENDORSE = "endorse"
    NOT_ENDORSE = "not_endorse"
    DEFER = "defer"
    APPLY = "apply"
    """The NBank application was submitted."""
    GRANT = "grant"
    DECLINE = "decline"
    DECISION_COPY = "decision_copy"
    START = "start"
    REPORT_DUE = "report_due"
    REPORT_RECEIVED = "report_received"
    CLOSE = "close"
    WITHDRAW = "withdraw"
    ADD_EVALUATION = "add_evaluation"
    EVALUATION_RECEIVED = "evaluation_received"
    REASSIGN = "reassign"
    ESCALATE = "escalate"


S = Stage
K = StepKind

_STATEMENTS = {
    K.SUPPORT: S.SUPPORTED,
    K.ASK_FOR_CHANGES: S.CHANGES_WANTED,
    K.REJECT: S.NOT_SUPPORTED,
}
_VOTA = {K.ENDORSE: S.ENDORSED, K.NOT_ENDORSE: S.NOT_ENDORSED, K.DEFER: S.DEFERRED}
_BEFORE_VOTUM = (S.SUPPORTED, S.SUBMITTED, S.SCHEDULED, S.DEFERRED, S.ENDORSED)
"""The NBank application may be recorded here: before or after the Votum (chapter 5)."""
_DECIDED = (S.GRANTED, S.DECLINED, S.RUNNING, S.REPORT_DUE, S.REPORT_RECEIVED)
"""A copy of NBank's decision may come in from here on."""
_EVALUATED = (S.ENDORSED, S.GRANTED, S.RUNNING, S.REPORT_DUE)
"""Staff may agree further evaluation steps (interim reports, an advisory board)."""
_CLOSABLE = (
    S.CHANGES_WANTED,
    S.NOT_SUPPORTED,
    S.NOT_ENDORSED,
    S.DECLINED,
    S.REPORT_RECEIVED,
)
"""Staff close a case once it is done, or once it cannot go on."""


def _table() -> dict[Role, dict[Stage | None, dict[StepKind, Stage]]]:
    sponsor: dict[Stage | None, dict[StepKind, Stage]] = {
        # None: no case yet; the first handoff opens it.
        None: {K.HAND_OVER: S.HANDED_OVER},
        # A new revision: asked for ("changes wanted"), after a rejection, or improved before
        # the alliance has stated anything. Once supported, the revision stands.
        S.HANDED_OVER: {K.HAND_OVER: S.HANDED_OVER},
        S.TAKEN_OVER: {K.HAND_OVER: S.HANDED_OVER},
        S.CHANGES_WANTED: {K.HAND_OVER: S.HANDED_OVER},
        S.NOT_SUPPORTED: {K.HAND_OVER: S.HANDED_OVER},
        S.SUPPORTED: {K.SUBMIT: S.SUBMITTED},
        S.ENDORSED: {K.GRANT: S.GRANTED, K.DECLINE: S.DECLINED},
        S.GRANTED: {K.START: S.RUNNING},
    }
    for stage in _BEFORE_VOTUM:
        sponsor.setdefault(stage, {})[K.APPLY] = stage
    for stage in _DECIDED:
        sponsor.setdefault(stage, {})[K.DECISION_COPY] = stage
    for stage in OPEN_STAGES:
        sponsor.setdefault(stage, {})[K.WITHDRAW] = S.WITHDRAWN

    contact: dict[Stage | None, dict[StepKind, Stage]] = {
        S.HANDED_OVER: {K.TAKE_OVER: S.TAKEN_OVER, **_STATEMENTS},
        S.TAKEN_OVER: dict(_STATEMENTS),
    }

    staff: dict[Stage | None, dict[StepKind, Stage]] = {
        # Scheduled for a meeting, or decided by circulation (Umlaufverfahren) without one.
        S.SUBMITTED: {K.SCHEDULE: S.SCHEDULED, **_VOTA},
        S.SCHEDULED: {K.SCHEDULE: S.SCHEDULED, **_VOTA},
        S.DEFERRED: {K.SCHEDULE: S.SCHEDULED, **_VOTA},
        S.RUNNING: {K.REPORT_RECEIVED: S.REPORT_RECEIVED},
        S.REPORT_DUE: {K.REPORT_RECEIVED: S.REPORT_RECEIVED},
    }
    for stage in _EVALUATED:
        staff.setdefault(stage, {})[K.ADD_EVALUATION] = stage
    for stage in (*_EVALUATED, S.REPORT_RECEIVED):
        staff.setdefault(stage, {})[K.EVALUATION_RECEIVED] = stage
    for stage in _CLOSABLE:
        staff.setdefault(stage, {})[K.CLOSE] = S.CLOSED
    for stage in OPEN_STAGES:
        staff.setdefault(stage, {})[K.REASSIGN] = stage

    system: dict[Stage | None, dict[StepKind, Stage]] = {
        # Taken over by one alliance, a further alliance's handoff may still wait.
        S.HANDED_OVER: {K.ESCALATE: S.HANDED_OVER},
        S.TAKEN_OVER: {K.ESCALATE: S.TAKEN_OVER},
        S.RUNNING: {K.REPORT_DUE: S.REPORT_DUE},
    }
    return {Role.SPONSOR: sponsor, Role.CONTACT: contact, Role.STAFF: staff, Role.SYSTEM: system}


TRANSITIONS: Mapping[Role, Mapping[Stage | None, Mapping[StepKind, Stage]]] = MappingProxyType(
    {
        role: MappingProxyType({stage: MappingProxyType(steps) for stage, steps in table.items()})
        for role, table in _table().items()
    }
)


def _owners() -> dict[StepKind, Role]:
    owners: dict[StepKind, Role] = {}
    for role, table in TRANSITIONS.items():
        for steps in table.values():
            for kind in steps:
                assert owners.get(kind, role) is role, f"{kind} belongs to two roles"
                owners[kind] = role
    missing = set(StepKind) - set(owners)
    assert not missing, f"steps nobody may record: {missing}"
    return owners


OWNER: Mapping[StepKind, Role] = MappingProxyType(_owners())
"""Whose step each is: exactly one role may record it."""


class Party(StrEnum):
    """Who hears of a step: the sponsor, the alliance (its contact in charge, else all its
    contacts, else the coordination office) and staff."""

    SPONSOR = "sponsor"
    ALLIANCE = "alliance"
    STAFF = "staff"


P = Party
AUDIENCE: Mapping[StepKind, Mapping[Party, str]] = MappingProxyType(
    {
        # Told by the alliance desk when they happen (bot/alliance/desk.py): nothing more here.
        K.HAND_OVER: {},
        K.TAKE_OVER: {},
        K.SUPPORT: {},
        K.ASK_FOR_CHANGES: {},
        K.REJECT: {},
        K.SUBMIT: {
            P.STAFF: "procedure.announce.submitted.staff",
            P.ALLIANCE: "procedure.announce.submitted.alliance",
        },
        K.SCHEDULE: {
            P.SPONSOR: "procedure.announce.scheduled.sponsor",
            P.ALLIANCE: "procedure.announce.scheduled.alliance",
        },
        K.ENDORSE: {
            P.SPONSOR: "procedure.announce.votum.sponsor",
            P.ALLIANCE: "procedure.announce.votum.alliance",
        },
        K.NOT_ENDORSE: {
            P.SPONSOR: "procedure.announce.votum.sponsor",
            P.ALLIANCE: "procedure.announce.votum.alliance",
        },
        K.DEFER: {
            P.SPONSOR: "procedure.announce.votum.sponsor",
            P.ALLIANCE: "procedure.announce.votum.alliance",
        },
        K.APPLY: {
            P.STAFF: "procedure.announce.applied.staff",
            P.ALLIANCE: "procedure.announce.applied.alliance",
        },
        K.GRANT: {
            P.STAFF: "procedure.announce.decision.staff",
            P.ALLIANCE: "procedure.announce.decision.alliance",
        },
        K.DECLINE: {
            P.STAFF: "procedure.announce.decision.staff",
            P.ALLIANCE: "procedure.announce.decision.alliance",
        },
        K.DECISION_COPY: {P.STAFF: "procedure.announce.decision_copy.staff"},
        K.START: {
            P.STAFF: "procedure.announce.started.staff",
            P.ALLIANCE: "procedure.announce.started.alliance",
        },
        K.REPORT_DUE: {P.STAFF: "procedure.announce.report_due.staff"},
        K.REPORT_RECEIVED: {P.SPONSOR: "procedure.announce.report_received.sponsor"},
        K.CLOSE: {
            P.SPONSOR: "procedure.announce.closed.sponsor",
            P.ALLIANCE: "procedure.announce.closed.alliance",
        },
        K.WITHDRAW: {
            P.STAFF: "procedure.announce.withdrawn.staff",
            P.ALLIANCE: "procedure.announce.withdrawn.alliance",
        },
        K.ADD_EVALUATION: {P.SPONSOR: "procedure.announce.evaluation_added.sponsor"},
        K.EVALUATION_RECEIVED: {P.SPONSOR: "procedure.announce.evaluation_received.sponsor"},
        K.REASSIGN: {
            P.SPONSOR: "procedure.announce.reassigned.sponsor",
            P.ALLIANCE: "procedure.announce.reassigned.alliance",
        },
        K.ESCALATE: {
            P.STAFF: "procedure.announce.escalated.staff",
            P.SPONSOR: "procedure.announce.escalated.sponsor",
        },
    }
)
"""Who is told of each step, with which text; never the role that recorded it."""

PARTY_OF_ROLE: Mapping[Role, Party | None] = MappingProxyType(
    {Role.SPONSOR: P.SPONSOR, Role.CONTACT: P.ALLIANCE, Role.STAFF: P.STAFF, Role.SYSTEM: None}
)


def target(stage: Stage | None, role: Role, kind: StepKind) -> Stage | None:
    """Where the step leads, or None when this role may not record it at this stage."""
    return TRANSITIONS[role].get(stage, {}).get(kind)


def possible(stage: Stage | None, role: Role | None = None) -> tuple[StepKind, ...]:
    """The steps that may be recorded at `stage` (by `role`, or by anyone), in table order."""
    roles = (role,) if role is not None else tuple(Role)
    return tuple(kind for r in roles for kind in TRANSITIONS[r].get(stage, {}))


def main_steps(stage: Stage | None, role: Role | None = None) -> tuple[StepKind, ...]:
    """The steps that move the case on from `stage` (no side steps, no withdrawing, no
    reassignment): what a view names as "next"."""
    return tuple(
        kind
        for kind in possible(stage, role)
        if kind not in (K.WITHDRAW, K.REASSIGN, K.ESCALATE)
        and target(stage, OWNER[kind], kind) != stage
    )
