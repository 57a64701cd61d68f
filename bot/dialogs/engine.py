"""The dialog engine: pure `(state, event) -> (state, outputs)` over a declared `Dialog`.

It stores nothing and sends nothing; the caller persists the new state before delivering the
outputs, so every answer is committed before the sponsor sees the reply.
"""

from __future__ import annotations

from bot.advice.advise import Advisor
from bot.clock import Clock
from bot.dialogs.answers import facts_from_answers
from bot.dialogs.model import (
    Accepted,
    Acknowledge,
    Answer,
    Button,
    Command,
    Dialog,
    DialogState,
    EngineOutput,
    Event,
    Offered,
    ParseOutcome,
    Press,
    Rejected,
    Reply,
    RequestHandoff,
    Step,
    StepContext,
    Text,
    Upload,
    action_number,
)
from bot.dialogs.sponsor import (
    HANDOFF_KIND,
    HandoffKind,
    handoff_kind,
    target_groups_from_choices,
    with_ticked,
)
from bot.dialogs.summary import (
    consent_reply,
    edit_menu,
    summary_buttons,
    summary_reply,
)
from bot.texts.catalog import Language, Msg
from bot.understanding.normalize import fold
from bot.understanding.places import InRegion
from bot.understanding.result import Suggestion, wording

SUMMARY = "summary"
EDIT_MENU = "edit"
PAUSED = "paused"
"""Not a step a state rests in: the step id of the reply offered while a draft is paused."""
CONSENT = "consent"
SPECIAL_STEPS = (SUMMARY, EDIT_MENU, CONSENT)

CONSENT_YES = frozenset({"ja", "j", "yes", "y", "ok", "okay", "einverstanden", "senden", "send"})
CONSENT_NO = frozenset({"nein", "n", "no", "nicht senden", "don t send", "do not send"})
"""Typed instead of tapped at the consent question (anything else: use the buttons)."""

Result = tuple[DialogState, list[EngineOutput]]


def _shown(state: DialogState) -> tuple[object, ...]:
    """What gives a prompt's buttons their meaning: when it changes, older buttons are stale."""
    return (state.step, state.paused, state.editing, tuple(o.value for o in state.offered))


def _revised(before: DialogState, after: DialogState) -> DialogState:
    if _shown(before) == _shown(after):
        return after.model_copy(update={"revision": before.revision})
    return after.model_copy(update={"revision": before.revision + 1})


