"""The sponsor's dialog: an event the route table leaves to the current draft goes to the
engine; without a draft, a new one is begun."""

from __future__ import annotations

from bot.core.events import Text
from bot.core.outputs import EngineOutput
from bot.dialogs.drafts_menu import DraftsMenu
from bot.turn import Turn


async def converse(turn: Turn, menu: DraftsMenu) -> list[EngineOutput]:
    draft = await turn.current_draft()
    event = turn.incoming.event
    if draft is None:
        # No open draft (never had one, or just deleted it): a new one, and a typed text
        # that answers its first question is taken, not dropped.
        return await menu.new(turn, event if isinstance(event, Text) else None)
    state = draft.state
    if state.language != turn.language:
        state = state.model_copy(update={"language": turn.language})
    state, outputs = turn.dialog.handle(state, event)
    if state.language != turn.language:
        # The dialog switched (an English first message, "english please"): the user's.
        await turn.drafts.update_user(turn.user.id, language=state.language)
        turn.user = await turn.drafts.user(turn.user.id, state.language)
    await turn.save(draft, state)
    return outputs
