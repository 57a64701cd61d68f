"""The kind of organisation and a project title, where a sponsor names them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.organisations import KINDS, organisation_in, organisation_kind
from bot.understanding.titles import clean_title, title_in

ANSWERED = [
    ("Bildungsträger", "education"),
    ("wir sind ein Zulieferer für die Autoindustrie", "company"),
    ("Elektrohändler", "company"),
    ("Verkehrsbetriebe", "company"),
    ("care provider", "care"),
    ("vocational school", "education"),
    ("adult education centre", "education"),
    ("business development agency", "municipality"),
    ("bildungstreger", "education"),
    ("wir sind so ne art bildungsträger", "education"),
    ("VHS", "education"),
    ("Pflegeschule", "education"),
    ("education provider", "education"),
    ("nursing school", "education"),
    ("kreishandwerkerschaft", "chamber"),
    ("Innung", "chamber"),
    ("Handwerkskammer", "chamber"),
    ("Verband", "chamber"),
    ("chamber", "chamber"),
    ("Hochschule", "university"),
    ("Uni", "university"),
    ("university", "university"),
    ("Jugendhilfeträger, hab ich doch geschrieben", "care"),
    ("Sozialverband", "care"),
    ("pflegedienst", "care"),
    ("Pflegeheim", "care"),
    ("Kommune", "municipality"),
    ("Landkreis", "municipality"),
    ("Gemeinde", "municipality"),
    ("municipality", "municipality"),
    ("Jobcenter", "employment"),
    ("Arbeitsagentur oder Jobcenter", "employment"),
    ("Unternehmen", "company"),
    ("Kurbetrieb / Unternehmen", "company"),
    ("company", "company"),
    ("gemeinnütziger Verein", "other"),
    ("Tourismusverein", "other"),
    ("Stiftung", "other"),
    ("wir sind eine gGmbH", "other"),
    ("e.V.", "other"),
]


@pytest.mark.parametrize(("text", "kind"), ANSWERED)
def test_kinds_at_the_question(text: str, kind: str, kb: KnowledgeBase) -> None:
    assert organisation_kind(text, kb) == kind


@pytest.mark.parametrize("text", ["Schule", "Sonstige", "other", "nein", "Hameln", ""])
def test_no_kind_where_none_is_named(text: str, kb: KnowledgeBase) -> None:
    assert organisation_kind(text, kb) is None


SELF_DESCRIBED = [
    ("Wir sind ein Jugendhilfeträger aus Hameln und wollen …", "care", "Jugendhilfeträger"),
    ("Guten Tag, wir sind ein Bildungsträger in Hildesheim.", "education", "Bildungsträger"),
    ("hallo wir sind die kreishandwerkerschaft nienburg", "chamber", "kreishandwerkerschaft"),
    ("Moin! Unser Verein in Holzminden will …", "other", "Verein"),
    ("Wir (mittelständischer Maschinenbauer aus Stadthagen) möchten", "company", "Maschinenbauer"),
    ("Stadt Springe hier. Idee: Lotsen", "municipality", "Stadt"),
    ("hallo, ambulanter pflegedinst aus rinteln. wir wollen", "care", "pflegedinst"),
    ("Wir sind von der HAWK und würden gerne", "university", "HAWK"),
    ("Jobcenter Region Hannover, Standort Garbsen: wir möchten", "employment", "Jobcenter"),
    ("Wir sind ein Pflegeheimbetreiber aus Wunstorf", "care", "Pflegeheimbetreiber"),
    ("Hi, we are a small IT training company in Hannover.", "education", "training company"),
    ("Hello, we are a nursing school in Nienburg", "education", "nursing school"),
    ("Wir sind ein kleiner Verein im Landkreis Nienburg", "other", "Verein"),
]


@pytest.mark.parametrize(("text", "kind", "words"), SELF_DESCRIBED)
def test_kinds_in_a_self_description(text: str, kind: str, words: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb)
    assert found is not None
    assert (found.kind, text[found.start : found.end]) == (kind, words)


@pytest.mark.parametrize(
    "text",
    [
        "Ich habe eine Frage: Können auch Unternehmen einen Antrag stellen?",
        "Wir sind sehr interessiert an einer Förderung für Unternehmen",
        "Praktika in Betrieben der Region",
        "Unsere Mitarbeiter brauchen Weiterbildung",
        "Good morning, could we do this in English?",
    ],
)
def test_no_kind_without_a_self_description(text: str, kb: KnowledgeBase) -> None:
    assert organisation_in(text, kb) is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Titel: Ankommen in Springe.", "Ankommen in Springe"),
        ("36 Monate, 420.000 € gesamt. Titel: Ankommen in Springe.", "Ankommen in Springe"),
        ("Arbeitstitel: Personal teilen", "Personal teilen"),
        ("Das Projekt heißt „Fahr los“ und läuft zwei Jahre", "Fahr los"),
        ("Projekttitel = MINT-Werkstatt Holzminden", "MINT-Werkstatt Holzminden"),
        ("the project is called Career Bus.", "Career Bus"),
        ("working title: Back to Work", "Back to Work"),
        ("Das Projekt heißt Fahr los und startet im April 2027.", "Fahr los"),
        ("Das Projekt heißt Schule und Beruf.", "Schule und Beruf"),
        ("The project is called Career Bus and runs 2 years.", "Career Bus"),
        ("Titel: Bleib hier - Kosten 80.000", "Bleib hier"),
        ("Unser Projekt soll „Zukunft Handwerk“ heißen.", "Zukunft Handwerk"),
        ("Wir nennen es Azubi-Lotse.", "Azubi-Lotse"),
        (
            "Das Vorhaben heißt vorläufig Handwerk hat Zukunft und soll bald starten.",
            "Handwerk hat Zukunft",
        ),
    ],
)
def test_titles_named_in_a_message(text: str, title: str) -> None:
    found = title_in(text)
    assert found is not None and found.title == title
    assert text[found.start : found.end] == title


@pytest.mark.parametrize(
    "text",
    ["Was heißt Kofinanzierung?", "Der Titel ist noch offen", "Wir wollen Schüler begeistern"],
)
def test_no_title_where_none_is_named(text: str) -> None:
    assert title_in(text) is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Sprache schafft Ausbildung", "Sprache schafft Ausbildung"),
        ("ja, „Fahr los“", "Fahr los"),
        ("Arbeitstitel: Personal teilen", "Personal teilen"),
        ("„Comeback Technik“", "Comeback Technik"),
        ("Der Titel ist Bleib hier", "Bleib hier"),
        ("Ja. Grünes Handwerk Weserbergland", "Grünes Handwerk Weserbergland"),
        ("it is called Career Bus", "Career Bus"),
        ("Bread & Future", "Bread & Future"),
        ("called Her Business Hannover", "Her Business Hannover"),
        ("heißt Zukunft Pflege", "Zukunft Pflege"),
        ("Callcenter Nord", "Callcenter Nord"),
        ("Arbeitstitel Pflege plus", "Pflege plus"),
        ("Pflege plus (Arbeitstitel)", "Pflege plus"),
        ("„Zukunft Handwerk“ – aber noch nicht final", "Zukunft Handwerk"),
        ("so was wie Azubi-Lotse", "Azubi-Lotse"),
        ("vielleicht Bleib hier?", "Bleib hier"),
        ("Etwas Neues wagen", "Etwas Neues wagen"),
    ],
)
def test_titles_at_the_question(text: str, title: str) -> None:
    assert clean_title(text) == title


@given(st.text(max_size=400))
def test_never_raise(kb: KnowledgeBase, text: str) -> None:
    assert organisation_kind(text, kb) in (*KINDS, None)
    found = organisation_in(text, kb)
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)
    named = title_in(text)
    if named is not None:
        assert text[named.start : named.end] == named.title
    clean_title(text)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Hi there, we're a training provider in Hameln. Our project is called 'Skills "
            "Bridge' and helps refugees get into care jobs.",
            "Skills Bridge",
        ),
        ("Our programme is called Back to Work and starts in May.", "Back to Work"),
        ("Arbeitstitel „Pflege-Lotsen“ – wir (Caritas Hameln) möchten begleiten.", "Pflege-Lotsen"),
    ],
)
def test_a_title_named_by_our_project_or_right_after_its_label(text: str, title: str) -> None:
    named = title_in(text)
    assert named is not None and named.title == title


def test_called_for_names_no_title() -> None:
    assert title_in("Our project is called for by many employers.") is None
