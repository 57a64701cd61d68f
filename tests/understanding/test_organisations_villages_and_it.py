"""Kinds of organisation, wave 7 of #12 (understand12g): a village's administration, IT firms by
their trade's word, a Low German business, and "non-profit" before the kind it qualifies."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.organisations import organisation_in, organisation_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Gemeindeverwaltung", "municipality"),
        ("die samtgemeindeverwaltung", "municipality"),
        ("IT-Systemhaus", "company"),
        ("ein kleines Softwarehaus", "company"),
        ("Dischleree, also en Handwarksbedriev", "company"),
        # "non-profit" qualifies the kind named after it …
        ("we're a non-profit training provider", "education"),
        ("a non-profit care provider", "care"),
        # … and alone, or before a comma, is an organisation of its own kind
        ("a non-profit", "other"),
        ("non-profit, training too", "other"),
    ],
)
def test_kinds_of_organisation(text: str, kind: str, kb: KnowledgeBase) -> None:
    assert organisation_kind(text, kb) == kind


def test_a_village_administration_writing_is_the_municipality(kb: KnowledgeBase) -> None:
    found = organisation_in(
        "Guten Tag, hier ist die Gemeindeverwaltung Emmerthal, Frau Köhler.", kb
    )
    assert found is not None and found.kind == "municipality"
