"""What a message was read as is said once in a reply (review11): where the "Verstanden: …"
line names an answer, the parser's own "„90k“ verstanden als 90.000 €" is not said as well."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
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