class DialogEngine:
    def __init__(self, dialog: Dialog, advisor: Advisor, clock: Clock) -> None:
        self.dialog = dialog
        self.advisor = advisor
        self.clock = clock

    # --- entry points ----------------------------------------------------------------------

    def start(self, language: Language = "de") -> Result:
        """A new draft: the welcome with the privacy note, then the first question."""
        state = DialogState(step=self.dialog.steps[0].id, language=language)
        state, prompt = self._prompt(state)
        welcome = Reply(parts=(Msg("sponsor.welcome"), Msg("sponsor.privacy_short")))
        return state, [welcome, prompt]

    def resume(self, state: DialogState) -> Result:
        """Where the sponsor left off, e.g. after /start or a restart of the bot."""
        resumed = state.model_copy(update={"paused": False})
        resumed, prompt = self._prompt(resumed, intro=Msg("sponsor.resumed"))
        return _revised(state, resumed), [prompt]

    def repeat(self, state: DialogState) -> list[EngineOutput]:
        """The current question once more, unchanged (an update delivered twice)."""
        if state.paused:
            return [self._paused_reply(Msg("sponsor.paused"))]
        return [self._prompt(state)[1]]

    def handle(self, state: DialogState, event: Event) -> Result:
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
        changed = state.model_copy(update={"language": language})
        changed, prompt = self._prompt(changed, intro=Msg("sponsor.language_set"))
        return _revised(state, changed), [prompt]

    # --- events ----------------------------------------------------------------------------

    def _command(self, state: DialogState, command: Command) -> Result:
        if command.name == "start":
            return self.resume(state)
        if command.name == "help":
            return state, [self._help(state)]
        if command.name == "summary":
            return self._to_summary(state)
        if command.name == "language":
            language = language_of(command.argument, state.language)
            if language is None:
                return self._reprompt(state, Msg("sponsor.language_unknown"))
            return self.with_language(state, language)
        if state.paused:
            return self._paused(state)
        if command.name == "ask":
            return self._start_handoff(state, "question")
        if command.name == "back":
            return self._back(state)
        if command.name == "skip":
            return self._skip(state)
        if command.name == "keep":
            return self._keep(state)
        return self._cancel(state)

    def _press(self, state: DialogState, press: Press) -> Result:
        action = press.action
        if state.paused:
            return self.resume(state) if action == "resume" else self._paused(state)
        if press.step != state.step:
            return self._reprompt(state, Msg("sponsor.error.stale"))
        if action == "back":
            return self._back(state)
        if action == "skip":
            return self._skip(state)
        if action == "cancel":
            return self._cancel(state)
        if action == "help":
            return state, [self._help(state)]
        if action == "keep":
            return self._keep(state)
        if action.startswith("edit:"):
            return self._edit(state, action.removeprefix("edit:"))
        if action == "summary:edit":
            return state.model_copy(update={"step": EDIT_MENU}), [self._edit_menu(state)]
        if action == "summary:complete":
            return self._complete_sketch(state)
        if action in ("summary:handoff", "summary:ask"):
            return self._start_handoff(
                state, "handoff" if action == "summary:handoff" else "question"
            )
        if action in ("consent:yes", "consent:no") and state.step == CONSENT:
            return self._consented(state, action == "consent:yes")
        if action == "summary:show":
            return self._to_summary(state)
        if state.step in SPECIAL_STEPS:
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
        if state.step == CONSENT:
            return self._typed_consent(state, event.text)
        if state.step in (SUMMARY, EDIT_MENU):
            return self._reprompt(state, Msg("sponsor.summary.use_buttons"))
        step = self.dialog.step(state.step)
        if not step.free_text:
            return self._reprompt(state, Msg("sponsor.error.use_buttons"))
        ctx = self._context(state)
        if not event.text.strip():
            # Nothing readable (a message of invisible characters only): what the question
            # needs, and the question once more, as the sponsor may not see what was sent.
            outcome = step.parse(event.text, ctx)
            empty = outcome.reason if isinstance(outcome, Rejected) else Msg("sponsor.error.empty")
            return self._reprompt(state, empty)
        if state.partial and step.extend is not None:
            outcome = step.extend(state.partial, event.text, ctx)
        else:
            outcome = step.parse(event.text, ctx)
        if step.several and state.ticked and isinstance(outcome, Accepted):
            # Typed after ticking: the ticks count too, and the sponsor is told so.
            outcome = with_ticked(outcome, list(state.ticked), ctx)
        return self._outcome(state, step, outcome)

    def _typed_consent(self, state: DialogState, text: str) -> Result:
        word = fold(text)
        if word in CONSENT_YES or word in CONSENT_NO:
            return self._consented(state, word in CONSENT_YES)
        consent = self._consent(state, [])
        return state, [
            Reply((Msg("handoff.use_buttons"), consent.parts[-1]), consent.buttons, consent.step)
        ]

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
        outcome = step.parse(choice.label, self._context(state))
        if isinstance(outcome, Accepted) and step.choices is not None:
            outcome = Accepted(
                Answer(text=self._label(choice, state.language), value=choice.value),
                outcome.note,
                outcome.also,
            )
        state, outputs = self._outcome(state, step, outcome)
        return state, [Acknowledge(self._label(choice, state.language)), *outputs]

    def _done(self, state: DialogState, step: Step) -> Result:
        if not state.ticked:
            return self._reprompt(state, Msg("sponsor.target_group.none_ticked"))
        answer = target_groups_from_choices(list(state.ticked), self._context(state))
        state, outputs = self._outcome(state, step, Accepted(answer))
        return state, [Acknowledge(answer.text), *outputs]

    def _outcome(self, state: DialogState, step: Step, outcome: ParseOutcome) -> Result:
        if isinstance(outcome, Rejected):
            offered = [_offered(s) for s in outcome.suggestions]
            # A rejected extension (too long, say) keeps what was already kept.
            kept = outcome.keep_partial if outcome.keep_partial is not None else state.partial
            update: dict[str, object] = {"partial": kept}
            state = state.model_copy(update=update)
            state, prompt = self._prompt(
                state, intro=outcome.reason, suggestions=offered or None, repeat_question=False
            )
            return state, [prompt]
        answers = dict(state.answers)
        answers[step.id] = outcome.answer
        answers.update(outcome.also)
        state = state.model_copy(
            update={"answers": answers, "offered": [], "ticked": [], "partial": ""}
        )
        notes = [outcome.note] if outcome.note else []
        if step.id == "region":
            notes += self._region_notes(state)
        return self._advance(state, step, notes)

    def _region_notes(self, state: DialogState) -> list[Msg]:
        facts = facts_from_answers(state.answers)
        advice = self.advisor.advise(facts, self.clock.today())
        if advice.referral is not None or advice.alliance is None:
            return [*advice.eligibility.reasons[:1], Msg("sponsor.region.continue_anyway")]
        if advice.also_alliances:
            others = ", ".join(a.name for a in advice.also_alliances)
            first = advice.alliance.name
            return [Msg("sponsor.region.alliances", {"alliance": first, "others": others})]
        return [Msg("sponsor.region.alliance", {"alliance": advice.alliance.name})]

    def _advance(self, state: DialogState, answered: Step, notes: list[Msg]) -> Result:
        history = [*state.history, answered.id]
        state = state.model_copy(update={"history": history})
        following = self._next_step(state, answered.id)
        if following is None:
            return self._to_summary(state, notes)
        if following == CONSENT:
            state = state.model_copy(update={"step": CONSENT})
            return state, [self._consent(state, notes)]
        state = state.model_copy(update={"step": following})
        state, prompt = self._prompt(state, notes=notes)
        return state, [prompt]

    def _next_step(self, state: DialogState, after: str) -> str | None:
        ctx = self._context(state)
        steps = self.dialog.steps
        if state.editing:
            # Back to the summary, unless the change made a conditional question necessary.
            for step in steps:
                if step.when and step.when(state.answers, ctx) and step.id not in state.answers:
                    return step.id
            return None
        sequence = next(seq for seq in self.dialog.sequences if after in {s.id for s in seq})
        ids = [s.id for s in sequence]
        for step in sequence[ids.index(after) + 1 :]:
            if step.when is None or step.when(state.answers, ctx):
                return step.id
        return CONSENT if sequence is self.dialog.handoff_steps else None

    # --- navigation ------------------------------------------------------------------------

    def _back(self, state: DialogState) -> Result:
        if state.editing and state.edited and state.step != state.edited:
            # A question the edit made necessary (the justification of higher costs): back to
            # the edited question, still editing, so the sponsor can change the costs again.
            history = list(state.history)
            if history and history[-1] == state.edited:
                history.pop()
            state = state.model_copy(
                update={"step": state.edited, "history": history, "ticked": [], "partial": ""}
            )
            state, prompt = self._prompt(state)
            return state, [prompt]
        if state.editing or state.step == EDIT_MENU:
            # Straight back to the summary, also with questions open (it shows them).
            return self._to_summary(state)
        history = list(state.history)
        if not history:
            return self._reprompt(state, Msg("sponsor.error.first_step"))
        previous = history.pop()
        state = state.model_copy(
            update={"step": previous, "history": history, "ticked": [], "partial": ""}
        )
        state, prompt = self._prompt(state)
        return state, [prompt]

    def _skip(self, state: DialogState) -> Result:
        if state.step in SPECIAL_STEPS:
            return self._reprompt(state, Msg("sponsor.error.nothing_to_skip"))
        step = self.dialog.step(state.step)
        if not step.optional:
            return self._reprompt(state, Msg("sponsor.error.not_optional"))
        removed = state.answers.get(step.id)
        answers = {k: v for k, v in state.answers.items() if k != step.id}
        state = state.model_copy(update={"answers": answers, "ticked": [], "partial": ""})
        notes = []
        if removed is not None:
            # Skipping an answered question removes the answer: said, never silent.
            notes.append(Msg("sponsor.skip.removed", {"answer": _short(removed.text)}))
        return self._advance(state, step, notes)

    def _cancel(self, state: DialogState) -> Result:
        if state.editing or state.step == EDIT_MENU:
            return self._to_summary(state)
        state = state.model_copy(update={"paused": True, "ticked": [], "partial": ""})
        return state, [self._paused_reply(Msg("sponsor.cancelled"))]

    def _paused(self, state: DialogState) -> Result:
        return state, [self._paused_reply(Msg("sponsor.paused"))]

    def _paused_reply(self, message: Msg) -> Reply:
        return Reply(
            parts=(message,),
            buttons=(
                (Button(Msg("sponsor.button.resume"), "resume"),),
                (
                    Button(Msg("sponsor.button.new"), "session:new"),
                    Button(Msg("sponsor.button.drafts"), "session:drafts"),
                ),
            ),
            step=PAUSED,
        )

    def _edit(self, state: DialogState, step_id: str) -> Result:
        try:
            self.dialog.step(step_id)
        except KeyError:
            return self._reprompt(state, Msg("sponsor.error.stale"))
        state = state.model_copy(
            update={
                "step": step_id,
                "editing": True,
                "edited": step_id,
                "ticked": [],
                "partial": "",
            }
        )
        if step_id == "target_group":
            ticked = list(facts_from_answers(state.answers).target_groups)
            state = state.model_copy(update={"ticked": ticked})
        state, prompt = self._prompt(state)
        return state, [prompt]

    def _complete_sketch(self, state: DialogState) -> Result:
        extras = self.dialog.extra_steps
        first = next((s for s in extras if s.id not in state.answers), extras[0])
        state = state.model_copy(update={"step": first.id, "editing": False, "edited": ""})
        state, prompt = self._prompt(state, intro=Msg("sponsor.sketch.intro"))
        return state, [prompt]

    def _missing(self, state: DialogState) -> list[str]:
        """The main questions still to answer."""
        return [
            s.id
            for s in self.dialog.steps
            if not s.optional
            and s.id not in state.answers
            and (s.when is None or s.when(state.answers, self._context(state)))
        ]

    def _to_summary(self, state: DialogState, notes: list[Msg] | None = None) -> Result:
        missing = self._missing(state)
        if missing and not state.editing and state.step not in SPECIAL_STEPS:
            # A summary of half a draft helps nobody: ask for what is still open first.
            state = state.model_copy(update={"step": missing[0]})
            state, prompt = self._prompt(state, notes=notes or [])
            return state, [prompt]
        state = state.model_copy(
            update={
                "step": SUMMARY,
                "editing": False,
                "edited": "",
                "offered": [],
                "ticked": [],
                "partial": "",
            }
        )
        facts = facts_from_answers(state.answers)
        advice = self.advisor.advise(facts, self.clock.today())
        reply = summary_reply(state, advice, notes or [], self._shown_steps(state), self.advisor.kb)
        return state, [reply]

    def _shown_steps(self, state: DialogState) -> list[Step]:
        """Every question whose condition holds: a justification of costs since lowered is
        kept for later, not shown."""
        ctx = self._context(state)
        return [
            step
            for sequence in self.dialog.sequences
            for step in sequence
            if step.when is None or step.when(state.answers, ctx)
        ]

    def _keep(self, state: DialogState) -> Result:
        if state.step in SPECIAL_STEPS or state.step not in state.answers:
            return self._reprompt(state, Msg("sponsor.error.nothing_to_keep"))
        step = self.dialog.step(state.step)
        state = state.model_copy(update={"ticked": [], "partial": ""})
        return self._advance(state, step, [])

    def _start_handoff(self, state: DialogState, kind: HandoffKind) -> Result:
        facts = facts_from_answers(state.answers)
        if not isinstance(facts.place, InRegion):
            return self._to_summary(state, [Msg("handoff.no_local_alliance")])
        answers = dict(state.answers)
        answers[HANDOFF_KIND] = Answer(text=kind, value=kind)
        state = state.model_copy(update={"answers": answers, "editing": False, "edited": ""})
        first = next(
            step
            for step in self.dialog.handoff_steps
            if step.when is None or step.when(state.answers, self._context(state))
        )
        state = state.model_copy(update={"step": first.id})
        state, prompt = self._prompt(state, intro=Msg(f"handoff.intro.{kind}"))
        return state, [prompt]

    def _consent(self, state: DialogState, notes: list[Msg]) -> Reply:
        advice = self.advisor.advise(facts_from_answers(state.answers), self.clock.today())
        return consent_reply(state, advice, notes, self._shown_steps(state), self.advisor.kb)

    def _consented(self, state: DialogState, yes: bool) -> Result:
        kind = handoff_kind(state.answers)
        # A question may come at any stage: afterwards the dialog goes on with what is open.
        missing = self._missing(state)
        state = state.model_copy(update={"step": missing[0] if missing else SUMMARY})
        if not yes:
            return self._to_summary(state, [Msg("handoff.not_sent")])
        return state, [RequestHandoff(kind)]

    def _edit_menu(self, state: DialogState) -> Reply:
        ctx = self._context(state)
        steps = [
            s
            for s in (*self.dialog.steps, *self.dialog.extra_steps)
            if s.when is None or s.when(state.answers, ctx)
        ]
        return edit_menu(steps)

    def _help(self, state: DialogState) -> Reply:
        """The help, and the current question with its buttons again (they stay usable)."""
        general = Msg("sponsor.help.general")
        if state.paused:
            current = self._paused_reply(Msg("sponsor.paused"))
            return Reply((general, *current.parts), current.buttons, current.step)
        if state.step == SUMMARY:
            advice = self.advisor.advise(facts_from_answers(state.answers), self.clock.today())
            return Reply((general,), summary_buttons(advice), SUMMARY)
        if state.step == EDIT_MENU:
            menu = self._edit_menu(state)
            return Reply((general, *menu.parts), menu.buttons, menu.step)
        if state.step == CONSENT:
            consent = self._consent(state, [])
            return Reply((general, consent.parts[-1]), consent.buttons, consent.step)
        _, prompt = self._prompt(state, keep_offered=True)
        step_help = Msg(self.dialog.step(state.step).help)
        return Reply((step_help, general, *prompt.parts), prompt.buttons, prompt.step)

    # --- prompting -------------------------------------------------------------------------

    def _reprompt(self, state: DialogState, reason: Msg) -> Result:
        if state.step == SUMMARY:
            return self._to_summary(state, [reason])
        if state.step == EDIT_MENU:
            menu = self._edit_menu(state)
            return state, [Reply((reason, *menu.parts), menu.buttons, menu.step)]
        if state.step == CONSENT:
            return state, [self._consent(state, [reason])]
        if state.paused:
            return state, [self._paused_reply(reason)]
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
    ) -> tuple[DialogState, Reply]:
        if state.step == CONSENT:
            return state, self._consent(state, [intro] if intro else [])
        if state.step in SPECIAL_STEPS:
            state, outputs = self._to_summary(state, [intro] if intro else [])
            reply = outputs[0]
            assert isinstance(reply, Reply)
            return state, reply
        step = self.dialog.step(state.step)
        ctx = self._context(state)
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
            parts.append(Msg(step.prompt))
        current = state.answers.get(step.id)
        if current is not None and not suggestions:
            parts.append(Msg("sponsor.current_answer", {"answer": current.text[:300]}))
        if state.partial:
            parts.append(Msg("sponsor.partial_kept"))
        return state, Reply(
            parts=tuple(parts), buttons=self._buttons(state, step, offered), step=step.id
        )

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
            rows.append((Button(Msg("sponsor.button.done"), "done"),))
        if step.id in state.answers and not step.several:
            navigation.append(Button(Msg("sponsor.button.keep"), "keep"))
        if state.history or state.editing:
            navigation.append(Button(Msg("sponsor.button.back"), "back"))
        if step.optional:
            navigation.append(Button(Msg("sponsor.button.skip"), "skip"))
        if navigation:
            rows.append(tuple(navigation))
        return tuple(rows)

    @staticmethod
    def _label(choice: Offered, language: Language) -> str:
        return choice.label_en if language == "en" and choice.label_en else choice.label

    def _context(self, state: DialogState) -> StepContext:
        return StepContext(
            advisor=self.advisor,
            today=self.clock.today(),
            answers=state.answers,
            language=state.language,
        )


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


def _offered(suggestion: Suggestion) -> Offered:
    """A parser's suggestion as a button in either language; picked, the German wording is
    read back (the parsers read German and English, but only German amounts unambiguously)."""
    if isinstance(suggestion, str):
        return Offered(value=suggestion, label=suggestion)
    german = wording(suggestion)
    return Offered(value=german, label=german, label_en=wording(suggestion, "en"))


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
