"""Non-answers, questions back and language requests are told from answers, in both languages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.understanding.replies import Kind, classify, language_of

NON_ANSWERS = [
    ("nein", Kind.NO),
    ("Nein danke", Kind.NO),
    ("nö", Kind.NO),
    ("ne", Kind.NO),
    ("kein Titel", Kind.NO),
    ("keinen", Kind.NO),
    ("möchte ich nicht sagen", Kind.NO),
    ("k.A.", Kind.NO),
    ("no", Kind.NO),
    ("none", Kind.NO),
    ("no thanks", Kind.NO),
    ("rather not say", Kind.NO),
    ("n/a", Kind.NO),
    ("noch keinen", Kind.NOT_YET),
    ("hat noch keinen", Kind.NOT_YET),
    ("Wir haben noch keinen Titel", Kind.NOT_YET),
    ("noch offen", Kind.NOT_YET),
    ("Ist noch offen", Kind.NOT_YET),
    ("Noch offen?", Kind.NOT_YET),
    ("später", Kind.NOT_YET),
    ("kläre ich noch", Kind.NOT_YET),
    ("nein, noch nicht", Kind.NOT_YET),
    ("not yet", Kind.NOT_YET),
    ("no title yet", Kind.NOT_YET),
    ("still open", Kind.NOT_YET),
    ("weiß ich noch nicht", Kind.DONT_KNOW),
    ("weiss ich nicht", Kind.DONT_KNOW),
    ("keine Ahnung", Kind.DONT_KNOW),
    ("keine Ahnung bisher", Kind.DONT_KNOW),
    ("Kann ich noch nicht sagen", Kind.DONT_KNOW),
    ("no idea", Kind.DONT_KNOW),
    ("no idea yet", Kind.DONT_KNOW),
    ("I don't know", Kind.DONT_KNOW),
    ("not sure yet", Kind.DONT_KNOW),
]


@pytest.mark.parametrize(("text", "kind"), NON_ANSWERS)
def test_non_answers_are_never_answers(text: str, kind: Kind) -> None:
    reply = classify(text, "title")
    assert reply.kind is kind
    assert reply.non_answer and reply.rest == ""


QUESTIONS = [
    ("Was ist denn ein Eigenanteil?", "cofinancing"),
    ("Gilt das auch für uns?", "organisation"),
    ("wer entscheidet eigentlich über die Förderung?", "title"),
    ("wer entscheidet das", "title"),
    ("Wie lange dauert denn das Verfahren bis zur Bewilligung?", "start"),
    ("was macht eigentlich die lokale Allianz?", "target_groups"),
    ("Wie lange darf so ein Projekt überhaupt laufen?", "duration"),
    ("Was zählt denn alles zu den Gesamtkosten?", "costs"),
    ("Ich habe eine Frage: Können auch Unternehmen einen Antrag stellen?", None),
    ("Können auch Unternehmen einen Antrag stellen", "place"),
    ("Gibt es eine Frist?", "start"),
    ("wieso?", "other"),
    ("which region do you cover?", "place"),
    ("how much of the costs do we have to pay ourselves?", "cofinancing"),
    ("Can companies apply too", "organisation"),
    ("who decides", "title"),
]


@pytest.mark.parametrize(("text", "step"), QUESTIONS)
def test_questions_to_the_bot(text: str, step: str | None) -> None:
    reply = classify(text, step)
    assert reply.kind is Kind.QUESTION
    assert reply.rest == text


ANSWERS = [
    ("Hildesheim", "place", "Hildesheim"),
    ("Hameln?", "place", "Hameln?"),
    ("24 Monate?", "duration", "24 Monate?"),
    ("Arbeitstitel: Personal teilen", "title", "Arbeitstitel: Personal teilen"),
    ("ja, „Fahr los“", "title", "„Fahr los“"),
    ("weiß ich nicht genau, wir sind eine gGmbH", "organisation", "wir sind eine gGmbH"),
    ("Jugendhilfeträger, hab ich doch geschrieben", "organisation", "Jugendhilfeträger"),
    ("April 2027, hab ich doch gesagt", "start", "April 2027"),
    ("Wie gesagt, Hameln", "place", "Hameln"),
    ("hab ich doch schon gesagt: 24 Monate", "duration", "24 Monate"),
    ("Hallo, wir sind ein Pflegeheim aus Wunstorf", None, "wir sind ein Pflegeheim aus Wunstorf"),
    ("so früh wie möglich, also Februar 2027", "start", "so früh wie möglich, also Februar 2027"),
    ("dann 30 % aus Eigenmitteln", "cofinancing", "dann 30 % aus Eigenmitteln"),
    ("Eigenmittel", "cofinancing", "Eigenmittel"),
    ("our own funds", "cofinancing", "our own funds"),
    ("not applicable to us: we pay 20 %", "cofinancing", "not applicable to us: we pay 20 %"),
    ("Mütter, die Arbeit suchen", "target_groups", "Mütter, die Arbeit suchen"),
    ("women returning to work", "target_groups", "women returning to work"),
    ("Wohnungslose Menschen", "target_groups", "Wohnungslose Menschen"),
    ("Istanbul", "place", "Istanbul"),
    (
        "Was wir machen wollen: Schüler lernen in Betrieben Berufe kennen, mit Praktika",
        "idea",
        "Was wir machen wollen: Schüler lernen in Betrieben Berufe kennen, mit Praktika",
    ),
    ("Keine Kosten für Teilnehmer, 120.000 €", "costs", "Keine Kosten für Teilnehmer, 120.000 €"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "step", "rest"), ANSWERS)
def test_answers_keep_what_was_typed(text: str, step: str | None, rest: str) -> None:
    reply = classify(text, step)
    assert reply.kind is Kind.ANSWER
    assert reply.rest == rest


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hallo", Kind.GREETING),
        ("Moin!", Kind.GREETING),
        ("hi", Kind.GREETING),
        ("Good morning", Kind.GREETING),
        ("Danke!", Kind.GREETING),
        ("test", Kind.NOISE),
        ("asdf", Kind.NOISE),
        ("?", Kind.NOISE),
        ("steht doch oben", Kind.SEE_ABOVE),
        ("siehe oben", Kind.SEE_ABOVE),
        ("siehe Projektidee", Kind.SEE_ABOVE),
        ("see above", Kind.SEE_ABOVE),
        ("ja", Kind.YES),
        ("yes", Kind.YES),
    ],
)
def test_greetings_noise_and_pointers_are_not_answers(text: str, kind: Kind) -> None:
    reply = classify(text, "target_groups")
    assert reply.kind is kind and reply.rest == ""


@pytest.mark.parametrize(
    ("text", "wants"),
    [
        ("Good morning, could we do this in English?", "en"),
        ("english please", "en"),
        ("hi, do you speak english?", "en"),
        ("Können wir das auf Englisch machen?", "en"),
        ("auf Deutsch bitte", "de"),
        ("in German please", "de"),
    ],
)
def test_language_requests(text: str, wants: str) -> None:
    reply = classify(text)
    assert reply.kind is Kind.LANGUAGE and reply.wants == wants


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hello, we are a nursing school in Nienburg and want to support foreign nurses.", "en"),
        ("Hi, we are a small IT training company in Hannover.", "en"),
        ("We would like to train refugees as warehouse workers", "en"),
        ("Wir sind ein Bildungsträger aus Hildesheim und möchten Geflüchtete qualifizieren", "de"),
        ("Stadt Springe hier. Idee: Lotsen für zugewanderte Fachkräfte", "de"),
        ("Hannover", None),
        ("2027", None),
        ("ok", None),
    ],
)
def test_language_of_a_message(text: str, language: str | None) -> None:
    assert language_of(text) == language


@given(st.text(max_size=500), st.sampled_from([None, "place", "idea", "title", "costs"]))
def test_classify_never_raises_and_rest_is_part_of_the_text(text: str, step: str | None) -> None:
    reply = classify(text, step)
    if reply.kind in (Kind.ANSWER, Kind.QUESTION):
        assert reply.rest and reply.rest in text
    else:
        assert reply.rest == ""
    language_of(text)


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("da sind wir noch am überlegen", "title"),
        ("haben wir uns noch nicht überlegt", "title"),
        ("Steht noch nicht fest", "title"),
        ("we haven't decided yet", "title"),
        ("das klären wir noch mit dem Landkreis", "cofinancing"),
    ],
)
def test_a_sentence_saying_not_decided_yet_is_no_title(text: str, step: str) -> None:
    assert classify(text, step).kind is Kind.NOT_YET


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("Leute, die noch nicht lange in Deutschland sind", "target_groups"),
        ("„Noch nicht zu spät“", "title"),
        ("Noch nicht zu spät 2027", "title"),
    ],
)
def test_not_yet_words_inside_an_answer_stay_an_answer(text: str, step: str) -> None:
    assert classify(text, step).kind is Kind.ANSWER


@pytest.mark.parametrize(
    ("text", "step", "rest"),
    [
        ("keine ahnung, so 50.000?", "costs", "so 50.000?"),
        ("weiß nicht, vielleicht Sommer 2027?", "start", "vielleicht Sommer 2027?"),
    ],
)
def test_an_answer_given_with_doubt_is_an_answer(text: str, step: str, rest: str) -> None:
    reply = classify(text, step)
    assert reply.kind is Kind.ANSWER and reply.rest == rest and reply.asks


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Hi there, I run a small bakery in Holzminden", "I run a small bakery in Holzminden"),
        ("Hallo zusammen, wir sind ein Pflegedienst", "wir sind ein Pflegedienst"),
        ("Good morning everyone, we're a language school", "we're a language school"),
        ("Hey guys, I work for a youth charity", "I work for a youth charity"),
        ("Hello there!", ""),
        # whom a greeting is said to is only that after a greeting
        ("there are many", "there are many"),
    ],
)
def test_a_greeting_includes_whom_it_is_said_to(text: str, rest: str) -> None:
    assert classify(text, "idea").rest == rest
