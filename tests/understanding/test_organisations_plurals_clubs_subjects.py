"""Kinds of organisation, wave 11 of #12 (understand12v): what an opening says of its sender in
further ways people write it — German plurals where the senders say what they are ("wir
betreiben zwei Kliniken"), sports clubs by their abbreviations, "… here", a kind after "und"
("Garten- und Landschaftsbaubetrieb", "Erzieherin und leite die Kita …"), a subject line, an
organisation as the subject of a later sentence, "wir haben einen …", "Kurz zu uns:", a
signature without a closing formula, "… und sind ein …", "in unseren …", and a sender who makes
things whatever its name; and what none of them reads as the sender."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.organisations import organisation_in, organisation_kind
from tests.understanding.reading import Finders, read


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hallo, wir betreiben zwei seniorenheime in rinteln und wollen", "care"),
        ("Guten Tag, wir als drei ambulante Pflegedienste aus dem Raum Nienburg möchten", "care"),
        ("Wir sind zwei Pflegeschulen in Hameln.", "education"),
        ("Wir sind drei Familienunternehmen aus Holzminden.", "company"),
    ],
)
def test_a_german_plural_where_the_senders_say_what_they_are(
    text: str, kind: str, kb: KnowledgeBase
) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == kind, text


@pytest.mark.parametrize(("text", "kind"), [("Kliniken", "care"), ("Pflegedienste", "care")])
def test_a_german_plural_as_the_answer(text: str, kind: str, kb: KnowledgeBase) -> None:
    assert organisation_kind(text, kb) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Wir sind in vielen Betrieben unterwegs.",
        "Wir wollen mit Pflegeschulen und Kliniken zusammenarbeiten.",
        "Wir planen Praktika für Jugendliche ohne Abschluss in der Region. Unsere Partner sind "
        "drei Pflegeschulen.",
    ],
)
def test_a_german_plural_of_partners_names_no_sender(text: str, kb: KnowledgeBase) -> None:
    assert organisation_in(text, kb, opening=True) is None


@pytest.mark.parametrize(
    "text",
    [
        "Hallo! TSV Sarstedt hier. Wir wollen Ausbildungsplätze über den Sport vermitteln.",
        "MTV Stadthagen e.V. – wir möchten geflüchtete Jugendliche begleiten.",
        "Moin, hier schreibt die Jugendabteilung vom TSV Havelse.",
        "Hi, I'm the chair of SV Eintracht Hildesheim.",
    ],
)
def test_a_sports_club_by_its_abbreviation(text: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == "other", text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("hi, municipality of Nienburg here", "municipality"),
        ("bürgermeister von auetal hier. wir wollen was für die jugend machen", "municipality"),
    ],
)
def test_a_name_signing_in_here(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == kind, text


def test_here_inside_a_sentence_signs_nothing_in(kb: KnowledgeBase) -> None:
    assert organisation_in("We are here to help young people find work.", kb, opening=True) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Guten Tag, wir sind ein Garten- und Landschaftsbaubetrieb in Sarstedt.", "company"),
        ("Hi, I own a plumbing and heating business in Bad Pyrmont.", "company"),
        ("Guten Abend, ich bin Erzieherin und leite die Kita Regenbogen in Bückeburg.", "other"),
        (
            "Ich bin Pflegefachkraft und leite seit drei Jahren die Tagespflege Am Mühlenteich.",
            "care",
        ),
    ],
)
def test_the_kind_after_und(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == kind, text


def test_und_after_a_kind_still_ends_it(kb: KnowledgeBase) -> None:
    found = organisation_in("Wir sind ein Verein und Betriebe machen mit.", kb, opening=True)
    assert found is not None and found.kind == "other"


def test_leading_the_training_names_no_kind(kb: KnowledgeBase) -> None:
    assert organisation_in("Ich leite die Ausbildung bei Kiefer.", kb, opening=True) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Betreff: Förderanfrage Gärtnerei Lindemann GbR, Sehnde\n\nHallo, wir bilden aus.",
            "company",
        ),
        ("Subject: Funding enquiry – Haus Weserblick care home, Holzminden\n\nHello", "care"),
        (
            "Betreff: Projektidee Volkshochschule Schaumburg – Deutsch im Betrieb\n\nMoin",
            "education",
        ),
    ],
)
def test_a_subject_line_names_the_sender(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == kind, text
    assert organisation_in(text, kb) is None  # only an opening has a subject line


@pytest.mark.parametrize(
    "text",
    [
        "Betreff: Ausbildung im Betrieb\n\nHallo, wir möchten Jugendlichen helfen.",
        "Betreff: Projektidee für Pflegeschulen\n\nHallo, wir möchten Jugendlichen helfen.",
        "Betreff: Stadt Hameln\n\nHallo, wir möchten Jugendlichen helfen.",
    ],
)
def test_a_subject_line_on_a_topic_names_no_sender(text: str, kb: KnowledgeBase) -> None:
    assert organisation_in(text, kb, opening=True) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Sehr geehrte Damen und Herren, ich schreibe im Auftrag unseres Geschäftsführers. Die "
            "Kreishandwerkerschaft Schaumburg möchte ein Projekt beantragen.",
            "chamber",
        ),
        (
            "Unser Projekt heißt „Zukunft Handwerk“: die Kreishandwerkerschaft Hildesheim will "
            "Abiturienten gewinnen.",
            "chamber",
        ),
        ("Hallo! Die Bürgerenergie-Genossenschaft Bodenwerder eG hat eine Idee.", "other"),
        ("Moin! Die Freiwillige Feuerwehr Samtgemeinde Nenndorf sucht Nachwuchs.", "other"),
    ],
)
def test_an_organisation_as_the_subject(text: str, kind: str, kb: KnowledgeBase) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == kind, text


def test_a_later_subject_that_speaks_of_us_is_a_partner(kb: KnowledgeBase) -> None:
    text = "Wir wollen Jugendliche fördern. Die Agentur für Arbeit will uns Teilnehmende schicken."
    assert organisation_in(text, kb, opening=True) is None


def test_what_the_senders_have(kb: KnowledgeBase) -> None:
    found = organisation_in("Moin, wir haben einen Milchviehbetrieb bei Aerzen.", kb, opening=True)
    assert found is not None and found.kind == "company"
    found_none = organisation_in(
        "Wir planen Praktika für Jugendliche ohne Abschluss in der Region. Wir haben einen "
        "Betrieb gefunden, der mitmacht.",
        kb,
        opening=True,
    )
    assert found_none is None


def test_a_line_about_us(kb: KnowledgeBase) -> None:
    text = "Kurz zu uns:\n- Bildungsträger aus Hildesheim\n- Zielgruppe: Alleinerziehende"
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == "education"


def test_a_signature_without_a_closing_formula(kb: KnowledgeBase) -> None:
    text = (
        "Hi,\nwe're keen to run a mentoring scheme that pairs international students with local"
        " engineering firms.\nCheers,\nTom Reilly\nCareer Service\nHochschule Hannover"
    )
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == "university"
    assert text[found.start : found.end] == "Hochschule"


def test_short_lines_alone_are_no_signature(kb: KnowledgeBase) -> None:
    assert organisation_in("Idee\nmit dem Jobcenter Hameln\nund der AWO", kb, opening=True) is None


def test_after_where_the_senders_sit(kb: KnowledgeBase) -> None:
    text = "Wir sitzen in der Oberen Straße in 37603 Holzminden und sind ein kleines Ingenieurbüro."
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == "company"


def test_in_our_own_day_care_centres(kb: KnowledgeBase) -> None:
    found = organisation_in(
        "Hallo, in unseren Kitas in Springe fehlen uns Erzieherinnen.", kb, opening=True
    )
    assert found is not None and found.kind == "other"


def test_a_sender_who_makes_things(kb: KnowledgeBase) -> None:
    text = (
        "Hallo, ich bin Ausbildungsleiterin bei Wilkhahn in Bad Münder (wir stellen Büromöbel "
        "her). Wir würden gern eine Ausbildungsmesse machen."
    )
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == "company"
    assert organisation_in("Wir stellen den Kontakt zu Betrieben her.", kb, opening=True) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Spargelhof", "company"),
        ("Coworking Space", "company"),
        ("maker space", "other"),
        ("Tagespflege", "care"),
        ("Arbeitsloseninitiative", "other"),
        ("Bürgermeisterin", "municipality"),
    ],
)
def test_new_words(text: str, kind: str, kb: KnowledgeBase) -> None:
    assert organisation_kind(text, kb) == kind


def test_a_first_message_reads_the_club(finders: Finders) -> None:
    reading = read(
        finders,
        "Hallo, MTV Rinteln hier, Abteilung Fußball. Wir wollen Geflüchtete in Ausbildung bringen.",
    )
    assert reading.organisation is not None and reading.organisation.value == "other"


def test_writing_for_the_person_who_runs_it(kb: KnowledgeBase) -> None:
    text = (
        "Guten Abend, ich schreibe für meinen Mann, der hat einen Dachdeckerbetrieb in Stolzenau."
    )
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == "company"
    assert text[found.start : found.end] == "Dachdeckerbetrieb"
    text = "Ich schreibe für meine Tochter, sie hat eine Idee für ein Projekt."
    assert organisation_in(text, kb, opening=True) is None


def test_the_districts_adult_education_centre_with_a_typo(kb: KnowledgeBase) -> None:
    text = "moin, kreisvolkshochule holzminden, wir möchten abendkurse anbieten"
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == "education"


def test_a_later_subject_doing_a_partners_part_is_a_partner(kb: KnowledgeBase) -> None:
    text = "Wir planen ein Mentoring. Die Agentur für Arbeit will Teilnehmende vermitteln."
    assert organisation_in(text, kb, opening=True) is None


def test_short_lines_after_a_colon_are_a_list(kb: KnowledgeBase) -> None:
    text = (
        "Wir planen Sprachkurse und Praktika für junge Geflüchtete in Hameln, zusammen mit "
        "diesen Partnern:\nJobcenter Hameln\nAWO Kreisverband"
    )
    assert organisation_in(text, kb, opening=True) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ich bin selbstständige Friseurmeisterin mit eigenem Salon in Alfeld.", "company"),
        ("Ich bin Inhaberin von zwei Apotheken in Hildesheim.", "company"),
        ("Im Auftrag meiner Chefin, Leiterin einer Pflegeschule in Nienburg.", "education"),
    ],
)
def test_own_business_and_the_role_of_one_or_several(
    text: str, kind: str, kb: KnowledgeBase
) -> None:
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == kind, text


def test_own_trainers_name_no_business(kb: KnowledgeBase) -> None:
    text = "Guten Tag, wir arbeiten mit eigenen Trainern direkt in den Betrieben der Region."
    assert organisation_in(text, kb, opening=True) is None


def test_a_company_name_by_its_trade_in_english(kb: KnowledgeBase) -> None:
    text = (
        "Hello,\nwe would like to train refugees as warehouse operatives over two years.\n"
        "Kind regards,\nJohn Smith\nTraining Manager\nBrinkmann Logistics\nHamelin"
    )
    found = organisation_in(text, kb, opening=True)
    assert found is not None and found.kind == "company"
    found = organisation_in("We are a training provider for logistics in Hameln.", kb)
    assert found is not None and found.kind == "education"
