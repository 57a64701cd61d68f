"""Readings added from the wave-4 tuning cases (#12): start dates counted from today, target
groups in everyday words, and what is or is not a project title."""

from __future__ import annotations

from datetime import date

import pytest

from bot.base.yearmonth import YearMonth
from bot.kb.knowledge import KnowledgeBase
from bot.understanding.dates import read_dates
from bot.understanding.groups.finder import GroupFinder, group_finder
from bot.understanding.organisations import organisation_kind
from bot.understanding.periods import parse_start
from bot.understanding.replies import classify
from bot.understanding.result import Understood
from bot.understanding.titles import clean_title, describes, title_in

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("in einem halben Jahr", YearMonth(2027, 6)),
        ("in half a year", YearMonth(2027, 6)),
        ("in einem Jahr", YearMonth(2027, 12)),
        ("gleich anfang des neuen jahres", YearMonth(2027, 1)),
        ("im neuen Jahr im März", YearMonth(2027, 3)),
        ("early in the new year", YearMonth(2027, 1)),
    ],
)
def test_starts_counted_from_today(text: str, month: YearMonth) -> None:
    parsed = parse_start(text, TODAY)
    assert isinstance(parsed, Understood) and parsed.value == month


def test_in_half_a_year_in_a_message_is_the_start_not_the_duration() -> None:
    dates = read_dates("Start in einem halben Jahr, Laufzeit 2 Jahre", TODAY)
    assert dates.start == YearMonth(2027, 6) and dates.months == 24
    assert read_dates("in einem halben Jahr", TODAY).months is None


def test_a_length_after_in_stays_a_length() -> None:
    assert read_dates("in 18 Monaten wollen wir 50 Leute vermitteln", TODAY).months == 18
    assert read_dates("ein halbes Jahr lang", TODAY).months == 6


# --- titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "title"),
    [
        ("wir nennen es intern 'Azubi-Kompass'", "Azubi-Kompass"),
        ("der titel soll fachkräfte für morgen sein", "fachkräfte für morgen"),
        ("The title should be Skills Bridge", "Skills Bridge"),
        ("Arbeitstitel: Jobbrücke", "Jobbrücke"),
        ("JobStart Nienburg 2027", "JobStart Nienburg 2027"),
    ],
)
def test_a_title_at_the_title_question(answer: str, title: str) -> None:
    assert clean_title(answer) == title


@pytest.mark.parametrize(
    ("message", "title"),
    [
        (
            "Das Ganze läuft bei uns unter dem Namen Brückenbauer: Ehrenamtliche begleiten …",
            "Brückenbauer",
        ),
        ("The project runs under the name Skills Bridge and helps refugees.", "Skills Bridge"),
        ("Es ist bekannt als „Jobtour“, wir machen das seit 2020.", "Jobtour"),
    ],
)
def test_a_title_named_in_a_message(message: str, title: str) -> None:
    named = title_in(message)
    assert named is not None and named.title == title


@pytest.mark.parametrize(
    "message",
    [
        "Nach dem Motto „Kein Abschluss ohne Anschluss“ wollen wir Praxistage machen.",
        "Azubi-Coaching im Landkreis Hildesheim\nWir sind ein Bildungsträger aus Hildesheim.",
        "Das Projekt läuft als Pilot in zwei Schulen.",
    ],
)
def test_no_title_where_none_is_named(message: str) -> None:
    assert title_in(message) is None


@pytest.mark.parametrize(
    "answer",
    [
        "wir wollen halt jugendliche in eine ausbildung bringen",
        "We want to help refugees into care jobs",
    ],
)
def test_a_description_at_the_title_question_is_no_title(answer: str) -> None:
    assert describes(answer)


@pytest.mark.parametrize("answer", ["Wir für Hameln", "wir nennen es Fahr los", "„Wir packen an“"])
def test_a_name_starting_with_wir_is_still_a_title(answer: str) -> None:
    assert not describes(answer)


