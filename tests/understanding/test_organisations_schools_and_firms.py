"""Kinds of organisation, wave 8 of #12 (understand12i): schools by their kind and in English,
firms by the head of their name, institutes of further training, and a letter's salutation
before the organisation that opens it."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.organisations import organisation_in, organisation_kind


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("Gymnasium", "education"),
        ("school", "education"),
        ("a grammar school", "education"),
        ("Reinigungsfirma", "company"),
        ("Baufirma aus Nienburg", "company"),
        ("Lehrerfortbildung", "education"),
    ],
)
def test_the_kind_an_answer_names(answer: str, kind: str, kb: KnowledgeBase) -> None:
    assert organisation_kind(answer, kb) == kind


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        (
            "Sehr geehrtes Team, die Oberschule Bad Münder möchte mit Betrieben Praxistage "
            "einführen.",
            "education",
        ),
        ("Hello, we are a Gymnasium in Hameln. Our teachers want to run a club.", "education"),
        ("Wir sind eine Reinigungsfirma in Hildesheim mit 120 Angestellten.", "company"),
        (
            "Guten Tag, Kompetenzzentrum Lehrerfortbildung Hildesheim. Diesmal sind die "
            "Lehrkräfte die Zielgruppe.",
            "education",
        ),
    ],
)
def test_the_kind_a_first_message_names(message: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(message, kb)
    assert found is not None
    assert found.kind == kind


def test_a_school_named_only_as_a_partner_names_no_kind(kb: KnowledgeBase) -> None:
    assert (
        organisation_in("Wir wollen mit einer Schule Praktika für Jugendliche anbieten.", kb)
        is None
    )


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("Logistikzentrum", "company"),
        ("engineering consultancy", "company"),
        ("Ingenieurbüro", "company"),
        ("Gleichstellungsstelle", "municipality"),
        ("district administration", "municipality"),
    ],
)
def test_offices_and_sites_by_their_kind(answer: str, kind: str, kb: KnowledgeBase) -> None:
    assert organisation_kind(answer, kb) == kind


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("Hi, HR here from a hospital in Hildesheim. We recruit nurses from India.", "care"),
        ("Jana hier vom Pflegedienst Sonnenschein, wir wollen Azubis halten.", "care"),
        ("Tom here from a small IT firm in Hameln, we want to train career changers.", "company"),
    ],
)
def test_someone_signing_in_from_where_they_work(
    message: str, kind: str, kb: KnowledgeBase
) -> None:
    found = organisation_in(message, kb)
    assert found is not None
    assert found.kind == kind


def test_signing_in_from_a_place_names_no_kind(kb: KnowledgeBase) -> None:
    assert organisation_in("Kurz hier aus Hameln: wir wollen was für Azubis machen.", kb) is None
