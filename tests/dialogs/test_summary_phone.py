"""The summary as a careful adviser writes it on a phone: in one Telegram message for a typical
idea, the verdict first and the details after, each fact once, every statement still with its
source (a source shared by several lines said once below them)."""

from __future__ import annotations

import pytest

from bot.adapters.telegram.render import reply_html, split_html
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sourced import sourced_once
from bot.texts.catalog import Language, Msg
from bot.texts.markup import to_plain
from tests.dialogs.conftest import DialogDriver, walk_to

IDEA = {
    "de": (
        "Geflüchtete Frauen machen ein bezahltes Praktikum in Pflegeheimen und bekommen dazu "
        "einen berufsbezogenen Deutschkurs, zusammen mit dem Jobcenter."
    ),
    "en": (
        "Refugee women do a paid internship in care homes with a job-related German course, "
        "together with the job centre."
    ),
}
HEADINGS = {
    "de": (
        "Vorprüfung",
        "Hinweise",
        "So geht es weiter",
        "Ihr erster Ansprechpartner",
        "Wichtige Termine",
        "Passende Handlungsschwerpunkte",
        "Ähnliche Projekte aus der Strategie",
        "Ihre Angaben",
        "Stand der Wissensbasis",
    ),
    "en": (
        "Pre-check",
        "Notes",
        "Next steps",
        "Your first contact",
        "Key dates",
        "Fitting action fields",
        "Similar projects from the strategy",
        "Your answers",
        "Knowledge base as of",
    ),
}


def typical(driver: DialogDriver) -> DialogDriver:
    """Every question answered, a start soon (the lead-time hint) and a look-alike project in
    the same district (the Doppelstruktur warning): the summary at its usual longest."""
    language = driver.language
    walk_to(
        driver,
        "summary",
        {
            "region": "Sarstedt",
            "target_group": "Geflüchtete Frauen" if language == "de" else "Refugee women",
            "idea": IDEA[language],
            "title": "Pflegebrücke Hildesheim",
            "costs": "380.000 €",
            "start": "01/2027",
            "duration": "2 Jahre",
        },
    )
    return driver


@pytest.fixture(params=["de", "en"])
def language(request: pytest.FixtureRequest) -> Language:
    language: Language = request.param
    return language


def test_a_typical_summary_is_one_telegram_message(
    engine: DialogEngine, language: Language
) -> None:
    driver = typical(DialogDriver.started(engine, language))
    said = driver.plain
    assert "⏰" in said  # the lead-time hint
    assert ("Doppelstruktur" if language == "de" else "duplicate structure") in said
    assert len(split_html(reply_html(driver.reply, language))) == 1


def test_the_verdict_comes_first_and_the_details_after(
    engine: DialogEngine, language: Language
) -> None:
    summary = typical(DialogDriver.started(engine, language)).plain
    paragraphs = summary.split("\n\n")
    found = [
        next(i for i, p in enumerate(paragraphs) if p.startswith(heading))
        for heading in HEADINGS[language]
    ]
    assert found == sorted(found), list(zip(HEADINGS[language], found, strict=True))


def test_each_fact_is_said_once(engine: DialogEngine) -> None:
    german = typical(DialogDriver.started(engine, "de")).plain
    for fact in (
        "Doppelstruktur",  # the look-alike project's warning
        "mindestens 2-mal im Jahr",  # the steering group's meetings (the next steps)
        "Koordinierungsstelle des Fachkräftebündnisses Leine-Weser",  # the contacts
        "berät Sie schon im Vorfeld",  # the local alliance (the first step)
        "01/2029",  # the report's month (the key dates; the steps say the rule)
    ):
        assert german.count(fact) == 1, fact
    assert "zweimal im Jahr" not in german
    english = typical(DialogDriver.started(engine, "en")).plain
    for fact in ("duplicate structure", "at least 2 times a year", "advise you beforehand"):
        assert english.count(fact) == 1, fact


def lines(*items: tuple[str, str]) -> list[str]:
    shown = to_plain(Msg("summary.next_steps", {"items": sourced_once(items)}), "de")
    return shown.splitlines()[1:]  # below the heading


def test_a_source_shared_by_several_lines_is_said_once_below_them() -> None:
    assert lines(("1. a", "Strategie Kap. 5"), ("2. b", "Strategie Kap. 5")) == [
        "1. a",
        "2. b",
        "  Quelle: Strategie Kap. 5",
    ]
    assert lines(
        ("1. a", "Strategie Kap. 5"),
        ("2. b", "Strategie Kap. 5; Strategie Kap. 6"),
        ("3. c", "Strategie Kap. 5"),
    ) == [
        "1. a",
        "2. b",
        "  Quelle: Strategie Kap. 5; Kap. 6",
        "3. c",
        "  Quelle: Strategie Kap. 5 (übrige Schritte)",
    ]
    # nothing shared: each line with its own
    assert lines(("1. a", "Strategie Kap. 5"), ("2. b", "Strategie Kap. 6")) == [
        "1. a",
        "  Quelle: Strategie Kap. 5",
        "2. b",
        "  Quelle: Strategie Kap. 6",
    ]
    assert to_plain(Msg("summary.next_steps", {"items": sourced_once(())}), "de").strip() == (
        "So geht es weiter"
    )
