"""Costs per year read from a message are said back in the dialog's language (review11: an
English first message was answered "“60k pro Jahr” are costs a year")."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from tests.dialogs.conftest import DialogDriver

ENGLISH = (
    "Hi, I run a small bakery in Stadthagen. We want to offer apprenticeships to young "
    "refugees, with German lessons. Cost maybe 60k a year for 2 years, start next autumn."
)
GERMAN = (
    "Wir sind eine Bäckerei in Stadthagen und wollen jungen Geflüchteten Ausbildungsplätze mit "
    "Deutschkurs anbieten. Kosten etwa 60.000 im Jahr, zwei Jahre lang, Start im Herbst 2027."
)


@pytest.mark.parametrize(
    ("text", "said", "not_said"), [(ENGLISH, "a year", "pro Jahr"), (GERMAN, "pro Jahr", "a year")]
)
def test_costs_per_year_read_from_a_message_are_said_in_its_language(
    engine: DialogEngine, text: str, said: str, not_said: str
) -> None:
    driver = DialogDriver.started(engine, "de")
    reply = driver.text(text)
    assert driver.value("costs") == 120_000, reply
    assert said in driver.state.answers["costs"].text and not_said not in reply, reply
