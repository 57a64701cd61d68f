"""Kinds of organisation, wave 7 of #12 (understand12f): trades and services people name
themselves by, homes by their residents, workshops for people with disabilities, and a trade
named before its association."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.organisations import organisation_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hotel", "company"),
        ("we're a hotel", "company"),
        ("restaurant", "company"),
        ("Autohaus", "company"),
        ("Friseursalon mit drei Filialen", "company"),
        ("software start-up", "company"),
        ("Werkstatt für Menschen mit Behinderung", "care"),
        ("heimleitung vom seniorenzentrum", "care"),
        # the association a trade names, not the trade
        ("Hotel- und Gaststättenverband", "chamber"),
        ("hotel association", "other"),
        # … but a business named first stays a business
        ("Betrieb, Mitglied im Verein", "company"),
    ],
)
def test_kinds_of_organisation(text: str, kind: str, kb: KnowledgeBase) -> None:
    assert organisation_kind(text, kb) == kind
