"""The dialog, wave 6 of #12: a question about what a question means is answered with its
help and never stored; a title or idea that names a language is no request to switch to it;
a first message that says who writes in passing answers the organisation question."""

from __future__ import annotations

import pytest

from bot.texts.catalog import Language, Msg
from tests.dialogs.conftest import ChatDriver, key_text


async def _to_title(chat: ChatDriver, language: Language) -> None:
    await chat.command("start")
    if language == "en":
        await chat.text("english please")
    await chat.text("Hildesheim")
    await chat.text("VHS")
    await chat.text("Pflegekräfte aus dem Ausland")
    await chat.text(
        "Wir wollen berufsbegleitende Deutschkurse mit Fachsprache für Pflegekräfte aus dem "
        "Ausland anbieten, zusammen mit Pflegeheimen der Region."
    )
    assert (await chat.state()).step == "title"


@pytest.mark.parametrize(
    ("language", "question", "title"),
    [
        ("de", "Was meinen Sie mit Titel?", "Deutsch für die Pflege"),
        ("de", "Was ist damit gemeint?", "Deutsch im Beruf"),
        ("en", "what do you mean by title?", "English for nurses"),
    ],
)
async def test_a_question_about_the_question_is_explained_not_stored(
    chat: ChatDriver, language: Language, question: str, title: str
) -> None:
    await _to_title(chat, language)
    reply = await chat.text(question)
    state = await chat.state()
    assert state.step == "title" and "title" not in state.answers
    assert key_text("sponsor.title.help", language) in reply, "the question's help answers it"
    await chat.text(title)
    state = await chat.state()
    assert state.answers["title"].text == title, "a title naming a language is a title"
    assert state.language == language, "and no request to switch"


async def test_a_plain_language_request_still_switches(chat: ChatDriver) -> None:
    await chat.command("start")
    reply = await chat.text("Können wir das auf Englisch machen?")
    assert key_text("sponsor.region.prompt", "en") in reply


async def test_who_writes_in_passing_answers_the_organisation(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text(
        "Sehr geehrte Damen und Herren, die Stadt Bückeburg beabsichtigt, ab dem 01.07.2027 ein "
        "Projekt zur Berufsorientierung für Schülerinnen und Schüler der Oberschulen "
        "durchzuführen. Die Gesamtkosten belaufen sich auf 75.000 €."
    )
    state = await chat.state()
    assert state.answers["organisation"].value == "municipality"
    assert {"region", "idea", "costs", "start", "target_group"} <= set(state.answers)
    assert state.step == "title"


def test_the_explanation_reads_in_both_languages() -> None:
    for language in ("de", "en"):
        text = key_text(
            "sponsor.reply.explained",
            language,
            help=Msg("sponsor.title.help"),
            question=Msg("sponsor.title.prompt"),
        )
        assert "{" not in text and key_text("sponsor.title.help", language) in text
