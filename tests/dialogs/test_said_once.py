"""What a message was read as is said once in a reply (review11): where the "Verstanden: …"
line names an answer, the parser's own "„90k“ verstanden als 90.000 €" is not said as well."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from bot.texts.formats import Lines, Sentence
from tests.dialogs.conftest import DialogDriver, key_text, walk_to

CASES = [
    # the answer to the question asked, with another one in the same message
    ("costs", "250.000 für 3 Jahre", "de", "250.000 €"),
    ("costs", "about 200k for 2 years", "en", "EUR 200,000"),
    # an answer to a later question, given at another one
    ("title", "Handwerk-Chance, Kosten rund 90.000 €", "de", "90.000 €"),
]


@pytest.mark.parametrize(("step", "text", "language", "amount"), CASES)
def test_an_amount_read_with_other_answers_is_said_once(
    engine: DialogEngine, step: str, text: str, language: Language, amount: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, step, {})
    reply = driver.text(text)
    said = key_text("sponsor.understood.said", language, items="", notes="").split(":")[0]
    assert said in reply, reply
    assert reply.count(amount) == 1, reply


def test_an_amount_alone_is_still_said_back(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "costs", {})
    reply = driver.text("ca 180.000")
    assert key_text("understanding.money.understood", text="ca 180.000", amount="180.000 €") in (
        reply
    ), reply


OPENING = "Hi, we're a small IT company and want to train older workers in digital skills"


def test_a_sentence_without_a_place_is_not_quoted_as_an_unknown_place(
    engine: DialogEngine,
) -> None:
    driver = DialogDriver.started(engine, "de")
    reply = driver.text(OPENING)
    question = key_text("sponsor.region.prompt", "en")
    assert key_text("sponsor.region.none_in_message", "en", question=question) in reply, reply
    assert "as a place in Lower Saxony" not in reply
    assert driver.step == "region"


def test_a_place_misspelt_in_the_opening_is_said_back_not_asked_again(
    engine: DialogEngine,
) -> None:
    driver = DialogDriver.started(engine, "de")
    reply = driver.text(OPENING.replace("company", "company in Hildeshiem"))
    assert "Landkreis Hildesheim" in reply, reply
    assert driver.step != "region"


@pytest.mark.parametrize("text", ["Digital 50+", "Hintertupfingen"])
def test_an_unknown_name_is_quoted_back(engine: DialogEngine, text: str) -> None:
    """A name the places do not know is quoted: the sponsor sees which word was not found."""
    driver = DialogDriver.started(engine, "de")
    reply = driver.text(text)
    assert f"„{text}“" in reply, reply
    assert key_text("sponsor.region.none_in_message", question="").strip() not in reply


def test_a_long_idea_said_back_is_cut_after_a_whole_word(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "en")
    opening = OPENING.replace("Hildeshiem", "Hildesheim")
    reply = driver.text(opening)
    idea = " ".join(opening.split()[1:])
    shown = next(line for line in reply.splitlines() if "Project idea" in line)
    said = shown.split("Project idea ", 1)[1].split(" …")[0]
    assert " …" in shown and idea.startswith(said) and idea[len(said)] == " ", shown


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_understood_line_ends_in_one_stop_and_no_space(
    engine: DialogEngine, language: Language
) -> None:
    """Review 11: "Verstanden: … …. " after an answer cut short, a space before the break."""
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "costs", {})
    reply = driver.text("250.000 für 3 Jahre" if language == "de" else "about 200k for 2 years")
    said = key_text("sponsor.understood.said", language, items="", notes="").split(":")[0]
    line = next(line for line in reply.splitlines() if line.startswith(said))
    assert line.endswith(".") and not line.endswith(" ") and "…." not in line, line


def test_a_sentence_gets_its_stop_once() -> None:
    assert Sentence(Lines(("Ort Hameln", "Titel Pflege…"), ", ")).localize("de") == (
        "Ort Hameln, Titel Pflege…"
    )
    assert Sentence(Lines(("Ort Hameln",))).localize("en") == "Ort Hameln."
    assert Sentence(Lines(("Kosten 1.000 €.",))).localize("de") == "Kosten 1.000 €."
