"""German and English: switching mid-dialog, and every text a reply can use exists in both."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.advice.eligibility import Status
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG
from bot.texts.catalog import LANGUAGES, load_catalogue, placeholders
from tests.dialogs.conftest import DialogDriver, complete, key_text, walk_to

BOT = Path(__file__).resolve().parents[2] / "bot"
REPLY_CODE = ("dialogs", "advice", "understanding", "texts", "adapters/terminal.py")
"""Where the replies of the sponsor dialog are written (other modules have their own tests)."""
ALL_STEPS = [
    step
    for name in ("steps", "extra_steps", "handoff_steps")
    for step in getattr(SPONSOR_DIALOG, name, ())
]

# --- switching --------------------------------------------------------------------------------


def test_sprache_mid_dialog_asks_the_current_question_again_in_english(
    driver: DialogDriver,
) -> None:
    walk_to(driver, "organisation")
    answers = dict(driver.state.answers)
    driver.command("language")
    assert driver.language == "en"
    assert driver.step == "organisation"
    assert driver.state.answers == answers
    reply = driver.plain
    assert key_text("sponsor.language_set", "en") in reply
    assert key_text("sponsor.organisation.prompt", "en") in reply
    assert "Education provider" in driver.button_labels
    assert "Bildungsträger" not in driver.button_labels

    # The next replies stay English, and the choice made in English is stored.
    driver.press_label("Education provider")
    assert driver.acknowledged == ["Education provider"]
    assert driver.value("organisation") == "education"
    assert key_text("sponsor.target_group.prompt", "en") in driver.plain


def test_sprache_toggles_back_and_takes_an_explicit_language(driver: DialogDriver) -> None:
    driver.command("language")
    assert driver.language == "en"
    driver.command("language")
    assert driver.language == "de"
    assert key_text("sponsor.language_set") in driver.plain
    driver.command("language", "en")
    driver.command("language", "en")
    assert driver.language == "en"
    assert key_text("sponsor.region.prompt", "en") in driver.plain


def test_switching_on_the_summary_shows_the_summary_in_english(driver: DialogDriver) -> None:
    complete(driver)
    driver.command("language")
    assert driver.step == "summary"
    summary = driver.plain
    assert key_text("summary.title", "en") in summary
    assert "Key dates" in summary
    assert "Wichtige Termine" not in summary


def test_switching_keeps_ticks_and_kept_text(driver: DialogDriver) -> None:
    walk_to(driver, "target_group")
    driver.press_label("Frauen")
    driver.command("language")
    assert driver.state.ticked == ["frauen"]
    assert "✓ Women" in driver.button_labels
    driver.press("done")
    driver.text("Ein Projekt für Frauen")
    driver.command("language")
    assert driver.state.partial == "Ein Projekt für Frauen"
    assert key_text("sponsor.partial_kept") in driver.plain


def test_a_dialog_in_english_reads_english_throughout(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "en")
    assert key_text("sponsor.welcome", "en") in driver.plain
    complete(driver)
    for state_reply in driver.states:
        assert state_reply.language == "en"
    assert "Summary of your draft" in driver.plain
    assert "Zusammenfassung" not in driver.plain


# --- the catalogues ---------------------------------------------------------------------------


def test_both_catalogues_have_the_same_keys_and_placeholders() -> None:
    german, english = load_catalogue("de"), load_catalogue("en")
    assert sorted(set(german) - set(english)) == []
    assert sorted(set(english) - set(german)) == []
    differing = [k for k in german if placeholders(german[k]) != placeholders(english[k])]
    assert differing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_step_has_prompt_help_and_label(language: str) -> None:
    catalogue = load_catalogue(language)  # type: ignore[arg-type]
    missing = [
        key
        for step in ALL_STEPS
        for key in (step.prompt, step.help, step.label)
        if key not in catalogue
    ]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_status_has_a_name(language: str) -> None:
    catalogue = load_catalogue(language)  # type: ignore[arg-type]
    assert [s for s in Status if f"advice.status.{s.value}" not in catalogue] == []


def _keys_in_code() -> tuple[set[str], set[str]]:
    """Literal keys `Msg("a.b")` and key patterns `Msg(f"a.{x}.b")` in the dialog's code."""
    literal: set[str] = set()
    patterns: set[str] = set()
    paths = [
        path
        for part in REPLY_CODE
        for path in ((BOT / part).rglob("*.py") if (BOT / part).is_dir() else [BOT / part])
    ]
    for path in paths:
        source = path.read_text(encoding="utf-8")
        literal |= set(re.findall(r"Msg\(\s*\"([a-z_][\w.]*)\"", source))
        patterns |= set(re.findall(r"Msg\(\s*f\"([^\"]+)\"", source))
    return literal, patterns