@pytest.mark.parametrize(
    "answer",
    [
        "Titel kommt noch",
        "we haven't got one yet tbh",
        "hmm vielleicht irgendwas mit zukunft, keine ahnung",
        "irgendwas mit Zukunft",
    ],
)
def test_not_having_a_title_yet_is_a_non_answer(answer: str) -> None:
    assert classify(answer, "title").non_answer


# --- target groups -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def finder(kb: KnowledgeBase) -> GroupFinder:
    return group_finder(kb)


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("mütter die wieder arbeiten gehen wollen", {"frauen", "berufsrueckkehrende"}),
        ("leute über 55 die ihren job verloren haben", {"aeltere", "arbeitslose"}),
        ("Menschen aus Syrien und Afghanistan", {"gefluechtete"}),
        ("Berufseinsteiger nach dem Bachelor", {"studierende"}),
        ("single mums", {"frauen"}),
        ("menschen mit psychischen einschränkungen", {"menschen-mit-beeintraechtigung"}),
        ("Arbeitslose und Geringqualifizierte", {"arbeitslose", "beschaeftigte"}),
        (
            "langzeitarbeitslose Frauen mit Migrationsgeschichte",
            {"arbeitslose", "frauen", "zugewanderte"},
        ),
        ("Leute in der Pflege, die kurz davor sind hinzuschmeißen", {"beschaeftigte"}),
        ("newly arrived people who already have a degree from home", {"zugewanderte"}),
        ("people who lost their jobs when the plant closed", {"arbeitslose"}),
        ("Schüler der 8. Klassen", {"schueler"}),
        # wave 5: everyday words for whom a project is, German and English
        ("students thinking about quitting uni", {"studierende", "studienabbrecher"}),
        ("Leute, die mit dem Studium aufhören wollen", {"studienabbrecher"}),
        ("Aufstocker und Bürgergeldempfänger", {"arbeitslose"}),
        ("Mütter nach der Babypause", {"frauen", "berufsrueckkehrende"}),
        ("Berufsschullehrer", {"lehrkraefte"}),
        ("Gehörlose und Sehbehinderte", {"menschen-mit-beeintraechtigung"}),
        ("wheelchair users", {"menschen-mit-beeintraechtigung"}),
        ("older colleagues", {"aeltere"}),
        ("Kriegsflüchtlinge", {"gefluechtete"}),
        ("Lehrstellensuchende", {"auszubildende"}),
        ("Leute mit ausländischen Wurzeln", {"zugewanderte"}),
    ],
)
def test_everyday_target_groups(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # partners named with "mit"/"gemeinsam" are no target group
        ("Jugendliche, gemeinsam mit Betrieben aus der Region", {"schueler"}),
        ("Azubis together with local companies", {"auszubildende"}),
        # returning to work only where parents or women return; the unemployed stay unemployed
        ("Arbeitslose, die wieder arbeiten wollen", {"arbeitslose"}),
        # a greeting is no group of women; social workers are no employees group
        ("sehr geehrte Damen und Herren", set()),
        ("Sozialarbeiter begleiten Jugendliche", {"schueler"}),
    ],
)
def test_what_is_not_a_target_group(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # the role people are to take is their goal, not another target group
        (
            "Wir möchten Frauen aus der Ukraine als Erzieherinnen in Kitas bringen.",
            {"frauen", "gefluechtete"},
        ),
        ("Langzeitarbeitslose zu Pflegehelfern qualifizieren", {"arbeitslose"}),
        ("sowohl Arbeitslose als auch Beschäftigte", {"arbeitslose", "beschaeftigte"}),
        # a sentence saying it names the target groups makes organisations in it one
        (
            "Zielgruppe sind Menschen mit Behinderung, die Fuß fassen wollen, und die Betriebe,"
            " die sie einstellen.",
            {"menschen-mit-beeintraechtigung", "unternehmen"},
        ),
    ],
)
def test_groups_in_running_text(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text, running_text=True)) == groups


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("end of Q1 2027", YearMonth(2027, 3)),
        ("Ende Q1 2027", YearMonth(2027, 3)),
        ("Mitte Q3 2027", YearMonth(2027, 8)),
        ("Anfang Q2 2027", YearMonth(2027, 4)),
        ("Q2 2027", YearMonth(2027, 4)),
    ],
)
def test_a_start_at_the_end_or_middle_of_a_quarter(text: str, month: YearMonth) -> None:
    parsed = parse_start(text, TODAY)
    assert isinstance(parsed, Understood) and parsed.value == month


