"""The dialog engine: pure `(state, event) -> (state, outputs)` over any declared `Dialog`.

It stores nothing and sends nothing; the caller persists the new state before delivering the
outputs, so every answer is committed before the sponsor sees the reply. It knows no dialog by
name: questions (`Step`) and screens (`Screen`) are declared with the dialog, and the engine
only runs them. Its own rules are those of every dialog: answers, going back, skipping,
keeping, pausing, editing one answer, and revisions that make old buttons stale.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from bot.advice.advise import Advisor
from bot.base.normalize import fold
from bot.clock import Clock
from bot.core.events import Command, Event, Press, Text, Upload, action_number
from bot.core.outputs import Acknowledge, Button, EngineOutput, Reply
from bot.core.state import Answer, DialogState, Offered
from bot.core.steps import (
    Accepted,
    Dialog,
    Gathered,
    ParseOutcome,
    Rejected,
    Result,
    Screen,
    ScreenContext,
    Step,
    StepContext,
)
from bot.texts.catalog import Language, Msg, Param
from bot.texts.formats import Lines, Sentence
from bot.understanding.once import reading_once
from bot.understanding.result import Suggestion, wording


def _shown(state: DialogState) -> tuple[object, ...]:
    """What gives a prompt's buttons their meaning: when it changes, older buttons are stale."""
    return (state.step, state.paused, state.editing, tuple(o.value for o in state.offered))


def _revised(before: DialogState, after: DialogState) -> DialogState:
    revision = before.revision if _shown(before) == _shown(after) else before.revision + 1
    if after.revision == revision:
        return after  # states are never changed in place: no copy needed
    return after.model_copy(update={"revision": revision})


_SETTLED: dict[str, object] = {"ticked": [], "partial": ""}
"""What an unfinished answer leaves behind, cleared when the dialog moves on."""


