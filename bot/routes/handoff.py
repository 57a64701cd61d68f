"""The engine's request to hand a draft over (or to ask the alliance a question), carried out
in the update's own transaction: sent once per content, remembered with the draft, and the
dialog resumed where questions are still open."""

from __future__ import annotations

from datetime import date

from bot.alliance.desk import AllianceDesk
from bot.core.answers import facts_from_answers
from bot.core.outputs import Button, EngineOutput, Finish, Output, Reply, RequestHandoff
from bot.core.state import Sent
from bot.dialogs.answers import sent_content
from bot.dialogs.drafts_menu import draft_title
from bot.dialogs.summary import already_sent_note
from bot.storage.drafts import Draft
from bot.storage.handoffs import Handoff
from bot.texts.catalog import Msg
from bot.turn import Turn


class HandoffRequests:
    def __init__(self, desk: AllianceDesk) -> None:
        self.desk = desk

    async def carry_out(self, turn: Turn, outputs: list[EngineOutput]) -> list[Output]:
        """Requests of the engine become effects in this same transaction."""
        done: list[Output] = []
        for output in outputs:
            if isinstance(output, RequestHandoff):
                done += await self.hand_over(turn, output)
            elif not isinstance(output, Finish):  # the desk running that dialog took it
                done.append(output)
        return done

    async def hand_over(self, turn: Turn, request: RequestHandoff) -> list[Output]:
        draft = await turn.current_draft()
        if draft is None:
            return [Reply((Msg("drafts.not_found"),))]
        today = turn.today
        advice = turn.advisor.advise(facts_from_answers(draft.state.answers), today)
        if advice.alliance is None:
            return [Reply((Msg("handoff.no_local_alliance"),))]
        content = sent_content(draft.state.answers)
        earlier = await sent_before(turn, draft, request.kind, content)
        if earlier is not None:
            # A draft as it stands goes once: a repeated consent (a second tap, the same
            # question again, a handoff of before the draft remembered it) sends nothing.
            sent = Sent(
                kind=earlier.kind,
                number=earlier.id,
                alliance=earlier.alliance_id,
                day=date.fromisoformat(earlier.created_at[:10]),
                content=content,
                waiting=draft.status == "waiting",
            )
            messages: tuple[Msg, ...] = (already_sent_note(sent, turn.advisor.kb),)
        else:
            result = await self.desk.hand_over(
                turn,
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
                    waiting=result.waiting,
                )
        state = draft.state
        if sent is not None and all(known.number != sent.number for known in state.sent):
            # Stored with the handoff: the summary names it from now on, and after a crash
            # before the reply went out, the update delivered again says so (`stale.repeated`).
            state = state.model_copy(update={"sent": [*state.sent, sent]})
        if not turn.dialog.at_end(state):
            # Asked at an early stage: the sponsor goes on with the next open question.
            state, prompt = turn.dialog.resume(state)
            await turn.save(draft, state)
            return [
                Reply(messages),
                *(o for o in prompt if not isinstance(o, RequestHandoff | Finish)),
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


async def sent_before(turn: Turn, draft: Draft, kind: str, content: str) -> Handoff | None:
    """The handoff (or question) of this draft that sent the same content already."""
    for handoff in await turn.handoffs.of_draft(draft.id):
        if handoff.kind == kind and sent_content(handoff.sent_answers) == content:
            return handoff
    return None
