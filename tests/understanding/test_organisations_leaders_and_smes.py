"""Kinds of organisation, wave 7 of #12 (understand12h): small and medium-sized enterprises by
their abbreviation (KMU, SME), a rural youth association (Landjugend), and a sender who says
they lead or run the organisation ("ich leite einen Pflegedienst", "I run a bakery")."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.organisations import organisation_in, organisation_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ein KMU", "company"),
        ("IT-KMU aus Hameln", "company"),
        ("an IT SME", "company"),
        ("a small SME in logistics", "company"),
        ("die Landjugend", "other"),
        ("Landjugend, en Vereen", "other"),
    ],
)
def test_kinds_of_organisation(text: str, kind: str, kb: KnowledgeBase) -> None:
    assert organisation_kind(text, kb) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hallo liebes Team, ich leite einen ambulanten Pflegedienst in Springe.", "care"),
        ("Guten Tag, ich leite eine Bäckerei mit 12 Leuten in Rinteln.", "company"),
        ("Moin, ich führe einen kleinen Handwerksbetrieb in Nienburg.", "company"),
        ("Hi, I run a small bakery in Hameln and need apprentices.", "company"),
        ("Hello, I manage a care home in Holzminden.", "care"),
        ("We're an IT SME in Hildesheim.", "company"),
        ("Wir sind ein KMU aus Peine.", "company"),
        ("Moin! Wi sünd de Landjugend Hoya.", "other"),
    ],
)
def test_a_sender_naming_their_organisation(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb)
    assert found is not None and found.kind == kind, text


@pytest.mark.parametrize(
    "text",
    [
        "Ich leite das Projekt seit Jahren und wir wollen Jugendliche erreichen.",
        "I run workshops for school leavers in Hameln.",
    ],
)
def test_leading_a_project_names_no_organisation(text: str, kb: KnowledgeBase) -> None:
    assert organisation_in(text, kb) is None
