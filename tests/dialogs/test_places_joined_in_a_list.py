"""Two districts joined on one line of a longer first message (#12 point 1): "• Hameln-Pyrmont
und Holzminden" in a list of notes is one project in both districts, not the first alone.
In German and English (tests/understanding/test_places_joined.py: what is not joined)."""

from __future__ import annotations

import pytest

from bot.dialogs.engine import DialogEngine
from bot.texts.catalog import Language
from tests.dialogs.conftest import DialogDriver

NOTES = [
    (
        "Unser Vorhaben in Kürze:\n"
        "• Träger: Kreishandwerkerschaft\n"
        "• Zielgruppe: Gesellinnen und Gesellen im Bauhandwerk, nicht die Azubis\n"
        "• Weiterbildung zur Vorarbeiterin bzw. zum Vorarbeiter, abends und samstags\n"
        "• Hameln-Pyrmont und Holzminden",
        "de",
        {"hameln-pyrmont", "holzminden"},
    ),
    (
        "Our plan in brief:\n"
        "- who: skilled care workers who want to become ward leaders, not the trainees\n"
        "- what: a part-time leadership course with coaching at the workplace\n"
        "- where: Region Hannover and the district of Hildesheim",
        "en",
        {"region-hannover", "hildesheim"},
    ),
]


@pytest.mark.parametrize(("text", "language", "districts"), NOTES)
def test_districts_joined_on_one_line_are_all_taken(
    engine: DialogEngine, text: str, language: Language, districts: set[str]
) -> None:
    driver = DialogDriver.started(engine, language)
    driver.text(text)
    region = driver.value("region")
    assert isinstance(region, dict)
    taken = {region["district"], *(p["district"] for p in region.get("also", []))}
    assert taken == districts
