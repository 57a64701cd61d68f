"""/sprache: the user's language, switched for the menus and the current prompt alike."""

from __future__ import annotations

from bot.core.outputs import EngineOutput, Reply
from bot.dialogs.drafts_menu import DraftsMenu
from bot.dialogs.engine import language_of
from bot.texts.catalog import Msg
from bot.turn import Turn


async def switch_language(turn: Turn, argument: str, menu: DraftsMenu) -> list[EngineOutput]:
    language = language_of(argument, turn.language)
    if language is None:
        draft = await turn.current_draft()
        if draft is None:
            return [Reply((Msg("sponsor.language_unknown"),))]
        state = draft.state.model_copy(update={"language": turn.language})
        state, outputs = turn.dialog.stale(state, Msg("sponsor.language_unknown"))
        await turn.save(draft, state)
        return outputs
    await turn.drafts.update_user(turn.user.id, language=language)
    turn.user = await turn.drafts.user(turn.user.id, language)
    draft = await turn.current_draft()
    if draft is None:
        return await menu.new(turn)
    state, outputs = turn.dialog.with_language(draft.state, language)
    await turn.save(draft, state)
    return outputs
