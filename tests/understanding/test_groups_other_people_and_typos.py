"""Target groups, wave 7 of #12 (understand12f): what an answer to the target-group question
says about other people than the ones it names (trainers, staff, funders, customers), and
words a dictionary knows that are no typos of a group's word."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.groups.finder import GroupFinder


@pytest.fixture(scope="module")
def finder(kb: KnowledgeBase) -> GroupFinder:
    return GroupFinder(kb.target_groups)


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # the answer is the first sentence that names a group; what follows is said about it
        (
            "unsere Azubis in Küche und Service. Die Ausbilder machen natürlich mit, aber um"
            " die geht's nicht.",
            ("auszubildende",),
        ),
        (
            "our apprentices. Their trainers will join in too, but the project is for the"
            " apprentices.",
            ("auszubildende",),
        ),
        (
            "Gesellinnen und Gesellen, die sich auf die Meisterprüfung vorbereiten. Die Betriebe"
            " stellen sie dafür frei.",
            ("beschaeftigte",),
        ),
        (
            "Menschen mit wenig Deutschkenntnissen. Finanziert werden zwei Dozentinnen und eine"
            " Koordinatorin.",
            ("zugewanderte",),
        ),
        # a short later sentence adds to the list, organisations too
        ("Azubis. Betriebe auch.", ("auszubildende", "unternehmen")),
        ("Frauen. Und Geflüchtete.", ("frauen", "gefluechtete")),
        # one sentence is read whole, as before
        ("Azubis und ihre Betriebe", ("auszubildende", "unternehmen")),
    ],
)
def test_an_answer_is_its_first_group_sentence(
    finder: GroupFinder, text: str, groups: tuple[str, ...]
) -> None:
    assert finder.answer_groups(text) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # a word of its own is no typo: the field is not the profession, funders no founders
        ("Schulabgänger, die eine Ausbildung in der Altenpflege machen wollen", {"schueler"}),
        ("school leavers and their funders", {"schueler"}),
        # a real typo is still read
        ("geflüchete Frauen", {"gefluechtete", "frauen"}),
    ],
)
def test_typos_only_for_words_no_dictionary_knows(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # what people want to become is their goal, no other group
        ("junge Leute, die Berufskraftfahrer werden wollen", {"schueler"}),
        ("Quereinsteiger, die Erzieher werden möchten", set()),
        # … but "werden" as a passive keeps the group
        ("Ältere werden oft übersehen", {"aeltere"}),
    ],
)
def test_what_people_want_to_become_is_no_group(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text)) == groups
    assert set(finder.groups(text, running_text=True)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # who writes, opening the message
        ("founder here, edtech startup, based in Hildesheim", set()),
        ("Heimleitung hier. Wir wollen Pflegehelfer weiterqualifizieren", {"beschaeftigte"}),
        # a negation with a pronoun between
        ("apprentices in agriculture, not us founders", {"auszubildende"}),
        # the doers after "durch"/"by", even without another group in the sentence
        ("Mentoring durch unsere erfahrenen Erzieherinnen", set()),
        ("Retired engineers want to run a robotics club for pupils", {"schueler"}),
        # volunteers a little further from their word
        ("Studierende geben bei uns ehrenamtlich Nachhilfe für Azubis", {"auszubildende"}),
    ],
)
def test_who_writes_and_who_does_the_work_in_running_text(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text, running_text=True)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("Our teachers are native speakers.", set()),
        ("Unsere Kundinnen sind meist ältere Damen.", set()),
        ("Unsere Kameraden sind fast alle über 50, das ist unser Problem.", set()),
        ("Teachers and parents are partners.", set()),
        ("Die Ausbilder machen natürlich mit.", set()),
        # said for whom, it counts
        ("Unser Angebot ist für Ältere.", {"aeltere"}),
    ],
)
def test_said_of_the_sponsors_people_beside_a_named_group(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    hits = finder.find(text, running_text=True, named_elsewhere=True)
    assert {hit.group for hit in hits} == groups


def test_said_of_the_sponsors_people_alone_still_names_them(finder: GroupFinder) -> None:
    # the only group a text names is not ruled out as said of others
    assert "gefluechtete" in finder.groups("Unsere Mitglieder sind Geflüchtete.", running_text=True)


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # professions listed after what people learned: what they were trained as
        (
            "Viele Männer bei uns haben ihren Beruf in Syrien gelernt, Elektriker, Friseur,"
            " Bäcker.",
            set(),
        ),
        (
            "Ukrainerinnen mit Hochschulabschluss, Lehrerin, Ärztin, Ingenieurin",
            {"gefluechtete", "frauen"},
        ),
        # … not after what they lack, and a list of professions alone stays a list
        (
            "Frauen ohne Berufsabschluss, Pflegehelferinnen und Erzieherinnen",
            {"frauen", "beschaeftigte"},
        ),
        ("Maler, Tischler und Elektriker", {"beschaeftigte"}),
    ],
)
def test_professions_people_learned_are_no_group(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text)) == groups
    assert set(finder.groups(text, running_text=True)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # people called foreign or international come from abroad
        ("foreign truck drivers", {"zugewanderte", "beschaeftigte"}),
        ("international master's students who want to stay", {"zugewanderte", "studierende"}),
        ("internationale Studierende", {"zugewanderte", "studierende"}),
        # … a foreign language is no origin, international companies no people
        ("foreign language teachers", {"lehrkraefte"}),
        # special educational needs
        ("Schüler mit Förderbedarf", {"schueler", "menschen-mit-beeintraechtigung"}),
        # German says that people work at the end of the clause
        (
            "Menschen mit wenig Deutschkenntnissen, die schon in der Pflege oder Gastronomie"
            " arbeiten",
            {"zugewanderte", "beschaeftigte"},
        ),
        # … "zu arbeiten" is a wish
        ("Rentner, die noch Lust haben zu arbeiten", {"aeltere"}),
    ],
)
def test_origin_needs_and_work_said_in_other_words(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text)) == groups
