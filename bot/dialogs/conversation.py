"""Every incoming event, for every role: one transaction, then the replies.

The router reads the user, decides who may do what (staff from the configuration, contacts from
their registration, everyone else is a sponsor), lets the right handler act, commits, and only
then hands the replies to the transport. An update delivered again after a crash (same
update_id) is recognised and not applied twice. Staff and contact commands answer everyone else
exactly like an unknown command, so they reveal nothing.
"""

from __future__ import annotations

import asyncio
import calendar
import functools
import json
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace

from bot.advice.advise import Advisor
from bot.alliance.desk import AllianceDesk
from bot.alliance.inbox import ContactInbox
from bot.alliance.sketches import HandoffSketches
from bot.alliance.staff import (
    INVITE_PREFIX,
    StaffDesk,
    redemption_reply,
    role_help,
    subregions_key,
)
from bot.clock import Clock
from bot.dialogs.answers import facts_from_answers
from bot.dialogs.drafts_menu import DraftsMenu, draft_title
from bot.dialogs.engine import SUMMARY, DialogEngine, language_of
from bot.dialogs.model import (
    Button,
    Command,
    DialogState,
    Document,
    EngineOutput,
    Event,
    Output,
    Press,
    Reply,
    RequestHandoff,
    Text,
    Upload,
    action_number,
)
from bot.dialogs.turn import Handled, Incoming, Turn
from bot.storage.contacts import Contacts, Redemption
from bot.storage.db import Database
from bot.storage.drafts import Draft, Drafts
from bot.storage.handoffs import Handoff, Handoffs
from bot.storage.privacy import Classified, erase_user, export_user, purge_stale
from bot.texts.catalog import Language, Msg
from bot.texts.formats import Count
from bot.understanding.places import InRegion

PDF = "application/pdf"
GENERAL_HELP = "sponsor.help.general"
"""The part of the help that lists the sponsor's commands; staff's and contacts' follow it."""
_UNKNOWN_COMMAND = re.compile(r"/\w+(?:@\w+)?(?:\s|$)")
"""A slash command the bot does not know (known ones arrive as `Command`)."""
STAFF_COMMANDS = frozenset(
    {"invite", "contacts", "statistics", "kb_version", "kb_rollback", "kb_export"}
)
PROMPT_FREE_AREAS = frozenset({"session", "contact", "staff", "sponsor"})
"""Button actions that name what they act on (a draft or handoff number, a menu): they work
from any message. All others act on the current prompt and must come from it."""
SketchMaker = Callable[[DialogState, "Advisor", Language], Sequence[Document]]
"""The Projektskizze of a draft (PDF first, then Markdown)."""
KbCommands = Callable[[Turn, str, Upload | None], Awaitable[list[EngineOutput]]]
"""Staff's knowledge-base commands: upload, kb_version, kb_rollback, kb_export, presses."""


