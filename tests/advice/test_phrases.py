"""Keywords written as phrases are found as written (#14): a phrase that would shrink to one word
or to nothing when the vocabulary reads it ("bis zur Rente", "über 50", "EU-Ausland", "it
specialists") is kept whole, its words in order, numbers and small words included, hyphen or
space between them alike; `kb check` reports a keyword no text can match."""

from __future__ import annotations

from bot.advice.advise import Advisor
from bot.advice.keywords import keywords, unmatchable
from bot.advice.vocabulary import Vocabulary
from bot.kb.knowledge import KnowledgeBase


def found(vocabulary: Vocabulary, text: str) -> set[tuple[str, ...]]:
    return {hit.key for hit in vocabulary.find(text)}


def test_a_hyphenated_keyword_is_found_with_a_hyphen_a_space_or_in_one_word() -> None:
    vocabulary = Vocabulary([("eu-ausland", "sg:I.6"), ("co-working", "w:project")])
    abroad, coworking = vocabulary.key_of("eu-ausland"), vocabulary.key_of("co-working")
    for text in ("Pflegekräfte aus dem EU-Ausland", "Pflegekräfte aus dem EU Ausland"):
        assert abroad in found(vocabulary, text)
    assert abroad not in found(vocabulary, "Pflegekräfte aus dem Ausland")
    for text in ("ein Co-Working-Space im Dorf", "co working im Dorf", "Coworking im Dorf"):
        assert coworking in found(vocabulary, text), text
    assert coworking not in found(vocabulary, "working mothers")


def test_a_keyword_with_a_number_keeps_the_number() -> None:
    vocabulary = Vocabulary(
        [("über 50", "sg:III.1"), ("ü 50", "sg:III.1"), ("4-tage-woche", "sg:I.1")]
    )
    over_50, u_50 = vocabulary.key_of("über 50"), vocabulary.key_of("ü 50")
    assert over_50 in found(vocabulary, "Coaching für Arbeitslose über 50")
    assert over_50 in found(vocabulary, "für über 50-Jährige")
    assert u_50 in found(vocabulary, "Bewerbertraining Ü50")
    assert u_50 in found(vocabulary, "Ü 50 im Job")
    assert not found(vocabulary, "über 60 Betriebe machen mit")
    week = vocabulary.key_of("4-tage-woche")
    assert found(vocabulary, "Wir testen die 4-Tage-Woche") == {week}
    assert week in found(vocabulary, "Pilot: 4 Tage Woche im Handwerk")
    assert not found(vocabulary, "Wir testen die 5-Tage-Woche")


def test_a_multi_word_english_keyword_is_found_in_lower_case_too() -> None:
    vocabulary = Vocabulary([("it specialists", "sg:I.7")])
    key = vocabulary.key_of("it specialists")
    assert key in found(vocabulary, "we want to train it specialists in Hameln")
    assert key in found(vocabulary, "We want to train IT specialists in Hameln")
    assert not found(vocabulary, "it trains specialists")
    assert not found(vocabulary, "specialists for care homes")


def test_a_keyword_with_stop_words_inside_is_found_only_as_written() -> None:
    vocabulary = Vocabulary(
        [("bis zur rente", "sg:III.1"), ("am Wochenende", "w:glossary"), ("to code", "sg:I.4")]
    )
    pension = vocabulary.key_of("bis zur rente")
    assert pension in found(vocabulary, "gesund arbeiten bis zur Rente")
    assert not found(vocabulary, "Beratung zur Rente")  # not "Rente" alone
    weekend = vocabulary.key_of("am Wochenende")
    assert weekend in found(vocabulary, "Kurse abends und am Wochenende")
    assert not found(vocabulary, "ein Wochenende im Harz")
    assert vocabulary.key_of("to code") in found(vocabulary, "girls learn to code")
    assert not found(vocabulary, "a code of conduct")


def test_the_reason_names_a_phrase_that_used_to_shrink_to_nothing(advisor: Advisor) -> None:
    matches = advisor.matcher.match("Coaching für Langzeitarbeitslose über 50 in Hameln", "")
    goal = next(g for g in matches.sub_goals if g.id == "III.1")
    assert "über 50" in goal.words


def test_every_keyword_of_the_shipped_knowledge_base_matches_its_own_wording(
    kb: KnowledgeBase, advisor: Advisor
) -> None:
    listed = list(keywords(kb))
    files = {"action_fields.yaml", "target_groups.yaml", "rules.yaml", "projects.yaml"}
    assert {file for file, _, _ in listed} == files  # every file the vocabulary reads
    assert ("action_fields.yaml", "III.1", "über 50") in listed
    vocabulary = advisor.matcher.vocabulary
    assert unmatchable(kb, vocabulary) == []
    for _, _, phrase in (k for k in listed if not k[1].startswith("matching.")):
        assert vocabulary.key_of(phrase) in found(vocabulary, phrase), phrase
