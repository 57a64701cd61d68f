"""Every text of the procedure exists in German and English with the same placeholders, for
every role, stage, step, refusal, notice and reminder the code can name."""

from __future__ import annotations

import pytest

from bot.core.plan import CostCategory, SourceKind
from bot.procedure.reminders import ReminderKind
from bot.procedure.requests import EVALUATION_KINDS
from bot.procedure.results import Refusal
from bot.procedure.service import _DESK_STEPS
from bot.procedure.steps import AUDIENCE, Role, Stage, StepKind
from bot.texts.catalog import LANGUAGES, Language, load_catalogue, placeholders

REMINDER_PARAMS = {"number", "title", "date", "detail", "months"}


def procedure_keys(language: Language) -> dict[str, str]:
    return {
        key: value
        for key, value in load_catalogue(language).items()
        if key.startswith(("procedure.", "count.cases", "count.days"))
    }


def test_both_languages_have_the_same_texts_and_placeholders() -> None:
    german, english = procedure_keys("de"), procedure_keys("en")
    assert german.keys() == english.keys()
    for key, text in german.items():
        assert placeholders(text) == placeholders(english[key]), key


def expected_keys() -> set[str]:
    keys = {f"procedure.role.{role.value}" for role in Role}
    keys |= {f"procedure.stage.{stage.value}" for stage in Stage} | {"procedure.stage.none"}
    keys |= {f"procedure.step.{kind.value}" for kind in StepKind}
    keys |= {f"procedure.refused.{reason.value}" for reason in Refusal}
    keys |= {f"procedure.recorded.{k.value}" for k in StepKind if k not in _DESK_STEPS}
    keys |= {key for texts in AUDIENCE.values() for key in texts.values()}
    keys |= {f"procedure.reminder.{kind.value}" for kind in ReminderKind}
    keys |= {f"procedure.plan.category.{c.value}" for c in CostCategory}
    keys |= {f"procedure.plan.source.{s.value}" for s in SourceKind}
    keys |= {f"procedure.evaluation.{kind}" for kind in EVALUATION_KINDS}
    return keys


def test_everything_the_code_names_has_a_text() -> None:
    assert expected_keys() - procedure_keys("de").keys() == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_reminders_use_only_what_the_scheduler_gives(language: Language) -> None:
    for kind in ReminderKind:
        template = procedure_keys(language)[f"procedure.reminder.{kind.value}"]
        assert placeholders(template) <= REMINDER_PARAMS, kind


def test_german_texts_address_the_reader_formally_and_call_the_sponsor_projekttraeger() -> None:
    for key, text in procedure_keys("de").items():
        words = set(text.replace(",", " ").replace(".", " ").split())
        assert not words & {"du", "Du", "dein", "Dein", "deine", "dir", "dich"}, key
        assert "Träger " not in text and "Träger:" not in text, key