def test_every_key_written_in_the_code_exists_in_both_languages() -> None:
    literal, patterns = _keys_in_code()
    assert len(literal) > 50, "the scan finds the keys"
    missing = {
        language: sorted(k for k in literal if k not in load_catalogue(language))
        for language in LANGUAGES
    }
    assert missing == {"de": [], "en": []}

    for pattern in patterns:
        regex = re.compile(re.sub(r"\\\{[^}]*\\\}", r"[^.]+", re.escape(pattern)) + "$")
        found = {
            language: sorted(k for k in load_catalogue(language) if regex.match(k))
            for language in LANGUAGES
        }
        assert found["de"], pattern
        assert found["de"] == found["en"], pattern


def test_every_key_in_the_catalogue_is_named_in_the_code() -> None:
    """The reverse: no text is kept that nothing shows. A key counts as named when a string
    in bot/ spells it out, or an f-string's pattern ("drafts.status.{k}", a step's
    "{self.texts}.{self.id}.prompt") matches it."""
    strings: set[str] = set()
    for path in BOT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        strings |= set(re.findall(r"\"([a-z_][\w.{}\[\]]*)\"", text))
        # patterns that begin with a placeholder and end in a word of their own
        strings |= set(re.findall(r"\"(\{[\w.{}\[\]]*\.[a-z_]+)\"", text))
    patterns = [
        re.compile(re.sub(r"\\\{[^}]*\\\}", r"[^.]+", re.escape(s)) + "$")
        for s in strings
        if "{" in s
    ]
    unused = [
        key
        for key in load_catalogue("de")
        if key not in strings and not any(pattern.match(key) for pattern in patterns)
    ]
    assert unused == []


# --- suggestions offered as buttons -----------------------------------------------------------


def test_amount_suggestions_are_worded_in_english_and_still_understood(
    engine: DialogEngine,
) -> None:
    driver = DialogDriver.started(engine, "en")
    walk_to(driver, "costs")
    driver.text("2024")
    assert driver.button_labels[0] == "exactly EUR 2,024"
    assert not [label for label in driver.button_labels if "genau" in label or "€" in label]
    driver.press_label("exactly EUR 2,024")
    assert driver.acknowledged == ["exactly EUR 2,024"]
    assert driver.value("costs") == 2024
    assert driver.step == "start"


def test_amount_suggestions_stay_german_in_german(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine)
    walk_to(driver, "costs")
    driver.text("500 €")
    assert driver.button_labels[:2] == ["500.000 €", "genau 500 €"]
    driver.press_label("genau 500 €")
    assert driver.value("costs") == 500


def test_duration_suggestions_are_worded_in_english(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "en")
    walk_to(driver, "duration")
    driver.text("3")
    assert driver.button_labels[:2] == ["3 years", "3 months"]
    driver.press_label("3 years")
    assert driver.value("duration") == 36
    walk_to(driver, "summary")
    driver.press("edit:duration")
    driver.text("18 or 24")
    assert driver.button_labels[:2] == ["18 months", "24 months"]
