"""Kinds of organisation, wave 10 of #12 (understand12q): a message dictated with fillers ("ok
so we are …", "ja also wir sind …"), a self-description in a bullet list, someone writing for
the person who leads the organisation ("Leiterin der Kita …", "the head of the care home"),
enterprises by their social purpose and counselling services by their kind."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.organisations import organisation_in, organisation_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "ok so we are a training provider in hildesheim and we want to retrain people",
            "education",
        ),
        ("ja also wir sind ein bildungsträger aus hameln und wollen", "education"),
        ("Hi, quick overview:\n• we're the adult education centre (VHS) in Nienburg", "education"),
        ("Kurz zu uns:\n- wir sind ein ambulanter Pflegedienst in Rinteln", "care"),
        (
            "Hallo, ich schreibe im Auftrag meiner Chefin, Frau Lehmann, Leiterin der Kita "
            "Sonnenschein in Sarstedt.",
            "other",
        ),
        ("Hello, writing on behalf of Mr Smith, owner of the bakery Korn in Hameln.", "company"),
        ("Hi, we are a social enterprise in Hanover.", "other"),
        ("Hallo, wir sind eine Suchtberatungsstelle in Hameln.", "care"),
    ],
)
def test_the_kind_a_first_message_names(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb)
    assert found is not None and found.kind == kind, text


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("youth welfare organisation", "care"),
        ("Schuldnerberatung", "care"),
        ("Sozialunternehmen", "other"),
        ("social enterprise", "other"),
    ],
)
def test_the_kind_an_answer_names(answer: str, kind: str, kb: KnowledgeBase) -> None:
    assert organisation_kind(answer, kb) == kind


def test_leading_a_department_names_no_kind(kb: KnowledgeBase) -> None:
    assert (
        organisation_in("Ich bin Leiterin der Abteilung Personal und schreibe für uns.", kb) is None
    )


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Guten Tag, ich schreibe für die Stadt Holzminden. Wir möchten Zugewanderte begleiten.",
            "municipality",
        ),
        (
            "Hello, I'm writing for the job centre in Nienburg about a project for young people.",
            "employment",
        ),
        ("Wir vom Bildungswerk der Wirtschaft planen für Betriebe ein Programm.", "education"),
        ("Hi, we at the Chamber of Crafts want to keep apprentices in training.", "chamber"),
        ("Als Kita-Träger in der Region Hannover suchen wir Quereinsteiger.", "other"),
        ("Deshalb wollen wir als Gärtnerei in Sarstedt junge Geflüchtete ausbilden.", "company"),
        (
            "As a family-run care home on the edge of Rinteln with forty residents we want to "
            "train our assistants.",
            "care",
        ),
    ],
)
def test_writing_for_from_or_as_the_organisation(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb)
    assert found is not None and found.kind == kind, text


@pytest.mark.parametrize(
    "text",
    [
        "Sie sollen als Pflegehelfer in einem Pflegeheim arbeiten.",
        "They would work as tutors for pupils.",
    ],
)
def test_a_role_people_take_names_no_organisation(text: str, kb: KnowledgeBase) -> None:
    assert organisation_in(text, kb) is None
