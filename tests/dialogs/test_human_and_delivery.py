"""In process (issue 15): /mensch in every state, and a delivery reported only after the
outbox worker sent or gave up its notifications (a transport that refuses, as Telegram does
for a chat it does not know)."""

from __future__ import annotations

from pathlib import Path

from bot.clock import FixedClock
from bot.core.subdialogs import ReachHuman, RenameDraft
from bot.runtime import Runtime
from bot.storage.stores import Stores
from tests.dialogs.conftest import ChatDriver, Refusing, deliver, key_text, runtime_for


async def test_mensch_before_the_first_answer_with_nobody_registered(chat: ChatDriver) -> None:
    prompt = await chat.command("human")
    assert "Koordinierungsstelle" in prompt and "Telefonnummer oder E-Mail-Adresse" in prompt
    told = await chat.text("0511 123456")
    assert "niemand von der Koordinierungsstelle registriert" in told
    assert "Amt für regionale Landesentwicklung Leine-Weser" in told and "✅" not in told


async def test_mensch_in_the_middle_of_a_rename_replaces_it_and_cancel_goes_back(
    chat: ChatDriver, runtime: Runtime
) -> None:
    await chat.command("start")
    await chat.text("Hildesheim")
    draft = await chat.current()
    assert draft is not None
    async with runtime.database.transaction() as connection:
        await Stores.of(connection, runtime.clock.now()).drafts.update_user(
            chat.user_id, subdialogs=(RenameDraft(draft=draft.id),)
        )
    prompt = await chat.command("human")
    assert "Fachkräfte für die Region Hildesheim" in prompt
    assert "sponsor:human:chat" in chat.actions
    back = await chat.press("sponsor:human:cancel")
    assert key_text("human.cancelled") in back
    assert "Welche Art von Organisation" in back  # the question where the sponsor was
    async with runtime.database.transaction() as connection:
        user = await Stores.of(connection, runtime.clock.now()).drafts.user(chat.user_id, "de")
    assert not any(isinstance(s, ReachHuman | RenameDraft) for s in user.subdialogs)


async def test_a_delivery_is_counted_after_the_worker_and_a_refusal_alerts_staff(
    tmp_path: Path, clock: FixedClock
) -> None:
    staff, unknown = 900, 905  # two configured staff; Telegram knows only the first
    async with runtime_for(tmp_path, clock, frozenset({staff, unknown})) as runtime:
        chat = ChatDriver.of(runtime)
        await chat.command("human")
        told = await chat.text("info@verein.example")
        transport = Refusing(frozenset({unknown}))
        await deliver(runtime, transport)
    assert "geht an die Koordinierungsstelle" in told and "Person" not in told
    texts = {(item.chat_id, str(item.payload.text)) for item in transport.sent}
    to_staff = [text for chat_id, text in texts if chat_id == staff]
    assert any("Erreichbar: <b>info@verein.example</b>" in text for text in to_staff)
    assert any("Nicht zugestellt" in text and "905" in text for text in to_staff)
    (report,) = [text for chat_id, text in texts if chat_id == chat.user_id]
    assert "hat 1 Person erreicht" in report and "an 1 Person konnte sie nicht" in report
