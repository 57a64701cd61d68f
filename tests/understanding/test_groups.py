"""Target groups from everyday words, German and English, on whole words and lemmas."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.groups.finder import GroupFinder


@pytest.fixture(scope="module")
def finder(kb: KnowledgeBase) -> GroupFinder:
    return GroupFinder(kb.target_groups)


EVERYDAY = [
    ("Leute, die nach der Ausbildung wegziehen", {"auszubildende"}),
    ("Maler und Tischler, die sich fortbilden wollen", {"beschaeftigte"}),
    ("maler und tischler die sich fortbilden wollen", {"beschaeftigte"}),
    ("Saisonkräfte in Gastronomie", {"beschaeftigte"}),
    ("Mitarbeiter am Flughafen", {"beschaeftigte"}),
    ("beschäftigte ohne berufsabschluss", {"beschaeftigte"}),
    ("ältere Mitarbeiter in der Fertigung", {"aeltere", "beschaeftigte"}),
    ("ältere Arbeitslose", {"aeltere", "arbeitslose"}),
    ("Senioren, die noch arbeiten wollen", {"aeltere"}),
    ("Quereinsteiger ins Handwerk über 50", {"aeltere"}),
    ("Menschen 50+", {"aeltere"}),
    ("Ü50", {"aeltere"}),
    ("Mütter, die Arbeit suchen", {"frauen", "arbeitslose"}),
    ("alleinerziehende Mütter", {"frauen"}),
    ("geflüchtete Frauen", {"gefluechtete", "frauen"}),
    ("Zugewanderte Frauen", {"zugewanderte", "frauen"}),
    ("Migrantinnen", {"zugewanderte", "frauen"}),
    ("Schülerinnen ab Klasse 7", {"schueler", "frauen"}),
    ("zugewanderte Fachkräfte und ihre Familien", {"zugewanderte"}),
    ("Fachkräfte aus dem Ausland", {"zugewanderte"}),
    ("Fachkräfte aus Österreich", {"zugewanderte"}),
    ("internationale Studierende", {"zugewanderte", "studierende"}),
    ("Jugendliche ohne Schulabschluss", {"schueler"}),
    ("jugendliche die keinen bock auf schule haben", {"schueler"}),
    ("Jungs und Deerns ut de Schol", {"schueler"}),
    ("Schüler der 8. bis 10. Klasse", {"schueler"}),
    ("Azubis und die Betriebe, die ausbilden", {"auszubildende", "unternehmen"}),
    ("Pflege-Azubis", {"auszubildende"}),
    ("kleine und mittlere Betriebe", {"unternehmen"}),
    ("Leute, die ein Startup gründen wollen", {"gruendende"}),
    ("Menschen mit psychischen Erkrankungen", {"menschen-mit-beeintraechtigung"}),
    ("Lehrer", {"lehrkraefte"}),
    ("Pflegeschulen", {"bildungstraeger"}),
    ("Arbeitslose Akademiker", {"arbeitslose"}),
    ("frauen nach der familienphase, quereinsteiger", {"frauen", "berufsrueckkehrende"}),
    # English
    ("refugees", {"gefluechtete"}),
    ("older workers", {"aeltere", "beschaeftigte"}),
    ("school leavers", {"schueler"}),
    ("apprentices", {"auszubildende"}),
    ("students", {"studierende"}),
    ("teachers", {"lehrkraefte"}),
    ("companies", {"unternehmen"}),
    ("women returning to work", {"berufsrueckkehrende", "frauen"}),
    ("foreign nurses", {"zugewanderte", "beschaeftigte"}),
    ("young people who leave the region after their training", {"auszubildende"}),
    ("people with disabilities", {"menschen-mit-beeintraechtigung"}),
    ("long-term unemployed people", {"arbeitslose"}),
    ("single mothers", {"frauen"}),
    ("asylum seekers", {"gefluechtete"}),
    # gender forms and inflection
    ("Schüler*innen", {"schueler"}),
    ("Schüler:innen", {"schueler"}),
    ("SchülerInnen", {"schueler"}),
    ("Schülerinnen und Schüler", {"schueler"}),
    ("Jungen und Mädchen", {"schueler"}),
    ("Mädchen", {"schueler", "frauen"}),
    ("girls", {"schueler", "frauen"}),
    ("den Geflüchteten", {"gefluechtete"}),
    ("mit Studierenden", {"studierende"}),
    ("Handwerkern", {"beschaeftigte"}),
]


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Menschen im Rollstuhl", {"menschen-mit-beeintraechtigung"}),
        ("people in wheelchairs", {"menschen-mit-beeintraechtigung"}),
        ("Leute, die ein Startup gründen wollen", {"gruendende"}),
        ("Hi, wir sind ein Startup aus Hannover und machen Coding Bootcamps", set()),
        ("Hello! We are a startup in Hannover", set()),
        ("We're a start-up from Hildesheim", set()),
        ("mamas die wieder arbeiten wollen", {"frauen", "berufsrueckkehrende"}),
        ("women coming back after maternity leave", {"frauen", "berufsrueckkehrende"}),
        ("people who recently came to Germany", {"zugewanderte"}),
        ("students at secondary schools", {"schueler"}),
        ("young adults with learning difficulties", {"menschen-mit-beeintraechtigung"}),
        ("university students", {"studierende"}),
        ("schulschwänzer aus den abschlussklassen", {"schueler"}),
        ("Menschen mit psychischen Problemen", {"menschen-mit-beeintraechtigung"}),
        ("erstis", {"studierende"}),
    ],
)
def test_everyday_words_of_wave_4c_and_a_sponsor_that_is_a_startup(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text)) == groups


@pytest.mark.parametrize(("text", "groups"), EVERYDAY)
def test_everyday_words_name_their_groups(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text)) == groups


@pytest.mark.parametrize(
    "text",
    [
        "hallo",
        "test",
        "hi",
        "Hallo!",
        "Fachkräfte",
        "Quereinsteiger",
        "siehe Projektidee",
        "die alten Maschinen",
        "Der Verein wurde 2010 gegründet",
        "Praktika im Handwerk",
        "Kosten für Personal",
        "Pflegeschulenverbund",
        "Schülerzeitung",
        "foreign languages",
    ],
)
def test_words_that_name_no_group(finder: GroupFinder, text: str) -> None:
    assert finder.groups(text) == ()


def test_pflegeschulen_are_no_pupils(finder: GroupFinder) -> None:
    assert "schueler" not in finder.groups("Pflegeschulen")
    assert "schueler" not in finder.groups("Die Pflegeschulen im Landkreis")


def test_typos_at_the_question_but_not_in_running_text(finder: GroupFinder) -> None:
    assert finder.groups("geflüchete") == ("gefluechtete",)
    assert finder.groups("geflüchete", running_text=True) == ()


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        (
            "Wir wollen junge Leute ohne Ausbildungsplatz in Betriebe der Region vermitteln",
            ("schueler",),
        ),
        (
            "Wir wollen Schülerinnen für MINT-Berufe begeistern, mit Betrieben aus dem Kreis.",
            ("schueler", "frauen"),
        ),
        ("Wir sind ein Unternehmen in Hameln", ()),
        ("Wir sind ein Bildungsträger in Hildesheim", ()),
        ("damit Studierende Praktika in Betrieben vor Ort machen", ("studierende",)),
        ("Beratung für kleine Betriebe im Landkreis", ("unternehmen",)),
        ("helps international graduates get jobs at local SMEs", ("zugewanderte", "studierende")),
    ],
)
def test_organisations_in_running_text_need_a_fuer(
    finder: GroupFinder, text: str, groups: tuple[str, ...]
) -> None:
    assert finder.groups(text, running_text=True) == groups


def test_hits_carry_the_words_they_came_from(finder: GroupFinder) -> None:
    text = "Ein Projekt für geflüchtete Frauen in der Pflege"
    hits = finder.find(text)
    assert {(hit.group, hit.text) for hit in hits} == {
        ("gefluechtete", "geflüchtete"),
        ("frauen", "Frauen"),
    }
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text


def test_every_label_and_phrase_finds_its_own_group(kb: KnowledgeBase, finder: GroupFinder) -> None:
    for group in kb.target_groups:
        for text in (group.label, group.label_en, *group.synonyms, *group.phrases):
            assert group.id in finder.groups(text), (group.id, text)


@given(st.text(max_size=300), st.booleans())
def test_find_never_raises_and_spans_are_in_the_text(
    finder: GroupFinder, text: str, running: bool
) -> None:
    for hit in finder.find(text, running_text=running):
        assert text[hit.start : hit.end] == hit.text and hit.text


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Altenpflegehelferinnen", {"beschaeftigte", "frauen"}),
        ("Lehramtsstudierende", {"studierende"}),
        ("Industriemechaniker", {"beschaeftigte"}),
        ("Berufsschullehrkräfte", {"lehrkraefte"}),
        ("langzeitarbeitslosen Männern", {"arbeitslose"}),
        ("Busfahrer und Lageristen", {"beschaeftigte"}),
    ],
)
def test_a_compound_is_read_as_its_head(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text)) == groups


@pytest.mark.parametrize("text", ["Projektmitarbeiterinnen", "Vertrauen", "Großeltern"])
def test_compounds_that_name_no_target_group(finder: GroupFinder, text: str) -> None:
    assert finder.groups(text) == ()


def test_a_compound_in_running_text_needs_a_fuer(finder: GroupFinder) -> None:
    """ "begleitet von einer Sozialpädagogin" names the project's staff, not its group."""
    text = "Teilzeitausbildung mit Begleitung durch eine Sozialpädagogin"
    assert "lehrkraefte" not in finder.groups(text, running_text=True)
    assert "studierende" in finder.groups("ein Angebot für Lehramtsstudierende", running_text=True)


