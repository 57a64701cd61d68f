"""Look-alikes on the texts' own words (#14, wave 3), the search where no project's theme is
met (bot/advice/shared_terms.py; here on projects without themes): nouns the vocabulary does
not list are shared too, words that begin alike are one theme, a compound and its part are one
word, and adjectives or verbs of the idea are never shown as a shared theme."""

from __future__ import annotations

import dataclasses

import pytest

from bot.advice.advise import Advisor
from bot.advice.matching import Matches
from bot.advice.vocabulary import stem
from bot.kb.knowledge import KnowledgeBase


@pytest.fixture(scope="module")
def unthemed(kb: KnowledgeBase) -> Advisor:
    """The shipped knowledge base with every project's themes left out."""
    projects = tuple(p.model_copy(update={"themes": []}) for p in kb.projects)
    return Advisor(dataclasses.replace(kb, projects=projects))


def match(advisor: Advisor, idea: str, group: str = "", district: str | None = None) -> Matches:
    return advisor.matcher.match(idea, group, (), district)


def test_an_adjective_of_the_idea_is_no_shared_word(unthemed: Advisor) -> None:
    idea = (
        "Geflüchtete Frauen machen ein bezahltes Praktikum in Pflegeheimen und bekommen dazu "
        "einen berufsbezogenen Deutschkurs."
    )
    care = next(p for p in match(unthemed, idea, "Geflüchtete", "hildesheim").projects)
    assert care.id == "care"
    assert "deutschkurs" in care.shared_words
    assert not {"berufsbezogenen", "bezahltes"} & set(care.shared_words)


def test_words_that_begin_alike_share_a_theme(unthemed: Advisor) -> None:
    # "Mentorinnen" is no word of the vocabulary; the project speaks of a Mentoringprogramm.
    idea = "Mentorinnen aus mittelständischen Betrieben begleiten Studierende ein Jahr lang."
    shown = match(unthemed, idea, "Studierende", "region-hannover").projects
    mentoring = next(p for p in shown if p.id == "mentoring-studierende-wirtschaft")
    assert mentoring.shared_words == ("Mentorinnen",)


def test_a_compound_and_its_part_are_one_shared_word(unthemed: Advisor) -> None:
    idea = "Lehrkräfte der Oberschulen lernen bei Exkursionen die Betriebe kennen."
    shown = match(unthemed, idea, "Lehrkräfte", "nienburg").projects
    assert shown[0].id == "lehrerexkursionen"
    assert len(shown[0].shared_words) == 1


def test_a_compound_known_only_as_a_project_word_still_says_what_its_parts_say(
    advisor: Advisor,
) -> None:
    vocabulary = advisor.matcher.vocabulary
    keys = {hit.key for hit in vocabulary.find("Weiterbildungsangebote für Handwerksbetriebe")}
    assert vocabulary.key_of("Weiterbildung") in keys
    assert any(
        g.id == "II.2"
        for g in advisor.matcher.goals.score(
            vocabulary.find("Weiterbildungsangebote für unsere Leute"), (), ()
        )
    )


def test_the_feminine_plural_and_the_masculine_share_a_stem() -> None:
    assert stem("Quereinsteigerinnen") == stem("Quereinsteiger")
    assert stem("Lehrerinnen") == stem("Lehrer")
