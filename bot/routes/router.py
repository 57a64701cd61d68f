"""Every incoming event, for every role: one transaction, then the replies.

The router reads the user, finds what the event asks for in the table of `bot.core.roles`
(staff from the configuration or added in the bot, contacts from their registration, everyone
else is a sponsor), lets the handler bound to it act, commits, and only then hands the replies
to the transport. The handlers live next to it, one concern a module: the sponsor's dialog
(`dialog`), updates and buttons of the past (`stale`), the handoff (`handoff`), the language
(`language`), invitations (`redeem`), the drafts menu's buttons (`session`), the Projektskizze
(`sketch`), the roles' help (`help`); which handler takes a sub-dialog's answer or a press is
declared in `handlers`. Staff and contact commands answer everyone else exactly
like an unknown command, so they reveal nothing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable

from bot.advice.advise import Advisor
from bot.alliance.knowledge import COMMANDS as KNOWLEDGE_COMMANDS
from bot.clock import Clock
from bot.core.events import Command, CommandName, Event, Press, Text, Upload
from bot.core.outputs import EngineOutput, Reply
from bot.core.roles import ANYONE, DOCUMENTS, PRESS_AREAS, ROUTES, STAFF, Role
from bot.core.updates import Handled, Incoming
from bot.dialogs.engine import DialogEngine
from bot.routes.case_summary import with_case
from bot.routes.desks import Desks
from bot.routes.dialog import converse
from bot.routes.handlers import ANSWERS, FILES, PRESSES, Verbs, unknown_command
from bot.routes.help import asks_for_help, with_role_help
from bot.routes.incoming import cleaned
from bot.routes.language import switch_language
from bot.routes.privacy import classify
from bot.routes.redeem import redeem_invitation
from bot.routes.stale import repeated, seen_before, stale, stamp
from bot.storage.db import Database
from bot.storage.stores import Stores
from bot.texts.catalog import Language, Msg
from bot.turn import Turn

_UNKNOWN_COMMAND = re.compile(r"/\w+(?:@\w+)?(?:\s|$)")
"""A slash command the bot does not know (known ones arrive as `Command`)."""
Handler = Callable[[Turn, Command], Awaitable[list[EngineOutput] | None]]
"""A command's handler; None: the sponsor's dialog takes the command (back, skip, ...)."""


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
        advisor_source: Callable[[], Advisor] | None = None,
        ready: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.database = database
        self.engine = engine
        self.clock = clock
        self.default_language = default_language
        self.admin_ids = admin_ids
        self.ready = ready
        """Dictionaries loading in the background at start-up: the first update waits."""
        self.advisor_source = advisor_source
        """The live knowledge base's advisor: staff may replace the knowledge base at run time."""
        self.desks = desks
        self.menu = desks.menu
        self.sketches = desks.sketches
        own: dict[CommandName, Handler] = {
            "invite": lambda turn, _: _sync([desks.staff.choose_alliance(turn)]),
            "contacts": self._contacts,
            "statistics": self._statistics,
            "procedure": lambda turn, _: desks.cases.overview(turn),
            "meeting": lambda turn, command: desks.cases.meeting(turn, command.argument),
            "team": self._team,
            "inbox": self._inbox,
            "cases": lambda turn, _: desks.cases.alliance.listing(turn),
            "new": lambda turn, _: desks.menu.new(turn),
            "drafts": self._drafts,
            "privacy": lambda turn, _: _sync(desks.privacy.text()),
            "export": lambda turn, _: desks.privacy.export(turn),
            "delete": lambda turn, _: desks.privacy.confirm_erasure(turn),
            "language": lambda turn, command: switch_language(turn, command.argument, self.menu),
            "start": lambda turn, command: redeem_invitation(turn, command.argument, desks.team),
            "help": _dialog_command,
            "back": _dialog_command,
            "skip": self._skip,
            "keep": _dialog_command,
            "cancel": _dialog_command,
            "summary": _dialog_command,
            "ask": _dialog_command,
            # issue 15: a person at any step
            "human": lambda turn, _: desks.human.start(turn),
        }
        knowledge_commands = dict.fromkeys(KNOWLEDGE_COMMANDS, self._knowledge_command)
        assert not own.keys() & knowledge_commands.keys(), "one handler a command"
        self.commands: dict[CommandName, Handler] = own | knowledge_commands
        """The handler of every command of the table (`bot.core.roles.COMMAND_ROUTES`): the
        router's own and those the knowledge desk declares (`bot.alliance.knowledge`)."""
        assert set(self.commands) == set(ROUTES), "every command of the table has a handler"

    @property
    def advisor(self) -> Advisor:
        """The live knowledge base's advisor (a turn keeps the one in force when it began)."""
        return self.advisor_source() if self.advisor_source is not None else self.engine.advisor

    async def handle(self, incoming: Incoming) -> Handled:
        if self.ready is not None:
            await self.ready()  # done after the first seconds: then a no-op
        incoming = cleaned(incoming)
        advisor = self.advisor
        async with self.database.transaction() as connection:
            stores = Stores.of(connection, self.clock.now(), self.admin_ids)
            opening = await stores.opening(
                incoming.user_id, incoming.language_hint or self.default_language
            )
            if opening.meetings:  # else the knowledge base's advisor has nothing to add
                advisor = await self.desks.meetings.of(stores, advisor)
            drafts, user = stores.drafts, opening.user
            turn = Turn(stores, advisor, self.engine.pinned(advisor), user, incoming)
            if seen_before(turn):
                # Already applied before a crash; the reply may not have gone out.
                outputs = await stamp(
                    turn, await self.desks.handoffs.carry_out(turn, await repeated(turn))
                )
                return Handled(outputs, user.language)
            outputs = await self.desks.handoffs.carry_out(turn, await self._dispatch(turn))
            if asks_for_help(turn):
                outputs = with_role_help(outputs, await self.role(turn))
            outputs = await with_case(turn, outputs)  # issue 16: where a handed-over case stands
            outputs = await stamp(turn, outputs)
            language = turn.language  # the turn's user follows every switch of language
            staff = not turn.erased and await stores.staff.includes(user.id)
            if not turn.erased and incoming.update_id is not None:
                await drafts.update_user(user.id, last_update_id=incoming.update_id)
        if turn.deleted:
            await self.database.scrub()
        outputs += await self.desks.sketch_export.render(turn)
        return Handled(
            outputs,
            language,
            turn.menu_changed,
            turn.outbox_written,
            frozenset(turn.menus_reset),
            turn.erased,
            staff,
        )

    async def permits(self, user_id: int, event: Event) -> bool:
        """Whether the user's role allows `event` at all (staff's commands are staff's):
        transports ask before they show that work is under way ("sending a file…")."""
        staff_only = isinstance(event, Command) and ROUTES[event.name].roles == STAFF
        return not staff_only or user_id in await self.staff_ids()

    async def staff_ids(self) -> list[int]:
        """Every staff member: the configured ones and those added in the bot."""
        async with Stores.transaction(self.database, self.clock.now(), self.admin_ids) as stores:
            return await stores.staff.everyone()

    async def language_of(self, user_id: int) -> Language:
        async with Stores.transaction(self.database, self.clock.now()) as stores:
            user = await stores.drafts.user(user_id, self.default_language)
        return user.language

    async def purge(self) -> int:
        """Drafts untouched for the retention period are deleted; their counts stay."""
        purged = await self.desks.privacy.purge(self.database)
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
            if route.leaves:
                await turn.drop_subdialogs()
            routed = await self.commands[event.name](turn, event)
            if routed is not None:
                return routed
        if isinstance(event, Upload):
            on_file = FILES.get(type(turn.subdialog))
            if on_file is not None:  # a file asked for by a button
                return await on_file.received(self, turn, turn.subdialog, event)
            knowledge = self.desks.knowledge
            if await self.role(turn) in DOCUMENTS and knowledge is not None:
                return await knowledge.upload(turn, event)
            return [Reply((Msg("telegram.unsupported"),))]
        if isinstance(event, Press):
            routed = await stale(turn, event, self.menu)
            if routed is None:
                routed = await self._press(turn, event)
            if routed is not None:
                return routed
        # A sub-dialog awaiting a file (issue 16: the decision's copy) takes no text.
        awaits_text = turn.subdialog is not None and type(turn.subdialog) not in FILES
        if isinstance(event, Text) and awaits_text:
            return await self._answered(turn, event.text)
        await turn.drop_subdialogs()
        if isinstance(event, Text) and _UNKNOWN_COMMAND.match(event.text):
            # Not taken as an answer, and answered like a staff command typed by a sponsor.
            return [_unknown()]
        if isinstance(event, Text) and turn.incoming.reply_to is not None:
            relayed = await self.desks.relay.reply_to(turn, event.text)
            if relayed is not None:
                return relayed
        return await converse(turn, self.menu)

    async def _press(self, turn: Turn, press: Press) -> list[EngineOutput] | None:
        area, _, action = press.action.partition(":")
        roles = PRESS_AREAS.get(area)
        if roles is None:
            return None  # a press on the current prompt of the dialog
        if roles != ANYONE and await self.role(turn) not in roles:
            return [_unknown()]
        handler = PRESSES[area]
        if isinstance(handler, Verbs):
            verb, _, rest = action.partition(":")
            return await handler.verbs.get(verb, handler.otherwise)(self, turn, rest)
        return await handler(self, turn, action)

    async def _answered(self, turn: Turn, text: str) -> list[EngineOutput]:
        """A typed text finishes the open sub-dialog (`bot.core.subdialogs`), or goes to one
        that takes several answers (`OnAnswer.goes_on`)."""
        on = ANSWERS.get(type(turn.subdialog))
        if on is not None and on.goes_on:
            going = await on.answered(self, turn, turn.subdialog, text)
            return going if going is not None else [_unknown()]
        finished = await turn.done()
        answered = await on.answered(self, turn, finished, text) if on is not None else None
        if answered is not None:
            return answered
        return [await self.desks.menu.listing(turn, Msg("drafts.not_found"))]

    # --- command handlers ------------------------------------------------------------------

    async def _skip(self, turn: Turn, command: Command) -> list[EngineOutput] | None:
        on = ANSWERS.get(type(turn.subdialog))
        if on is not None and on.skippable:
            return await self._answered(turn, "")
        return None

    async def _drafts(self, turn: Turn, command: Command) -> list[EngineOutput]:
        return [await self.menu.listing(turn)]

    async def _team(self, turn: Turn, command: Command) -> list[EngineOutput]:
        return [await self.desks.team.listing(turn)]

    async def _inbox(self, turn: Turn, command: Command) -> list[EngineOutput]:
        listing: list[EngineOutput] = [await self.desks.inbox.listing(turn)]
        if await turn.stores.staff.includes(turn.user.id):  # staff see what was not delivered
            undelivered = await self.desks.delivery.listing(turn)
            if undelivered is not None:
                listing.append(undelivered)
        return listing

    async def _contacts(self, turn: Turn, command: Command) -> list[EngineOutput]:
        return [await self.desks.staff.contacts(turn)]

    async def _statistics(self, turn: Turn, command: Command) -> list[EngineOutput]:
        classified = functools.partial(classify, turn.advisor, turn.today)
        return await self.desks.staff.statistics(turn, classified)

    async def _knowledge_command(self, turn: Turn, command: Command) -> list[EngineOutput]:
        if self.desks.knowledge is None:
            return [_unknown()]
        return await self.desks.knowledge.command(turn, command.name)


async def _sync(outputs: list[EngineOutput]) -> list[EngineOutput]:
    return outputs


async def _dialog_command(turn: Turn, command: Command) -> None:
    """The sponsor's dialog takes the command (back, skip, ...)."""
    return None


def _unknown() -> Reply:
    return unknown_command()
