"""Questions back and non-answers as people write them (#12 point 3, wave 8, understand12j):
questions without a question mark, asked indirectly or after the verb, a question asked with
the answer, statements that start with a question word, and further non-answers."""

from __future__ import annotations

import pytest

from bot.understanding.replies import Kind, asked_with, classify
from bot.understanding.slots import Asked

QUESTIONS: list[tuple[str, Asked]] = [
    # indirect: no question mark, no question word at the start
    ("ich wüsste gern ob wir als Verein überhaupt antragsberechtigt sind", "organisation"),
    ("mich würde interessieren, wer am Ende entscheidet", "title"),
    ("Ich frage mich gerade, ob Personalkosten zu den Gesamtkosten zählen", "costs"),
    ("würde gern wissen, wie viel wir selber tragen müssen", "cofinancing"),
    ("bin mir unsicher ob Nienburg zu eurem Gebiet gehört", "place"),
    ("erklären Sie mir bitte kurz, was die lokale Allianz macht", "target_groups"),
    ("sagen Sie mir bitte, bis wann das Projekt fertig sein muss", "duration"),
    ("I'd like to know who makes the final decision", "title"),
    ("can you tell me what counts as total costs", "costs"),
    ("wondering whether we need a partner", "target_groups"),
    # a question word the set lacked, "was meinen Sie", "whats"
    ("worauf achtet die lenkungsgruppe denn so", "title"),
    ("was meinen Sie mit Kofinanzierung", "cofinancing"),
    ("whats the local alliance for", "target_groups"),
    # the verb first, with a particle of asking
    ("ist für dieses jahr überhaupt noch geld im topf", "duration"),
    ("gehört das überhaupt zu euch", "place"),
]


@pytest.mark.parametrize(("text", "slot"), QUESTIONS)
def test_a_question_without_a_question_mark_is_a_question(text: str, slot: Asked) -> None:
    reply = classify(text, slot)
    assert reply.kind is Kind.QUESTION, reply


ANSWERS: list[tuple[str, Asked, str]] = [
    # statements that start with a question word stay answers
    ("wer wir sind: ein Verein aus Hameln", "organisation", "wer wir sind: ein Verein aus Hameln"),
    ("was meine Firma macht: Metallbau", "organisation", "was meine Firma macht: Metallbau"),
    ("wieviel genau weiß ich nicht, so um die 80.000", "costs", "so um die 80.000"),
    ("wann genau steht noch nicht fest, wohl März 2027", "start", "wohl März 2027"),
    ("how much exactly I don't know, about 80k", "costs", "about 80k"),
    # an imperative of the idea or a German verb-first answer is no question
    ("Ist ein Verein", "organisation", "Ist ein Verein"),
    ("Sind 24 Monate", "duration", "Sind 24 Monate"),
]


@pytest.mark.parametrize(("text", "slot", "rest"), ANSWERS)
def test_a_statement_with_a_question_word_stays_an_answer(
    text: str, slot: Asked, rest: str
) -> None:
    reply = classify(text, slot)
    assert reply.kind is Kind.ANSWER, reply
    assert reply.rest == rest


NON_ANSWERS: list[tuple[str, Asked, Kind]] = [
    ("no clue tbh", "cofinancing", Kind.DONT_KNOW),
    ("das entscheidet der Vorstand erst noch", "cofinancing", Kind.NOT_YET),
    ("klärt die Geschäftsführung noch", "title", Kind.NOT_YET),
    ("dazu kann ich nix sagen", "organisation", Kind.NO),
    ("dazu sag ich lieber nix", "organisation", Kind.NO),
    ("möchte ich nichts zu sagen", "organisation", Kind.NO),
    ("muss ich intern noch abklären", "costs", Kind.NOT_YET),
    ("müssen wir erst noch besprechen", "start", Kind.NOT_YET),
    ("wann genau steht noch nicht fest", "start", Kind.DONT_KNOW),
    ("bin mir nicht sicher", "costs", Kind.DONT_KNOW),
    ("wir sind uns noch nicht sicher", "start", Kind.DONT_KNOW),
]


@pytest.mark.parametrize(("text", "slot", "kind"), NON_ANSWERS)
def test_further_non_answers_are_never_answers(text: str, slot: Asked, kind: Kind) -> None:
    assert classify(text, slot).kind is kind


def test_a_sentence_about_a_decision_to_come_describes_people_at_the_target_group() -> None:
    # "noch" after a decision verb is a non-answer only where a name or short text is asked
    text = "Betriebe, die noch entscheiden müssen"
    assert classify(text, "target_groups").kind is Kind.ANSWER


WITH_AN_ANSWER: list[tuple[str, Asked, str, str]] = [
    (
        "120.000 – zählen da die Personalkosten eigentlich mit rein?",
        "costs",
        "120.000",
        "zählen da die Personalkosten eigentlich mit rein?",
    ),
    ("3 jahre, oder ist das zu lang?", "duration", "3 jahre", "oder ist das zu lang?"),
    (
        "Eigenmittel vom Träger. Wie viel Prozent müssen das eigentlich sein?",
        "cofinancing",
        "Eigenmittel vom Träger",
        "Wie viel Prozent müssen das eigentlich sein?",
    ),
    (
        "Bückeburg – gehört das überhaupt zu euch?",
        "place",
        "Bückeburg",
        "gehört das überhaupt zu euch?",
    ),
    (
        "about 200k, does that include staff costs?",
        "costs",
        "about 200k",
        "does that include staff costs?",
    ),
    # the question first
    (
        "Gilt das auch für Vereine? Wir sind ein Verein.",
        "organisation",
        "Wir sind ein Verein.",
        "Gilt das auch für Vereine?",
    ),
    (
        "Zählen Personalkosten mit? Dann sind es 120.000 €.",
        "costs",
        "Dann sind es 120.000 €.",
        "Zählen Personalkosten mit?",
    ),
    # whether the answer will do
    ("ab März 2027, geht das?", "start", "ab März 2027", "geht das?"),
    ("24 months - is that ok?", "duration", "24 months", "is that ok?"),
]


@pytest.mark.parametrize(("text", "slot", "answer", "question"), WITH_AN_ANSWER)
def test_a_question_asked_with_the_answer_is_told_apart_from_it(
    text: str, slot: Asked, answer: str, question: str
) -> None:
    assert asked_with(text, slot) == (answer, question)


@pytest.mark.parametrize(
    ("text", "slot"),
    [
        ("keine Ahnung, so 50.000?", "costs"),  # an answer given with doubt
        ("Hameln, oder?", "place"),  # asks nothing of its own
        ("Was ist denn ein Eigenanteil?", "cofinancing"),  # a question alone
        ("weiß nicht, wer entscheidet das?", "title"),  # a non-answer before it
        ("120.000 – zählen da die Personalkosten mit rein", "costs"),  # no "?": not split
        ("Hameln? Wir sitzen in Afferde", "place"),  # a tentative answer, no question
        ("Wie viel ist zu viel? Und wer entscheidet?", "costs"),  # questions only
    ],
)
def test_no_answer_is_split_off_where_there_is_none(text: str, slot: Asked) -> None:
    assert asked_with(text, slot) is None
