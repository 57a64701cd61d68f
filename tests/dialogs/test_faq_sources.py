"""An answer from the FAQ names its source as a sponsor reads it (review11): staff's notes to
themselves in `knowledge/faq.yaml`'s sources ("laut DOMAIN-NOTES, vor Zitat prüfen") are not
shown; the public source and the strategy's chapters are."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.dialogs.sourced import faq_source
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver, walk_to

STAFF_NOTES = ("DOMAIN-NOTES", "vor Zitat", "zu prüfen")


def test_no_faq_source_shows_staff_notes_and_each_keeps_its_sources(kb: KnowledgeBase) -> None:
    marked = [e for e in kb.faq if "DOMAIN-NOTES" in e.source]
    assert marked, "the shipped FAQ has public facts marked for staff"
    for entry in kb.faq:
        shown = faq_source(entry.source)
        assert not any(note in shown for note in STAFF_NOTES), shown
        assert shown.count("(") == shown.count(")"), shown
        for named in ("Strategie Kap.", "Förderdatenbank", "öffentliche Quelle", "NBank"):
            assert (named.casefold() in shown.casefold()) == (
                named.casefold() in entry.source.casefold()
            ), (named, shown)


def test_staff_notes_are_cut_out_where_they_stand() -> None:
    assert faq_source(
        "Öffentliche Quelle: NBank (Fördersätze; laut DOMAIN-NOTES, vor Zitat prüfen); "
        "Strategie Kap. 5 (Kosten- und Finanzierungsplan)"
    ) == (
        "Öffentliche Quelle: NBank (Fördersätze); Strategie Kap. 5 (Kosten- und Finanzierungsplan)"
    )
    assert faq_source("Antrag: öffentliche Quelle (NBank, laut DOMAIN-NOTES)") == (
        "Antrag: öffentliche Quelle (NBank)"
    )
    assert faq_source("Strategie Kap. 5 (Laufzeit)") == "Strategie Kap. 5 (Laufzeit)"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("120.000 – zählen da die Personalkosten mit rein?", "de"),
        ("about 90k, is that ok?", "en"),
        ("wie hoch ist die Förderquote?", "de"),
    ],
)
def test_an_answer_from_the_faq_shows_no_staff_notes(
    engine: DialogEngine, text: str, language: Language
) -> None:
    driver = DialogDriver.started(engine, language)
    walk_to(driver, "costs", {})
    reply = driver.text(text)
    assert "Quelle:" in reply or "Source:" in reply
    assert not any(note in reply for note in STAFF_NOTES), reply
