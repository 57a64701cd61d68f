"""👍/👎 after the summary: stored with the advice it rates, an optional reason asked for, and
after 👎 a person offered (/mensch)."""

from __future__ import annotations

from bot.core.answers import facts_from_answers
from bot.core.outputs import Button, EngineOutput, Reply
from bot.core.subdialogs import FeedbackReason
from bot.storage.feedback import Rating
from bot.texts.catalog import Msg
from bot.turn import Turn


class FeedbackDesk:
    async def rate(self, turn: Turn, rating: str) -> list[EngineOutput]:
        draft = await turn.current_draft()
        if draft is None or rating not in ("up", "down"):
            return [Reply((Msg("drafts.not_found"),))]
        chosen: Rating = "up" if rating == "up" else "down"
        advice = turn.advisor.advise(facts_from_answers(draft.state.answers), turn.today)
        # What was rated: enough to find the advice again, nothing the sponsor typed.
        rated = {
            "status": advice.eligibility.status,
            "fields": [match.id for match in advice.matches.fitting],
            "projects": [match.id for match in advice.matches.projects],
            "alliance": advice.alliance.id if advice.alliance is not None else None,
        }
        stored = await turn.stores.feedback.add(
            turn.user.id, draft.id, chosen, turn.advisor.kb.version, rated
        )
        await turn.start(FeedbackReason(feedback=stored))
        if chosen == "up":
            return [Reply((Msg("feedback.thanks_up"),))]
        person = ((Button(Msg("feedback.button.person"), "sponsor:human:start"),),)
        return [Reply((Msg("feedback.thanks_down"),), person)]

    async def reason(self, turn: Turn, asked: FeedbackReason, text: str) -> list[EngineOutput]:
        await turn.stores.feedback.give_reason(turn.user.id, asked.feedback, text)
        return [Reply((Msg("feedback.reason_saved"),))]
