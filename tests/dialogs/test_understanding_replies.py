"""The dialog's questions read people's replies (#12): non-answers, questions back, costs per
period, a range at the start question, everyday target groups — in German and English."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.dialogs.engine import DialogEngine
from bot.dialogs.sourced import faq_source
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, key_text, walk_to

OPTIONAL_NON_ANSWERS = [
    ("title", "nein", "de"),
    ("title", "noch keinen", "de"),
    ("title", "weiß ich noch nicht", "de"),
    ("cofinancing", "keine Ahnung", "de"),
    ("cofinancing", "kläre ich noch", "de"),
    ("organisation", "möchte ich nicht sagen", "de"),
    ("title", "no title yet", "en"),
    ("cofinancing", "not yet", "en"),
    ("organisation", "rather not say", "en"),
]


@pytest.mark.parametrize(("step", "text", "language"), OPTIONAL_NON_ANSWERS)
def test_a_non_answer_at_an_optional_question_skips_it_without_a_tap(
    engine: DialogEngine, step: str, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, step)
    reply = driver.text(text)
    assert driver.step != step and step not in driver.state.answers
    assert key_text("sponsor.understood.skipped", language) in reply


REQUIRED_NON_ANSWERS = [
    ("region", "nein", "de"),
    ("costs", "weiß ich noch nicht", "de"),
    ("start", "keine Ahnung", "de"),
    ("duration", "noch offen", "de"),
    ("costs", "no idea", "en"),
    ("start", "not sure yet", "en"),
]


@pytest.mark.parametrize(("step", "text", "language"), REQUIRED_NON_ANSWERS)
def test_a_non_answer_at_a_required_question_gets_a_helpful_re_ask(
    engine: DialogEngine, step: str, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, step)
    reply = driver.text(text)
    assert driver.step == step and step not in driver.state.answers
    assert key_text(f"sponsor.reply.required.{step}", language) in reply


QUESTIONS = [
    ("cofinancing", "Was ist denn ein Eigenanteil?", "own_share", "de"),
    ("organisation", "Gilt das auch für uns?", "applicants", "de"),
    ("costs", "Was zählt denn alles zu den Gesamtkosten?", "total_costs", "de"),
    ("title", "wer entscheidet eigentlich über die Förderung?", "who_decides", "de"),
    ("start", "Wie lange dauert denn das Verfahren bis zur Bewilligung?", "procedure_time", "de"),
    ("duration", "Wie lange darf so ein Projekt überhaupt laufen?", "duration_rules", "de"),
    ("region", "which region do you cover?", "region", "en"),
    ("cofinancing", "how much of the costs do we have to pay ourselves?", "own_share", "en"),
]


@pytest.mark.parametrize(("step", "text", "topic", "language"), QUESTIONS)
def test_a_question_back_is_answered_from_the_faq_and_the_question_asked_again(
    engine: DialogEngine, kb: KnowledgeBase, step: str, text: str, topic: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, step)
    reply = driver.text(text)
    entry = next(e for e in kb.faq if e.id == topic)
    answer = entry.answer if language == "de" else entry.answer_en
    assert " ".join(answer.split())[:80] in " ".join(reply.split())
    assert faq_source(entry.source) in reply
    assert key_text(f"sponsor.{step}.prompt", language) in reply
    assert driver.step == step and step not in driver.state.answers


def test_a_question_without_an_answer_says_so_and_is_not_stored(driver: DialogDriver) -> None:
    walk_to(driver, "costs")
    reply = driver.text("Wie ist das Wetter in Hameln?")
    assert "keine verlässliche Antwort" in reply and "/mensch" in reply
    assert driver.step == "costs" and "costs" not in driver.state.answers


@pytest.mark.parametrize(
    ("text", "language", "per_text"),
    [
        ("180.000 € jährlich", "de", "pro Jahr"),
        ("15.000 € im Monat", "de", "pro Monat"),
        ("EUR 250k per year", "en", "a year"),
        ("about 9,000 euros a month", "en", "a month"),
    ],
)
def test_costs_per_period_are_never_the_total_and_the_total_follows_the_duration(
    engine: DialogEngine, text: str, language: Language, per_text: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "costs")
    reply = driver.text(text)
    assert per_text in reply
    stored = driver.value("costs")
    assert isinstance(stored, dict) and "total" not in stored
    walk_to(driver, "duration")
    reply = driver.text("24 Monate" if language == "de" else "24 months")
    amount = stored["amount"]
    assert isinstance(amount, int)
    total = amount * 2 if stored["per"] == "year" else amount * 24
    assert driver.value("costs") == total
    shown = f"{total:,}".replace(",", ".") if language == "de" else f"{total:,}"
    assert shown in reply


def test_costs_per_year_with_the_duration_known_show_the_total(driver: DialogDriver) -> None:
    walk_to(driver, "summary", {"costs": "300.000 €", "duration": "24 Monate"})
    driver.press("summary:edit")
    driver.press("edit:costs")
    reply = driver.text("90.000 € pro Jahr")
    assert driver.value("costs") == 180_000
    assert "180.000 €" in reply


@pytest.mark.parametrize(
    ("text", "language", "start", "months"),
    [
        ("04/2027 bis 03/2029", "de", "2027-04", 24),
        ("von April 2027 bis März 2028", "de", "2027-04", 12),
        ("from April 2027 to March 2028", "en", "2027-04", 12),
        ("ab Februar 2027 für ein Jahr", "de", "2027-02", 12),
    ],
)
def test_a_range_at_the_start_question_sets_start_and_duration(
    engine: DialogEngine, text: str, language: Language, start: str, months: int
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "start")
    driver.text(text)
    assert driver.value("start") == start
    assert driver.value("duration") == months


@pytest.mark.parametrize(
    ("text", "language", "ids"),
    [
        ("Leute, die nach der Ausbildung wegziehen", "de", ["auszubildende"]),
        ("Maler und Tischler, die sich fortbilden wollen", "de", ["beschaeftigte"]),
        ("Pflegeschulen", "de", ["bildungstraeger"]),
        ("refugees", "en", ["gefluechtete"]),
        ("older workers", "en", ["beschaeftigte", "aeltere"]),
        ("school leavers", "en", ["schueler"]),
    ],
)
def test_everyday_target_groups(
    engine: DialogEngine, text: str, language: Language, ids: list[str]
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "target_group")
    driver.text(text)
    value = driver.value("target_group")
    assert isinstance(value, dict) and sorted(value["ids"]) == sorted(ids)


@pytest.mark.parametrize("text", ["hallo", "test", "hi"])
def test_greetings_and_test_words_are_no_target_group(driver: DialogDriver, text: str) -> None:
    walk_to(driver, "target_group")
    reply = driver.text(text)
    assert driver.step == "target_group" and "target_group" not in driver.state.answers
    assert key_text("sponsor.target_group.unclear", text=text) in reply


@pytest.mark.parametrize(
    ("text", "title"),
    [("ja, „Fahr los“", "Fahr los"), ("Arbeitstitel: Personal teilen", "Personal teilen")],
)
def test_a_named_title_is_stored_without_its_label(
    driver: DialogDriver, text: str, title: str
) -> None:
    walk_to(driver, "title")
    driver.text(text)
    assert driver.value("title") == title


def test_yes_alone_asks_for_the_title(driver: DialogDriver) -> None:
    walk_to(driver, "title")
    reply = driver.text("ja")
    assert "title" not in driver.state.answers
    assert key_text("sponsor.title.which") in reply


def test_an_organisation_in_own_words_is_understood(driver: DialogDriver) -> None:
    walk_to(driver, "organisation")
    driver.text("Jugendhilfeträger, hab ich doch geschrieben")
    assert driver.value("organisation") == "care"
    assert driver.state.answers["organisation"].text == "Jugendhilfeträger"


def test_english_please_switches_to_english_and_is_not_taken_as_a_place(
    driver: DialogDriver,
) -> None:
    reply = driver.text("Good morning, could we do this in English?")
    assert driver.step == "region" and "region" not in driver.state.answers
    assert driver.language == "en"
    assert key_text("sponsor.region.prompt", "en") in reply


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(["region", "organisation", "target_group", "title", "costs", "start"]),
    st.text(max_size=200),
)
def test_no_reply_breaks_a_question(engine: DialogEngine, step: str, text: str) -> None:
    driver = DialogDriver.started(engine)
    walk_to(driver, step)
    driver.text(text)
    assert driver.reply.step is not None
