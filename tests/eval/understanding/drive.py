"""Drive the real sponsor dialog with a scripted sponsor, in process, on a real SQLite file.

The conversation service (`Conversations`, what the terminal and Telegram adapters call) is
driven like the terminal does: /start, the sponsor's own opening messages, then each question
the bot asks is answered with the persona's answer for that step, until the summary. Nothing
here knows which step comes next or how answers are parsed: the harness follows the bot, so it
keeps working when the bot fills several answers from one message or skips questions.

The sponsor has no device language hint (as in the terminal): a switch to English must come
from what they write.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from bot.clock import FixedClock
from bot.core.events import Command, Event, Press, Text
from bot.core.outputs import Output, Reply
from bot.core.state import Answer
from bot.core.updates import Incoming
from bot.runtime import Runtime, build_runtime
from bot.settings import Settings
from bot.storage.drafts import Drafts
from bot.texts.catalog import Language
from bot.texts.markup import to_plain
from tests.eval.understanding.cases import MAIN_STEPS, Case
from tests.eval.understanding.readings import fold, renderings

MAX_TURNS = 40
"""A conversation that has not reached the summary after this many turns is cut off."""
ENDS = frozenset({"summary", "consent", "edit", "paused"})
NAVIGATION = frozenset({"back", "skip", "keep", "done", "help", "cancel", "resume"})
CONFIRM = re.compile(r"confirm|accept|(?<![a-z])(?:yes|ok)(?![a-z])")
"""A button that confirms what the bot has read (a step the harness does not know)."""
JUSTIFICATION = {
    "de": "Das Projekt wirkt im ganzen Landkreis und wird danach von den Partnern weitergeführt.",
    "en": "The project covers the whole district and the partners continue it afterwards.",
}
"""Said when the bot asks why the costs exceed the cap and the persona has no answer for it
(the bot then read the costs higher than the sponsor meant): any sponsor would give a reason."""


@dataclass
class Turn:
    sent: str
    """What the sponsor typed, or `[press action]`."""
    step: str | None
    """The step the bot had asked when the sponsor sent this (None: the opening)."""
    answering: bool
    """A reply to the bot's question (counts as a question asked), not an opening message."""
    outputs: list[Output]
    language: Language
    answers: dict[str, Answer]
    """The draft's answers after this turn."""


@dataclass
class Transcript:
    case_id: str
    turns: list[Turn] = field(default_factory=list)
    ended: str = ""
    """"summary", or why the conversation stopped before it."""

    @property
    def answers(self) -> dict[str, Answer]:
        return self.turns[-1].answers if self.turns else {}

    @property
    def language(self) -> Language:
        return self.turns[-1].language if self.turns else "de"

    @property
    def questions(self) -> int:
        return sum(turn.answering for turn in self.turns)


def prompt_of(outputs: list[Output]) -> Reply | None:
    """The last reply that asks something (carries a step)."""
    prompts = [o for o in outputs if isinstance(o, Reply) and o.step]
    return prompts[-1] if prompts else None


def actions_of(reply: Reply) -> list[str]:
    return [button.action for row in reply.buttons for button in row]


def plain(outputs: list[Output], language: Language) -> str:
    return "\n".join(
        to_plain(part, language) for o in outputs if isinstance(o, Reply) for part in o.parts
    )


class Chat:
    """One user's conversation with the running bot."""

    def __init__(self, runtime: Runtime, user_id: int) -> None:
        self.runtime = runtime
        self.user_id = user_id

    async def send(self, event: Event) -> tuple[list[Output], Language]:
        handled = await self.runtime.conversations.handle(Incoming(self.user_id, event))
        return handled.outputs, handled.language

    async def answers(self) -> dict[str, Answer]:
        async with self.runtime.database.transaction() as connection:
            drafts = Drafts(connection, self.runtime.clock.now())
            user = await drafts.user(self.user_id, "de")
            if user.current_draft_id is None:
                return {}
            draft = await drafts.get(self.user_id, user.current_draft_id)
            return dict(draft.state.answers) if draft else {}


@asynccontextmanager
async def running_bot() -> AsyncIterator[tuple[Runtime, FixedClock]]:
    """The bot as `make run` builds it, on a temporary data directory (SQLite file)."""
    clock = FixedClock(datetime(2026, 11, 25, 9, 0))
    with tempfile.TemporaryDirectory(prefix="eval-understanding-") as folder:
        settings = Settings(data_dir=Path(folder), telegram_bot_token=None, default_language="de")
        runtime = await build_runtime(settings, clock)
        try:
            yield runtime, clock
        finally:
            await runtime.close()


def set_today(clock: FixedClock, today: date) -> None:
    clock.set(datetime(today.year, today.month, today.day, 9, 0))


