"""Sponsors chatting with the real bot over HTTP, as a person would: typing and tapping (the
keyboards edited in place), two at once, double taps, stale buttons, and a restart of the bot
in the middle of a dialog. Going back, editing from the summary and switching language run in
process: tests/dialogs/test_sponsor_chat.py."""

from __future__ import annotations

import asyncio

from tests.botapi import BotApiServer, BotMessage, TelegramUser
from tests.support.bot import StartBot


async def answer(user: TelegramUser, text: str) -> BotMessage:
    user.send(text)
    messages = await user.expect()
    return messages[-1]


async def tap(user: TelegramUser, label: str) -> list[BotMessage]:
    user.tap(label)
    await user.expect_answer()
    return await user.expect()


async def test_a_complete_dialog_by_typing_and_tapping(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        anna = server.user(1001, "Anna")
        anna.send("/start")
        welcome, question = await anna.expect(2)
        assert "Willkommen" in welcome.text
        assert "Wo soll das Projekt stattfinden" in question.text

        organisation = await answer(anna, "Sarstedt")
        assert "Fachkräfte für die Region Hildesheim" in organisation.text
        assert "Bildungsträger" in organisation.button_texts()

        (target,) = await tap(anna, "Bildungsträger")
        acknowledged = anna.messages[-2]
        assert "✓ Bildungsträger" in acknowledged.text and acknowledged.buttons == []
        assert "Wen soll das Projekt erreichen" in target.text

        anna.tap("Geflüchtete")
        await anna.expect_answer()
        ticked = await anna.expect_edit(target.message_id)
        assert "✓ Geflüchtete" in ticked.button_texts()
        anna.tap("Frauen")
        await anna.expect_answer()
        await anna.expect_edit(target.message_id)
        (idea,) = await tap(anna, "Fertig")
        assert "Beschreiben Sie Ihre Projektidee" in idea.text

        await answer(
            anna,
            "Geflüchtete Frauen machen ein bezahltes Praktikum in Pflegeheimen und bekommen "
            "dazu einen berufsbezogenen Deutschkurs, zusammen mit dem Jobcenter.",
        )
        await answer(anna, "/ueberspringen")
        cap = await answer(anna, "1,2 Mio. €")
        assert "Ausnahme" in cap.text and "Quelle: Strategie Kap. 5" in cap.text
        assert "höheren Fördersumme" in cap.text
        justification = await answer(anna, "Ja")
        assert "mehr als 500.000 €" in justification.text
        await answer(anna, "Wir arbeiten in allen Gemeinden des Landkreises mit vier Teams.")
        await answer(anna, "Q1/2027")
        cofinancing = await answer(anna, "2 Jahre")
        assert "Eigenanteil" in cofinancing.text
        anna.send("/ueberspringen")
        summary = "\n".join(m.text for m in await anna.expect())
        assert "Zusammenfassung" in summary
        assert "Begründung liegt vor" in summary  # the justification was given
        assert "CARE" in summary
        assert "31.12.2028" in summary
        assert "Kein Votum" in summary or "kein Votum" in summary
        # #15: sources from the knowledge base, the contacts and the knowledge's stand
        assert "Quelle: Strategie Kap. 5" in summary
        assert "Quelle: Strategie Kap. 4, Handlungsschwerpunkt" in summary
        assert "Amt für regionale Landesentwicklung Leine-Weser" in summary
        assert "Kosten- und Finanzierungsplan" in summary
        # every message passed the server's check of Telegram's HTML rules and length
        assert not server.bot_errors


async def test_stale_button_and_fast_double_tap(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot():
        cara = server.user(1003, "Cara")
        cara.send("/start")
        await cara.expect(2)
        organisation = await answer(cara, "Holzminden")
        cara.tap("Hochschule", organisation.message_id)
        cara.tap("Kommune oder Landkreis", organisation.message_id)  # a double tap
        await cara.expect_answer()
        await cara.expect_answer()
        replies = await cara.expect(2)
        # the first tap answered the question; the second is recognised as stale
        assert "Wen soll das Projekt erreichen" in replies[0].text
        assert "früheren Frage" in replies[1].text
        assert "Wen soll das Projekt erreichen" in replies[1].text
        current = next(m for m in cara.messages if m.message_id == organisation.message_id)
        assert "✓ Hochschule" in current.text and "Kommune" not in current.text


async def test_two_sponsors_at_once_do_not_mix(server: BotApiServer, start_bot: StartBot) -> None:
    async with start_bot():
        users = [server.user(2000 + n, f"User{n}") for n in range(2)]
        for user in users:
            user.send("/start")
        await asyncio.gather(*(user.expect(2) for user in users))
        users[0].send("Garbsen")
        users[1].send("Bückeburg")
        first, second = await asyncio.gather(users[0].expect(), users[1].expect())
        assert "Fachkräfteallianz Region Hannover" in first[-1].text
        assert "Weserbergland" in second[-1].text


async def test_restart_mid_dialog_resumes_on_the_same_data(
    server: BotApiServer, start_bot: StartBot
) -> None:
    dora = server.user(1004, "Dora")
    async with start_bot():
        dora.send("/start")
        await dora.expect(2)
        await answer(dora, "Nienburg/Weser")
        await answer(dora, "/ueberspringen")
    async with start_bot():
        target = await answer(dora, "/start")
        assert "Wen soll das Projekt erreichen" in target.text
        idea = await answer(dora, "Arbeitslose und Berufsrückkehrende")
        assert "Beschreiben Sie Ihre Projektidee" in idea.text
