"""Every incoming event, for every role: one transaction, then the replies.

The router reads the user, finds what the event asks for in the table of `bot.core.roles`
(staff from the configuration, contacts from their registration, everyone else is a sponsor),
lets the handler bound to it act, commits, and only then hands the replies to the transport.
An update delivered again after a crash (same update_id) is recognised and not applied twice.
Staff and contact commands answer everyone else exactly like an unknown command, so they
reveal nothing.
"""

from __future__ import annotations

import asyncio
import functools
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import date

from bot.advice.advise import Advisor
from bot.alliance.delivery import REROUTE
from bot.alliance.staff import INVITE_PREFIX, redemption_reply
from bot.alliance.team import STAFF_INVITE_PREFIX
from bot.clock import Clock
from bot.core.events import Command, CommandName, Event, Press, Text, Upload, action_number
from bot.core.outputs import Button, Document, EngineOutput, Output, Reply, RequestHandoff
from bot.core.roles import (
    ANYONE,
    DOCUMENTS,
    PRESS_AREAS,
    ROUTES,
    STAFF,
    Role,
    role_help,
    sponsor_help,
)
from bot.core.state import DialogState, Sent
from bot.core.subdialogs import (
    AddProject,
    AnswerAlliance,
    AskSponsor,
    DecisionCopyFile,
    EditEntry,
    EnterPlan,
    EscalationDays,
    EvaluationStep,
    FeedbackReason,
    MoveMeeting,
    ProjectDates,
    ReachHuman,
    RecordStatement,
    RenameDraft,
    RetireProject,
    VotumText,
)
from bot.core.updates import Handled, Incoming
from bot.dialogs.answers import already_sent, facts_from_answers, handoff_kind, sent_content
from bot.dialogs.drafts_menu import draft_title
from bot.dialogs.engine import DialogEngine, language_of
from bot.dialogs.summary import already_sent_note, sent_confirmation
from bot.procedure.calendar import upcoming_meetings, with_meetings
from bot.procedure.plan import Plan
from bot.routes.case_summary import with_case
from bot.routes.desks import Desks, classify
from bot.routes.incoming import cleaned
from bot.storage.contacts import Redemption
from bot.storage.db import Database
from bot.storage.drafts import Draft
from bot.storage.handoffs import Handoff
from bot.storage.stores import Stores
from bot.texts.catalog import Language, Msg
from bot.turn import Turn

PDF = "application/pdf"
GENERAL_HELP = "sponsor.help.general"
"""The part of the help that lists the sponsor's commands; staff's and contacts' follow it."""
_UNKNOWN_COMMAND = re.compile(r"/\w+(?:@\w+)?(?:\s|$)")
"""A slash command the bot does not know (known ones arrive as `Command`)."""
SketchMaker = Callable[[DialogState, "Advisor", Language, Plan | None], Sequence[Document]]
"""The Projektskizze of a draft (PDF first, then Markdown), with its cost and financing plan
where the sponsor gave one."""
KbCommands = Callable[[Turn, str, Upload | None], Awaitable[list[EngineOutput]]]
"""Staff's knowledge-base commands: upload, kb_version, kb_rollback, kb_export, presses."""
Handler = Callable[[Turn, Command], Awaitable[list[EngineOutput] | None]]
"""A command's handler; None: the sponsor's dialog takes the command (back, skip, ...)."""
DROPS_SUBDIALOGS: frozenset[CommandName] = frozenset(
    {"drafts", "privacy", "export", "delete", "language"}
)
"""Another menu chosen: a typed answer asked for (a rename, a question) is dropped first."""


