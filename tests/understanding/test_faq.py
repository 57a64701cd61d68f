"""Questions to the bot find the FAQ entry that answers them, in either language, or none."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.faq import FaqFinder, find_faq

ASKED = [
    ("Was ist denn ein Eigenanteil?", "own_share"),
    ("Eigenanteil?", "own_share"),
    ("Wie hoch muss der Eigenanteil sein?", "own_share"),
    ("Was heißt Kofinanzierung?", "own_share"),
    ("Wie viel Förderung bekommen wir?", "own_share"),
    ("Wer bezahlt denn den Rest?", "own_share"),
    ("who pays the rest?", "own_share"),
    ("how much of the costs do we have to pay ourselves?", "own_share"),
    ("Gilt das auch für uns?", "applicants"),
    ("Ich habe eine Frage: Können auch Unternehmen einen Antrag stellen?", "applicants"),
    ("Können Vereine auch Anträge stellen?", "applicants"),
    ("Are foundations eligible?", "applicants"),
    ("Was zählt denn alles zu den Gesamtkosten?", "total_costs"),
    ("Zählt Personal zu den Kosten?", "total_costs"),
    ("Dürfen wir mehr als 500.000 € beantragen?", "total_costs"),
    ("wer entscheidet eigentlich über die Förderung?", "who_decides"),
    ("Was ist die Lenkungsgruppe?", "who_decides"),
    ("Who makes the decision?", "who_decides"),
    ("Wie lange dauert denn das Verfahren bis zur Bewilligung?", "procedure_time"),
    ("When will we hear back?", "procedure_time"),
    ("which region do you cover?", "region"),
    ("Gehört Celle zu euch?", "region"),
    ("was macht eigentlich die lokale Allianz?", "local_alliance"),
    ("what do local alliances do?", "local_alliance"),
    ("Wie lange darf so ein Projekt überhaupt laufen?", "duration_rules"),
    ("Bis wann muss das Projekt abgeschlossen sein?", "duration_rules"),
    ("How long may the project last?", "duration_rules"),
    ("Welche Unterlagen brauche ich?", "sketch"),
]


@pytest.mark.parametrize(("question", "topic"), ASKED)
def test_questions_find_their_answer(question: str, topic: str, kb: KnowledgeBase) -> None:
    entry = find_faq(question, kb)
    assert entry is not None and entry.id == topic


@pytest.mark.parametrize(
    "question",
    [
        "wieso?",
        "Hameln?",
        "Wie ist das Wetter?",
        "Können Sie mir helfen?",
        "Was meinen Sie mit Zielgruppe?",
        "Kann ich meine Angaben löschen?",
        "Sind Sie ein Mensch?",
        "",
    ],
)
def test_other_questions_find_nothing(question: str, kb: KnowledgeBase) -> None:
    assert find_faq(question, kb) is None


def test_every_phrasing_finds_its_own_entry(kb: KnowledgeBase) -> None:
    finder = FaqFinder(kb.faq)
    for entry in kb.faq:
        for question in (*entry.questions, *entry.questions_en):
            found = finder.find(question)
            assert found is not None and found.id == entry.id, question


def test_words_inside_other_words_do_not_count(kb: KnowledgeBase) -> None:
    # "Allianz" is a keyword of the local alliance; "Allianzarena" is not about it
    finder = FaqFinder(kb.faq)
    local = next(m for m in finder.ranked("Allianzarena Tickets") if m.entry.id == "local_alliance")
    assert local.score < 70


@given(st.text(max_size=400))
def test_find_faq_never_raises(kb: KnowledgeBase, question: str) -> None:
    entry = find_faq(question, kb)
    assert entry is None or entry in kb.faq
