"""Issue #14, wave 6: each project carries what it does and for whom in a few words (`themes`,
German and English, written from the strategy's sentences about it), and a project is alike an
idea where one of its themes is met whole: its words and the target groups it names. Generic
words weigh half and never make a look-alike alone; a theme naming nobody makes no look-alike
of a project for other people than the idea's."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.advice.advise import Advisor
from bot.advice.match import ProjectMatch
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KnowledgeError, load_directory
from bot.kb.shipped import shipped_knowledge_dir


def test_every_project_carries_its_themes(kb: KnowledgeBase) -> None:
    for project in kb.projects:
        assert 1 <= len(project.themes) <= 24, project.id
        assert all(len(theme) <= 80 for theme in project.themes), project.id


def shown(advisor: Advisor, idea: str, group: str = "") -> list[str]:
    return [p.id for p in advisor.matcher.match(idea, group).projects]


def themed(advisor: Advisor, idea: str, groups: tuple[str, ...]) -> list[ProjectMatch]:
    lookalikes = advisor.matcher.lookalikes
    return lookalikes.themed(lookalikes.themes.read(idea), (), groups, None)


def test_a_theme_is_read_as_its_words_and_the_target_groups_it_names(advisor: Advisor) -> None:
    themes = advisor.matcher.lookalikes.themes
    visit = themes.theme("Lehrkräfte besuchen Betriebe")
    assert visit.surfaces == ("besuchen",)
    assert visit.groups == {"lehrkraefte", "unternehmen"}
    # A telling word and a group weigh 1, a generic word (or companies as a group) half.
    assert visit.weight == 1.0 + 1.0 + 0.5
    assert themes.theme("Mentoring für Studierende").weight == 0.5 + 1.0
    assert themes.theme("Kreislaufwirtschaft").weight == 1.0


def test_a_verb_whose_noun_most_projects_use_weighs_as_the_noun(advisor: Advisor) -> None:
    """Most projects' texts say "Beratung", so a theme's "beraten" tells no more than it:
    anyone advising anybody on anything writes it."""
    themes = advisor.matcher.lookalikes.themes
    assert themes.theme("Studienabbrecher beraten").weight == 0.5 + 1.0
    assert themes.theme("Anerkennung von Abschlüssen beraten").weight == 1.0 + 1.0 + 0.5
    # A verb whose noun is rare keeps its weight ("besuchen": no "Besuchung").
    assert themes.theme("Lehrkräfte besuchen Betriebe").weight == 1.0 + 1.0 + 0.5


def test_a_verb_that_only_carries_a_direction_is_no_slot_of_a_theme(advisor: Advisor) -> None:
    themes = advisor.matcher.lookalikes.themes
    # "bringen" and "getting" say where, not what: the people and the work remain the theme.
    assert themes.theme("Geflüchtete in Arbeit bringen").surfaces == ("Arbeit",)
    assert themes.theme("getting refugees into work").surfaces == ("work",)
    found = themed(
        advisor,
        "Wir vermitteln Geflüchtete in Arbeit bei Betrieben im Landkreis.",
        ("gefluechtete",),
    )
    assert "Arbeit" in next(m for m in found if m.id == "zuwanderungsberatung").shared_words


def test_a_theme_is_met_whole_its_words_and_its_target_groups(advisor: Advisor) -> None:
    teachers = themed(
        advisor, "Unsere Lehrkräfte besuchen im Herbst Betriebe.", ("lehrkraefte", "unternehmen")
    )
    assert [m.id for m in teachers][:1] == ["lehrerexkursionen"]
    assert "besuchen" in teachers[0].shared_words
    # The same visit by pupils is not what teachers' excursions are about.
    pupils = themed(
        advisor, "Unsere Schüler besuchen im Herbst Betriebe.", ("schueler", "unternehmen")
    )
    assert "lehrerexkursionen" not in [m.id for m in pupils]


@pytest.mark.parametrize(
    ("idea", "group", "project"),
    [
        ("Teachers visit local companies for a day.", "teachers", "lehrerexkursionen"),
        (
            "Mentoring for students by local SME managers.",
            "students",
            "mentoring-studierende-wirtschaft",
        ),
        (
            "Mentoring für Studierende durch Führungskräfte aus dem Mittelstand.",
            "Studierende",
            "mentoring-studierende-wirtschaft",
        ),
    ],
)
def test_an_idea_in_english_meets_a_project_as_a_german_one_does(
    advisor: Advisor, idea: str, group: str, project: str
) -> None:
    assert shown(advisor, idea, group)[:1] == [project]


@pytest.mark.parametrize(
    ("idea", "group", "project"),
    [
        (
            "wir wollen zuschüsse für die weiterbildung unserer mitarbeitenden beantragen, "
            "wer berät uns da",
            "arbeitgeber",
            "beratung-beschaeftigtenqualifizierung",
        ),
        (
            "A club where kids do experiments outside school every week, so that more of them "
            "choose technical jobs later.",
            "kids",
            "holzmint-net",
        ),
        (
            "Die Schulgebäude im Landkreis ökologisch sanieren, zusammen mit Handwerksbetrieben "
            "und Architekten, und Vorlagen für andere Gemeinden erstellen.",
            "Handwerksbetriebe",
            "zukunftsforum-green-building",
        ),
    ],
)
def test_an_idea_in_everyday_words_meets_the_project_the_strategy_describes(
    advisor: Advisor, idea: str, group: str, project: str
) -> None:
    """The themes say what each project does in the words sponsors use, not only the
    strategy's ("Beschäftigtenqualifizierung", "außerschulische MINT-Angebote",
    "Sanierungsschablonen")."""
    assert project in shown(advisor, idea, group)


def test_a_generic_word_never_makes_a_look_alike_alone(advisor: Advisor) -> None:
    """Mentoring for pupils shares only the generic approach with mentoring for students."""
    ideas = ("Mentoring für Schülerinnen und Schüler der Oberschule.", ("schueler",))
    assert "mentoring-studierende-wirtschaft" not in [m.id for m in themed(advisor, *ideas)]


def test_a_theme_naming_nobody_needs_the_project_to_be_for_the_ideas_people(
    advisor: Advisor,
) -> None:
    """Recycling and reuse is what the Zukunftsforum Ressourcenwirtschaft works on with
    companies: an idea for young people in a youth club is not alike it by that theme."""
    idea = "Recycling und Wiederverwendung von Fahrrädern"
    assert "zukunftsforum-ressourcenwirtschaft" in [
        m.id for m in themed(advisor, f"{idea} in Handwerksbetrieben.", ("unternehmen",))
    ]
    assert "zukunftsforum-ressourcenwirtschaft" not in [
        m.id for m in themed(advisor, f"{idea} mit Jugendlichen im Jugendzentrum.", ("schueler",))
    ]


def test_a_theme_is_not_met_by_one_everyday_word_beside_generic_ones(advisor: Advisor) -> None:
    """Advising employers on their staff is Qualifizierungsberatung only where it is about
    planning and developing the staff; a portal is Hannover-Qualifizierung's only where it
    lists training for companies."""
    staff = ("unternehmen", "beschaeftigte")
    safety = themed(advisor, "Wir beraten Arbeitgeber zum Arbeitsschutz für ihr Personal.", staff)
    assert "qualifizierungsberatung" not in [m.id for m in safety]
    planning = themed(advisor, "Wir beraten Arbeitgeber zur Personalentwicklung.", staff)
    assert "qualifizierungsberatung" in [m.id for m in planning]
    club = themed(advisor, "a training portal for the volunteers of our chess club", ())
    assert "hannover-qualifizierung" not in [m.id for m in club]


def test_a_training_providers_new_courses_are_not_all_alike_the_competition(
    advisor: Advisor,
) -> None:
    """The Innovationswettbewerb asks training providers for new courses in cross-cutting
    skills; any new course of a training provider is not that."""
    provider = ("bildungstraeger",)
    forklift = themed(
        advisor, "Wir sind ein Bildungsträger und bieten neue Kurse für Staplerfahrer an.", provider
    )
    assert "innovationswettbewerb-qualifizierung" not in [m.id for m in forklift]
    soft = themed(advisor, "Neue überfachliche Kurse von Bildungsträgern für KMU.", provider)
    assert "innovationswettbewerb-qualifizierung" in [m.id for m in soft]


def test_a_group_meets_a_theme_for_a_broader_group_not_a_narrower_one(advisor: Advisor) -> None:
    """Refugees are immigrants: a theme for immigrants is met; students are not dropouts."""
    refugees = themed(advisor, "Beratung für Geflüchtete zum Arbeitsmarkt.", ("gefluechtete",))
    assert "zuwanderungsberatung" in [m.id for m in refugees]
    students = themed(advisor, "Studierende in Ausbildung bringen.", ("studierende",))
    assert "umsteigen-statt-aussteigen" not in [m.id for m in students]


def test_a_theme_of_generic_words_only_is_refused(tmp_path: Path) -> None:
    directory = tmp_path / "knowledge"
    directory.mkdir()
    for source in Path(shipped_knowledge_dir()).glob("*.yaml"):
        (directory / source.name).write_text(source.read_text(encoding="utf-8"), "utf-8")
    projects = directory / "projects.yaml"
    text = projects.read_text(encoding="utf-8")
    theme = "      - Kreislaufwirtschaft\n"
    assert text.count(theme) == 1
    projects.write_text(text.replace(theme, "      - Projekt für Unternehmen in der Region\n"))
    with pytest.raises(KnowledgeError) as error:
        load_directory(directory)
    [problem] = error.value.errors
    assert problem.file == "projects.yaml"
    assert problem.entry == "zukunftsforum-ressourcenwirtschaft"
    assert problem.loc[2] == "themes"
    assert problem.message.key == "kb.fix.theme_generic"


def test_a_project_without_themes_is_found_on_its_text_beside_those_met_by_theme(
    kb: KnowledgeBase,
) -> None:
    """A project staff added without themes is still compared on its text, after the projects
    whose themes the idea meets."""
    idea = (
        "Geflüchtete Azubis machen ein Praktikum im Pflegeheim und lernen berufsbezogenes Deutsch."
    )
    projects = tuple(
        p.model_copy(update={"themes": []}) if p.id == "care" else p for p in kb.projects
    )
    advisor = Advisor(dataclasses.replace(kb, projects=projects))
    by_theme = [m.id for m in themed(advisor, idea, ("gefluechtete", "auszubildende"))]
    assert by_theme and "care" not in by_theme
    assert "care" in shown(advisor, idea, "Geflüchtete")
