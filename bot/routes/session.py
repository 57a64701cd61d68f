"""The drafts menu's buttons (`session:<verb>[:<draft number>]`): new, list, save, the
Projektskizze, erasure, and a draft's own menu."""

from __future__ import annotations

from bot.core.events import action_number
from bot.core.outputs import Button, EngineOutput, Reply
from bot.dialogs.drafts_menu import DraftsMenu
from bot.routes.privacy import PrivacyDesk
from bot.routes.sketch import SketchExport
from bot.texts.catalog import Msg
from bot.turn import Turn


class SessionDesk:
    def __init__(self, menu: DraftsMenu, privacy: PrivacyDesk, sketch: SketchExport) -> None:
        self.menu = menu
        self.privacy = privacy
        self.sketch = sketch

    async def act(self, turn: Turn, action: str) -> list[EngineOutput]:
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
            return await self.sketch.ask(turn)
        if verb == "erase":
            return await self.privacy.erase(turn)
        draft_id = action_number(argument)
        draft = await turn.drafts.get(turn.user.id, draft_id) if draft_id is not None else None
        if draft is None:
            return [await self.menu.listing(turn, Msg("drafts.not_found"))]
        return await self.menu.act(turn, verb, draft)