@pytest.mark.parametrize(
    "text", ["A six month bootcamp that retrains people", "ein 6-monatiges Praktikum im Betrieb"]
)
def test_the_length_of_a_part_of_the_project_is_not_its_duration(text: str) -> None:
    assert read_dates(text, TODAY).months is None


def test_the_length_of_a_programme_is_its_duration() -> None:
    assert read_dates("a 18 month programme from April 2027", TODAY).months == 18


@pytest.mark.parametrize(
    ("message", "title"),
    [
        (
            "Unser Projekt „Zukunft im Handwerk“ richtet sich an Studienabbrecher.",
            "Zukunft im Handwerk",
        ),
        (
            "Our 'Code Your Future' bootcamp retrains people as software testers.",
            "Code Your Future",
        ),
    ],
)
def test_a_quoted_name_of_our_project(message: str, title: str) -> None:
    named = title_in(message)
    assert named is not None and named.title == title


def test_a_quoted_course_run_before_is_not_the_title() -> None:
    assert title_in("Nach unserem Kurs „Deutsch im Job“ wollen wir Pflegekräfte begleiten.") is None


@pytest.mark.parametrize(
    "answer",
    [
        "Gute Frage",
        "egal",
        "fällt mir gerade nichts ein",
        "Titel: offen",
        "Projekttitel folgt",
        "ohne Titel",
        "Vorschlag?",
        "N.N.",
        "can't think of one",
        "Wir sind für Vorschläge offen",
    ],
)
def test_replies_at_the_title_question_that_name_no_title(answer: str) -> None:
    assert classify(answer, "title").non_answer


@pytest.mark.parametrize(
    "answer", ["Egal wie – Hauptsache Arbeit", "Ideenwerkstatt Hameln", "Gute Arbeit Hameln"]
)
def test_titles_with_such_words_are_titles(answer: str) -> None:
    assert not classify(answer, "title").non_answer


@pytest.mark.parametrize(
    "message",
    [
        "Wir heißen Lernwerk e.V. und sitzen in Hameln.",
        "Es heißt ja immer, dass Fachkräfte fehlen.",
    ],
)
def test_heisst_names_no_title_for_the_sponsor_or_a_saying(message: str) -> None:
    assert title_in(message) is None


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("pflegende Angehörige", set()),
        ("Beschäftigte von KMU", {"beschaeftigte"}),
        ("Rückkehrer, die zurück in die Region wollen", set()),
        ("Berufsrückkehrerinnen in der Region", {"berufsrueckkehrende", "frauen"}),
        ("Pendler, die täglich nach Hannover fahren", {"beschaeftigte"}),
    ],
)
def test_more_everyday_groups_and_non_groups(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text)) == groups


def test_low_german_lengths_and_intent() -> None:
    dates = read_dates("Start so August 27, twee Johr, so 100.000 Euro.", TODAY)
    assert dates.start == YearMonth(2027, 8) and dates.months == 24
    assert read_dates("dree Maanden", TODAY).months == 3


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a small association", "other"),
        ("women's network", "other"),
        ("trade association", "chamber"),
        ("employers association", "chamber"),
    ],
)
def test_english_associations_and_networks(text: str, kind: str, kb: KnowledgeBase) -> None:
    assert organisation_kind(text, kb) == kind


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("school dropouts", {"schueler"}),
        ("high school graduates", {"schueler"}),
        ("apprenticeship dropouts", {"auszubildende"}),
        ("university dropouts", {"studienabbrecher"}),
        ("Menschen, die schon lange keinen Job haben", {"arbeitslose"}),
        ("Beschäftigte in Kurzarbeit", {"beschaeftigte"}),
        ("people with mental health issues", {"menschen-mit-beeintraechtigung"}),
    ],
)
def test_dropouts_graduates_and_jobless_in_everyday_words(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text)) == groups
