"""Dialogs as data: steps, how an answer is read, when a step is asked."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Literal, Protocol

from bot.core.events import CommandName, Event
from bot.core.outputs import EngineOutput, Reply
from bot.core.state import Answer, DialogState, Offered
from bot.texts.catalog import Language, Localized, Msg
from bot.understanding.result import Suggestion

if TYPE_CHECKING:
    from bot.advice.advise import Advisor


@dataclass(frozen=True)
class StepContext:
    advisor: Advisor
    today: date
    answers: Mapping[str, Answer]
    language: Language
    handoff_kind: Literal["handoff", "question"] | None = None
    """What the sponsor prepares to send, if anything (`DialogState.handoff_kind`)."""
    language_chosen: bool = False
    """The sponsor chose the language (`DialogState.language_chosen`)."""
    english_answers: int = 0
    """Answers in a row read as English before this one (`DialogState.english_answers`)."""
    offered: tuple[str, ...] = ()
    """The values of the options the question was last asked with (a re-ask's buttons): a
    parser may move on where it has offered its way out once already."""


@dataclass(frozen=True)
class Accepted:
    answer: Answer
    note: Msg | None = None
    also: Mapping[str, Answer] = field(default_factory=dict)
    """Further answers implied (a period given as duration also sets the start)."""
    shows: tuple[str, ...] = ()
    """Answers (step ids) the note shows for confirmation: each gets a button to correct it
    (a total computed from costs per year is never taken unseen)."""
    confirm: Msg | None = None
    """The label of a button that confirms what the note shows ("Ja, 360.000 € insgesamt")."""


@dataclass(frozen=True)
class Rejected:
    reason: Msg
    suggestions: tuple[Suggestion, ...] = ()
    keep_partial: str | None = None
    """Text to keep and extend with the next answer instead of discarding it."""
    skips: bool = False
    """A non-answer ("nein", "noch offen"): an optional question is skipped at once."""
    defer_to: str | None = None
    """The answer is to come with a later question ("siehe Projektidee" before the idea was
    asked): that question is asked now, this one after it unless its answer came with it."""
    answered: bool = False
    """A question back, answered in `reason`: shown also when the message changes the language
    ("Could we do this in English? What is the own share?")."""


ParseOutcome = Accepted | Rejected


@dataclass(frozen=True)
class Gathered:
    """What one message says besides (or instead of) the answer to the question asked."""

    answers: Mapping[str, Accepted] = field(default_factory=dict)
    """Confident answers by step id; the current question's is used when its own parser
    could not read the message (a first message that says everything)."""
    language: Language | None = None
    """The language to continue in (an English first message, "english please")."""
    offer: Language | None = None
    """A language to offer in one tap (a German answer in an English dialog)."""
    detected: bool = False
    """`language` was not asked for: the message was written in it (said, with a way back)."""
    corrects: bool = False
    """The message corrects earlier answers ("Korrektur: 80.000 pro Jahr, nicht insgesamt"):
    what it says replaces them (shown, with a way to correct it), not only fills gaps."""
    english: bool | None = None
    """The answer reads as English (True) or German (False), or tells neither (names,
    numbers): the engine counts English answers in a row (`DialogState.english_answers`)."""


MessageReader = Callable[[str, str, StepContext], Gathered]
"""(text, the step asked, context): every answer a message carries (`Dialog.reader`)."""
AnswerParser = Callable[[str, StepContext], ParseOutcome]
Extender = Callable[[str, str, StepContext], ParseOutcome]
"""(text kept, addition, context): the answer once the sponsor was asked to say more."""
ChoicesOf = Callable[[StepContext], tuple[Offered, ...]]
Condition = Callable[[Mapping[str, Answer], StepContext], bool]


@dataclass(frozen=True)
class Several:
    """How a step with several choices turns ticks into an answer and back."""

    answer: Callable[[list[str], StepContext], Answer]
    """The answer "Fertig" gives for the ticked choices."""
    with_typed: Callable[[Accepted, list[str], StepContext], Accepted]
    """A text typed after ticking: both count (the note says so)."""
    ticked: Callable[[Answer], list[str]]
    """The choices an earlier answer ticked (shown ticked when the step is edited)."""
    none_ticked: Msg
    """Said when "Fertig" is pressed with nothing ticked."""


@dataclass(frozen=True)
class Step:
    id: str
    parse: AnswerParser
    choices: ChoicesOf | None = None
    several: Several | None = None
    """Several choices may be ticked (then confirmed with a done button)."""
    optional: bool = False
    when: Condition | None = None
    """Asked only when this holds for the answers so far."""
    free_text: bool = True
    """Typed answers accepted besides the choices."""
    extend: Extender | None = None
    """How a rejected answer kept in `DialogState.partial` is completed by the next one."""
    after: Callable[[StepContext], list[Msg]] | None = None
    """Notes said once the answer is taken (the place's local alliance, for instance)."""
    echo: bool = False
    """A typed answer is read, not copied (a place, an amount, target groups, a title): what
    was read is shown back with a button to correct it, so a misreading is never stored
    unseen. Answers chosen by button are not echoed."""
    texts: str = "sponsor"
    """Where the step's prompt, help and label are in the catalogues (`<texts>.<id>.prompt`):
    the dialog's own part of them."""
    wording: Msg | None = None
    """The prompt as a general text with parameters (a form's field: its kind's prompt with
    the field's name); None: `<texts>.<id>.prompt`."""

    @property
    def prompt(self) -> str:
        return f"{self.texts}.{self.id}.prompt"

    @property
    def help(self) -> str:
        return f"{self.texts}.{self.id}.help"

    @property
    def label(self) -> str:
        return f"{self.texts}.{self.id}.label"


Result = tuple[DialogState, list[EngineOutput]]
"""A dialog's new state and what the event produced."""


@dataclass(frozen=True)
class ScreenContext:
    """What a screen is shown with."""

    step: StepContext
    shown: tuple[Step, ...]
    """Every question whose condition holds, in order (a justification of costs since
    lowered is kept for later, not shown)."""


class Flow(Protocol):
    """What a screen's handlers may ask of the engine that runs it."""

    def context(self, state: DialogState) -> StepContext: ...

    def show(self, state: DialogState, screen: str, notes: Sequence[Msg] = ()) -> Result:
        """Show a screen (its id becomes the state's step)."""

    def ask(self, state: DialogState, step: str, intro: Msg | None = None) -> Result:
        """Ask a question (with an introduction instead of the usual prompt's note)."""

    def end(self, state: DialogState, notes: Sequence[Msg] = ()) -> Result:
        """The dialog's end screen; from a question, the first open required one instead."""

    def missing(self, state: DialogState) -> list[str]:
        """The required questions still open."""

    def resume(self, state: DialogState) -> Result:
        """Where the dialog was left off."""

    def edit(self, state: DialogState, step: str) -> Result:
        """Answer one question again, then return to the end screen."""


ScreenHandler = Callable[[Flow, DialogState, str], Result]
"""A press on a screen: (engine, state, the action's argument after the matched key)."""

CASE_OF_DRAFT = "case"
"""The addition naming the case a handed-over draft became in the procedure, with a button
to it (`bot.routes.case_summary`): what the case is, the pure dialog does not know."""


@dataclass(frozen=True)
class Addition:
    """A part the conversation service adds to a screen's message from what the dialog does
    not know (`CASE_OF_DRAFT`): the screen declares where it goes, the service what it says."""

    name: str
    below: tuple[str, ...]
    """The keys of the parts it goes right below, the first one the message has; none of
    them there (the help repeating only the buttons): at the end."""


@dataclass(frozen=True)
class Screen:
    """A state of a dialog that is no question: it shows something and takes presses (and
    maybe typed words), like a question's prompt takes answers."""

    id: str
    render: Callable[[DialogState, ScreenContext, Sequence[Msg]], Reply]
    """The screen's message, after `notes`; its buttons carry the screen's id as step."""
    presses: Mapping[str, ScreenHandler] = field(default_factory=dict)
    """Button actions: an exact action, or a key ending in ":" for actions with an argument
    ("edit:" takes "edit:costs"). Anything else is a stale button."""
    typed: Callable[[Flow, DialogState, str], Result] | None = None
    """Typed text; None: the screen is shown again after `use_buttons`."""
    use_buttons: Msg | None = None
    """Said before the screen is shown again to a typed text (None: the general words)."""
    leave: Callable[[Flow, DialogState], Result] | None = None
    """Where back and cancel lead; None: back to the last question, cancel pauses."""
    help_parts: Callable[[tuple[Msg, ...]], tuple[Msg, ...]] = lambda parts: parts
    """What of the screen's message /hilfe repeats after the general help."""
    resume_as: str | None = None
    """The screen shown instead when the dialog is taken up again (resumed, language
    switched, an update repeated); None: this one."""
    anywhere: bool = False
    """Its presses are taken on every step, not only on this screen (the summary's buttons:
    a press still names the step its message showed, so an old one is stale all the same)."""
    additions: tuple[Addition, ...] = ()
    """Parts the conversation service adds to every message with this screen's id as step."""

    def handler(self, action: str) -> tuple[ScreenHandler, str] | None:
        if action in self.presses:
            return self.presses[action], ""
        key, colon, argument = action.partition(":")
        if colon and f"{key}:" in self.presses:
            return self.presses[f"{key}:"], argument
        return None


@dataclass(frozen=True)
class Questions:
    """Questions asked one after another."""

    id: str
    steps: tuple[Step, ...]
    then: str | None = None
    """The screen shown after the last one; None: the dialog's end screen."""


@dataclass(frozen=True)
class Dialog:
    id: str
    sequences: tuple[Questions, ...]
    """The first holds the required questions; the end screen is shown once they are
    answered."""
    screens: tuple[Screen, ...]
    end: str
    """The screen a finished sequence leads to (the summary)."""
    paused: Screen
    """Shown while the dialog is paused; its presses resume it."""
    welcome: tuple[Msg, ...] = ()
    """Said before the first question of a new dialog."""
    commands: Mapping[CommandName, Callable[[Flow, DialogState], Result]] = field(
        default_factory=dict
    )
    """Commands of this dialog beyond the engine's own (back, skip, keep, cancel, ...)."""
    help: Msg | None = None
    """What /hilfe says besides the current question's help (the commands)."""
    shown: Callable[[Step, Answer, StepContext], Localized | str] | None = None
    """An answer as understood, for "Verstanden: …" (None: the words it was read from)."""
    reader: MessageReader | None = None
    """Reads every answer a typed message carries; the engine stores the confident ones,
    shows them with a button to correct each, and asks only for what is still missing."""
    words: Mapping[str, str] = field(default_factory=dict)
    """The engine's own words as this dialog says them: the general key
    ("sponsor.button.done") to this dialog's; the others are said as they are."""

    @property
    def steps(self) -> tuple[Step, ...]:
        """The required questions' sequence."""
        return self.sequences[0].steps

    @cached_property
    def all_steps(self) -> tuple[Step, ...]:
        return tuple(step for sequence in self.sequences for step in sequence.steps)

    @cached_property
    def _steps_by_id(self) -> Mapping[str, Step]:
        """The first step of each id (looked up several times per update)."""
        found: dict[str, Step] = {}
        for step in self.all_steps:
            found.setdefault(step.id, step)
        return found

    def step(self, step_id: str) -> Step:
        return self._steps_by_id[step_id]

    def sequence(self, sequence_id: str) -> Questions:
        return next(s for s in self.sequences if s.id == sequence_id)

    def screen(self, screen_id: str) -> Screen | None:
        return next((s for s in self.screens if s.id == screen_id), None)


class Runner(Protocol):
    """A dialog engine as the conversation service drives it (`bot.dialogs.engine`), pinned to
    one turn's knowledge base."""

    dialog: Dialog

    def start(self, language: Language = "de") -> Result: ...

    def resume(self, state: DialogState) -> Result: ...

    def repeat(self, state: DialogState) -> list[EngineOutput]: ...

    def handle(self, state: DialogState, event: Event) -> Result: ...

    def stale(self, state: DialogState, reason: Msg | None = None) -> Result: ...

    def with_language(self, state: DialogState, language: Language) -> Result: ...

    def at_end(self, state: DialogState) -> bool: ...
