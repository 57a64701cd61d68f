"""Issue #14, wave 10: a theme names a target group only where its words are those people.

The vocabulary finds words by light stems, and a stem can be shared by the people and what they
are not: "Schule" and "Schüler" are both "schul", "teach" and "teacher" both "teach", "Lehre"
(an apprenticeship) and "Lehrerinnen" both "lehr". A theme about renovating school buildings
is not for pupils, one where business people teach is not for teachers. Such a word stays a
word of the theme, so an idea saying it still meets the theme. Read on the shipped knowledge
base (its vocabulary and its projects' themes)."""

from __future__ import annotations

import pytest

from bot.advice.advise import Advisor
from bot.advice.match import ProjectMatch
from bot.advice.themes import groups_named
from bot.advice.vocabulary import Vocabulary


@pytest.fixture
def vocabulary(advisor: Advisor) -> Vocabulary:
    return advisor.matcher.vocabulary


def themed(advisor: Advisor, idea: str, groups: tuple[str, ...]) -> list[ProjectMatch]:
    lookalikes = advisor.matcher.lookalikes
    return lookalikes.themed(lookalikes.themes.read(idea), (), groups, None)


@pytest.mark.parametrize(
    "theme",
    [
        "Schulen ökologisch sanieren",
        "Schulgebäude sanieren",
        "Unterricht in der Grundschule",
        "Berufslotsen an Schulen",
        "Deutsch an der Berufsschule",
        "Lehre im Handwerk",
        "Ausbilder lehren Programmieren",
        "retired engineers teach coding",
        "business people teach at school",
    ],
)
def test_the_institution_the_building_or_the_verb_names_no_people(
    theme: str, vocabulary: Vocabulary
) -> None:
    named = groups_named(theme, vocabulary)
    assert not named & {"schueler", "lehrkraefte", "auszubildende"}, named


@pytest.mark.parametrize(
    ("theme", "group"),
    [
        ("Schüler besuchen Betriebe", "schueler"),
        ("Schülerinnen lernen programmieren", "schueler"),
        ("Aufgaben von Unternehmen für Schülergruppen", "schueler"),
        ("pupils visit a business", "schueler"),
        ("eine Lehrkraft besucht Betriebe", "lehrkraefte"),
        ("Lehrerinnen besuchen Betriebe", "lehrkraefte"),
        ("a teacher visits companies", "lehrkraefte"),
        ("Berufsschüler lernen online", "auszubildende"),
        ("Frauenförderung im Handwerk", "frauen"),
        ("Pflegekräfte aus dem Ausland anwerben", "zugewanderte"),
        ("Start-ups bekommen Büros", "gruendende"),
        ("business people explain the economy", "unternehmen"),
        ("Fördermöglichkeiten für KMU", "unternehmen"),
    ],
)
def test_the_peoples_own_words_name_them_in_any_form_or_compound(
    theme: str, group: str, vocabulary: Vocabulary
) -> None:
    assert group in groups_named(theme, vocabulary)


def test_a_word_that_names_nobody_stays_a_word_of_the_theme(advisor: Advisor) -> None:
    themes = advisor.matcher.lookalikes.themes
    assert themes.theme("Sanierung von Schulen").surfaces == ("Sanierung", "Schulen")
    assert themes.theme("Sanierung von Schulen").groups == frozenset()
    assert "teach" in themes.theme("business people teach at school").surfaces
    assert "lehrkraefte" not in themes.theme("business people teach at school").groups
    # An idea renovating schools meets the green-building forum's theme by its words alone:
    # no pupils needed, and none wanted (the forum is for companies, not pupils).
    for idea, words in (
        ("Die energetische Sanierung unserer Schulen im Landkreis.", "Schulen"),
        ("Wir wollen alte Schulgebäude nachhaltig sanieren.", "Schulgebäude"),
    ):
        found = themed(advisor, idea, ())
        green = next(m for m in found if m.id == "zukunftsforum-green-building")
        assert words in green.shared_words


def met_words(advisor: Advisor, idea: str, groups: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The projects whose themes the idea meets, with the words shown for them."""
    themes = advisor.matcher.lookalikes.themes
    projects = advisor.kb.projects
    return {projects[p].id: met.words for p, met in themes.find(themes.read(idea), groups).items()}


@pytest.mark.parametrize(
    "idea",
    ["Eine Informatik-AG am Nachmittag mit Jugendlichen.", "An afternoon coding club for kids."],
)
def test_a_word_near_a_name_of_people_is_met_by_it_or_by_those_people(
    advisor: Advisor, idea: str
) -> None:
    """ "Informatik in der Schule": an idea for pupils is at school, whether it says so or
    not (an English one says "school", no "Schule"); an idea for nobody in particular is not.
    The school is not shown as a shared word where the idea did not say it."""
    assert ("schul",) not in advisor.matcher.lookalikes.themes.read(idea)
    for_pupils = met_words(advisor, idea, ("schueler",))
    assert "it-macht-schule" in for_pupils
    assert "Schule" not in for_pupils["it-macht-schule"]
    assert "it-macht-schule" not in met_words(advisor, idea, ())
    said = met_words(advisor, "Informatik in der Schule, für alle.", ())
    assert "Schule" in said["it-macht-schule"]