@pytest.mark.parametrize(
    "text",
    [
        "migrant women who want to start their own business",
        "Leute, die ein Unternehmen gründen wollen",
    ],
)
def test_an_organisation_word_inside_a_phrase_of_people_is_part_of_it(
    finder: GroupFinder, text: str
) -> None:
    found = finder.groups(text)
    assert "gruendende" in found and "unternehmen" not in found


def test_a_feminine_plural_names_women_beside_a_phrase_of_its_group(finder: GroupFinder) -> None:
    assert set(finder.groups("Rückkehrerinnen nach der Familienzeit")) == {
        "berufsrueckkehrende",
        "frauen",
    }
    assert finder.groups("Schülerinnen und Schüler") == ("schueler",)


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        (
            "Lehrkräfte und Ausbilder aus den Betrieben begleiten die Schüler der 8. Klassen.",
            ("schueler",),
        ),
        (
            "Zwei unserer Mitarbeiterinnen sollen Geflüchtete in Pflegeheime vermitteln.",
            ("gefluechtete",),
        ),
        ("Coaching für Alleinerziehende, mit Begleitung durch Sozialarbeiterinnen.", ("frauen",)),
        (
            # the apprenticeship they are to find is the goal, no group (as "Ausbildung");
            # young refugees are young people too (as the evaluation's labels have it)
            "Young refugees get coached by retired engineers so they find an apprenticeship.",
            ("schueler", "gefluechtete"),
        ),
        (
            "Wir wollen junge Leute ohne Ausbildungsplatz in Betriebe der Region vermitteln",
            ("schueler",),
        ),
        ("Frauen und Geflüchtete werden von uns begleitet.", ("frauen", "gefluechtete")),
    ],
)
def test_people_who_do_the_work_are_no_target_group(
    finder: GroupFinder, text: str, groups: tuple[str, ...]
) -> None:
    assert finder.groups(text, running_text=True) == groups