class DialogEngine:
    def __init__(self, dialog: Dialog, advisor: Advisor, clock: Clock) -> None:
        self.dialog = dialog
        self.advisor = advisor
        self.clock = clock

    def _msg(self, key: str, params: Mapping[str, Param] | None = None) -> Msg:
        """One of the engine's own words (buttons, errors), as the dialog words it: the key
        its `words` give instead, else the general one."""
        return Msg(self.dialog.words.get(key, key), params or {})

    def pinned(self, advisor: Advisor) -> DialogEngine:
        """This engine with the advisor (knowledge base) in force for one turn."""
        return self if advisor is self.advisor else DialogEngine(self.dialog, advisor, self.clock)

    # --- entry points ----------------------------------------------------------------------

    def start(self, language: Language = "de") -> Result:
        """A new dialog: the welcome, then the first question."""
        state = DialogState(step=self.dialog.steps[0].id, language=language)
        state, prompt = self._prompt(state)
        if not self.dialog.welcome:
            return state, [prompt]
        return state, [Reply(parts=self.dialog.welcome), prompt]

    def resume(self, state: DialogState) -> Result:
        """Where the sponsor left off, e.g. after /start or a restart of the bot."""
        resumed = state.model_copy(update={"paused": False})
        resumed, prompt = self._prompt(resumed, intro=Msg("sponsor.resumed"))
        return _revised(state, resumed), [prompt]

    def repeat(self, state: DialogState) -> list[EngineOutput]:
        """The current question once more, unchanged (an update delivered twice)."""
        if state.paused:
            return [self._paused_reply(state, Msg("sponsor.paused"))]
        return [self._prompt(state)[1]]

    def handle(self, state: DialogState, event: Event) -> Result:
        # The message reader and the question's own parser read the same words: once.
        with reading_once():
            if isinstance(event, Command):
                after, outputs = self._command(state, event)
            elif isinstance(event, Press):
                after, outputs = self._press(state, event)
            elif isinstance(event, Upload):
                after, outputs = self._reprompt(state, Msg("telegram.unsupported"))
            else:
                after, outputs = self._text(state, event)
        return _revised(state, after), outputs

    def stale(self, state: DialogState, reason: Msg | None = None) -> Result:
        """A button of an older prompt (or of another draft): say so, show the current one."""
        return self._reprompt(state, reason or Msg("sponsor.error.stale"))

    def with_language(self, state: DialogState, language: Language) -> Result:
        changed = state.model_copy(update={"language": language, "language_chosen": True})
        changed, prompt = self._prompt(changed, intro=Msg("sponsor.language_set"))
        return _revised(state, changed), [prompt]

    def at_end(self, state: DialogState) -> bool:
        """The dialog rests on its end screen (the summary)."""
        return state.step == self.dialog.end

    # --- what screens may ask (`Flow`) -----------------------------------------------------

    def context(self, state: DialogState) -> StepContext:
        return StepContext(
            advisor=self.advisor,
            today=self.clock.today(),
            answers=state.answers,
            language=state.language,
            language_chosen=state.language_chosen,
            english_answers=state.english_answers,
            handoff_kind=state.handoff_kind,
            offered=tuple(choice.value for choice in state.offered),
        )

    def show(self, state: DialogState, screen: str, notes: Sequence[Msg] = ()) -> Result:
        state = state.model_copy(update={"step": screen})
        return state, [self._render(state, notes)]

    def ask(self, state: DialogState, step: str, intro: Msg | None = None) -> Result:
        state = state.model_copy(update={"step": step})
        state, prompt = self._prompt(state, intro=intro)
        return state, [prompt]

    def end(self, state: DialogState, notes: Sequence[Msg] = ()) -> Result:
        missing = self.missing(state)
        if missing and not state.editing and self._screen(state) is None:
            # An end screen of half a dialog helps nobody: ask for what is still open first.
            state = state.model_copy(update={"step": missing[0]})
            state, prompt = self._prompt(state, notes=list(notes))
            return state, [prompt]
        state = state.model_copy(update={"editing": False, "edited": "", "offered": [], **_SETTLED})
        return self.show(state, self.dialog.end, notes)

    def missing(self, state: DialogState) -> list[str]:
        ctx = self.context(state)
        return [
            s.id
            for s in self.dialog.steps
            if not s.optional
            and s.id not in state.answers
            and (s.when is None or s.when(state.answers, ctx))
        ]

    # --- events ----------------------------------------------------------------------------

    def _command(self, state: DialogState, command: Command) -> Result:
        any_time = AT_ANY_TIME.get(command.name)
        if any_time is not None:
            return any_time(self, state, command.argument)
        if state.paused:
            return self._paused(state)
        own = self.dialog.commands.get(command.name)
        if own is not None:
            return own(self, state)
        return NAVIGATION.get(command.name, DialogEngine._cancel)(self, state)

    def _language(self, state: DialogState, argument: str) -> Result:
        language = language_of(argument, state.language)
        if language is None:
            return self._reprompt(state, Msg("sponsor.language_unknown"))
        return self.with_language(state, language)

    def _helped(self, state: DialogState) -> Result:
        return state, [self._help(state)]

    def _press(self, state: DialogState, press: Press) -> Result:
        action = press.action
        if state.paused:
            found = self.dialog.paused.handler(action)
            return found[0](self, state, found[1]) if found else self._paused(state)
        if press.step != state.step:
            return self._reprompt(state, Msg("sponsor.error.stale"))
        navigation = NAVIGATION.get(action)
        if navigation is not None:
            return navigation(self, state)
        if action.startswith("fix:"):
            return self._fix(state, action.removeprefix("fix:"))
        if action.startswith("lang:"):
            language = language_of(action.removeprefix("lang:"), state.language)
            if language is not None:
                return self.with_language(state, language)
        if action == "confirm":
            # What the last reply showed is right: the question it asked, without its buttons.
            state, prompt = self._prompt(state, keep_offered=True)
            return state, [Acknowledge("✓"), prompt]
        screen = self._screen(state)
        found = screen.handler(action) if screen is not None else None
        for other in self.dialog.screens:
            if found is None and other.anywhere:
                found = other.handler(action)
        if found is not None:
            return found[0](self, state, found[1])
        if screen is not None:
            return self._reprompt(state, Msg("sponsor.error.stale"))
        step = self.dialog.step(state.step)
        if action == "done" and step.several:
            return self._done(state, step)
        if action.startswith("pick:"):
            return self._pick(state, step, action.removeprefix("pick:"))
        return self._reprompt(state, Msg("sponsor.error.stale"))

    def _text(self, state: DialogState, event: Text) -> Result:
        if state.paused:
            return self._paused(state)
        screen = self._screen(state)
        if screen is not None:
            if screen.typed is not None:
                return screen.typed(self, state, event.text)
            return self._reprompt(
                state, screen.use_buttons or self._msg("sponsor.error.use_buttons")
            )
        step = self.dialog.step(state.step)
        if _typed_back(event.text):
            # "zurück" typed without its slash, as the buttons and the help name it: going
            # back, never an answer ("Art der Organisation: zurück")
            return self._back(state)
        if not step.free_text:
            return self._reprompt(state, self._msg("sponsor.error.use_buttons"))
        ctx = self.context(state)
        if not event.text.strip():
            # Nothing readable (a message of invisible characters only): what the question
            # needs, and the question once more, as the sponsor may not see what was sent.
            outcome = step.parse(event.text, ctx)
            empty = outcome.reason if isinstance(outcome, Rejected) else Msg("sponsor.error.empty")
            return self._reprompt(state, empty)
        gathered = Gathered()
        if self.dialog.reader is not None and not state.partial and not state.editing:
            gathered = self.dialog.reader(event.text, step.id, ctx)
        if gathered.language == state.language and not gathered.detected:
            # "geht das auch auf Deutsch?" in German: chosen, though nothing changes
            state = state.model_copy(update={"language_chosen": True})
        if gathered.english is not None:
            # terse answers in English, two in a row, switch as an English first message does
            in_a_row = state.english_answers + 1 if gathered.english else 0
            state = state.model_copy(update={"english_answers": in_a_row})
        switched = gathered.language is not None and gathered.language != state.language
        before = state.language
        if switched:
            chosen = state.language_chosen or not gathered.detected
            state = state.model_copy(
                update={"language": gathered.language, "language_chosen": chosen}
            )
            ctx = self.context(state)
        if state.partial and step.extend is not None:
            outcome = step.extend(state.partial, event.text, ctx)
        else:
            outcome = step.parse(event.text, ctx)
        if step.several and state.ticked and isinstance(outcome, Accepted):
            current = state.answers.get(step.id)
            if current is None or step.several.ticked(current) != list(state.ticked):
                # Typed after ticking: the ticks count too, and the sponsor is told so. Ticks
                # that are only the answer being corrected (✏️, back, "Angabe ändern") are
                # replaced by the typed one, as "Bisherige Antwort" above it says.
                outcome = step.several.with_typed(outcome, list(state.ticked), ctx)
        if step.echo and isinstance(outcome, Accepted) and step.id not in outcome.shows:
            # Read from the sponsor's words: shown back, correctable with one tap.
            outcome = replace(outcome, shows=(*outcome.shows, step.id))
        extras = {
            k: a
            for k, a in gathered.answers.items()
            if k != step.id and (k not in state.answers or gathered.corrects)
        }
        own = gathered.answers.get(step.id)
        if isinstance(outcome, Rejected) and outcome.keep_partial is None and own and extras:
            # A message that says several things is no answer to the question's own parser
            # ("Wir sind ein Träger aus Hameln und …" is no place name): its part counts.
            outcome = own
        if (
            switched
            and isinstance(outcome, Rejected)
            and not extras
            and outcome.keep_partial is None
            and not (outcome.skips and step.optional)
            and not outcome.answered
        ):
            # No answer but a change of language ("could we do this in English?"): the
            # question again, in it. A rejection that keeps part of the answer (a thin
            # idea) says why, or the sponsor would send the same words once more, and "rather
            # not say" at an optional question skips it, in whatever language it is said.
            state, prompt = self._prompt(state, intro=Msg("sponsor.language_set"))
            outputs: list[EngineOutput] = [prompt]
        else:
            if switched and isinstance(outcome, Rejected) and outcome.answered:
                # asked for the language and asked a question: both answered
                said = {"first": Msg("sponsor.language_set"), "second": outcome.reason}
                outcome = replace(outcome, reason=Msg("sponsor.notes", said))
            state, outputs = self._outcome(state, step, outcome, extras)
        if switched and gathered.detected:
            # Switched without being asked: said so, with one tap back to German.
            return state, _switched_back(outputs, before)
        if gathered.offer is not None and gathered.offer != state.language:
            outputs = _offering(outputs, gathered.offer)
        return state, outputs

    # --- answering -------------------------------------------------------------------------

    def _pick(self, state: DialogState, step: Step, index_text: str) -> Result:
        offered = state.offered
        index = action_number(index_text)
        if index is None or not 0 <= index < len(offered):
            return self._reprompt(state, Msg("sponsor.error.stale"))
        choice = offered[index]
        if step.several:
            ticked = list(state.ticked)
            if choice.value in ticked:
                ticked.remove(choice.value)
            else:
                ticked.append(choice.value)
            state = state.model_copy(update={"ticked": ticked})
            state, prompt = self._prompt(state, keep_offered=True)
            return state, [Reply(prompt.parts, prompt.buttons, prompt.step, replaces_pressed=True)]
        outcome = step.parse(choice.label, self.context(state))
        if isinstance(outcome, Accepted) and step.choices is not None:
            outcome = Accepted(
                Answer(text=self._label(choice, state.language), value=choice.value),
                outcome.note,
                outcome.also,
            )
        state, outputs = self._outcome(state, step, outcome)
        return state, [Acknowledge(self._label(choice, state.language)), *outputs]

    def _done(self, state: DialogState, step: Step) -> Result:
        assert step.several is not None
        if not state.ticked:
            return self._reprompt(state, step.several.none_ticked)
        answer = step.several.answer(list(state.ticked), self.context(state))
        state, outputs = self._outcome(state, step, Accepted(answer))
        return state, [Acknowledge(answer.text), *outputs]

    def _outcome(
        self,
        state: DialogState,
        step: Step,
        outcome: ParseOutcome,
        extras: dict[str, Accepted] | None = None,
    ) -> Result:
        if isinstance(outcome, Accepted):
            return self._accepted(state, step, outcome, extras or {})
        state, understood, fixes = self._take(state, extras or {})
        if outcome.skips and step.optional:
            # "nein", "noch offen" at an optional question: skipped, no extra tap needed.
            state, outputs = self._skip(state, outcome.reason)
            return state, [self._with_fixes(outputs, understood, fixes)]
        if outcome.defer_to is not None and outcome.defer_to not in state.answers:
            # The later question first; this one stays open and is asked after it.
            deferred = state.model_copy(update={"step": outcome.defer_to, **_SETTLED})
            state, prompt = self._prompt(
                deferred, intro=outcome.reason, notes=[understood] if understood else None
            )
            return state, [self._with_fixes([prompt], None, fixes)]
        offered = [_offered(s) for s in outcome.suggestions]
        # A rejected extension (too long, say) keeps what was already kept.
        kept = outcome.keep_partial if outcome.keep_partial is not None else state.partial
        state = state.model_copy(update={"partial": kept})
        state, prompt = self._prompt(
            state,
            intro=outcome.reason,
            notes=[understood] if understood else None,
            suggestions=offered or None,
            repeat_question=False,
            fixes=fixes,
        )
        return state, [prompt]

    def _accepted(
        self, state: DialogState, step: Step, outcome: Accepted, extras: dict[str, Accepted]
    ) -> Result:
        answers = dict(state.answers)
        answers[step.id] = outcome.answer
        answers.update(outcome.also)
        # Questions the answer also answered ("04/2027 bis 03/2029": the duration) are not
        # asked in turn; they get a button to correct them like answers read from a message.
        implied = [k for k in outcome.also if k not in state.answers and self._is_step(k)]
        left = [s for s in state.understood if s != step.id and s not in implied] + implied
        extras = {k: a for k, a in extras.items() if k not in outcome.also}
        update = {"answers": answers, "offered": [], "understood": left, **_SETTLED}
        state = state.model_copy(update=update)
        notes = [outcome.note] if outcome.note else []
        if step.after is not None:
            notes += step.after(self.context(state))
        state, understood, fixes = self._take(state, extras, step.id)
        if understood is not None:
            # "Verstanden: Gesamtkosten 250.000 €, Laufzeit 36 Monate" names this answer too
            notes = [n for n in notes if not (n is outcome.note and _restates(n))]
            notes.append(understood)
        elif step.id in outcome.shows and outcome.note is None:
            # nothing says yet what was read from the answer: the understood line does
            notes.append(self._said([step.id], state.answers, self.context(state), ()))
        fixes = list(dict.fromkeys([*fixes, *implied, *outcome.shows]))  # each answer once
        # A total computed from costs per period gets its "Ja, … insgesamt" button, whether
        # this answer or one read with it completed it.
        confirm = next((a.confirm for a in [outcome, *extras.values()] if a.confirm), None)
        state, outputs = self._advance(state, step, notes)
        return state, [self._with_fixes(outputs, None, fixes, confirm)]

    def _take(
        self, state: DialogState, extras: dict[str, Accepted], current: str | None = None
    ) -> tuple[DialogState, Msg | None, list[str]]:
        """Store the further answers a message carried; what the sponsor is shown of them
        ("Verstanden: Ort Hameln, …") and the questions that get a button to correct them."""
        if not extras:
            return state, None, []
        answers = dict(state.answers)
        taken: list[str] = []
        for step_id, accepted in extras.items():
            answers[step_id] = accepted.answer
            taken.append(step_id)
            for other, answer in accepted.also.items():
                if other not in state.answers and other not in taken:
                    answers[other] = answer
                    taken.append(other)
        order = [s.id for s in self.dialog.all_steps]
        taken.sort(key=lambda s: order.index(s) if s in order else len(order))
        understood = [*state.understood, *(s for s in taken if s not in state.understood)]
        if current is not None and current in answers:
            taken.insert(0, current)  # said with the rest, correctable like them
        ctx = self.context(state.model_copy(update={"answers": answers}))
        notes = tuple(
            a.note for a in extras.values() if a.note is not None and not _restates(a.note)
        )
        state = state.model_copy(update={"answers": answers, "understood": understood})
        return state, self._said(taken, answers, ctx, notes), taken

    def _said(
        self,
        taken: Sequence[str],
        answers: Mapping[str, Answer],
        ctx: StepContext,
        notes: tuple[Msg, ...],
    ) -> Msg:
        """ "Verstanden: Ort Hameln, …" for the answers `taken`."""
        items = tuple(self._understood_item(self.dialog.step(s), answers[s], ctx) for s in taken)
        # Notes follow after a space, none leaves no space before the line break.
        after = Lines((" ", Lines(notes)), "") if notes else ""
        params = {"items": Sentence(Lines(items, ", ")), "notes": after}
        return Msg("sponsor.understood.said", params)

    def _is_step(self, step_id: str) -> bool:
        return any(step.id == step_id for step in self.dialog.all_steps)

    def _understood_item(self, step: Step, answer: Answer, ctx: StepContext) -> Msg:
        shown = self.dialog.shown(step, answer, ctx) if self.dialog.shown else answer.text
        said = _short(shown, 60) if isinstance(shown, str) else shown
        return Msg("sponsor.understood.item", {"label": Msg(step.label), "answer": said})

    def _with_fixes(
        self,
        outputs: list[EngineOutput],
        understood: Msg | None,
        fixes: Sequence[str],
        confirm: Msg | None = None,
    ) -> EngineOutput:
        """The reply to a message with a button per answer read from it (and what was read)."""
        reply = outputs[-1]
        assert len(outputs) == 1 and isinstance(reply, Reply)
        if not fixes or reply.step == self.dialog.end:
            parts = reply.parts if understood is None else (understood, *reply.parts)
            return Reply(parts, reply.buttons, reply.step, reply.replaces_pressed)
        buttons = [
            Button(
                Msg("sponsor.understood.fix", {"label": Msg(self.dialog.step(s).label)}), f"fix:{s}"
            )
            for s in fixes
        ]
        rows = [tuple(buttons[i : i + 2]) for i in range(0, len(buttons), 2)]
        if confirm is not None:
            rows.insert(0, (Button(confirm, "confirm"),))
        parts = reply.parts if understood is None else (understood, *reply.parts)
        # after the question's own buttons: its choices keep their places (and numbers)
        return Reply(parts, (*reply.buttons, *rows), reply.step, reply.replaces_pressed)

    def _fix(self, state: DialogState, step_id: str) -> Result:
        """Correct an answer read from a message: its question, with the answer as it stands."""
        if step_id not in state.answers or self._screen(state) is not None:
            return self._reprompt(state, Msg("sponsor.error.stale"))
        try:
            step = self.dialog.step(step_id)
        except KeyError:
            return self._reprompt(state, Msg("sponsor.error.stale"))
        left = [s for s in state.understood if s != step_id]
        current = state.answers[step_id]
        ticked = step.several.ticked(current) if step.several else []
        update = {"step": step_id, "understood": left, **_SETTLED, "ticked": ticked}
        state, prompt = self._prompt(state.model_copy(update=update))
        return state, [prompt]

    def _advance(self, state: DialogState, answered: Step, notes: list[Msg]) -> Result:
        history = [*state.history, answered.id]
        state = state.model_copy(update={"history": history})
        ctx = self.context(state)
        if state.editing:
            # Back to the end screen, unless the change made a conditional question necessary.
            for step in self.dialog.steps:
                if step.when and step.when(state.answers, ctx) and step.id not in state.answers:
                    state = state.model_copy(update={"step": step.id})
                    state, prompt = self._prompt(state, notes=notes)
                    return state, [prompt]
            return self.end(state, notes)
        sequence = next(
            seq for seq in self.dialog.sequences if answered.id in {s.id for s in seq.steps}
        )
        ids = [s.id for s in sequence.steps]
        at = ids.index(answered.id)
        # Questions before this one left open (an answer corrected from a message that said
        # several, a required one put off until a later one), then those after it, but none
        # already answered from such a message.
        earlier = [
            s
            for s in sequence.steps[:at]
            if s.id not in state.answers
            and s.id not in state.history
            and (state.understood or (not s.optional and s.when is None))
        ]
        for step in [*earlier, *sequence.steps[at + 1 :]]:
            if step.id in state.understood and step.id in state.answers:
                continue
            if answered.when is not None and step.id in state.history:
                # a conditional question asked out of turn (the justification once a total
                # from costs per year is over the cap): what was answered after it stands
                continue
            if step.when is None or step.when(state.answers, ctx):
                state = state.model_copy(update={"step": step.id})
                state, prompt = self._prompt(state, notes=notes)
                return state, [prompt]
        if sequence.then is None:
            return self.end(state, notes)
        return self.show(state, sequence.then, notes)

    # --- navigation ------------------------------------------------------------------------

    def _back(self, state: DialogState) -> Result:
        if state.editing and state.edited and state.step != state.edited:
            # A question the edit made necessary (the justification of higher costs): back to
            # the edited question, still editing, so the sponsor can change the costs again.
            history = list(state.history)
            if history and history[-1] == state.edited:
                history.pop()
            state = state.model_copy(update={"step": state.edited, "history": history, **_SETTLED})
            state, prompt = self._prompt(state)
            return state, [prompt]
        screen = self._screen(state)
        if state.editing:
            # Straight back to the end screen, also with questions open (it shows them).
            return self.end(state)
        if screen is not None and screen.leave is not None:
            return screen.leave(self, state)
        history = list(state.history)
        if not history:
            return self._reprompt(state, Msg("sponsor.error.first_step"))
        previous = history.pop()
        state = state.model_copy(update={"step": previous, "history": history, **_SETTLED})
        step = self.dialog.step(previous) if self._screen(state) is None else None
        current = state.answers.get(previous)
        if step is not None and step.several and current is not None:
            # Back into a question of several choices: the earlier ticks stay ticked.
            state = state.model_copy(update={"ticked": step.several.ticked(current)})
        state, prompt = self._prompt(state)
        return state, [prompt]

    def _skip(self, state: DialogState, note: Msg | None = None) -> Result:
        if self._screen(state) is not None:
            return self._reprompt(state, Msg("sponsor.error.nothing_to_skip"))
        step = self.dialog.step(state.step)
        if not step.optional:
            return self._reprompt(state, self._msg("sponsor.error.not_optional"))
        removed = state.answers.get(step.id)
        answers = {k: v for k, v in state.answers.items() if k != step.id}
        left = [s for s in state.understood if s != step.id]
        state = state.model_copy(update={"answers": answers, "understood": left, **_SETTLED})
        notes = [note] if note is not None else []
        if removed is not None:
            # Skipping an answered question removes the answer: said, never silent.
            notes.append(Msg("sponsor.skip.removed", {"answer": _short(removed.text)}))
        return self._advance(state, step, notes)

    def _cancel(self, state: DialogState) -> Result:
        screen = self._screen(state)
        if state.editing:
            return self.end(state)
        if screen is not None and screen.leave is not None:
            return screen.leave(self, state)
        state = state.model_copy(update={"paused": True, **_SETTLED})
        return state, [self._paused_reply(state, Msg("sponsor.cancelled"))]

    def _paused(self, state: DialogState) -> Result:
        return state, [self._paused_reply(state, Msg("sponsor.paused"))]

    def _paused_reply(self, state: DialogState, message: Msg) -> Reply:
        return self.dialog.paused.render(state, self._screen_context(state), [message])

    def _keep(self, state: DialogState) -> Result:
        if self._screen(state) is not None or state.step not in state.answers:
            return self._reprompt(state, Msg("sponsor.error.nothing_to_keep"))
        step = self.dialog.step(state.step)
        state = state.model_copy(update=dict(_SETTLED))
        return self._advance(state, step, [])

    def edit(self, state: DialogState, step_id: str) -> Result:
        """Answer one question again, then return to the end screen."""
        try:
            step = self.dialog.step(step_id)
        except KeyError:
            return self._reprompt(state, Msg("sponsor.error.stale"))
        current = state.answers.get(step_id)
        ticked = step.several.ticked(current) if step.several and current else []
        state = state.model_copy(
            update={"step": step_id, "editing": True, "edited": step_id, **_SETTLED}
        )
        state = state.model_copy(update={"ticked": ticked})
        state, prompt = self._prompt(state)
        return state, [prompt]

    def _help(self, state: DialogState) -> Reply:
        """The help, and the current question with its buttons again (they stay usable)."""
        general = (self.dialog.help,) if self.dialog.help is not None else ()
        if state.paused:
            current = self._paused_reply(state, Msg("sponsor.paused"))
            return Reply((*general, *current.parts), current.buttons, current.step)
        screen = self._screen(state)
        if screen is not None:
            shown = self._render(state, ())
            return Reply((*general, *screen.help_parts(shown.parts)), shown.buttons, shown.step)
        _, prompt = self._prompt(state, keep_offered=True)
        step_help = Msg(self.dialog.step(state.step).help)
        return Reply((step_help, *general, *prompt.parts), prompt.buttons, prompt.step)

    # --- prompting -------------------------------------------------------------------------

    def _screen(self, state: DialogState) -> Screen | None:
        return self.dialog.screen(state.step)

    def _screen_context(self, state: DialogState) -> ScreenContext:
        ctx = self.context(state)
        shown = tuple(
            step
            for step in self.dialog.all_steps
            if step.when is None or step.when(state.answers, ctx)
        )
        return ScreenContext(ctx, shown)

    def _render(self, state: DialogState, notes: Sequence[Msg]) -> Reply:
        screen = self._screen(state)
        assert screen is not None, state.step
        return screen.render(state, self._screen_context(state), notes)

    def _reprompt(self, state: DialogState, reason: Msg) -> Result:
        if self._screen(state) is not None:
            return state, [self._render(state, [reason])]
        if state.paused:
            return state, [self._paused_reply(state, reason)]
        state, prompt = self._prompt(state, intro=reason, keep_offered=True)
        return state, [prompt]

    def _prompt(
        self,
        state: DialogState,
        *,
        intro: Msg | None = None,
        notes: list[Msg] | None = None,
        suggestions: list[Offered] | None = None,
        keep_offered: bool = False,
        repeat_question: bool = True,
        fixes: Sequence[str] = (),
    ) -> tuple[DialogState, Reply]:
        screen = self._screen(state)
        if screen is not None:
            target = screen.resume_as or screen.id
            said = [intro] if intro else []
            state, outputs = (
                self.end(state, said)
                if target == self.dialog.end
                else self.show(state, target, said)
            )
            reply = outputs[0]
            assert isinstance(reply, Reply)
            return state, reply
        step = self.dialog.step(state.step)
        ctx = self.context(state)
        if suggestions is not None:
            offered = suggestions
        elif keep_offered and state.offered:
            offered = list(state.offered)
        else:
            offered = list(step.choices(ctx)) if step.choices else []
        state = state.model_copy(update={"offered": offered})
        parts: list[Msg] = [*(notes or [])]
        if intro:
            parts.append(intro)
        if repeat_question or not intro:
            parts.append(step.wording or Msg(step.prompt))
        current = state.answers.get(step.id)
        if current is not None and not suggestions:
            parts.append(self._msg("sponsor.current_answer", {"answer": current.text[:300]}))
        if state.partial:
            parts.append(Msg("sponsor.partial_kept"))
        reply = Reply(parts=tuple(parts), buttons=self._buttons(state, step, offered), step=step.id)
        fixed = self._with_fixes([reply], None, fixes)
        assert isinstance(fixed, Reply)
        return state, fixed

    def _buttons(
        self, state: DialogState, step: Step, offered: list[Offered]
    ) -> tuple[tuple[Button, ...], ...]:
        rows: list[tuple[Button, ...]] = []
        labels = []
        for index, choice in enumerate(offered):
            label = self._label(choice, state.language)
            if step.several and choice.value in state.ticked:
                label = f"✓ {label}"
            labels.append(Button(label, f"pick:{index}"))
        per_row = 2 if all(len(str(b.label)) <= 18 for b in labels) else 1
        rows += [tuple(labels[i : i + per_row]) for i in range(0, len(labels), per_row)]
        navigation = []
        if step.several:
            rows.append((Button(self._msg("sponsor.button.done"), "done"),))
        if step.id in state.answers and not step.several:
            navigation.append(Button(Msg("sponsor.button.keep"), "keep"))
        if state.history or state.editing:
            navigation.append(Button(self._msg("sponsor.button.back"), "back"))
        if step.optional:
            navigation.append(Button(self._msg("sponsor.button.skip"), "skip"))
        if navigation:
            rows.append(tuple(navigation))
        return tuple(rows)

    @staticmethod
    def _label(choice: Offered, language: Language) -> str:
        return choice.label_en if language == "en" and choice.label_en else choice.label


