"""A sponsor's drafts: list, resume, rename, delete; and what became of handed-over ones."""

from __future__ import annotations

from datetime import date

from bot.core.answers import read_answers
from bot.core.events import Text
from bot.core.outputs import Button, EngineOutput, Reply
from bot.core.subdialogs import RenameDraft
from bot.procedure.views import case_view
from bot.storage.drafts import Draft
from bot.texts.catalog import Msg
from bot.texts.formats import Day
from bot.turn import Turn

MAX_TITLE = 100
DRAFTS_SHOWN = 10


def draft_title(draft: Draft) -> str:
    if draft.title:
        return draft.title
    answers = read_answers(draft.state.answers)
    for text in (answers.title or "", answers.idea or ""):
        if text.strip():
            text = " ".join(text.split())
            return text if len(text) <= 40 else text[:39] + "…"
    # Untitled and no idea yet: the place says more than a number (which keeps it unique).
    place = answers.place
    return f"{place.name} (#{draft.id})" if place is not None else f"#{draft.id}"


class DraftsMenu:
    async def new(self, turn: Turn, first: Text | None = None) -> list[EngineOutput]:
        """A new draft; `first`, typed while no draft was open, is tried as the first answer."""
        state, outputs = turn.dialog.start(turn.language)
        if first is not None and first.text.strip():
            answered, replies = turn.dialog.handle(state, first)
            if answered.language != state.language:
                # "Could we do this in English?" as the very first text: the user's language
                # from now on, welcome included (nothing else of the text is dropped either)
                await turn.drafts.update_user(turn.user.id, language=answered.language)
                turn.user = await turn.drafts.user(turn.user.id, answered.language)
                outputs = turn.dialog.start(answered.language)[1]
            if answered.step != state.step or answered.language != state.language:
                await turn.create(answered)
                welcome = outputs[0]
                if answered.step == state.step:
                    return [welcome, *replies]
                return [welcome, Reply((Msg("drafts.first_answer_taken"),)), *replies]
        await turn.create(state)
        return outputs

    async def listing(self, turn: Turn, intro: Msg | None = None) -> Reply:
        mine = await turn.drafts.list(turn.user.id)
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
                            "marker": "▶️" if d.id == turn.user.current_draft_id else "📄",
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

    async def act(self, turn: Turn, verb: str, draft: Draft) -> list[EngineOutput]:
        drafts, user = turn.drafts, turn.user
        if verb == "open":
            return [await self._menu(turn, draft)]
        if verb == "resume":
            await turn.drop_subdialogs()
            await drafts.update_user(user.id, current_draft_id=draft.id)
            state = draft.state.model_copy(update={"language": user.language})
            state, outputs = turn.dialog.resume(state)
            await turn.save(draft, state)
            return outputs
        if verb == "rename":
            await turn.start(RenameDraft(draft=draft.id))
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
            turn.deleted = await drafts.delete(user.id, draft.id)
            return [await self.listing(turn, Msg("drafts.deleted", {"title": draft_title(draft)}))]
        return [await self.listing(turn, Msg("drafts.not_found"))]

    async def _menu(self, turn: Turn, draft: Draft) -> Reply:
        parts = [
            Msg(
                "drafts.menu",
                {
                    "title": draft_title(draft),
                    "status": Msg(f"drafts.status.{draft.status}"),
                    "updated": Day(date.fromisoformat(draft.updated_at[:10])),
                },
            )
        ]
        handoffs = await turn.handoffs.of_draft(draft.id)
        for handoff in handoffs:
            if handoff.statement:
                parts.append(
                    Msg(
                        "drafts.statement",
                        {
                            "statement": Msg(f"alliance.statement.{handoff.statement}"),
                            "comment": handoff.statement_comment or "–",
                        },
                    )
                )
        rows: tuple[tuple[Button, ...], ...] = ()
        case = await turn.stores.cases.of_draft(draft.id)
        # A draft waiting for a contact person is in no procedure yet, as far as its sponsor
        # can tell: nobody has received it.
        if case is not None and case.sponsor_id == turn.user.id and draft.status != "waiting":
            # Handed over: where its case stands in the procedure, and the sponsor's steps.
            cases = turn.stores.cases
            meeting = await turn.stores.meetings.get(case.meeting_id) if case.meeting_id else None
            steps, evaluations = await cases.steps(case.id), await cases.evaluations(case.id)
            parts.append(case_view(case, steps, evaluations, meeting))
            rows = ((Button(Msg("cases.button.open"), f"case:open:{case.id}"),),)
        return Reply(
            tuple(parts),
            (
                *rows,
                (Button(Msg("drafts.button.resume"), f"session:resume:{draft.id}"),),
                (
                    Button(Msg("drafts.button.rename"), f"session:rename:{draft.id}"),
                    Button(Msg("drafts.button.delete"), f"session:delete:{draft.id}"),
                ),
                (Button(Msg("sponsor.button.drafts"), "session:drafts"),),
            ),
        )

    async def rename(self, turn: Turn, rename: RenameDraft, text: str) -> list[EngineOutput]:
        """The answer to "how shall the draft be called?"; asked again when unusable."""
        draft_id = rename.draft
        title = " ".join(text.split())
        if not title or len(title) > MAX_TITLE:
            await turn.start(rename)
            return [Reply((Msg("drafts.rename_invalid", {"max": MAX_TITLE}),))]
        if await turn.drafts.rename(turn.user.id, draft_id, title):
            return [await self.listing(turn, Msg("drafts.renamed", {"title": title}))]
        return [await self.listing(turn, Msg("drafts.not_found"))]