async def converse(chat: Chat, case: Case) -> Transcript:
    transcript = Transcript(case.id)

    async def send(event: Event, step: str | None, answering: bool) -> Reply | None:
        outputs, language = await chat.send(event)
        sent = event.text if isinstance(event, Text) else f"[{_describe(event)}]"
        transcript.turns.append(
            Turn(sent, step, answering, outputs, language, await chat.answers())
        )
        return prompt_of(outputs)

    prompt = await send(Command("start"), None, False)
    for text in case.say:
        prompt = await send(Text(text), prompt.step if prompt else None, False) or prompt
    asked: Counter[str] = Counter()
    for _ in range(MAX_TURNS):
        if prompt is None or prompt.step is None:
            transcript.ended = "no question asked"
            return transcript
        step, actions = prompt.step, actions_of(prompt)
        if step in ENDS:
            transcript.ended = step
            return transcript
        switch = _language_button(actions, case, transcript.language)
        if switch is not None:
            prompt = await send(Press(step, switch, prompt.token or None), step, True)
            continue
        if step == CAP_QUESTION:
            # #15's question before the justification: the personas over the cap justify it
            # (the harness gives them a justification), so their excess is to raise the grant.
            asked[step] += 1
            prompt = await send(Text(YES[transcript.language]), step, True)
            continue
        if step not in MAIN_STEPS:
            confirm = next((a for a in actions if CONFIRM.search(a)), None)
            if confirm is None:
                transcript.ended = f"unknown question {step!r}"
                return transcript
            prompt = await send(Press(step, confirm, prompt.token or None), step, True)
            continue
        event = _next_answer(case, step, asked[step], actions, transcript.language)
        if asked[step] >= len(case.persona.get(step, [])):
            event = _meant_option(chat, case, step, prompt) or event
        if event is None:
            transcript.ended = f"stuck at {step}"
            return transcript
        asked[step] += 1
        if isinstance(event, Press):
            event = Press(step, event.action, prompt.token or None)
        prompt = await send(event, step, True)
    transcript.ended = f"cut off after {MAX_TURNS} turns"
    return transcript


CAP_QUESTION = "cap_raises_grant"
"""Asked above the cap before the justification (#15 point 7: does the excess raise the grant?)."""
YES = {"de": "Ja", "en": "Yes"}


def _next_answer(
    case: Case, step: str, times: int, actions: list[str], language: Language
) -> Event | None:
    """The persona's answer to this step's `times`-th ask.

    After the scripted answers: an optional question is skipped; a required one gets the last
    answer once more (people repeat themselves, and a thin idea is then taken); then the
    conversation is stuck.
    """
    answers = case.persona.get(step, [])
    if step == "justification" and not answers:
        answers = [JUSTIFICATION[language]]
    if times < len(answers):
        return Text(answers[times])
    if "skip" in actions:
        return Press(step, "skip")
    if answers and times == len(answers):
        return Text(answers[-1])
    return None


def _meant_option(chat: Chat, case: Case, step: str, prompt: Reply) -> Press | None:
    """Offered options to choose from, the sponsor taps the one that is what they meant.

    A place: one in their district, named as they typed it unless the bot asked which of
    several places of that name is meant (a suggestion of another name is never taken). An
    amount or date: the option that shows the labelled value ("Meinen Sie 80.000 €?").
    """
    kb = chat.runtime.conversations.advisor.kb
    wanted: list[str] = []
    expect = case.expect
    if step == "region":
        for place in expect.place:
            wanted += [kb.district(d).name for d in (place.district, *place.districts) if d]
    elif step == "costs":
        wanted = renderings("costs", expect.costs.total, kb)
    elif step == "start":
        wanted = [r for month in expect.start for r in renderings("start", month, kb)]
    elif step == "duration":
        wanted = [r for months in expect.duration for r in renderings("duration", months, kb)]
    typed = " ".join(fold(t) for t in [*case.persona.get(step, []), *case.say])
    words = set(re.findall(r"[^\W\d_]+", typed))
    asked_which = any("ambiguous" in part.key for part in prompt.parts)
    for row in prompt.buttons:
        for button in row:
            label = fold(button.label) if isinstance(button.label, str) else ""
            if not button.action.startswith("pick:") or not any(fold(w) in label for w in wanted):
                continue
            name = re.match(r"[^\W\d_]+", label)
            if step != "region" or asked_which or (name and name.group() in words):
                return Press(step, button.action)
    return None


def _language_button(actions: list[str], case: Case, language: Language) -> str | None:
    """A sponsor who wants English taps a button the bot offers for it."""
    if case.expect.language == language:
        return None
    wanted = case.expect.language
    return next(
        (a for a in actions if "lang" in a and re.search(rf"(?<![a-z]){wanted}(?![a-z])", a)),
        None,
    )


def _describe(event: Event) -> str:
    if isinstance(event, Press):
        return f"press {event.action}"
    if isinstance(event, Command):
        return f"/{event.name}"
    return type(event).__name__


async def place_outcome(chat: Chat, text: str) -> tuple[dict[str, Answer], list[Output]]:
    """The place question answered with `text` as a whole answer, in a fresh conversation."""
    await chat.send(Command("start"))
    outputs, _ = await chat.send(Text(text))
    return await chat.answers(), outputs
