"""A value read from a typed answer is shown back with a button to correct it, at the question
that asked for it too, so a misreading is never stored unseen (#12); a tapped choice is not
read and not echoed."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import ChatDriver, key_text


async def test_a_typed_title_is_shown_with_its_correction_button(chat: ChatDriver) -> None:
    await chat.command("start")
    for answer in (
        "Hameln",
        "Verein",
        "Geflüchtete",
        "Wir bieten geflüchteten Menschen ein bezahltes Praktikum in Pflegeheimen mit "
        "begleitendem Deutschkurs an, zusammen mit dem Jobcenter.",
    ):
        await chat.text(answer)
    reply = await chat.text("ja, „Fahr los“")
    assert (await chat.state()).answers["title"].value == "Fahr los"
    assert "Fahr los" in reply
    assert "fix:title" in chat.actions
    await chat.press("fix:title", "costs")
    assert (await chat.state()).step == "title", "one tap back to the question"


@pytest.mark.parametrize(
    ("step_answers", "typed", "shown", "fix"),
    [
        ((), "Hameln", "Hameln", "fix:region"),
        (("Hameln",), "Kita-Träger", "Sonstige", "fix:organisation"),
        (("Hameln", "Verein"), "Altenpflegehelferinnen", "Beschäftigte", "fix:target_group"),
    ],
)
async def test_what_was_read_is_said(
    chat: ChatDriver, step_answers: tuple[str, ...], typed: str, shown: str, fix: str
) -> None:
    await chat.command("start")
    for answer in step_answers:
        await chat.text(answer)
    reply = await chat.text(typed)
    assert shown in reply
    assert fix in chat.actions


async def test_a_tapped_choice_is_not_echoed(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text("Hameln")
    reply = await chat.press("pick:0", "organisation")
    assert (await chat.state()).answers["organisation"].value == "education"
    assert key_text("sponsor.target_group.prompt") in reply
    assert not any(action.startswith("fix:") for action in chat.actions)


async def test_a_not_yet_sentence_is_no_title(chat: ChatDriver) -> None:
    await chat.command("start")
    for answer in ("Hameln", "Verein", "Frauen"):
        await chat.text(answer)
    await chat.text(
        "Wir bieten Frauen ein bezahltes Praktikum in Pflegeheimen mit begleitendem "
        "Deutschkurs an, zusammen mit dem Jobcenter."
    )
    reply = await chat.text("da sind wir noch am überlegen")
    state = await chat.state()
    assert "title" not in state.answers and state.step == "costs"
    assert key_text("sponsor.understood.skipped") in reply