class Conversations:
    def __init__(
        self,
        database: Database,
        engine: DialogEngine,
        clock: Clock,
        default_language: Language,
        desks: Desks,
        *,
        admin_ids: frozenset[int] = frozenset(),
        sketch: SketchMaker | None = None,
        kb_commands: KbCommands | None = None,
        advisor_source: Callable[[], Advisor] | None = None,
    ) -> None:
        self.database = database
        self.engine = engine
        self.clock = clock
        self.default_language = default_language
        self.admin_ids = admin_ids
        self.sketch = sketch
        self.kb_commands = kb_commands
        self.advisor_source = advisor_source
        """The live knowledge base's advisor: staff may replace the knowledge base at run time."""
        self.desks = desks
        self.menu = desks.menu
        self.desk = desks.alliance
        self.sketches = desks.sketches
        self.inbox = desks.inbox
        self.relay = desks.relay
        self.staff = desks.staff
        self.privacy = desks.privacy
        self.cases = desks.cases
        self._meeting_advisor: tuple[Advisor, object, Advisor] | None = None
        """The last advisor given staff's meetings: the live advisor, the meetings, the
        advisor sharing it with them."""
        self.commands: dict[CommandName, Handler] = {
            "invite": self._staff_command,
            "contacts": self._staff_command,
            "statistics": self._staff_command,
            "kb_version": self._staff_command,
            "kb_rollback": self._staff_command,
            "kb_export": self._staff_command,
            "procedure": lambda turn, _: self.cases.overview(turn),
            "meeting": lambda turn, command: self.cases.meeting(turn, command.argument),
            "team": lambda turn, _: self._team(turn),
            "project_new": self._staff_command,
            "project_retire": self._staff_command,
            "project_edit": self._staff_command,
            "alliance_edit": self._staff_command,
            "faq_edit": self._staff_command,
            "inbox": lambda turn, _: self._inbox(turn),
            "cases": lambda turn, _: self.cases.alliance.listing(turn),
            "new": lambda turn, _: self.menu.new(turn),
            "drafts": self._drafts,
            "privacy": lambda turn, _: self._sync(self.privacy.text()),
            "export": lambda turn, _: self.privacy.export(turn),
            "delete": lambda turn, _: self.privacy.confirm_erasure(turn),
            "language": lambda turn, command: self._language(turn, command.argument),
            "start": self._start,
            "help": self._dialog_command,
            "back": self._dialog_command,
            "skip": self._skip,
            "keep": self._dialog_command,
            "cancel": self._dialog_command,
            "summary": self._dialog_command,
            "ask": self._dialog_command,
            # issue 15: a person at any step
            "human": lambda turn, _: self.desks.human.start(turn),
        }
        """The handler of every command of the table (`bot.core.roles.COMMAND_ROUTES`)."""
        assert set(self.commands) == set(ROUTES), "every command of the table has a handler"

    @property
    def advisor(self) -> Advisor:
        """The live knowledge base's advisor (a turn keeps the one in force when it began)."""
        return self.advisor_source() if self.advisor_source is not None else self.engine.advisor

    async def handle(self, incoming: Incoming) -> Handled:
        incoming = cleaned(incoming)
        advisor = self.advisor
        async with self.database.transaction() as connection:
            stores = Stores.of(connection, self.clock.now(), self.admin_ids)
            advisor = await self._with_meetings(stores, advisor)
            drafts = stores.drafts
            user = await drafts.user(
                incoming.user_id, incoming.language_hint or self.default_language
            )
            turn = Turn(stores, advisor, self.engine.pinned(advisor), user, incoming)
            seen = user.last_update_id
            if incoming.update_id is not None and seen is not None and incoming.update_id <= seen:
                # Already applied before a crash; the reply may not have gone out, so the
                # current question is repeated: at most one repeated reply, never a lost one.
                # A handoff that update made is said again first (never sent again).
                draft = await self._current(turn)
                repeated: list[EngineOutput] = []
                if draft is not None:
                    repeated = [
                        Reply((sent_confirmation(sent, turn.advisor.kb),))
                        for sent in draft.state.sent
                        if sent.update_id == incoming.update_id
                    ]
                    repeated += turn.dialog.repeat(draft.state)
                outputs = await self._stamp(turn, await self._carry_out(turn, repeated))
                return Handled(outputs, user.language)
            outputs = await self._carry_out(turn, await self._dispatch(turn))
            outputs = await with_case(turn, await self._role_help(turn, outputs))  # issue 16
            outputs = await self._stamp(turn, outputs)
            language = turn.language
            staff = not turn.erased and await stores.staff.includes(user.id)
            if not turn.erased:
                if incoming.update_id is not None:
                    await drafts.update_user(user.id, last_update_id=incoming.update_id)
                language = (await drafts.user(user.id, user.language)).language
        if turn.deleted:
            await self.database.scrub()
        outputs += await self._render_sketch(turn)
        return Handled(
            outputs,
            language,
            turn.menu_changed,
            turn.outbox_written,
            frozenset(turn.menus_reset),
            turn.erased,
            staff,
        )

    async def _with_meetings(self, stores: Stores, advisor: Advisor) -> Advisor:
        """The advisor whose lead-time warning (#13) reads the meetings staff keep in the
        database, besides the knowledge base's (`bot.procedure.calendar`)."""
        if not await stores.meetings.listed(since=stores.now.date()):
            return advisor
        meetings = await upcoming_meetings(stores.connection, stores.now, advisor.kb)
        cached = self._meeting_advisor
        if cached is not None and cached[0] is advisor and cached[1] == meetings:
            return cached[2]
        shared = advisor.sharing(with_meetings(advisor.kb, meetings))
        self._meeting_advisor = (advisor, meetings, shared)
        return shared

    async def permits(self, user_id: int, event: Event) -> bool:
        """Whether the user's role allows `event` at all (staff's commands are staff's):
        transports ask before they show that work is under way ("sending a file…")."""
        staff_only = isinstance(event, Command) and ROUTES[event.name].roles == STAFF
        return not staff_only or user_id in await self.staff_ids()

    async def staff_ids(self) -> list[int]:
        """Every staff member: the configured ones and those added in the bot."""
        async with self.database.transaction() as connection:
            return await Stores.of(connection, self.clock.now(), self.admin_ids).staff.everyone()

    async def language_of(self, user_id: int) -> Language:
        async with self.database.transaction() as connection:
            drafts = Stores.of(connection, self.clock.now()).drafts
            user = await drafts.user(user_id, self.default_language)
        return user.language

    async def purge(self) -> int:
        """Drafts untouched for the retention period are deleted; their counts stay."""
        purged = await self.privacy.purge(self.database)
        if purged:
            await self.database.scrub()
        return purged

    # --- routing ---------------------------------------------------------------------------

    async def role(self, turn: Turn) -> Role:
        """Staff from the configuration or added in the bot, contacts from their registration
        (asked only when it matters: most updates are anyone's)."""
        if await turn.stores.staff.includes(turn.user.id):
            return "staff"
        if await turn.contacts.alliances_of(turn.user.id):
            return "contact"
        return "sponsor"

    async def _dispatch(self, turn: Turn) -> list[EngineOutput]:
        event = turn.incoming.event
        if isinstance(event, Command):
            route = ROUTES[event.name]
            if route.roles != ANYONE and await self.role(turn) not in route.roles:
                return [_unknown()]
            if event.name in DROPS_SUBDIALOGS:
                await turn.drop_subdialogs()
            routed = await self.commands[event.name](turn, event)
            if routed is not None:
                return routed
        if isinstance(event, Upload):
            if isinstance(turn.subdialog, DecisionCopyFile):  # issue 16: asked for by a button
                return await self.cases.copy(turn, event)
            if await self.role(turn) in DOCUMENTS and self.kb_commands is not None:
                return await self.kb_commands(turn, "upload", event)
            return [Reply((Msg("telegram.unsupported"),))]
        if isinstance(event, Press):
            stale = await self._stale(turn, event)
            if stale is not None:
                return stale
            routed = await self._press(turn, event)
            if routed is not None:
                return routed
        # A sub-dialog awaiting a file (issue 16: the decision's copy) takes no text.
        awaits_text = turn.subdialog is not None and not isinstance(
            turn.subdialog, DecisionCopyFile
        )
        if isinstance(event, Text) and awaits_text:
            return await self._answered(turn, event.text)
        await turn.drop_subdialogs()
        if isinstance(event, Text) and _UNKNOWN_COMMAND.match(event.text):
            # Not taken as an answer, and answered like a staff command typed by a sponsor.
            return [_unknown()]
        if isinstance(event, Text) and turn.incoming.reply_to is not None:
            relayed = await self.relay.reply_to(turn, event.text)
            if relayed is not None:
                return relayed
        return await self._dialog(turn)

    # --- command handlers ------------------------------------------------------------------

    @staticmethod
    async def _sync(outputs: list[EngineOutput]) -> list[EngineOutput]:
        return outputs

    async def _dialog_command(self, turn: Turn, command: Command) -> list[EngineOutput] | None:
        return None

    async def _start(self, turn: Turn, command: Command) -> list[EngineOutput] | None:
        if command.argument.startswith(STAFF_INVITE_PREFIX):
            token = command.argument.removeprefix(STAFF_INVITE_PREFIX)
            return await self.desks.team.redeem(turn, token)
        if command.argument.startswith(INVITE_PREFIX):
            return await self._redeem(turn, command.argument.removeprefix(INVITE_PREFIX))
        return None

    async def _skip(self, turn: Turn, command: Command) -> list[EngineOutput] | None:
        if isinstance(turn.subdialog, RecordStatement):
            return await self._answered(turn, "")  # a statement without a comment
        return None

    async def _drafts(self, turn: Turn, command: Command) -> list[EngineOutput]:
        return [await self.menu.listing(turn)]

    async def _team(self, turn: Turn) -> list[EngineOutput]:
        return [await self.desks.team.listing(turn)]

    async def _inbox(self, turn: Turn) -> list[EngineOutput]:
        listing: list[EngineOutput] = [await self.inbox.listing(turn)]
        if turn.user.id in self.admin_ids:  # staff also see what could not be delivered
            undelivered = await self.desks.delivery.listing(turn)
            if undelivered is not None:
                listing.append(undelivered)
        return listing

    async def _press(self, turn: Turn, press: Press) -> list[EngineOutput] | None:
        area, _, action = press.action.partition(":")
        roles = PRESS_AREAS.get(area)
        if roles is None:
            return None  # a press on the current prompt of the dialog
        if roles != ANYONE and await self.role(turn) not in roles:
            return [_unknown()]
        if area == "session":
            return await self._session(turn, action)
        if area == "contact":
            return await self.inbox.act(turn, action)
        if area == "case":
            return await self.cases.act(turn, action)
        if area == "cases":
            return await self.cases.alliance.act(turn, action)
        if area == "staff":
            verb, _, rest = action.partition(":")
            if verb == "invite":
                return await self.staff.invite(turn, rest)
            if verb == "remove":
                return await self.staff.remove(turn, rest)
            if verb == "case":
                return await self.cases.staff_act(turn, rest)
            if verb == "meeting":  # issue 16: move, cancel, agenda PDF
                return await self.cases.meetings.act(turn, rest)
            if verb == "procedure":  # issue 16: the escalation's days
                return await self.cases.procedure_act(turn, rest)
            if verb == "team":
                return await self.desks.team.act(turn, rest)
            if verb == REROUTE:
                return await self.desks.delivery.reroute(turn, rest)
            if verb == "kb" and self.kb_commands is not None:
                return await self.kb_commands(turn, rest, None)
            return [_unknown()]
        verb, _, ref = action.partition(":")
        if verb == "human":
            return await self.desks.human.press(turn, ref)
        if verb == "feedback":
            return await self.desks.feedback.rate(turn, ref)
        handoff = await self.relay.own_handoff(turn, ref)
        if verb == "answer" and handoff is not None:
            await turn.start(AnswerAlliance(handoff=handoff.ref))
            return [Reply((Msg("alliance.sponsor.answer_prompt", {"title": handoff.title}),))]
        return [Reply((Msg("alliance.gone"),))]

    async def _session(self, turn: Turn, action: str) -> list[EngineOutput]:
        verb, _, argument = action.partition(":")
        if verb == "new":
            return await self.menu.new(turn)
        if verb == "drafts":
            await turn.drop_subdialogs()
            return [await self.menu.listing(turn)]
        if verb == "save":
            return [
                Reply(
                    (Msg("drafts.saved"),),
                    (
                        (
                            Button(Msg("sponsor.button.drafts"), "session:drafts"),
                            Button(Msg("sponsor.button.new"), "session:new"),
                        ),
                    ),
                )
            ]
        if verb == "export":
            return await self._export_sketch(turn)
        if verb == "erase":
            return await self.privacy.erase(turn)
        draft_id = action_number(argument)
        draft = await turn.drafts.get(turn.user.id, draft_id) if draft_id is not None else None
        if draft is None:
            return [await self.menu.listing(turn, Msg("drafts.not_found"))]
        return await self.menu.act(turn, verb, draft)

    async def _answered(self, turn: Turn, text: str) -> list[EngineOutput]:
        """A typed text finishes the open sub-dialog (`bot.core.subdialogs`)."""
        if isinstance(turn.subdialog, AddProject | RetireProject | EditEntry):
            # Staff's knowledge dialogs go on over several answers; they keep their own stack.
            if await self.role(turn) != "staff" or self.kb_commands is None:
                await turn.drop_subdialogs()  # no staff any more (removed meanwhile)
                return [_unknown()]
            typed = "entry_typed" if isinstance(turn.subdialog, EditEntry) else "project_typed"
            return await self.kb_commands(turn, typed, None)
        match await turn.done():
            case RenameDraft() as rename:
                return await self.menu.rename(turn, rename, text)
            case AskSponsor() | RecordStatement() as asked:
                return await self.inbox.answered(turn, asked, text)
            case ProjectDates() as dates:
                return await self.cases.dates(turn, dates, text)
            case EnterPlan() as plan:
                return await self.cases.plan(turn, plan, text)
            case VotumText() as votum:
                return await self.cases.votum(turn, votum, text)
            # issue 16: staff's answers in the procedure
            case EvaluationStep() as evaluation:
                return await self.cases.evaluation(turn, evaluation, text)
            case EscalationDays():
                return await self.cases.escalation(turn, text)
            case MoveMeeting() as move:
                return await self.cases.meetings.moved(turn, move, text)
            case AnswerAlliance() as answer:
                relayed = await self.relay.answer(turn, answer, text)
                if relayed is not None:
                    return relayed
            case ReachHuman():
                return await self.desks.human.answered(turn, text)
            case FeedbackReason() as asked:
                return await self.desks.feedback.reason(turn, asked, text)
        return [await self.menu.listing(turn, Msg("drafts.not_found"))]

    async def _role_help(self, turn: Turn, outputs: list[Output]) -> list[Output]:
        """/hilfe for staff and contacts: their own commands too, after the sponsor's (their
        command menu shows them, the help should not hide them)."""
        event = turn.incoming.event
        asked = (isinstance(event, Command) and event.name == "help") or (
            isinstance(event, Press) and event.action == "help"
        )
        if not asked:
            return outputs
        extra = role_help(await self.role(turn))
        if extra is None:
            return outputs
        for index, output in enumerate(outputs):
            if not isinstance(output, Reply):
                continue
            keys = [part.key for part in output.parts]
            if GENERAL_HELP in keys:
                at = keys.index(GENERAL_HELP) + 1
                parts = (*output.parts[:at], extra, *output.parts[at:])
                return [*outputs[:index], replace(output, parts=parts), *outputs[index + 1 :]]
        # No draft yet, so no help from the dialog: the sponsor's commands, then theirs.
        return [Reply((sponsor_help(), extra)), *outputs]

    # --- buttons of older prompts ----------------------------------------------------------

    async def _stale(self, turn: Turn, press: Press) -> list[EngineOutput] | None:
        """The answer to a button of an older prompt or of another draft; None when current.

        Buttons acting on "the current prompt" would otherwise act on whatever is current now:
        an old place suggestion would pick another place, draft 1's summary hand over draft 2.
        """
        area = press.action.partition(":")[0]
        if press.token is None or (area in PRESS_AREAS and press.action != "session:export"):
            return None
        draft = await self._current(turn)
        if draft is None:
            return [await self.menu.listing(turn, Msg("sponsor.error.stale_no_draft"))]
        if press.token == prompt_token(draft.id, draft.state):
            return None
        other = press.token.partition(".")[0]
        reason = Msg("sponsor.error.stale")
        if action_number(other) not in (None, draft.id):
            reason = Msg("sponsor.error.stale_draft")
        elif press.action == "consent:yes":
            # The consent tapped again (the first tap's answer may have been lost).
            sent = already_sent(draft.state, handoff_kind(draft.state.answers))
            if sent is not None:
                reason = already_sent_note(sent, turn.advisor.kb)
        state = draft.state.model_copy(update={"language": turn.language})
        state, outputs = turn.dialog.stale(state, reason)
        await turn.save(draft, state)
        return outputs

    async def _stamp(self, turn: Turn, outputs: list[Output]) -> list[Output]:
        """Replies that prompt get the current draft's token; presses bring it back."""
        if not any(isinstance(o, Reply) and o.step and not o.token for o in outputs):
            return outputs
        saved = turn.saved
        if saved is None:
            draft = await self._current(turn)
            if draft is None:
                return outputs
            saved = (draft.id, draft.state)
        token = prompt_token(*saved)
        return [
            replace(o, token=token) if isinstance(o, Reply) and o.step and not o.token else o
            for o in outputs
        ]

    # --- the sponsor dialog ----------------------------------------------------------------

    async def _current(self, turn: Turn) -> Draft | None:
        if turn.user.current_draft_id is None:
            return None
        return await turn.drafts.get(turn.user.id, turn.user.current_draft_id)

    async def _dialog(self, turn: Turn) -> list[EngineOutput]:
        draft = await self._current(turn)
        event = turn.incoming.event
        if draft is None:
            # No open draft (never had one, or just deleted it): a new one, and a typed text
            # that answers its first question is taken, not dropped.
            return await self.menu.new(turn, event if isinstance(event, Text) else None)
        state = draft.state.model_copy(update={"language": turn.language})
        state, outputs = turn.dialog.handle(state, event)
        if state.language != turn.language:
            # The dialog switched (an English first message, "english please"): the user's.
            await turn.drafts.update_user(turn.user.id, language=state.language)
            turn.user = await turn.drafts.user(turn.user.id, state.language)
        await turn.save(draft, state)
        return outputs

    async def _language(self, turn: Turn, argument: str) -> list[EngineOutput]:
        language = language_of(argument, turn.language)
        if language is None:
            draft = await self._current(turn)
            if draft is None:
                return [Reply((Msg("sponsor.language_unknown"),))]
            state = draft.state.model_copy(update={"language": turn.language})
            state, outputs = turn.dialog.stale(state, Msg("sponsor.language_unknown"))
            await turn.save(draft, state)
            return outputs
        await turn.drafts.update_user(turn.user.id, language=language)
        turn.user = await turn.drafts.user(turn.user.id, language)
        draft = await self._current(turn)
        if draft is None:
            return await self.menu.new(turn)
        state, outputs = turn.dialog.with_language(draft.state, language)
        await turn.save(draft, state)
        return outputs

    async def _carry_out(self, turn: Turn, outputs: list[EngineOutput]) -> list[Output]:
        """Requests of the engine become effects in this same transaction."""
        done: list[Output] = []
        for output in outputs:
            if isinstance(output, RequestHandoff):
                done += await self._hand_over(turn, output)
            else:
                done.append(output)
        return done

    async def _hand_over(self, turn: Turn, request: RequestHandoff) -> list[Output]:
        draft = await self._current(turn)
        if draft is None:
            return [Reply((Msg("drafts.not_found"),))]
        today = self.clock.today()
        advice = turn.advisor.advise(facts_from_answers(draft.state.answers), today)
        if advice.alliance is None:
            return [Reply((Msg("handoff.no_local_alliance"),))]
        content = sent_content(draft.state.answers)
        earlier = await self._sent_before(turn, draft, request.kind, content)
        if earlier is not None:
            # A draft as it stands goes once: a repeated consent (a second tap, the same
            # question again, a handoff of before the draft remembered it) sends nothing.
            sent = Sent(
                kind=earlier.kind,
                number=earlier.id,
                alliance=earlier.alliance_id,
                day=date.fromisoformat(earlier.created_at[:10]),
                content=content,
            )
            messages: tuple[Msg, ...] = (already_sent_note(sent, turn.advisor.kb),)
        else:
            result = await self.desk.hand_over(
                turn.stores,
                draft,
                draft.state,
                advice,
                request.kind,
                draft_title(draft),
            )
            messages = result.messages
            sent = None
            if result.handoff is not None:
                turn.outbox_written = True
                sent = Sent(
                    kind=request.kind,
                    number=result.handoff.id,
                    alliance=result.handoff.alliance_id,
                    day=today,
                    content=content,
                    update_id=turn.incoming.update_id,
                )
        state = draft.state
        if sent is not None and all(known.number != sent.number for known in state.sent):
            # Stored with the handoff: the summary names it from now on, and after a crash
            # before the reply went out, the update delivered again says so (`handle`).
            state = state.model_copy(update={"sent": [*state.sent, sent]})
        if not turn.dialog.at_end(state):
            # Asked at an early stage: the sponsor goes on with the next open question.
            state, prompt = turn.dialog.resume(state)
            await turn.save(draft, state)
            return [
                Reply(messages),
                *(o for o in prompt if not isinstance(o, RequestHandoff)),
            ]
        await turn.save(draft, state)
        return [
            Reply(
                messages,
                (
                    (
                        Button(Msg("summary.button.show"), "summary:show"),
                        Button(Msg("sponsor.button.drafts"), "session:drafts"),
                    ),
                ),
                step=turn.dialog.dialog.end,
            )
        ]

    async def _sent_before(
        self, turn: Turn, draft: Draft, kind: str, content: str
    ) -> Handoff | None:
        """The handoff (or question) of this draft that sent the same content already."""
        handoffs = await turn.handoffs.of_draft(draft.id)
        for handoff in handoffs:
            answers = handoff.snapshot.get("state", {}).get("answers", {})
            if handoff.kind == kind and sent_content(answers) == content:
                return handoff
        return None

    # --- the Projektskizze and the user's own data -----------------------------------------

    async def _export_sketch(self, turn: Turn) -> list[EngineOutput]:
        draft = await self._current(turn)
        if draft is None or self.sketch is None:
            return [Reply((Msg("drafts.not_found"),))]
        # Rendered once the transaction is committed (see _render_sketch).
        stored = await turn.stores.cases.plan(draft.id)
        plan = Plan.model_validate(stored) if stored is not None else None
        turn.sketch = functools.partial(self.sketch, draft.state, turn.advisor, turn.language, plan)
        return [Reply((Msg("export.sent", {"title": draft_title(draft)}),))]

    async def _render_sketch(self, turn: Turn) -> list[Output]:
        """The Projektskizze asked for in this turn. Rendering the PDF takes a moment: in a
        thread and after the commit, so meanwhile the event loop and the database serve
        everyone else."""
        if turn.sketch is None:
            return []
        return list(await asyncio.to_thread(turn.sketch))

    async def _redeem(self, turn: Turn, token: str) -> list[EngineOutput]:
        contacts = turn.contacts
        name = turn.incoming.name or f"#{turn.user.id}"
        redeemed = await contacts.redeem(token, turn.user.id, name)
        alliance = ""
        if redeemed.alliance_id:
            try:
                alliance = turn.advisor.kb.local_alliance(redeemed.alliance_id).name
            except KeyError:
                alliance = redeemed.alliance_id
        if redeemed.outcome is Redemption.REGISTERED:
            turn.menu_changed = True
        return [Reply((redemption_reply(redeemed.outcome, alliance),))]

    async def _staff_command(self, turn: Turn, command: Command) -> list[EngineOutput]:
        if command.name == "invite":
            return [self.staff.choose_alliance()]
        if command.name == "contacts":
            return [await self.staff.contacts(turn)]
        if command.name == "statistics":
            return await self.staff.statistics(
                turn, functools.partial(classify, turn.advisor, turn.today)
            )
        if self.kb_commands is not None:
            return await self.kb_commands(turn, command.name, None)
        return [_unknown()]


def prompt_token(draft_id: int, state: DialogState) -> str:
    """Names the prompt a reply shows: the draft and the revision of its state."""
    return f"{draft_id}.{state.revision}"


def _unknown() -> Reply:
    return Reply((Msg("roles.unknown_command"),))
