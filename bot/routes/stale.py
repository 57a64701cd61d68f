"""Updates and buttons of the past: an update delivered again after a crash, a button of an
older prompt or of another draft, and the token that lets a press name its prompt."""

from __future__ import annotations

from dataclasses import replace

from bot.core.events import Press, action_number
from bot.core.outputs import EngineOutput, Output, Reply
from bot.core.roles import PRESS_AREAS
from bot.core.state import DialogState
from bot.dialogs.answers import already_sent, handoff_kind
from bot.dialogs.drafts_menu import DraftsMenu
from bot.dialogs.summary import already_sent_note, sent_confirmation
from bot.texts.catalog import Msg
from bot.turn import Turn


def prompt_token(draft_id: int, state: DialogState) -> str:
    """Names the prompt a reply shows: the draft and the revision of its state."""
    return f"{draft_id}.{state.revision}"


def seen_before(turn: Turn) -> bool:
    """The update was applied already (before a crash: the reply may not have gone out)."""
    update_id, seen = turn.incoming.update_id, turn.user.last_update_id
    return update_id is not None and seen is not None and update_id <= seen


async def repeated(turn: Turn) -> list[EngineOutput]:
    """The current question once more: at most one repeated reply, never a lost one. A
    handoff the update made is said again first (never sent again)."""
    draft = await turn.current_draft()
    if draft is None:
        return []
    said: list[EngineOutput] = [
        Reply((sent_confirmation(sent, turn.advisor.kb),))
        for sent in draft.state.sent
        if sent.update_id == turn.incoming.update_id
    ]
    return said + turn.dialog.repeat(draft.state)


async def stale(turn: Turn, press: Press, menu: DraftsMenu) -> list[EngineOutput] | None:
    """The answer to a button of an older prompt or of another draft; None when current.

    Buttons acting on "the current prompt" would otherwise act on whatever is current now:
    an old place suggestion would pick another place, draft 1's summary hand over draft 2.
    """
    area = press.action.partition(":")[0]
    if press.token is None or (area in PRESS_AREAS and press.action != "session:export"):
        return None
    draft = await turn.current_draft()
    if draft is None:
        return [await menu.listing(turn, Msg("sponsor.error.stale_no_draft"))]
    if press.token == prompt_token(draft.id, draft.state):
        return None
    other = press.token.partition(".")[0]
    reason = Msg("sponsor.error.stale")
    if action_number(other) not in (None, draft.id):
        reason = Msg("sponsor.error.stale_draft")
    elif press.action == "consent:yes":
        # The consent tapped again (the first tap's answer may have been lost).
        sent = already_sent(draft.state, handoff_kind(draft.state))
        if sent is not None:
            reason = already_sent_note(sent, turn.advisor.kb)
    state = draft.state.model_copy(update={"language": turn.language})
    state, outputs = turn.dialog.stale(state, reason)
    await turn.save(draft, state)
    return outputs


async def stamp(turn: Turn, outputs: list[Output]) -> list[Output]:
    """Replies that prompt get the current draft's token; presses bring it back."""
    if not any(isinstance(o, Reply) and o.step and not o.token for o in outputs):
        return outputs
    saved = turn.saved
    if saved is None:
        draft = await turn.current_draft()
        if draft is None:
            return outputs
        saved = (draft.id, draft.state)
    token = prompt_token(*saved)
    return [
        replace(o, token=token) if isinstance(o, Reply) and o.step and not o.token else o
        for o in outputs
    ]
