"""The FAQ answers questions as people type them (#12 point 3, wave 8, understand12j): with
typos, in everyday words of either language, and a bare "why" by the topic behind the question
asked."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.faq import WHY_ASKED, asks_if_fine, asks_why, find_faq
from bot.understanding.slots import Asked

TYPED = [
    ("was is n eigenateil", "own_share"),
    ("wer entscheided da drüber", "who_decides"),
    ("was gehört zu den gesamtkostn dazu", "total_costs"),
    ("sind wir als stiftung antragsberechtig", "applicants"),
    ("brauchen wir ne projektskize", "sketch"),
    ("würde gern wissen, wie viel wir da selber tragen müssen", "own_share"),
    ("Wie viel Prozent müssen das eigentlich sein?", "own_share"),
    ("how much do we have to chip in ourselves", "own_share"),
    ("does that include staff costs?", "total_costs"),
    ("I'd like to know who makes the final decision on this", "who_decides"),
    ("oder ist das zu lang?", "duration_rules"),
    ("können wir auch schon anfangen bevor das bewilligt ist", "start_before_approval"),
    ("worauf achtet die lenkungsgruppe denn so", "criteria"),
]


@pytest.mark.parametrize(("question", "topic"), TYPED)
def test_questions_as_typed_find_their_answer(question: str, topic: str, kb: KnowledgeBase) -> None:
    entry = find_faq(question, kb)
    assert entry is not None and entry.id == topic


def test_a_known_word_is_no_typo_of_a_keyword(kb: KnowledgeBase) -> None:
    # a dictionary word is never read as a typo of a keyword; an unknown one letter away
    # from one is ("Eigenateil")
    assert find_faq("Wie steht es um unser Eigentum?", kb) is None
    assert find_faq("Eigenateil?", kb) is not None
    assert find_faq("Ausbildungsvertrag?", kb) is None


WHY = [
    ("wieso?", "place", "region"),
    ("wozu brauchen Sie das", "costs", "total_costs"),
    ("warum fragen Sie das", "duration", "duration_rules"),
    ("Warum wollen Sie das wissen?", "cofinancing", "own_share"),
    ("why do you need that?", "costs", "total_costs"),
    ("what for?", "organisation", "applicants"),
]


@pytest.mark.parametrize(("question", "asked", "topic"), WHY)
def test_a_bare_why_is_answered_by_what_the_question_is_for(
    question: str, asked: Asked, topic: str, kb: KnowledgeBase
) -> None:
    assert asks_why(question)
    entry = find_faq(question, kb, asked)
    assert entry is not None and entry.id == topic


def test_a_why_that_names_its_topic_is_read_by_it(kb: KnowledgeBase) -> None:
    question = "Warum muss das Projekt zur lokalen Allianz?"
    assert not asks_why(question)
    entry = find_faq(question, kb, "costs")
    assert entry is not None and entry.id == "local_alliance"


def test_every_entry_a_why_points_to_exists(kb: KnowledgeBase) -> None:
    assert set(WHY_ASKED.values()) <= {entry.id for entry in kb.faq}


GROUNDED = [
    ("Müssen wir am Ende einen Bericht abgeben?", "after_approval"),
    ("gibt es eine evaluation", "after_approval"),
    ("do we have to report anything afterwards", "after_approval"),
    ("Wird Weiterbildung von Beschäftigten auch gefördert?", "project_kinds"),
    ("what kinds of projects can be funded", "project_kinds"),
    ("Wann können wir denn frühestens anfangen?", "procedure_time"),
]


@pytest.mark.parametrize(("question", "topic"), GROUNDED)
def test_entries_grounded_in_the_strategy_or_public_sources_answer(
    question: str, topic: str, kb: KnowledgeBase
) -> None:
    # after_approval: strategy chapter 5; project_kinds: the public programme facts
    entry = find_faq(question, kb)
    assert entry is not None and entry.id == topic


FINE = [
    ("geht das?", "start", "start_before_approval"),
    ("reicht das?", "cofinancing", "own_share"),
    ("ist das so ok?", "costs", "total_costs"),
    ("is that ok?", "duration", "duration_rules"),
    ("does that work?", "place", "region"),
]


@pytest.mark.parametrize(("question", "asked", "topic"), FINE)
def test_whether_the_answer_will_do_is_answered_by_the_rule_behind_the_question(
    question: str, asked: Asked, topic: str, kb: KnowledgeBase
) -> None:
    assert asks_if_fine(question)
    entry = find_faq(question, kb, asked)
    assert entry is not None and entry.id == topic


def test_whether_something_else_will_do_is_no_bare_check(kb: KnowledgeBase) -> None:
    assert not asks_if_fine("geht das auch online?")
    assert not asks_if_fine("is that ok for the steering group?")