def test_at_the_question_every_group_named_counts(finder: GroupFinder) -> None:
    """There the whole answer names the target groups ("Lehrkräfte, die Schüler begleiten")."""
    assert set(finder.groups("Lehrkräfte, die Schüler begleiten")) == {"lehrkraefte", "schueler"}


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Lehrer an Berufsschulen", ("lehrkraefte",)),
        ("Azubis in kleinen Betrieben", ("auszubildende",)),
        ("Azubis und die Betriebe, die ausbilden", ("auszubildende", "unternehmen")),
    ],
)
def test_organisations_that_say_where_people_are_describe_them(
    finder: GroupFinder, text: str, groups: tuple[str, ...]
) -> None:
    assert finder.groups(text) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Meisterschüler im Elektrohandwerk", {"beschaeftigte"}),
        ("Pflegeschüler", {"auszubildende"}),
        ("Schulabbrecher", {"schueler"}),
        ("Hartz 4 Empfänger", {"arbeitslose"}),
        ("older job seekers", {"aeltere", "arbeitslose"}),
        ("Spätaussiedler", {"zugewanderte"}),
    ],
)
def test_a_known_compound_wins_over_its_head(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Wir wollen kleinen Betrieben helfen, neue Mitarbeiter zu finden.", ()),
        ("We want to recruit nursing staff from abroad.", ("zugewanderte",)),
        ("Betriebe sollen so Azubis finden.", ()),
        ("Arbeitslose finden mit Coaching wieder Arbeit.", ("arbeitslose",)),
    ],
)
def test_people_companies_seek_are_no_target_group(
    finder: GroupFinder, text: str, groups: tuple[str, ...]
) -> None:
    assert finder.groups(text, running_text=True) == groups
