"""A first message that describes the project without a verb of intent is its idea (#12,
wave 8, understand12k): notes ("Mentoringprogramm für Azubis im Handwerk, …"), a heading
("Projekt: …", "Subject: …"), a sentence saying what it is ("Es geht um eine Qualifizierung
…", "The project is …") or what the sponsor will run ("We'd run …"). A message that describes
no project (a greeting, a question, a name and a place, who the sponsor is, whom it is for)
gives no idea; notes labelled by a question word ("- who: …") are no question."""

from __future__ import annotations

import pytest

from bot.understanding.replies import Kind, classify
from tests.understanding.reading import Finders, read

DESCRIBED = [
    "Mentoringprogramm für Azubis im Handwerk, Landkreis Hameln-Pyrmont, 2 Jahre, 150.000 €",
    "Projekt: Sprachcafé und Betriebsbesuche mit Geflüchteten in Stadthagen, ab März 2027",
    "Es geht um eine berufsbegleitende Qualifizierung unserer Pflegehelferinnen zur"
    " Pflegefachassistenz.",
    "Kurz gesagt: Quereinstieg in die Kita, berufsbegleitend, Landkreis Schaumburg.",
    "The project is a mobile careers bus that visits rural schools with local employers on board.",
    "We'd run a coding bootcamp with local IT firms in Hanover, starting May 2027.",
    "Subject: mentoring scheme in small hospitality businesses, Hameln-Pyrmont",
    "Angebot für Quereinsteiger: Umschulung zum Berufskraftfahrer mit Sprachförderung",
]

NO_PROJECT = [
    "Hallo",
    "Moin, hier ist Sabine Krüger aus Stadthagen.",
    "Guten Tag, wer kann denn bei Ihnen einen Antrag stellen?",
    "Hi, is this the right place to ask about funding for a project?",
    "Wir sind ein Verein für Alleinerziehende aus Hameln.",
    "We are a small IT company in Hanover with 12 staff and two apprentices.",
    "Betreff: Anfrage Förderung",
    # whom it is for, not yet what it does
    "Hallo, Landkreis Hameln-Pyrmont, Bildungsbüro. Es geht um Schulabgänger ohne Anschluss.",
    "Wir sind ein Kita-Träger in Garbsen. Es geht um unsere PiA-Azubis in der Ausbildung.",
    # a dash inside a sentence heads nothing
    "Geflüchtete haben wir schon ein Projekt – diesmal sind einheimische Azubis dran.",
]


@pytest.mark.parametrize("text", DESCRIBED)
def test_a_described_project_is_the_idea(finders: Finders, text: str) -> None:
    reading = read(finders, text, "place")
    assert reading.idea is not None
    assert reading.idea.value == text


@pytest.mark.parametrize("text", NO_PROJECT)
def test_a_message_that_describes_no_project_gives_no_idea(finders: Finders, text: str) -> None:
    assert read(finders, text, "place").idea is None


def test_the_described_idea_is_read_in_a_first_message_only(finders: Finders) -> None:
    assert read(finders, DESCRIBED[1], "costs").idea is None


NOTES = (
    "- who: youth charity, Hamelin\n- what: evening German classes + job coaching for young"
    " refugees\n- when: from March 2027, 2 years\n- cost: approx. EUR 120k"
)


def test_notes_labelled_by_question_words_are_no_question(finders: Finders) -> None:
    assert classify(NOTES, "place").kind is Kind.ANSWER
    reading = read(finders, NOTES, "place")
    assert reading.place is not None and reading.idea is not None
    assert classify("who decides about the funding", "place").kind is Kind.QUESTION
    assert classify("Was: wer entscheidet?", "place").kind is Kind.QUESTION
