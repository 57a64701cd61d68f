"""The reader (#12 points 1 and 5): a request for a language in one clause of a longer
message is the language wanted plus the rest as a reply of its own; `leans_english` tells a
short English answer from a German one with English words."""

from __future__ import annotations

import pytest

from bot.understanding.replies import Kind, classify, leans_english


@pytest.mark.parametrize(
    ("text", "wants", "rest"),
    [
        (
            "Hi, do you speak English? We're a small IT training company in Hanover.",
            "en",
            "We're a small IT training company in Hanover.",
        ),
        ("English please. We are a Verein in Nienburg.", "en", "We are a Verein in Nienburg."),
        (
            "Moin, geht das auch auf Deutsch? Wir sind ein Sportverein aus Stadthagen.",
            "de",
            "Wir sind ein Sportverein aus Stadthagen.",
        ),
    ],
)
def test_a_request_with_more_is_that_answer_wanting_the_language(
    text: str, wants: str, rest: str
) -> None:
    reply = classify(text, None)
    assert reply.kind is Kind.ANSWER
    assert reply.wants == wants and reply.rest == rest


@pytest.mark.parametrize(
    "text", ["Hi, do you speak English?", "Hello, english please, thanks", "english please"]
)
def test_a_request_alone_is_a_language_request(text: str) -> None:
    reply = classify(text, None)
    assert reply.kind is Kind.LANGUAGE and reply.wants == "en"


@pytest.mark.parametrize(
    "text",
    [
        "Wir bieten Pflegekräften Kurse an. Die Kurse sind auf Englisch und Deutsch, bitte mit "
        "Kinderbetreuung.",
        "Unser Titel: English for nurses. Wir sind ein Verein.",
    ],
)
def test_a_language_named_in_a_longer_message_wants_none(text: str) -> None:
    assert classify(text, "idea").wants is None


@pytest.mark.parametrize(
    "text",
    [
        "Wir sind ein Verein in Hameln und bieten Kurse auf Englisch an",
        "wir machen sprachkurse in deutsch",
        "we run our workshops in English",
    ],
)
def test_a_short_message_that_only_names_a_language_is_no_request(text: str) -> None:
    """One sentence of up to twelve words that names a language (what the courses are in) asks
    for nothing unless it asks: it was taken as a request to switch."""
    for step in (None, "place", "idea"):
        reply = classify(text, step)
        assert reply.kind is not Kind.LANGUAGE and reply.wants is None, step


@pytest.mark.parametrize(
    ("text", "wants"),
    [
        ("English", "en"),
        ("in english", "en"),
        ("auf Deutsch bitte", "de"),
        ("lieber auf deutsch", "de"),
        ("Können wir das auf Englisch machen?", "en"),
        ("can we speak english", "en"),
        ("continue in english", "en"),
    ],
)
def test_the_language_alone_or_asked_for_is_a_request(text: str, wants: str) -> None:
    reply = classify(text, "place")
    assert reply.kind is Kind.LANGUAGE and reply.wants == wants


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("charity", "organisation"),
        ("for refugees", "target_groups"),
        ("about 200k", "costs"),
        ("donations", "cofinancing"),
        ("job coaching for young refugees", "idea"),
    ],
)
def test_short_english_answers_lean_english(text: str, step: str) -> None:
    assert leans_english(text, step)


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("Startup", "organisation"),
        ("HAWK", "organisation"),
        ("IT-Dienstleister", "organisation"),
        ("Azubis", "target_groups"),
        ("Lehrer an Berufsschulen", "target_groups"),
        ("zum Ausbildungsbeginn am 1. August", "start"),
        ("Coaching und Workshops für Azubis", "idea"),
        ("90k", "costs"),
        ("Fit for Future", "title"),
        ("Hildesheim", "place"),
    ],
)
def test_german_answers_and_names_do_not(text: str, step: str) -> None:
    assert not leans_english(text, step)
