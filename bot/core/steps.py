"""Dialogs as data: steps, how an answer is read, when a step is asked."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from bot.core.state import Answer, Offered
from bot.texts.catalog import Language, Msg
from bot.understanding.result import Suggestion

if TYPE_CHECKING:
    from bot.advice.advise import Advisor


@dataclass(frozen=True)
class StepContext:
    advisor: Advisor
    today: date
    answers: Mapping[str, Answer]
    language: Language


@dataclass(frozen=True)
class Accepted:
    answer: Answer
    note: Msg | None = None
    also: Mapping[str, Answer] = field(default_factory=dict)
    """Further answers implied (a period given as duration also sets the start)."""


@dataclass(frozen=True)
class Rejected:
    reason: Msg
    suggestions: tuple[Suggestion, ...] = ()
    keep_partial: str | None = None
    """Text to keep and extend with the next answer instead of discarding it."""


ParseOutcome = Accepted | Rejected
AnswerParser = Callable[[str, StepContext], ParseOutcome]
Extender = Callable[[str, str, StepContext], ParseOutcome]
"""(text kept, addition, context): the answer once the sponsor was asked to say more."""
ChoicesOf = Callable[[StepContext], tuple[Offered, ...]]
Condition = Callable[[Mapping[str, Answer], StepContext], bool]


@dataclass(frozen=True)
class Step:
    id: str
    parse: AnswerParser
    choices: ChoicesOf | None = None
    several: bool = False
    """Several choices may be ticked (then confirmed with a done button)."""
    optional: bool = False
    when: Condition | None = None
    """Asked only when this holds for the answers so far."""
    free_text: bool = True
    """Typed answers accepted besides the choices."""
    extend: Extender | None = None
    """How a rejected answer kept in `DialogState.partial` is completed by the next one."""

    @property
    def prompt(self) -> str:
        return f"sponsor.{self.id}.prompt"

    @property
    def help(self) -> str:
        return f"sponsor.{self.id}.help"

    @property
    def label(self) -> str:
        return f"sponsor.{self.id}.label"


@dataclass(frozen=True)
class Dialog:
    id: str
    steps: tuple[Step, ...]
    extra_steps: tuple[Step, ...] = ()
    """Optional questions offered after the summary (they feed the Projektskizze)."""
    handoff_steps: tuple[Step, ...] = ()
    """Who sends it, asked before anything leaves the sponsor's hands."""
    help: Msg | None = None
    """What /hilfe says besides the current question's help (the commands)."""

    @property
    def sequences(self) -> tuple[tuple[Step, ...], ...]:
        return (self.steps, self.extra_steps, self.handoff_steps)

    def step(self, step_id: str) -> Step:
        for step in (*self.steps, *self.extra_steps, *self.handoff_steps):
            if step.id == step_id:
                return step
        raise KeyError(step_id)
