"""The dialog answers questions back as people ask them and never stores them (#12 point 3,
wave 8, understand12j): a question asked with the answer is answered while the answer is
taken; questions without a question mark, a bare "why" and a question to the bot that the FAQ
cannot answer are answered, and the open question asked again; further non-answers."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.dialogs.sourced import faq_source
from bot.kb.knowledge import KnowledgeBase
from bot.kb.models import FaqEntry
from bot.texts.catalog import Language, load_catalogue
from tests.dialogs.conftest import DialogDriver, key_text, walk_to


def _entry(kb: KnowledgeBase, topic: str) -> FaqEntry:
    return next(e for e in kb.faq if e.id == topic)


def _answers(reply: str, entry: FaqEntry, language: Language) -> bool:
    answer = entry.answer if language == "de" else entry.answer_en
    shown = faq_source(entry.source)
    return " ".join(answer.split())[:80] in " ".join(reply.split()) and shown in reply


WITH_AN_ANSWER = [
    ("costs", "120.000 – zählen da die Personalkosten eigentlich mit rein?", 120_000, "de"),
    ("costs", "about 200k, does that include staff costs?", 200_000, "en"),
    ("duration", "2 Jahre, oder ist das zu lang?", 24, "de"),
    ("duration", "18 months, or is that too long?", 18, "en"),
    ("duration", "24 Monate, geht das?", 24, "de"),
    ("duration", "12 months - is that ok?", 12, "en"),
]


@pytest.mark.parametrize(("step", "text", "value", "language"), WITH_AN_ANSWER)
def test_a_question_asked_with_the_answer_is_answered_and_the_answer_taken(
    engine: DialogEngine, kb: KnowledgeBase, step: str, text: str, value: int, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, step, {"costs": "300.000"})
    reply = driver.text(text)
    topic = "total_costs" if step == "costs" else "duration_rules"
    assert _answers(reply, _entry(kb, topic), language)
    assert driver.value(step) == value
    stored = driver.state.answers[step].text
    assert "?" not in stored and text.startswith(stored)
    assert driver.step != step


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Zählen Personalkosten mit? Dann sind es 120.000 €.", "de"),
        ("Does that include staff costs? Then it's 120,000 euros.", "en"),
    ],
)
def test_a_question_asked_before_the_answer_is_answered_and_the_answer_taken(
    engine: DialogEngine, kb: KnowledgeBase, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "costs")
    reply = driver.text(text)
    assert _answers(reply, _entry(kb, "total_costs"), language)
    assert driver.value("costs") == 120_000
    assert "?" not in driver.state.answers["costs"].text


def test_a_place_asked_about_is_taken_and_the_region_explained(
    engine: DialogEngine, kb: KnowledgeBase
) -> None:
    driver = DialogDriver.started(engine, "de")
    reply = driver.text("Bückeburg – gehört das überhaupt zu euch?")
    assert _answers(reply, _entry(kb, "region"), "de")
    assert driver.state.answers["region"].text == "Bückeburg"
    assert driver.step == "organisation"


ASKED_PLAINLY = [
    ("title", "mich würde interessieren, wer am Ende entscheidet", "who_decides", "de"),
    ("title", "I'd like to know who makes the final decision on this", "who_decides", "en"),
    ("cofinancing", "wie hoch muss der eigenanteil sein", "own_share", "de"),
    ("cofinancing", "what do you mean by co-financing", "own_share", "en"),
    (
        "organisation",
        "ich wüsste gern ob wir als Verein antragsberechtigt sind",
        "applicants",
        "de",
    ),
    ("target_group", "whats the local alliance for", "local_alliance", "en"),
    ("costs", "wozu brauchen Sie das", "total_costs", "de"),
    ("costs", "why do you need that?", "total_costs", "en"),
    ("region", "wieso?", "region", "de"),
    ("duration", "warum fragen Sie das", "duration_rules", "de"),
]


@pytest.mark.parametrize(("step", "text", "topic", "language"), ASKED_PLAINLY)
def test_a_question_asked_plainly_is_answered_and_the_question_asked_again(
    engine: DialogEngine, kb: KnowledgeBase, step: str, text: str, topic: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, step, {"costs": "300.000"})
    reply = driver.text(text)
    assert _answers(reply, _entry(kb, topic), language)
    assert key_text(f"sponsor.{step}.prompt", language) in reply
    assert driver.step == step and step not in driver.state.answers


@pytest.mark.parametrize(
    ("step", "text", "language"),
    [
        ("title", "wer ist denn bei der NBank unser Ansprechpartner", "de"),
        ("cofinancing", "Bekommen wir das Geld vorab oder müssen wir in Vorleistung gehen?", "de"),
        ("title", "who is our contact person at NBank?", "en"),
    ],
)
def test_a_question_to_the_bot_no_entry_answers_is_never_taken_for_a_free_text(
    engine: DialogEngine, step: str, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, step, {"costs": "300.000"})
    reply = driver.text(text)
    unanswered = load_catalogue(language)["sponsor.reply.unanswered"].split("{")[0].strip()
    assert unanswered in reply and ("/mensch" in reply or "/human" in reply)
    assert driver.step == step and step not in driver.state.answers


def test_a_question_as_a_title_stays_a_title(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "title", {"costs": "300.000"})
    driver.text("Wer pflegt morgen?")
    assert driver.state.answers["title"].text.startswith("Wer pflegt morgen")


@pytest.mark.parametrize(
    ("step", "text", "language"),
    [
        ("organisation", "dazu kann ich nix sagen", "de"),
        ("cofinancing", "das entscheidet der Vorstand erst noch", "de"),
        ("cofinancing", "no clue tbh", "en"),
    ],
)
def test_further_non_answers_at_an_optional_question_skip_it(
    engine: DialogEngine, step: str, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, step, {"costs": "300.000"})
    reply = driver.text(text)
    assert driver.step != step and step not in driver.state.answers
    assert key_text("sponsor.understood.skipped", language) in reply


def test_a_statement_with_a_question_word_is_the_answer(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    walk_to(driver, "costs")
    driver.text("wieviel genau weiß ich nicht, so um die 80.000")
    assert driver.value("costs") == 80_000


@pytest.mark.parametrize(
    ("text", "language"),
    [("Müssen wir am Ende einen Bericht schreiben?", "de"), ("is there an evaluation?", "en")],
)
def test_what_comes_after_the_approval_is_answered_from_the_strategy(
    engine: DialogEngine, kb: KnowledgeBase, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "duration")
    reply = driver.text(text)
    entry = _entry(kb, "after_approval")
    assert _answers(reply, entry, language) and "Kap. 5" in entry.source
    assert driver.step == "duration" and "duration" not in driver.state.answers


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Wir sind ein Bildungsträger aus Hameln und wollen Geflüchtete in die Pflege "
            "bringen. Wie hoch ist eigentlich die Förderquote?",
            "de",
        ),
        (
            "We are a training provider in Hameln and want to bring refugees into care jobs. "
            "What is the funding rate?",
            "en",
        ),
    ],
)
def test_a_first_message_that_says_everything_and_asks_keeps_all_it_says(
    engine: DialogEngine, kb: KnowledgeBase, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    reply = driver.text(text)
    assert _answers(reply, _entry(kb, "own_share"), language)
    answers = driver.state.answers
    assert {"region", "organisation", "target_group", "idea"} <= set(answers)
    assert all("?" not in answer.text for answer in answers.values())
    assert driver.step == "title"
