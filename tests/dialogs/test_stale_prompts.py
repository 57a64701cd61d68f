"""Buttons of an older prompt, of another draft, or sent before tokens existed.

Every reply that prompts carries a token (draft and revision of the prompt); a press brings it
back. A button whose token is not the current prompt's never acts on whatever is current now.
"""

from __future__ import annotations

from bot.core.outputs import Reply
from tests.dialogs.conftest import ChatDriver, key_text
from tests.support.bot import draft_answers


def prompt(chat: ChatDriver) -> Reply:
    replies = [o for o in chat.outputs if isinstance(o, Reply) and o.step]
    assert replies, chat.outputs
    return replies[-1]


async def tap(chat: ChatDriver, reply: Reply, action: str) -> str:
    """Press the button `action` on `reply`, as a transport does: with the reply's token."""
    assert action in [b.action for row in reply.buttons for b in row], (action, reply.buttons)
    assert reply.step is not None
    return await chat.press(action, reply.step, token=reply.token)


async def to_summary(chat: ChatDriver, place: str) -> Reply:
    """The walk of tests/support/bot.py's `draft_answers`, in process."""
    for text in draft_answers(place, title=None):
        if text == "/ueberspringen":
            await chat.command("skip")
        else:
            await chat.text(text)
    assert chat.last_step == "summary", chat.outputs
    return prompt(chat)


async def test_every_prompt_carries_the_token_of_its_draft_and_revision(chat: ChatDriver) -> None:
    await chat.command("start")
    first = prompt(chat)
    draft = await chat.current()
    assert draft is not None
    assert first.token == f"{draft.id}.{draft.state.revision}"
    await chat.text("Garbsen")
    second = prompt(chat)
    state = await chat.state()
    assert second.token == f"{draft.id}.{state.revision}"
    assert second.token != first.token, "a new question, a new revision"


async def test_an_old_suggestion_of_the_same_question_picks_nothing(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text("Neustadt")
    old = prompt(chat)
    assert old.step == "region" and len(old.buttons) >= 3
    await chat.text("Stadt")  # other suggestions, at the same question
    current = prompt(chat)
    assert current.step == "region" and current.token != old.token

    reply = await tap(chat, old, "pick:0")  # was "Neustadt am Rübenberge"; now "Stade"
    assert key_text("sponsor.error.stale") in reply
    state = await chat.state()
    assert state.step == "region" and "region" not in state.answers
    assert prompt(chat).step == "region"

    reply = await tap(chat, prompt(chat), "pick:1")  # the current list still works
    region = (await chat.state()).answers["region"].value
    assert isinstance(region, dict) and region["name"] == "Neustadt am Rübenberge"


async def test_an_invalid_answer_keeps_the_buttons_of_the_question_valid(
    chat: ChatDriver,
) -> None:
    await chat.command("start")
    await chat.text("Garbsen")
    await chat.text("Bildungsträger")
    await chat.text("Wer?")  # a target group "Wer?" is accepted as own words
    await chat.text("kurz")  # a thin idea: asked for more, same question, same buttons
    thin = prompt(chat)
    await chat.text("x")
    assert prompt(chat).token == thin.token, "nothing new to choose: the earlier buttons count"
    await tap(chat, thin, "back")
    assert (await chat.state()).step == "target_group"


async def test_a_summary_button_of_another_draft_does_not_act_on_the_current(
    chat: ChatDriver,
) -> None:
    await chat.command("start")
    first_summary = await to_summary(chat, "Sarstedt")
    await chat.command("new")
    second_summary = await to_summary(chat, "Rinteln")
    second = await chat.current()
    assert second is not None

    reply = await tap(chat, first_summary, "summary:handoff")
    assert key_text("sponsor.error.stale_draft") in reply
    assert (await chat.state()).handoff_kind is None, "draft 2 is not handed over"
    assert (await chat.state()).step == "summary"

    # Its export would send draft 2's sketch under draft 1's summary: refused the same way.
    reply = await tap(chat, first_summary, "session:export")
    assert key_text("sponsor.error.stale_draft") in reply

    await tap(chat, second_summary, "summary:handoff")
    assert (await chat.state()).step == "sponsor_name"


async def test_resume_on_an_old_pause_message_is_stale_once_resumed(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text("Garbsen")
    await chat.command("cancel")
    paused = prompt(chat)
    assert "resume" in [b.action for row in paused.buttons for b in row]
    await tap(chat, paused, "resume")
    assert not (await chat.state()).paused
    await chat.text("Bildungsträger")
    reply = await tap(chat, paused, "resume")
    assert key_text("sponsor.error.stale") in reply
    assert (await chat.state()).step == "target_group"


async def test_a_button_sent_before_tokens_existed_is_stale_where_it_acts_on_the_prompt(
    chat: ChatDriver,
) -> None:
    await chat.command("start")
    await chat.text("Neustadt")
    # Version-1 callback data carried no token: transports hand it over as an empty one.
    reply = await chat.press("pick:0", "region", token="")
    assert key_text("sponsor.error.stale") in reply
    assert "region" not in (await chat.state()).answers
    # Buttons that name their target still work (here: the list of drafts).
    draft = await chat.current()
    assert draft is not None
    reply = await chat.press(f"session:open:{draft.id}", token="")
    assert f"session:resume:{draft.id}" in chat.actions


async def test_a_button_of_a_deleted_draft_answers_with_the_list(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text("Garbsen")
    old = prompt(chat)
    draft = await chat.current()
    assert draft is not None
    await chat.press(f"session:deleted:{draft.id}")
    reply = await tap(chat, old, "pick:0")
    assert key_text("sponsor.error.stale_no_draft") in reply
    assert await chat.drafts() == [], "no draft is started by a stale tap"
