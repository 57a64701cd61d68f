"""A question typed at the handoff's name questions is no name (review11: "Can we also include
Holzminden?", typed at "What is the name of your organisation?", went to the alliance as
"Sponsor: Can we also include Holzminden?")."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from tests.dialogs.conftest import DialogDriver, complete, key_text


@pytest.mark.parametrize(
    ("action", "kind"), [("summary:ask", "question"), ("summary:handoff", "handoff")]
)
def test_a_question_at_the_organisation_name_is_asked_back(
    engine: DialogEngine, action: str, kind: str
) -> None:
    driver = DialogDriver.started(engine, "en")
    complete(driver)
    driver.press(action)
    assert driver.step == "sponsor_name"
    reply = driver.text("Can we also include Holzminden?")
    question = key_text("sponsor.sponsor_name.prompt", "en")
    assert key_text(f"sponsor.sponsor_name.a_question.{kind}", "en", question=question) in reply
    assert driver.step == "sponsor_name" and "sponsor_name" not in driver.state.answers
    driver.text("ByteWerk GmbH")
    assert driver.step == "contact_person"
    driver.text("Anna Schulz (Geschäftsführerin)")
    assert driver.state.answers["contact_person"].text == "Anna Schulz (Geschäftsführerin)"
