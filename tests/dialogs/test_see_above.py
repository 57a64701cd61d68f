"""A reference back ("siehe Projektidee", "steht oben") is read from the earlier answer it
points to, shown back for correction, and never stored as the answer itself (#12)."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import ChatDriver, key_text

FIRST = (
    "Wir sind ein Verein aus Hameln und wollen kleine Handwerksbetriebe bei der Personalsuche "
    "und beim Ausbildungsmarketing unterstützen, mit Workshops und einer Karriereseite."
)


@pytest.mark.parametrize("reference", ["siehe Projektidee", "steht doch oben", "see above"])
async def test_a_reference_to_the_idea_answers_the_target_groups(
    chat: ChatDriver, reference: str
) -> None:
    await chat.command("start")
    await chat.text(FIRST)
    state = await chat.state()
    assert "idea" in state.answers and "target_group" not in state.answers
    assert state.step == "target_group"
    reply = await chat.text(reference)
    state = await chat.state()
    assert state.step != "target_group", "not stuck at the question"
    answer = state.answers["target_group"]
    assert answer.value["ids"] == ["unternehmen"]
    assert reference not in answer.text
    assert "Unternehmen (KMU)" in reply, "what was read is shown"
    assert "fix:target_group" in chat.actions, "and can be corrected with one tap"


async def test_a_reference_to_the_idea_before_it_was_asked_asks_the_idea_first(
    chat: ChatDriver,
) -> None:
    """ "siehe Projektidee" at the target groups, asked before the idea: the idea now, the
    groups read from it; what it does not say is asked after it."""
    await chat.command("start")
    await chat.text("Hameln")
    await chat.text("Verein")
    reply = await chat.text("siehe Projektidee")
    state = await chat.state()
    assert state.step == "idea" and "target_group" not in state.answers
    assert key_text("sponsor.reply.idea_first") in reply
    assert key_text("sponsor.idea.prompt") in reply
    reply = await chat.text(
        "Wir wollen Berufsrückkehrerinnen und Ältere, die länger arbeitslos sind, als "
        "Betreuungskräfte in Kitas und Pflege qualifizieren"
    )
    state = await chat.state()
    assert {"berufsrueckkehrende", "aeltere"} <= set(state.answers["target_group"].value["ids"])
    assert "fix:target_group" in chat.actions, "shown, correctable"
    assert state.step == "title"


async def test_a_put_off_question_is_asked_after_the_idea_if_it_said_nothing(
    chat: ChatDriver,
) -> None:
    await chat.command("start")
    await chat.text("Hameln")
    await chat.text("Verein")
    await chat.text("siehe Projektidee")
    reply = await chat.text(
        "Ein gemeinsames Portal für Praktikumsplätze im Landkreis, mit einer Messe im Herbst "
        "und einer App, die freie Plätze anzeigt"
    )
    state = await chat.state()
    assert state.step == "target_group" and "target_group" not in state.answers
    assert key_text("sponsor.target_group.prompt") in reply


async def test_a_reference_reads_the_people_and_leaves_the_partners(chat: ChatDriver) -> None:
    """The answer pointed to names whom the sponsor works for beside whom they work with: the
    people are the answer; the schools and companies are partners (#12, wave 6)."""
    await chat.command("start")
    await chat.text("Hameln")
    await chat.text(
        "Bildungsträger, wir arbeiten mit Schulen und Betrieben und begleiten Langzeitarbeitslose"
    )
    state = await chat.state()
    assert state.step == "target_group" and "target_group" not in state.answers
    await chat.text("steht doch oben")
    state = await chat.state()
    assert state.answers["target_group"].value["ids"] == ["arbeitslose"]
