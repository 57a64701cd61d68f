"""In process (review 11): a handoff that nobody in the bot can receive (no contact of the
alliance, no staff) is saved and waits for a contact person; the sponsor's reply, summary and
drafts list never call it handed over."""

from __future__ import annotations

from bot.storage.stores import Stores
from tests.dialogs.conftest import ChatDriver, key_text
from tests.support.bot import draft_answers


async def _handed_over_to_nobody(chat: ChatDriver) -> str:
    await chat.command("start")
    for text in draft_answers("Sarstedt", title=None):
        if text == "/ueberspringen":
            await chat.command("skip")
        else:
            await chat.text(text)
    assert chat.last_step == "summary", chat.outputs
    await chat.press("summary:handoff", "summary")
    await chat.text("Bildungswerk Sarstedt e. V.")
    await chat.text("Projektleitung Pflege")
    await chat.text("05066 123456")
    return await chat.press("consent:yes", "consent")


async def test_a_handoff_nobody_can_receive_waits_and_is_not_called_handed_over(
    chat: ChatDriver,
) -> None:
    told = await _handed_over_to_nobody(chat)
    assert "niemand registriert, der sie erhalten könnte" in told
    assert "Im Verfahren" not in told  # no case shown as handed over

    draft = await chat.current()
    assert draft is not None and draft.status == "waiting"
    (sent,) = draft.state.sent
    assert sent.waiting
    async with chat.database.transaction() as connection:
        stores = Stores.of(connection, chat.clock.now())
        # no case counts it as handed over: it opens when a contact takes it over
        assert await stores.cases.of_draft(draft.id) is None
        assert [h.status for h in await stores.handoffs.of_draft(draft.id)]  # kept for later

    summary = await chat.press("summary:show", "summary")
    assert "Noch nicht übergeben" in summary and "wartet auf eine Ansprechperson" in summary
    assert "Übergeben an" not in summary and "Im Verfahren" not in summary

    listing = await chat.command("drafts")
    assert key_text("drafts.status.waiting") in " ".join(chat.labels) + listing
    assert key_text("drafts.status.handed_over") not in " ".join(chat.labels) + listing

    # handing it over again sends nothing, and says it still waits
    again = await chat.press("summary:handoff", "summary")
    assert "wartet auf eine Ansprechperson" in again and "bereits übergeben" not in again


async def test_the_english_summary_says_it_waits_too(chat: ChatDriver) -> None:
    await _handed_over_to_nobody(chat)
    await chat.command("language", "en")
    summary = await chat.press("summary:show", "summary")
    assert "Not handed over yet" in summary and "waits for a contact person" in summary
    assert "Handed to the" not in summary
