"""The Projektskizze asked for in the chat: promised in the turn, rendered after its commit."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Sequence

from bot.advice.advise import Advisor
from bot.core.outputs import Document, EngineOutput, Output, Reply
from bot.core.plan import Plan
from bot.core.state import DialogState
from bot.dialogs.drafts_menu import draft_title
from bot.texts.catalog import Language, Msg
from bot.turn import Turn

PDF = "application/pdf"

SketchMaker = Callable[[DialogState, Advisor, Language, Plan | None], Sequence[Document]]
"""The Projektskizze of a draft (PDF first, then Markdown), with its cost and financing plan
where the sponsor gave one."""


class SketchExport:
    def __init__(self, sketch: SketchMaker | None) -> None:
        self.sketch = sketch

    async def ask(self, turn: Turn) -> list[EngineOutput]:
        draft = await turn.current_draft()
        if draft is None or self.sketch is None:
            return [Reply((Msg("drafts.not_found"),))]
        # Rendered once the transaction is committed (see `render`).
        plan = await turn.stores.cases.plan(draft.id)
        turn.sketch = functools.partial(self.sketch, draft.state, turn.advisor, turn.language, plan)
        return [Reply((Msg("export.sent", {"title": draft_title(draft)}),))]

    @staticmethod
    async def render(turn: Turn) -> list[Output]:
        """The Projektskizze asked for in this turn. Rendering the PDF takes a moment: in a
        thread and after the commit, so meanwhile the event loop and the database serve
        everyone else."""
        if turn.sketch is None:
            return []
        return list(await asyncio.to_thread(turn.sketch))
