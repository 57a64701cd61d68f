"""The dialog (#12 points 1 and 5): a first message that asks for a language and says more
("Hi, do you speak English? We're an IT training company in Hanover.") switches the language
AND is read like any first message: what it answers is shown with a button to correct it, and
only what is missing is asked. A short answer that looks English ("for refugees", "about
200k", "charity") in a German dialog nobody chose a language for gets English offered with
one tap; German answers with English words ("Startup", "Fit for Future") do not."""

from __future__ import annotations

import pytest

from bot.texts.catalog import Language
from tests.dialogs.conftest import ChatDriver, key_text


@pytest.mark.parametrize(
    ("message", "language", "place", "organisation"),
    [
        (
            "Hi, do you speak English? We're a small IT training company in Hanover.",
            "en",
            "Region Hannover",
            "education",
        ),
        (
            "Hello! Could we do this in English please? We are a small youth charity based in "
            "Hameln.",
            "en",
            "Hameln",
            "other",
        ),
        (
            "English please. We are a Verein in Nienburg.",
            "en",
            "Nienburg",
            "other",
        ),
        (
            "Moin, geht das auch auf Deutsch? Wir sind ein Sportverein aus Stadthagen.",
            "de",
            "Stadthagen",
            "other",
        ),
    ],
)
async def test_a_language_request_with_who_and_where_keeps_both(
    chat: ChatDriver, message: str, language: Language, place: str, organisation: str
) -> None:
    await chat.command("start")
    reply = await chat.text(message)
    state = await chat.state()
    assert state.language == language and state.language_chosen, "asked for: chosen"
    assert state.answers["region"].value["kind"] == "in_region"
    assert state.answers["organisation"].value == organisation
    assert state.step == "target_group", "neither is asked again"
    assert place in reply
    assert {"fix:region", "fix:organisation"} <= set(chat.actions), "each can be corrected"
    assert key_text("sponsor.target_group.prompt", language)[:30] in reply


async def test_a_request_with_a_whole_project_asks_only_what_is_missing(
    chat: ChatDriver,
) -> None:
    await chat.command("start")
    reply = await chat.text(
        "hi do you speak english? we are an education provider in Nienburg and would like to "
        "offer evening German classes for foreign nurses from April 2027 for 18 months, "
        "total costs around 150k"
    )
    state = await chat.state()
    assert state.language == "en"
    assert {"region", "organisation", "target_group", "idea", "costs", "start", "duration"} <= (
        set(state.answers)
    )
    assert state.answers["costs"].value == 150_000
    assert state.answers["duration"].value == 18
    assert state.step == "title", "only the title and what follows it are left"
    assert "150,000" in reply or "150.000" in reply


async def test_a_request_alone_still_only_switches(chat: ChatDriver) -> None:
    await chat.command("start")
    reply = await chat.text("Hi, do you speak English?")
    state = await chat.state()
    assert state.language == "en" and state.answers == {}
    assert key_text("sponsor.language_set", "en") in reply
    assert key_text("sponsor.region.prompt", "en")[:30] in reply


async def test_naming_a_language_in_a_statement_is_no_request(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text("Hildesheim")
    await chat.text("Verein")
    await chat.text("Pflegekräfte aus dem Ausland")
    await chat.text(
        "Wir bieten Pflegekräften aus dem Ausland Kurse an. Die Kurse sind auf Englisch und "
        "Deutsch, bitte mit Kinderbetreuung, damit auch Eltern teilnehmen können."
    )
    state = await chat.state()
    assert state.language == "de"
    assert "idea" in state.answers


@pytest.mark.parametrize(
    ("before", "short"),
    [
        (["Hameln"], "charity"),
        (["Hameln", "association"], "for refugees"),
        (["Hameln", "association", "Geflüchtete"], "job coaching for young refugees"),
    ],
)
async def test_a_short_english_answer_offers_english_with_one_tap(
    chat: ChatDriver, before: list[str], short: str
) -> None:
    await chat.command("start")
    for text in before:
        await chat.text(text)
    reply = await chat.text(short)
    assert "lang:en" in chat.actions, reply
    state = await chat.state()
    assert state.language == "de", "offered, not switched"
    switched = await chat.press("lang:en", state.step)
    after = await chat.state()
    assert after.language == "en" and after.step == state.step
    assert key_text("sponsor.language_set", "en") in switched


async def test_about_200k_at_the_costs_offers_english(chat: ChatDriver) -> None:
    await chat.command("start")
    for text in ("Hameln", "Verein", "Geflüchtete"):
        await chat.text(text)
    await chat.text(
        "Wir wollen Sprachcafés und Bewerbungstraining für Geflüchtete in Hameln anbieten, "
        "zusammen mit Betrieben."
    )
    await chat.text("nein")
    assert (await chat.state()).step == "costs"
    await chat.text("about 200k")
    state = await chat.state()
    assert state.answers["costs"].value == 200_000
    assert "lang:en" in chat.actions


@pytest.mark.parametrize(
    ("answers", "last"),
    [
        (["Hannover"], "Startup"),
        (["Hannover", "Verein"], "Azubis"),
        (["Hannover", "IT-Firma", "Azubis"], "Coaching und Workshops für Azubis"),
    ],
)
async def test_short_german_answers_with_english_words_offer_nothing(
    chat: ChatDriver, answers: list[str], last: str
) -> None:
    await chat.command("start")
    for text in answers:
        await chat.text(text)
    await chat.text(last)
    assert "lang:en" not in chat.actions
    assert (await chat.state()).language == "de"


async def test_an_english_title_offers_nothing(chat: ChatDriver) -> None:
    await chat.command("start")
    for text in ("Hannover", "Startup", "Azubis"):
        await chat.text(text)
    await chat.text("Wir wollen Coaching und Workshops für Azubis in kleinen Betrieben anbieten.")
    assert (await chat.state()).step == "title"
    await chat.text("Fit for Future")
    assert "lang:en" not in chat.actions
    assert (await chat.state()).answers["title"].text == "Fit for Future"


async def test_once_german_is_chosen_a_short_english_answer_offers_nothing(
    chat: ChatDriver,
) -> None:
    await chat.command("start")
    await chat.text("Deutsch bitte")
    await chat.text("Hameln")
    await chat.text("charity")
    assert "lang:en" not in chat.actions


@pytest.mark.parametrize(
    ("message", "answer"),
    [
        ("Hello, could we do this in English? What is the own share?", "own share"),
        ("Hallo, geht das auf Englisch? Wer entscheidet über die Förderung?", "steering group"),
    ],
)
async def test_a_request_with_a_question_switches_and_answers_it(
    chat: ChatDriver, message: str, answer: str
) -> None:
    await chat.command("start")
    reply = await chat.text(message)
    state = await chat.state()
    assert state.language == "en" and state.answers == {}
    assert key_text("sponsor.language_set", "en") in reply
    assert answer in reply, "the question is answered, not dropped"
    assert key_text("sponsor.region.prompt", "en")[:30] in reply, "and the question asked again"


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("Wir sind ein Verein in Hameln und bieten Kurse auf Englisch an", "de"),
        ("We are a charity in Hameln and run our courses in German", "en"),
    ],
)
async def test_a_first_message_naming_the_courses_language_keeps_the_dialogs_language(
    chat: ChatDriver, message: str, language: Language
) -> None:
    """What the courses are taught in is no request to switch: the place is read, the language
    stays the one the sponsor writes in."""
    await chat.command("start")
    await chat.text(message)
    state = await chat.state()
    assert state.language == language
    assert state.answers["region"].value["kind"] == "in_region"
