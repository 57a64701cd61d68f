"""Where the router sends what the route table (`bot.core.roles`) lets through: the answer to
each sub-dialog (`bot.core.subdialogs`) and each area of presses that name what they act on.
Each is one row; the router looks it up and knows no sub-dialog or press by name. Adding a
sub-dialog or a press area is a row here (tests/routes/test_handlers.py checks every one has
exactly one).

Staff's knowledge dialogs (`StaffDialog`: each a declared dialog on the engine) go on over several
answers and keep their own stack (`OnAnswer.goes_on`); the knowledge desk declares its own
commands and presses (`bot.alliance.knowledge`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from bot.alliance.delivery import REROUTE
from bot.core.events import Upload
from bot.core.outputs import EngineOutput, Reply
from bot.core.roles import Role
from bot.core.subdialogs import (
    AnswerAlliance,
    AskSponsor,
    DecisionCopyFile,
    EnterPlan,
    EscalationDays,
    EvaluationStep,
    FeedbackReason,
    MoveMeeting,
    ProjectDates,
    ReachHuman,
    RecordStatement,
    RenameDraft,
    StaffDialog,
    VotumText,
)
from bot.routes.desks import Desks
from bot.texts.catalog import Msg
from bot.turn import Turn

Outputs = list[EngineOutput]


class Routing(Protocol):
    """What a handler may use besides the turn: the desks and the router's own parts."""

    desks: Desks

    async def role(self, turn: Turn) -> Role: ...


# --- sub-dialogs: the typed answer (or file) each awaits -------------------------------------

S = TypeVar("S")


@dataclass(frozen=True)
class OnAnswer(Generic[S]):
    """The sub-dialog `state` awaits a typed text; `answered` takes it once the sub-dialog is
    finished (off the stack). None: the answer reached nothing (the handoff is gone), the
    drafts menu says so."""

    state: type[S]
    answered: Callable[[Routing, Turn, S, str], Awaitable[Outputs | None]]
    skippable: bool = False
    """/ueberspringen answers it with no text (a statement without a comment); else the
    command goes to the draft's dialog as usual."""
    goes_on: bool = False
    """It takes several answers and finishes itself (staff's knowledge dialogs): the router
    hands it the text without finishing it first."""


@dataclass(frozen=True)
class OnFile(Generic[S]):
    """The sub-dialog `state` awaits a file; a typed text drops it and goes its usual way."""

    state: type[S]
    received: Callable[[Routing, Turn, S, Upload], Awaitable[Outputs]]


async def _knowledge_typed(r: Routing, turn: Turn, text: str) -> Outputs:
    if await r.role(turn) != "staff" or r.desks.knowledge is None:
        await turn.drop_subdialogs()  # no staff any more (removed meanwhile)
        return [unknown_command()]
    return await r.desks.knowledge.typed(turn, text)


ANSWER_ROWS: tuple[OnAnswer[Any], ...] = (
    OnAnswer(RenameDraft, lambda r, turn, s, text: r.desks.menu.rename(turn, s, text)),
    OnAnswer(AskSponsor, lambda r, turn, s, text: r.desks.inbox.answered(turn, s, text)),
    OnAnswer(
        RecordStatement,
        lambda r, turn, s, text: r.desks.inbox.answered(turn, s, text),
        skippable=True,
    ),
    OnAnswer(ProjectDates, lambda r, turn, s, text: r.desks.cases.dates(turn, s, text)),
    OnAnswer(EnterPlan, lambda r, turn, s, text: r.desks.cases.plan(turn, s, text)),
    OnAnswer(VotumText, lambda r, turn, s, text: r.desks.cases.votum(turn, s, text)),
    # issue 16: staff's answers in the procedure
    OnAnswer(EvaluationStep, lambda r, turn, s, text: r.desks.cases.evaluation(turn, s, text)),
    OnAnswer(EscalationDays, lambda r, turn, s, text: r.desks.cases.escalation(turn, text)),
    OnAnswer(MoveMeeting, lambda r, turn, s, text: r.desks.cases.meetings.moved(turn, s, text)),
    OnAnswer(AnswerAlliance, lambda r, turn, s, text: r.desks.relay.answer(turn, s, text)),
    OnAnswer(ReachHuman, lambda r, turn, s, text: r.desks.human.answered(turn, text)),
    OnAnswer(FeedbackReason, lambda r, turn, s, text: r.desks.feedback.reason(turn, s, text)),
    OnAnswer(StaffDialog, lambda r, turn, s, text: _knowledge_typed(r, turn, text), goes_on=True),
)
"""The handler of every sub-dialog that awaits a typed text, one row each."""
ANSWERS: Mapping[type[Any], OnAnswer[Any]] = {row.state: row for row in ANSWER_ROWS}

