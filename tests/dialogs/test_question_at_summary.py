"""A question typed at the summary is answered (review11: "who decides about the funding?" got
"Please use the buttons below the summary" and the whole summary again, some 4,000 characters on
a phone, with the question unanswered)."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.dialogs.sourced import faq_source
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, complete, key_text


@pytest.mark.parametrize(
    ("text", "topic", "language"),
    [
        ("who decides about the funding?", "who_decides", "en"),
        ("Wer entscheidet über die Förderung?", "who_decides", "de"),
    ],
)
def test_a_question_at_the_summary_is_answered_with_its_buttons(
    engine: DialogEngine, kb: KnowledgeBase, text: str, topic: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    complete(driver)
    buttons = driver.actions
    reply = driver.text(text)
    entry = next(e for e in kb.faq if e.id == topic)
    answer = entry.answer if language == "de" else entry.answer_en
    assert " ".join(answer.split())[:80] in " ".join(reply.split())
    assert faq_source(entry.source) in reply
    assert key_text("summary.title", language) not in reply, "not the whole summary again"
    assert driver.actions == buttons, "the summary's buttons, right below the answer"
    assert driver.step == "summary"


def test_other_text_at_the_summary_still_points_to_the_buttons(engine: DialogEngine) -> None:
    driver = DialogDriver.started(engine, "de")
    complete(driver)
    reply = driver.text("ok danke")
    assert key_text("sponsor.summary.use_buttons") in reply
    assert key_text("summary.title") in reply
