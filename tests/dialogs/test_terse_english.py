"""Terse English answers in a German dialog (#12 point 5): one word an answer ("company",
"refugees") gives no opening message to tell the language by. The second answer in a row that
reads as English switches to English, as an English first message does: said, with one tap back
to German, which chooses German for good. German answers full of loanwords stay German."""

from __future__ import annotations

from tests.dialogs.conftest import ChatDriver, key_text


async def test_the_second_terse_english_answer_switches_with_a_tap_back(
    chat: ChatDriver,
) -> None:
    await chat.command("start")
    await chat.text("hildesheim")
    await chat.text("company")
    assert (await chat.state()).language == "de", "one answer could be a loanword"
    reply = await chat.text("refugees")
    state = await chat.state()
    assert state.language == "en" and not state.language_chosen
    assert state.answers["target_group"].value["ids"] == ["gefluechtete"], "the answer is kept"
    assert key_text("sponsor.language_detected", "en") in reply
    assert key_text("sponsor.idea.prompt", "en")[:30] in reply
    assert "lang:de" in chat.actions, "one tap back to German"

    back = await chat.press("lang:de", state.step)
    assert key_text("sponsor.language_set", "de") in back
    await chat.text("language course plus internship")
    await chat.text("no")
    await chat.text("50k")
    after = await chat.state()
    assert after.language == "de" and after.language_chosen, "chosen: not switched again"
    assert "lang:en" not in chat.actions


async def test_german_answers_with_loanwords_stay_german_to_the_end(chat: ChatDriver) -> None:
    await chat.command("start")
    for text in (
        "Hannover",
        "Startup",
        "Azubis",
        "Coaching und Workshops im Team",
        "nein",
        "30k",
        "Juni 2027",
        "1 Jahr",
        "Jobcenter",
    ):
        await chat.text(text)
        assert "lang:en" not in chat.actions, text
    state = await chat.state()
    assert state.language == "de" and state.step == "summary"


async def test_a_german_answer_between_two_english_ones_switches_nothing(
    chat: ChatDriver,
) -> None:
    await chat.command("start")
    await chat.text("Hameln")
    await chat.text("company")
    await chat.text("Langzeitarbeitslose")
    await chat.text("job coaching plus internships")
    state = await chat.state()
    assert state.language == "de", "no two English answers in a row"
    assert state.step == "title"