FILE_ROWS: tuple[OnFile[Any], ...] = (
    # issue 16: the copy of NBank's decision, asked for by a button
    OnFile(DecisionCopyFile, lambda r, turn, s, upload: r.desks.cases.copy(turn, upload)),
)
"""The handler of every sub-dialog that awaits a file, one row each."""
FILES: Mapping[type[Any], OnFile[Any]] = {row.state: row for row in FILE_ROWS}


# --- presses: `area:action`, or `area:verb:rest` -------------------------------------------

PressHandler = Callable[[Routing, Turn, str], Awaitable[Outputs]]
"""Takes the press's action after its area (or, in an area of verbs, after its verb)."""


@dataclass(frozen=True)
class Verbs:
    """An area whose presses name a verb first (`staff:team:…`): one handler a verb."""

    verbs: Mapping[str, PressHandler]
    otherwise: PressHandler
    """An unknown verb (an old button, a staff press without the knowledge commands)."""


async def _unknown(r: Routing, turn: Turn, rest: str) -> Outputs:
    return [unknown_command()]


async def _gone(r: Routing, turn: Turn, rest: str) -> Outputs:
    return [Reply((Msg("alliance.gone"),))]


async def _knowledge(r: Routing, turn: Turn, rest: str) -> Outputs:
    if r.desks.knowledge is None:
        return [unknown_command()]
    return await r.desks.knowledge.press(turn, rest)


async def _answer_press(r: Routing, turn: Turn, rest: str) -> Outputs:
    """The sponsor answers the alliance on their own handoff: the answer is typed next."""
    handoff = await r.desks.relay.own_handoff(turn, rest)
    if handoff is None:
        return await _gone(r, turn, rest)
    await turn.start(AnswerAlliance(handoff=handoff.ref))
    return [Reply((Msg("alliance.sponsor.answer_prompt", {"title": handoff.title}),))]


PRESSES: Mapping[str, PressHandler | Verbs] = {
    "session": lambda r, turn, action: r.desks.session.act(turn, action),
    "contact": lambda r, turn, action: r.desks.inbox.act(turn, action),
    "case": lambda r, turn, action: r.desks.cases.act(turn, action),
    "cases": lambda r, turn, action: r.desks.cases.alliance.act(turn, action),
    "staff": Verbs(
        {
            "invite": lambda r, turn, rest: r.desks.staff.invite(turn, rest),
            "remove": lambda r, turn, rest: r.desks.staff.remove(turn, rest),
            "case": lambda r, turn, rest: r.desks.cases.staff_act(turn, rest),
            # issue 16: move, cancel, agenda PDF; the escalation's days
            "meeting": lambda r, turn, rest: r.desks.cases.meetings.act(turn, rest),
            "procedure": lambda r, turn, rest: r.desks.cases.procedure_act(turn, rest),
            "team": lambda r, turn, rest: r.desks.team.act(turn, rest),
            REROUTE: lambda r, turn, rest: r.desks.delivery.reroute(turn, rest),
            "kb": _knowledge,
        },
        otherwise=_unknown,
    ),
    "sponsor": Verbs(
        {
            "human": lambda r, turn, rest: r.desks.human.press(turn, rest),
            "feedback": lambda r, turn, rest: r.desks.feedback.rate(turn, rest),
            "answer": _answer_press,
        },
        otherwise=_gone,
    ),
}
"""The handler of every press area of the route table (`bot.core.roles.PRESS_AREAS`)."""


def unknown_command() -> Reply:
    return Reply((Msg("roles.unknown_command"),))
