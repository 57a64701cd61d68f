"""Kinds of organisation, wave 10 of #12 (understand12r): what an opening says of its sender in
the ways people write it — plural and genitive forms ("zwei Seniorenheime", "des Landkreises"),
a message that is only a name, a name set off by a dash, a labelled line, a signature under a
mail, a role and where it is held, a unit of the organisation, owning or running it, "bei uns
im …", a self-description inside a dictated sentence (those and the signature in an opening
only); and the region's kinds of service by their usual names."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.organisations import organisation_in, organisation_kind
from tests.understanding.reading import Finders, read


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("we're a group of care homes near Hameln and can't find staff", "care"),
        ("Ich bin im Fachdienst Jugend des Landkreises Nienburg tätig.", "municipality"),
    ],
)
def test_plural_and_genitive_forms(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb)
    assert found is not None and found.kind == kind, text


def test_a_german_plural_names_the_partners_not_the_sender(kb: KnowledgeBase) -> None:
    assert organisation_in("Wir sind in vielen Betrieben unterwegs.", kb, opening=True) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Kreishandwerkerschaft Hildesheim", "chamber"),
        ("Hi, care home in Rinteln", "care"),
        ("Ambulante Pflege Sonnenschein – Inhaberin Petra Kühn – Hameln. wir möchten", "care"),
        ("Spedition Hoffmann - wir suchen Fahrer", "company"),
        ("care home Sonnenhof - we need staff", "care"),
    ],
)
def test_an_opening_that_is_a_name(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == kind, text
    assert organisation_in(text.split(" - ")[0].split(" – ")[0], kb) is None


@pytest.mark.parametrize("text", ["Landkreis Hildesheim", "Stadt Hameln", "city of Nienburg"])
def test_a_place_alone_names_no_sender(text: str, kb: KnowledgeBase) -> None:
    assert organisation_in(text, kb, opening=True) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("- Träger: Bildungswerk Nienburg\n- Zielgruppe: Langzeitarbeitslose", "education"),
        ("- Organisation: youth charity, Hamelin\n- what: evening German classes", "other"),
    ],
)
def test_a_labelled_line(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Sehr geehrte Damen und Herren,\n\nwir planen ein Projekt für Langzeitarbeitslose."
            "\n\nMit freundlichen Grüßen\nThomas Brandt\nBildungswerk der Niedersächsischen "
            "Wirtschaft\nStandort Nienburg",
            "education",
        ),
        (
            "Dear team,\nwe would like to set up coaching for young adults.\nKind regards,\n"
            "Anna Weber\nJobcenter Region Hannover",
            "employment",
        ),
    ],
)
def test_the_signature_under_a_mail(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == kind
    assert text[found.start : found.end].lower() in ("bildungswerk", "jobcenter")


def test_a_signature_naming_no_kind_names_none(kb: KnowledgeBase) -> None:
    text = "Hallo, wir planen Praktika für Jugendliche.\nViele Grüße\nJana Hoffmann\nHameln"
    assert organisation_in(text, kb, opening=True) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ich arbeite als Ausbildungsberaterin bei der Handwerkskammer Hannover", "chamber"),
        ("Hello, I work in HR at the Helios Klinikum Hildesheim.", "care"),
        ("I teach at Hochschule Hannover and we'd like to keep our students", "university"),
        (
            "Hallo, ich bin Koordinatorin für Berufsorientierung an der Oberschule Elze.",
            "education",
        ),
    ],
)
def test_a_role_and_where_it_is_held(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb)
    assert found is not None and found.kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Good afternoon, I'm from the business development team of Landkreis Schaumburg.",
         "municipality"),
        ("Guten Tag, ich leite das Team Markt & Integration im Jobcenter Hildesheim.",
         "employment"),
    ],
)  # fmt: skip
def test_a_unit_of_the_organisation(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb)
    assert found is not None and found.kind == kind, text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Guten Tag, ich habe einen Milchviehbetrieb bei Stolzenau und wir bilden aus.", "company"),
        ("Hi, I own a small plumbing business in Bad Pyrmont.", "company"),
        ("I came here ten years ago and now run a small translation agency in Hanover.",
         "company"),
    ],
)  # fmt: skip
def test_owning_or_running_it(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == kind, text


@pytest.mark.parametrize(
    "text",
    [
        "ich habe eine Idee für die Betriebe hier",
        "I have a question about the costs",
        "meine Schwester hat einen Friseursalon in Hameln",
    ],
)
def test_having_something_else_names_no_kind(text: str, kb: KnowledgeBase) -> None:
    assert organisation_in(text, kb, opening=True) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Es geht um eine Qualifizierung, bei uns im Seniorenheim in Bad Pyrmont.", "care"),
        ("Plan: language mentoring for international nurses at our hospital in Hildesheim",
         "care"),
    ],
)  # fmt: skip
def test_the_senders_own_place_of_work(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == kind, text


@pytest.mark.parametrize(
    "text", ["Es geht um junge Leute in unserer Stadt.", "for young people in our town"]
)
def test_the_town_one_lives_in_names_no_sender(text: str, kb: KnowledgeBase) -> None:
    assert organisation_in(text, kb, opening=True) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ja hallo hier ist der tischlermeister krüger aus rinteln wir sind ein kleiner betrieb "
         "mit sechs gesellen", "company"),
        ("so yeah thats us in rinteln we are a small care service for older people", "care"),
    ],
)  # fmt: skip
def test_a_self_description_inside_a_dictated_sentence(
    text: str, kind: str, kb: KnowledgeBase
) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == kind, text


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("Sozialstation", "care"),
        ("Jugendberufsagentur", "employment"),
        ("Seniorenbüro", "municipality"),
        ("Steuerkanzlei", "company"),
        ("dental practice", "company"),
        ("Jugendmigrationsdienst", "other"),
        ("youth centre", "other"),
        ("trade union", "other"),
        ("Wirtschaftsförderungsgesellschaft", "municipality"),
    ],
)
def test_the_regions_services_by_their_usual_names(
    answer: str, kind: str, kb: KnowledgeBase
) -> None:
    assert organisation_kind(answer, kb) == kind


def test_an_opening_name_is_read_at_the_place_question_only(finders: Finders) -> None:
    first = read(finders, "Kreishandwerkerschaft Hildesheim", "place")
    assert first.organisation is not None and first.organisation.value == "chamber"
    later = read(finders, "Kreishandwerkerschaft Hildesheim", "target_groups")
    assert later.organisation is None


@pytest.mark.parametrize(
    "text", ["Beschäftigte in unserem Betrieb", "staff at our care home who want to retrain"]
)
def test_a_later_answer_saying_where_is_read_for_its_question(finders: Finders, text: str) -> None:
    assert read(finders, text, "target_groups").organisation is None
    opening = read(finders, text)
    assert opening.organisation is not None
