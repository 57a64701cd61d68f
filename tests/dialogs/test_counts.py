"""Counts read as numbers with their noun: "1 Monat", never "1 Monate"; "1 month", never
"1 months" — in the summary, the notes, the pre-check, the privacy texts and the sketch."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.advice.eligibility import check
from bot.advice.facts import ProjectFacts
from bot.base.yearmonth import YearMonth
from bot.clock import FixedClock
from bot.core.answers import facts_from_answers
from bot.dialogs.engine import DialogEngine
from bot.export.sketch import Item, build_sketch
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KbError, KnowledgeError
from bot.kb.report import describe_failure
from bot.runtime import build_runtime
from bot.texts.catalog import LANGUAGES, Language, Msg, load_catalogue, render
from bot.texts.formats import Count
from bot.understanding.places import InRegion
from tests.dialogs.conftest import (
    TODAY,
    ChatDriver,
    DialogDriver,
    complete,
    settings_for,
    walk_to,
)


def nouns() -> set[str]:
    return {key.split(".")[1] for key in load_catalogue("de") if key.startswith("count.")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_noun_has_both_forms_and_one_is_singular(language: Language) -> None:
    catalogue = load_catalogue(language)
    assert {"months", "years", "drafts"} <= nouns()
    for noun in nouns():
        assert {f"count.{noun}.one", f"count.{noun}.many"} <= set(catalogue)
        one, two, none = (Count(n, noun).localize(language) for n in (1, 2, 0))
        assert one.startswith("1 ") and two.startswith("2 ") and none.startswith("0 ")
        assert one[2:] != two[2:], (noun, one, two)
        assert none[2:] == two[2:], "zero takes the plural"


def test_the_forms_in_both_languages() -> None:
    assert [Count(n, "months").localize("de") for n in (1, 24)] == ["1 Monat", "24 Monate"]
    assert [Count(n, "months").localize("en") for n in (1, 24)] == ["1 month", "24 months"]
    assert Count(24, "months_dative").localize("de") == "24 Monaten"
    assert [Count(n, "years").localize("en") for n in (1, 3)] == ["1 year", "3 years"]


@pytest.mark.parametrize(
    ("language", "line", "wrong"),
    [("de", "• Laufzeit: 1 Monat\n", "1 Monate"), ("en", "• Duration: 1 month\n", "1 months")],
)
def test_the_summary_says_one_month(
    engine: DialogEngine, language: Language, line: str, wrong: str
) -> None:
    driver = DialogDriver.started(engine, language)
    complete(driver, {"duration": "1 Monat"})
    assert line in driver.plain + "\n"
    assert wrong not in driver.plain


@pytest.mark.parametrize(
    ("language", "expected"), [("de", "Laufzeit 1 Monat."), ("en", "duration 1 month.")]
)
def test_a_period_of_one_month_is_noted_in_the_singular(
    engine: DialogEngine, language: Language, expected: str
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "duration")
    assert expected in driver.answer("01/2027 bis 01/2027")


def test_the_pre_check_counts_allowed_months_in_the_singular(kb: KnowledgeBase) -> None:
    facts = ProjectFacts(
        place=InRegion("hildesheim", "hildesheim", "Hildesheim"),
        target_group_text="Frauen",
        description="Coaching",
        costs_eur=300_000,
        start=YearMonth(2028, 12),
        duration_months=24,
    )
    reasons = {
        language: [render(r, language) for r in check(facts, kb, TODAY.date()).reasons]
        for language in LANGUAGES
    }
    assert any("höchstens 1 Monat laufen" in r for r in reasons["de"]), reasons["de"]
    assert any("24 Monaten" in r for r in reasons["de"]), "dative after 'bei … und'"
    assert any("at most 1 month" in r for r in reasons["en"]), reasons["en"]
    too_long = replace(facts, start=YearMonth(2027, 1), duration_months=40)
    text = " ".join(render(r, "de") for r in check(too_long, kb, TODAY.date()).reasons)
    assert "Die Laufzeit (40 Monate) ist länger als erlaubt (höchstens 36 Monate)" in text


@pytest.mark.parametrize(("language", "expected"), [("de", "1 Monat"), ("en", "1 month")])
def test_the_sketch_says_one_month(
    engine: DialogEngine, kb: KnowledgeBase, language: Language, expected: str
) -> None:
    driver = DialogDriver.started(engine)
    complete(driver, {"duration": "1 Monat"})
    advice = engine.advisor.advise(facts_from_answers(driver.state.answers), TODAY.date())
    sketch = build_sketch(driver.state, advice, kb, language, None, created=TODAY)
    durations = [
        block.value
        for block in sketch.section("timeline").blocks
        if isinstance(block, Item) and block.label in ("Laufzeit", "Duration")
    ]
    assert durations == [expected]


async def test_privacy_texts_count_months_and_drafts(tmp_path: Path) -> None:
    settings = settings_for(tmp_path).model_copy(update={"retention_months": 1})
    runtime = await build_runtime(settings, FixedClock(TODAY))
    try:
        chat = ChatDriver.of(runtime)
        await chat.command("start")
        privacy = await chat.command("privacy")
        assert "die 1 Monat lang unverändert bleiben" in privacy
        await chat.command("delete")
        erased = await chat.press("session:erase")
        assert "Gelöscht: 1 Entwurf und alle" in erased
    finally:
        await runtime.close()


def test_one_knowledge_problem_is_one_problem() -> None:
    error = KnowledgeError([KbError("rules.yaml", Msg("kb.error.missing"))])
    assert describe_failure(error, "de").startswith("Wissensbasis ungültig: 1 Problem.")
    assert describe_failure(error, "en").startswith("Knowledge base invalid: 1 problem.")
