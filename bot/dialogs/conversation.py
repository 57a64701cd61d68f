"""A sponsor's side of the bot: their drafts, and the dialog engine on the current one.

Each incoming event is one database transaction: read the user and draft, let the pure engine
decide, write the new state, commit, and only then hand the replies to the transport. An update
delivered again after a crash (same update_id) is recognised and not applied twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.dialogs.engine import DialogEngine
from bot.dialogs.model import Button, Command, Event, Output, Press, Reply, Text
from bot.storage.db import Database
from bot.storage.drafts import Draft, Drafts, User
from bot.texts.catalog import Language, Msg

MAX_TITLE = 100
DRAFTS_SHOWN = 10


@dataclass(frozen=True)
class Handled:
    outputs: list[Output]
    language: Language
    """The user's language after this event (it may just have been switched)."""


@dataclass(frozen=True)
class Incoming:
    user_id: int
    event: Event
    update_id: int | None = None
    """The transport's id of this update; repeated ids are not applied again."""
    language_hint: Language | None = None
    """The language of the user's device, used only on first contact."""


def draft_title(draft: Draft) -> str:
    if draft.title:
        return draft.title
    answers = draft.state.answers
    for key in ("title", "idea"):
        answer = answers.get(key)
        if answer is not None and answer.text.strip():
            text = " ".join(answer.text.split())
            return text if len(text) <= 40 else text[:39] + "…"
    return f"#{draft.id}"