class Conversations:
    def __init__(
        self,
        database: Database,
        engine: DialogEngine,
        clock: Clock,
        default_language: Language,
        *,
        admin_ids: frozenset[int] = frozenset(),
        sketch: SketchMaker | None = None,
        bot_username: Callable[[], str] = lambda: "foerderlotse_bot",
        kb_commands: KbCommands | None = None,
        advisor_source: Callable[[], Advisor] | None = None,
        retention_months: int = 12,
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
        self.retention_months = retention_months
        self.menu = DraftsMenu(engine)

        self.desk = AllianceDesk(lambda: self.advisor.kb, admin_ids)
        self.sketches = HandoffSketches(database, clock, self._alliance_pdf)
        """The delivery worker attaches a handoff's PDF with it (`OutboxWorker.prepare`)."""
        self.inbox = ContactInbox(self.desk, admin_ids)
        self.staff = StaffDesk(lambda: self.advisor.kb, bot_username)

    @property
    def advisor(self) -> Advisor:
        return self.engine.advisor

    def _alliance_pdf(self, state: DialogState, language: Language) -> Document | None:
        """The alliance gets the PDF the sponsor was told about, not the Markdown copy."""
        documents = self.sketch(state, self.advisor, language) if self.sketch else []
        return next((d for d in documents if d.mime_type == PDF), None)

    async def handle(self, incoming: Incoming) -> Handled:
        incoming = incoming.cleaned()
        if self.advisor_source is not None:
            self.engine.advisor = self.advisor_source()
        async with self.database.transaction() as connection:
            drafts = Drafts(connection, self.clock.now())
            user = await drafts.user(
                incoming.user_id, incoming.language_hint or self.default_language
            )
            turn = Turn(connection, drafts, user, incoming)
            seen = user.last_update_id
            if incoming.update_id is not None and seen is not None and incoming.update_id <= seen:
                # Already applied before a crash; the reply may not have gone out, so the
                # current question is repeated: at most one repeated reply, never a lost one.
                draft = await self._current(turn)
                repeated = self.engine.repeat(draft.state) if draft else []
                outputs = await self._stamp(turn, await self._carry_out(turn, repeated))
                return Handled(outputs, user.language)
            outputs = await self._carry_out(turn, await self._dispatch(turn))
            outputs = await self._stamp(turn, await self._role_help(turn, outputs))
            language = turn.language
            if not turn.erased:
                if incoming.update_id is not None:
                    await drafts.update_user(user.id, last_update_id=incoming.update_id)
                language = (await drafts.user(user.id, user.language)).language
        outputs += await self._render_sketch(turn)
        return Handled(
            outputs,
            language,
            turn.menu_changed,
            turn.outbox_written,
            frozenset(turn.menus_reset),
        )

    def permits(self, user_id: int, event: Event) -> bool:
        """Whether the user's role allows `event` at all (staff's commands are staff's):
        transports ask before they show that work is under way ("sending a file…")."""
        staff_only = isinstance(event, Command) and event.name in STAFF_COMMANDS
        return not staff_only or user_id in self.admin_ids

    async def language_of(self, user_id: int) -> Language:
        async with self.database.transaction() as connection:
            user = await Drafts(connection, self.clock.now()).user(user_id, self.default_language)
        return user.language

    async def purge(self) -> int:
        """Drafts untouched for the retention period are deleted; their counts stay."""
        now = self.clock.now()
        months = now.year * 12 + now.month - 1 - self.retention_months
        year, month = months // 12, months % 12 + 1
        # The same day that many months ago (the month's last day if it is shorter).
        day = min(now.day, calendar.monthrange(year, month)[1])
        before = now.replace(year=year, month=month, day=day)
        async with self.database.transaction() as connection:
            drafts = Drafts(connection, now)
            return await purge_stale(connection, drafts, before, self.classify)

    # --- routing ---------------------------------------------------------------------------

    async def _dispatch(self, turn: Turn) -> list[EngineOutput]:
        event, user = turn.incoming.event, turn.user
        staff = user.id in self.admin_ids
        if isinstance(event, Command):
            if event.name == "start" and event.argument.startswith(INVITE_PREFIX):
                return await self._redeem(turn, event.argument.removeprefix(INVITE_PREFIX))
            if event.name in STAFF_COMMANDS:
                return await self._staff_command(turn, event) if staff else [_unknown()]
            if event.name == "inbox":
                if staff or await self.inbox.alliances(turn):
                    return [await self.inbox.listing(turn)]
                return [_unknown()]
            if event.name == "new":
                return await self.menu.new(turn)
            if user.pending and event.name in ("drafts", "privacy", "export", "delete", "language"):
                # Another menu chosen: a rename (or other typed answer) asked for is dropped.
                await turn.drafts.update_user(user.id, pending=None)
            if event.name == "drafts":
                return [await self.menu.listing(turn)]
            if event.name == "privacy":
                months = Count(self.retention_months, "months")
                return [Reply((Msg("privacy.text", {"months": months}),))]
            if event.name == "export":
                return await self._export_data(turn)
            if event.name == "delete":
                return [_erase_confirmation()]
            if event.name == "language":
                return await self._language(turn, event.argument)
            if event.name == "skip" and user.pending and "statement" in user.pending:
                return await self._pending(turn, "")
        if isinstance(event, Upload):
            if staff and self.kb_commands is not None:
                return await self.kb_commands(turn, "upload", event)
            return [Reply((Msg("telegram.unsupported"),))]
        if isinstance(event, Press):
            stale = await self._stale(turn, event)
            if stale is not None:
                return stale
            routed = await self._press(turn, event, staff)
            if routed is not None:
                return routed
        if isinstance(event, Text) and user.pending:
            return await self._pending(turn, event.text)
        if user.pending:
            await turn.drafts.update_user(user.id, pending=None)
        if isinstance(event, Text) and _UNKNOWN_COMMAND.match(event.text):
            # Not taken as an answer, and answered like a staff command typed by a sponsor.
            return [_unknown()]
        if isinstance(event, Text) and turn.incoming.reply_to is not None:
            relayed = await self._reply_to_relay(turn, event.text)
            if relayed is not None:
                return relayed
        return await self._dialog(turn)

    async def _press(self, turn: Turn, press: Press, staff: bool) -> list[EngineOutput] | None:
        area, _, action = press.action.partition(":")
        if area == "session":
            return await self._session(turn, action)
        if area == "contact":
            return await self.inbox.act(turn, action)
        if area == "staff":
            if not staff:
                return [_unknown()]
            verb, _, rest = action.partition(":")
            if verb == "invite":
                return await self.staff.invite(turn, rest)
            if verb == "remove":
                return await self.staff.remove(turn, rest)
            if verb == "kb" and self.kb_commands is not None:
                return await self.kb_commands(turn, rest, None)
            return [_unknown()]
        if area == "sponsor":
            verb, _, number = action.partition(":")
            handoff = await self._own_handoff(turn, number)
            if verb == "answer" and handoff is not None:
                await turn.drafts.update_user(turn.user.id, pending={"answer": handoff.id})
                return [Reply((Msg("alliance.sponsor.answer_prompt", {"title": handoff.title}),))]
            return [Reply((Msg("drafts.not_found"),))]
        return None

    async def _session(self, turn: Turn, action: str) -> list[EngineOutput]:
        verb, _, argument = action.partition(":")
        if verb == "new":
            return await self.menu.new(turn)
        if verb == "drafts":
            await turn.drafts.update_user(turn.user.id, pending=None)
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
            return await self._erase(turn)
        draft_id = action_number(argument)
        draft = await turn.drafts.get(turn.user.id, draft_id) if draft_id is not None else None
        if draft is None:
            return [await self.menu.listing(turn, Msg("drafts.not_found"))]
        return await self.menu.act(turn, verb, draft)

    async def _pending(self, turn: Turn, text: str) -> list[EngineOutput]:
        pending = turn.user.pending or {}
        await turn.drafts.update_user(turn.user.id, pending=None)
        if isinstance(pending.get("rename"), int):
            return await self.menu.rename(turn, int(pending["rename"]), text)
        if "ask" in pending or "statement" in pending:
            return list(await self.inbox.pending_text(turn, pending, text))
        if "answer" in pending:
            handoff = await self._own_handoff(turn, str(pending["answer"]))
            if handoff is not None and text.strip():
                turn.outbox_written = True
                return [
                    Reply(
                        (
                            await self.desk.relay_to_alliance(
                                turn.connection, turn.drafts, handoff, text.strip()
                            ),
                        )
                    )
                ]
        return [await self.menu.listing(turn, Msg("drafts.not_found"))]

    async def _reply_to_relay(self, turn: Turn, text: str) -> list[EngineOutput] | None:
        """A reply to a notification carries a question or an answer to the other side."""
        reply_to = turn.incoming.reply_to
        assert reply_to is not None
        handoffs = Handoffs(turn.connection, turn.drafts.now_moment)
        number = await handoffs.relayed(turn.user.id, reply_to)
        if number is None:
            number = _handoff_of(turn.incoming.reply_actions)
        handoff = await handoffs.get(number) if number is not None else None
        if handoff is None or not text.strip():
            return None
        turn.outbox_written = True
        if handoff.sponsor_id == turn.user.id:
            message = await self.desk.relay_to_alliance(
                turn.connection, turn.drafts, handoff, text.strip()
            )
            return [Reply((message,))]
        if await self.inbox.may_handle(turn, handoff):
            message = await self.desk.relay_to_sponsor(
                turn.connection,
                turn.drafts,
                handoff,
                turn.user.id,
                turn.incoming.name or "?",
                text.strip(),
            )
            return [Reply((message,))]
        return None

    async def _own_handoff(self, turn: Turn, number: str) -> Handoff | None:
        handoff_id = action_number(number)
        if handoff_id is None:
            return None
        handoff = await Handoffs(turn.connection, turn.drafts.now_moment).get(handoff_id)
        return handoff if handoff is not None and handoff.sponsor_id == turn.user.id else None

    async def _role_help(self, turn: Turn, outputs: list[Output]) -> list[Output]:
        """/hilfe for staff and contacts: their own commands too, after the sponsor's (their
        command menu shows them, the help should not hide them)."""
        event = turn.incoming.event
        asked = (isinstance(event, Command) and event.name == "help") or (
            isinstance(event, Press) and event.action == "help"
        )
        if not asked:
            return outputs
        staff = turn.user.id in self.admin_ids
        if not staff and not await self.inbox.alliances(turn):
            return outputs
        extra = role_help(staff)
        for index, output in enumerate(outputs):
            if not isinstance(output, Reply):
                continue
            keys = [part.key for part in output.parts]
            if GENERAL_HELP in keys:
                at = keys.index(GENERAL_HELP) + 1
                parts = (*output.parts[:at], extra, *output.parts[at:])
                return [*outputs[:index], replace(output, parts=parts), *outputs[index + 1 :]]
        # No draft yet, so no help from the dialog: the sponsor's commands, then theirs.
        return [Reply((Msg(GENERAL_HELP), extra)), *outputs]

    # --- buttons of older prompts ----------------------------------------------------------

    async def _stale(self, turn: Turn, press: Press) -> list[EngineOutput] | None:
        """The answer to a button of an older prompt or of another draft; None when current.

        Buttons acting on "the current prompt" would otherwise act on whatever is current now:
        an old place suggestion would pick another place, draft 1's summary hand over draft 2.
        """
        area = press.action.partition(":")[0]
        if press.token is None or (area in PROMPT_FREE_AREAS and press.action != "session:export"):
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
        state = draft.state.model_copy(update={"language": turn.language})
        state, outputs = self.engine.stale(state, reason)
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
        state, outputs = self.engine.handle(state, event)
        await turn.save(draft, state)
        return outputs

    async def _language(self, turn: Turn, argument: str) -> list[EngineOutput]:
        language = language_of(argument, turn.language)
        if language is None:
            draft = await self._current(turn)
            if draft is None:
                return [Reply((Msg("sponsor.language_unknown"),))]
            state = draft.state.model_copy(update={"language": turn.language})
            state, outputs = self.engine.stale(state, Msg("sponsor.language_unknown"))
            await turn.save(draft, state)
            return outputs
        await turn.drafts.update_user(turn.user.id, language=language)
        turn.user = await turn.drafts.user(turn.user.id, language)
        draft = await self._current(turn)
        if draft is None:
            return await self.menu.new(turn)
        state, outputs = self.engine.with_language(draft.state, language)
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
        advice = self.advisor.advise(facts_from_answers(draft.state.answers), today)
        if advice.alliance is None:
            return [Reply((Msg("handoff.no_local_alliance"),))]
        result = await self.desk.hand_over(
            turn.connection,
            turn.drafts,
            draft,
            draft.state,
            advice,
            request.kind,
            draft_title(draft),
        )
        turn.outbox_written = True
        if draft.state.step != SUMMARY:
            # Asked at an early stage: the sponsor goes on with the next open question.
            state, prompt = self.engine.resume(draft.state)
            await turn.save(draft, state)
            return [
                Reply(result.messages),
                *(o for o in prompt if not isinstance(o, RequestHandoff)),
            ]
        return [
            Reply(
                result.messages,
                (
                    (
                        Button(Msg("summary.button.show"), "summary:show"),
                        Button(Msg("sponsor.button.drafts"), "session:drafts"),
                    ),
                ),
                step="summary",
            )
        ]

    # --- the Projektskizze and the user's own data -----------------------------------------

    async def _export_sketch(self, turn: Turn) -> list[EngineOutput]:
        draft = await self._current(turn)
        if draft is None or self.sketch is None:
            return [Reply((Msg("drafts.not_found"),))]
        # Rendered once the transaction is committed (see _render_sketch).
        turn.sketch = functools.partial(self.sketch, draft.state, self.advisor, turn.language)
        return [Reply((Msg("export.sent", {"title": draft_title(draft)}),))]

    async def _render_sketch(self, turn: Turn) -> list[Output]:
        """The Projektskizze asked for in this turn. Rendering the PDF takes a moment: in a
        thread and after the commit, so meanwhile the event loop and the database serve
        everyone else."""
        if turn.sketch is None:
            return []
        return list(await asyncio.to_thread(turn.sketch))

    async def _export_data(self, turn: Turn) -> list[EngineOutput]:
        data = await export_user(turn.connection, turn.user.id)
        content = json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
        name = f"meine_daten_{self.clock.today().isoformat()}.json"
        return [
            Reply((Msg("privacy.export_sent"),)),
            Document(name, content, "application/json"),
        ]

    async def _erase(self, turn: Turn) -> list[EngineOutput]:
        if await Contacts(turn.connection, turn.drafts.now_moment).alliances_of(turn.user.id):
            turn.menus_reset.add(turn.user.id)  # no contact any more: the sponsor's menu
        count = await erase_user(turn.connection, turn.drafts, turn.user.id, self.classify)
        turn.erased = True
        return [Reply((Msg("privacy.erased", {"count": Count(count, "drafts")}),))]

    def classify(self, draft: Draft) -> Classified:
        advice = self.advisor.advise(facts_from_answers(draft.state.answers), self.clock.today())
        kb = self.advisor.kb
        place = advice.facts.place
        places = place.places if isinstance(place, InRegion) else ()
        top = advice.matches.action_fields[0] if advice.matches.action_fields else None
        return Classified(
            subregion=subregions_key(
                [kb.subregion(id_).name for id_ in dict.fromkeys(p.subregion_id for p in places)]
            ),
            action_field=top.id if top is not None and top.score > 0 else "–",
            status=draft.status,
            costs_eur=advice.facts.costs_eur or 0,
        )

    async def _redeem(self, turn: Turn, token: str) -> list[EngineOutput]:
        contacts = Contacts(turn.connection, turn.drafts.now_moment)
        name = turn.incoming.name or f"#{turn.user.id}"
        redeemed = await contacts.redeem(token, turn.user.id, name)
        alliance = ""
        if redeemed.alliance_id:
            try:
                alliance = self.advisor.kb.local_alliance(redeemed.alliance_id).name
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
            return await self.staff.statistics(turn, self.classify)
        if self.kb_commands is not None:
            return await self.kb_commands(turn, command.name, None)
        return [_unknown()]


def prompt_token(draft_id: int, state: DialogState) -> str:
    """Names the prompt a reply shows: the draft and the revision of its state."""
    return f"{draft_id}.{state.revision}"


_HANDOFF_ACTION = re.compile(r"(?:contact:(?:take|ask)|sponsor:answer):([0-9]{1,12})")


def _handoff_of(actions: Sequence[str]) -> int | None:
    """The handoff named by the buttons of a notification, a question or an answer."""
    for action in actions:
        match = _HANDOFF_ACTION.fullmatch(action)
        if match:
            return int(match.group(1))
    return None


def _unknown() -> Reply:
    return Reply((Msg("roles.unknown_command"),))


def _erase_confirmation() -> Reply:
    return Reply(
        (Msg("privacy.erase_confirm"),),
        (
            (
                Button(Msg("privacy.button.erase"), "session:erase"),
                Button(Msg("drafts.button.keep"), "session:drafts"),
            ),
        ),
    )
