"""Over the real Bot API (#12 points 1 and 5): a first message that asks for English and says
who writes and where switches to English and keeps both, each with a button to correct it; a
short English answer in a German dialog gets English offered with one tap."""

from __future__ import annotations

from tests.botapi import BotApiServer
from tests.support.bot import StartBot, answer


async def test_a_request_for_english_keeps_the_rest_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot() as (_, runtime):
        user = server.user(7963)
        user.send("/start")
        await user.expect(2)
        read = await answer(
            user, "Hi, do you speak English? We're a small IT training company in Hanover."
        )
        assert "Region Hannover" in read.text and "training company" in read.text
        assert "Whom should the project reach?" in read.text, "the next missing question"
        labels = [button.text for row in read.buttons for button in row]
        assert any(label.startswith("✏️") for label in labels), labels

        async with runtime.database.transaction() as connection:
            rows = await connection.execute_fetchall("SELECT state FROM drafts")
        [(state,)] = list(rows)
        assert '"language":"en"' in state and '"language_chosen":true' in state
        assert '"region"' in state and '"organisation"' in state


async def test_a_short_english_answer_offers_english_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = server.user(7964)
        user.send("/start")
        await user.expect(2)
        await answer(user, "Hameln")
        offered = await answer(user, "charity")
        assert "Wen soll das Projekt erreichen?" in offered.text, "still German"
        labels = [button.text for row in offered.buttons for button in row]
        assert "🇬🇧 Continue in English" in labels, labels

        user.tap("🇬🇧 Continue in English")
        await user.expect_answer()
        (english,) = await user.expect()
        assert "Language: English." in english.text
        assert "Whom should the project reach?" in english.text


async def test_a_request_with_a_question_answers_both_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        user = server.user(7965)
        user.send("/start")
        await user.expect(2)
        reply = await answer(user, "Hello, could we do this in English? What is the own share?")
        assert "Language: English." in reply.text
        assert "own share" in reply.text and "Source:" in reply.text
        assert "Where will the project take place?" in reply.text


async def test_a_message_naming_the_courses_language_stays_german_over_http(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot() as (_, runtime):
        user = server.user(7966)
        user.send("/start")
        await user.expect(2)
        read = await answer(user, "Wir sind ein Verein in Hameln und bieten Kurse auf Englisch an")
        assert "Hameln" in read.text
        assert "Language: English" not in read.text

        async with runtime.database.transaction() as connection:
            rows = await connection.execute_fetchall("SELECT state FROM drafts")
        [(state,)] = list(rows)
        assert '"language":"de"' in state and '"region"' in state