AT_ANY_TIME: Mapping[str, Callable[[DialogEngine, DialogState, str], Result]] = {
    "start": lambda engine, state, _: engine.resume(state),
    "help": lambda engine, state, _: engine._helped(state),
    "summary": lambda engine, state, _: engine.end(state),
    "language": lambda engine, state, argument: engine._language(state, argument),
}
"""The engine's commands that act on a paused dialog too (with the command's argument)."""
NAVIGATION: Mapping[str, Callable[[DialogEngine, DialogState], Result]] = {
    "back": DialogEngine._back,
    "skip": DialogEngine._skip,
    "keep": DialogEngine._keep,
    "cancel": DialogEngine._cancel,
    "help": DialogEngine._helped,
}
"""The engine's own words, typed as a command or pressed on a question's buttons; any other
command the dialog does not declare (`Dialog.commands`) cancels."""


def language_of(argument: str, current: Language) -> Language | None:
    """`/sprache` alone switches; `/sprache en` chooses; anything else is None (asked again)."""
    word = fold(argument)
    if not word:
        return "en" if current == "de" else "de"
    if word in ("de", "deutsch", "german"):
        return "de"
    if word in ("en", "english", "englisch"):
        return "en"
    return None


def _offering(outputs: list[EngineOutput], language: Language) -> list[EngineOutput]:
    """The reply with a button to continue in `language` (the message was written in it)."""
    *before, last = outputs
    if not isinstance(last, Reply) or last.step is None:
        return outputs
    button = Button(Msg(f"sponsor.understood.offer_language.{language}"), f"lang:{language}")
    return [
        *before,
        Reply(last.parts, (*last.buttons, (button,)), last.step, last.replaces_pressed),
    ]