class Conversations:
    def __init__(
        self, database: Database, engine: DialogEngine, clock: Clock, default_language: Language
    ) -> None:
        self.database = database
        self.engine = engine
        self.clock = clock
        self.default_language = default_language

    async def handle(self, incoming: Incoming) -> Handled:
        async with self.database.transaction() as connection:
            drafts = Drafts(connection, self.clock.now())
            user = await drafts.user(
                incoming.user_id, incoming.language_hint or self.default_language
            )
            seen = user.last_update_id
            if incoming.update_id is not None and seen is not None and incoming.update_id <= seen:
                # Already applied before a crash; the reply may not have gone out, so the
                # current question is repeated: at most one repeated reply, never a lost one.
                draft = await self._current(drafts, user)
                outputs = self.engine.repeat(draft.state) if draft else []
                return Handled(outputs, user.language)
            outputs = await self._dispatch(drafts, user, incoming.event)
            if incoming.update_id is not None:
                await drafts.update_user(user.id, last_update_id=incoming.update_id)
            language = (await drafts.user(user.id, user.language)).language
        return Handled(outputs, language)

    async def language_of(self, user_id: int) -> Language:
        async with self.database.transaction() as connection:
            user = await Drafts(connection, self.clock.now()).user(user_id, self.default_language)
        return user.language

    # --- dispatch --------------------------------------------------------------------------

    async def _dispatch(self, drafts: Drafts, user: User, event: Event) -> list[Output]:
        if isinstance(event, Command):
            if event.name == "new":
                return await self._new(drafts, user)
            if event.name == "drafts":
                return [await self._list(drafts, user)]
            if event.name == "privacy":
                return [Reply((Msg("privacy.text"),))]
            if event.name == "language":
                return await self._language(drafts, user, event.argument)
        if isinstance(event, Press) and event.action.startswith("session:"):
            return await self._session_action(drafts, user, event.action.removeprefix("session:"))
        if isinstance(event, Text) and user.pending:
            return await self._pending_answer(drafts, user, event.text)
        if user.pending:
            await drafts.update_user(user.id, pending=None)
        draft = await self._current(drafts, user)
        if draft is None:
            return await self._new(drafts, user)
        state = draft.state.model_copy(update={"language": user.language})
        state, outputs = self.engine.handle(state, event)
        await drafts.save(draft, state)
        return outputs

    async def _current(self, drafts: Drafts, user: User) -> Draft | None:
        if user.current_draft_id is None:
            return None
        return await drafts.get(user.id, user.current_draft_id)

    async def _new(self, drafts: Drafts, user: User) -> list[Output]:
        state, outputs = self.engine.start(user.language)
        await drafts.create(user.id, state)
        return outputs

    async def _language(self, drafts: Drafts, user: User, argument: str) -> list[Output]:
        language: Language = "en" if user.language == "de" else "de"
        if argument.strip().lower() in ("de", "deutsch", "german"):
            language = "de"
        elif argument.strip().lower() in ("en", "english", "englisch"):
            language = "en"
        await drafts.update_user(user.id, language=language)
        draft = await self._current(drafts, user)
        if draft is None:
            state, outputs = self.engine.start(language)
            await drafts.create(user.id, state)
            return outputs
        state, outputs = self.engine.with_language(draft.state, language)
        await drafts.save(draft, state)
        return outputs

    # --- the drafts menu -------------------------------------------------------------------

    async def _list(self, drafts: Drafts, user: User, intro: Msg | None = None) -> Reply:
        mine = await drafts.list(user.id)
        parts = [intro] if intro else []
        if not mine:
            parts.append(Msg("drafts.none"))
            return Reply(tuple(parts), ((Button(Msg("sponsor.button.new"), "session:new"),),))
        parts.append(Msg("drafts.list", {"count": len(mine)}))
        rows = [
            (
                Button(
                    Msg(
                        "drafts.item",
                        {
                            "marker": "▶️" if d.id == user.current_draft_id else "📄",
                            "title": draft_title(d),
                            "status": Msg(f"drafts.status.{d.status}"),
                        },
                    ),
                    f"session:open:{d.id}",
                ),
            )
            for d in mine[:DRAFTS_SHOWN]
        ]
        rows.append((Button(Msg("sponsor.button.new"), "session:new"),))
        return Reply(tuple(parts), tuple(rows))

    async def _session_action(self, drafts: Drafts, user: User, action: str) -> list[Output]:
        verb, _, argument = action.partition(":")
        if verb == "new":
            return await self._new(drafts, user)
        if verb == "drafts":
            await drafts.update_user(user.id, pending=None)
            return [await self._list(drafts, user)]
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
        draft = await drafts.get(user.id, int(argument)) if argument.isdigit() else None
        if draft is None:
            return [await self._list(drafts, user, Msg("drafts.not_found"))]
        if verb == "open":
            return [self._draft_menu(draft)]
        if verb == "resume":
            await drafts.update_user(user.id, current_draft_id=draft.id, pending=None)
            state = draft.state.model_copy(update={"language": user.language})
            state, outputs = self.engine.resume(state)
            await drafts.save(draft, state)
            return outputs
        if verb == "rename":
            await drafts.update_user(user.id, pending={"rename": draft.id})
            return [
                Reply(
                    (Msg("drafts.rename_prompt", {"title": draft_title(draft)}),),
                    ((Button(Msg("drafts.button.keep"), "session:drafts"),),),
                )
            ]
        if verb == "delete":
            return [
                Reply(
                    (Msg("drafts.delete_confirm", {"title": draft_title(draft)}),),
                    (
                        (
                            Button(Msg("drafts.button.delete_yes"), f"session:deleted:{draft.id}"),
                            Button(Msg("drafts.button.keep"), "session:drafts"),
                        ),
                    ),
                )
            ]
        if verb == "deleted":
            await drafts.delete(user.id, draft.id)
            return [
                await self._list(drafts, user, Msg("drafts.deleted", {"title": draft_title(draft)}))
            ]
        return [await self._list(drafts, user, Msg("drafts.not_found"))]

    def _draft_menu(self, draft: Draft) -> Reply:
        return Reply(
            (
                Msg(
                    "drafts.menu",
                    {
                        "title": draft_title(draft),
                        "status": Msg(f"drafts.status.{draft.status}"),
                        "updated": draft.updated_at[:10],
                    },
                ),
            ),
            (
                (Button(Msg("drafts.button.resume"), f"session:resume:{draft.id}"),),
                (
                    Button(Msg("drafts.button.rename"), f"session:rename:{draft.id}"),
                    Button(Msg("drafts.button.delete"), f"session:delete:{draft.id}"),
                ),
                (Button(Msg("sponsor.button.drafts"), "session:drafts"),),
            ),
        )

    async def _pending_answer(self, drafts: Drafts, user: User, text: str) -> list[Output]:
        pending = user.pending or {}
        await drafts.update_user(user.id, pending=None)
        draft_id = pending.get("rename")
        if isinstance(draft_id, int):
            title = " ".join(text.split())
            if not title or len(title) > MAX_TITLE:
                await drafts.update_user(user.id, pending=pending)
                return [Reply((Msg("drafts.rename_invalid", {"max": MAX_TITLE}),))]
            if await drafts.rename(user.id, draft_id, title):
                return [await self._list(drafts, user, Msg("drafts.renamed", {"title": title}))]
        return [await self._list(drafts, user, Msg("drafts.not_found"))]