def _switched_back(outputs: list[EngineOutput], back: Language) -> list[EngineOutput]:
    """The reply after switching to the language a message was written in: it says so first
    and offers to continue in the language before (`back`) with one tap."""
    *before, last = outputs
    if not isinstance(last, Reply) or last.step is None:
        return outputs
    button = Button(Msg(f"sponsor.understood.offer_language.{back}"), f"lang:{back}")
    parts = tuple(p for p in last.parts if p.key != "sponsor.language_set")
    return [
        *before,
        Reply(
            (Msg("sponsor.language_detected"), *parts),
            (*last.buttons, (button,)),
            last.step,
            last.replaces_pressed,
        ),
    ]


def _offered(suggestion: Suggestion) -> Offered:
    """A parser's suggestion as a button in either language; picked, the German wording is
    read back (the parsers read German and English, but only German amounts unambiguously)."""
    if isinstance(suggestion, str):
        return Offered(value=suggestion, label=suggestion)
    german = wording(suggestion)
    return Offered(value=german, label=german, label_en=wording(suggestion, "en"))


_BACK_WORDS = frozenset({"zurueck", "zuruck", "zurück", "back", "go back"})
"""The command /zurueck (/back) as typed without its slash, alone."""


def _typed_back(text: str) -> bool:
    words = " ".join(text.casefold().strip(" .!⬅️\n").split())
    return words in _BACK_WORDS or words.removesuffix(" bitte").removesuffix(" please") in (
        _BACK_WORDS
    )


def _restates(note: Msg) -> bool:
    """A note that only says what an answer was read as ("„90k“ verstanden als 90.000 €"):
    where the "Verstanden: …" line names that answer, it would say it twice in one reply."""
    return note.key.rsplit(".", 1)[-1] in ("understood", "understood_as")


def _short(text: str, limit: int = 80) -> str:
    """`text` on one line, cut after its last whole word within `limit` ("… want to train …",
    not "… want to train ol…")."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + " …"
