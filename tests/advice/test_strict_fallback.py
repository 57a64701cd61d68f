"""Where an idea meets no project's theme, the fallback on the texts' shared words is strict
(#14): a shared sub-goal and two telling words, not one word beside a shared target group; and
a theme that names only companies has not met the idea's people."""

from __future__ import annotations

import dataclasses

import pytest

from bot.advice.advise import Advisor
from bot.advice.match import ProjectMatch
from bot.kb.knowledge import KnowledgeBase


@pytest.fixture(scope="module")
def unthemed(kb: KnowledgeBase) -> Advisor:
    """The shipped knowledge base with every project's themes left out: each is compared on
    its text, on the bar of before (as one staff added without themes would be)."""
    projects = tuple(p.model_copy(update={"themes": []}) for p in kb.projects)
    return Advisor(dataclasses.replace(kb, projects=projects))


def shown(advisor: Advisor, idea: str, group: str) -> list[ProjectMatch]:
    return list(advisor.matcher.match(idea, group).projects)


def themed(advisor: Advisor, idea: str, groups: tuple[str, ...]) -> list[str]:
    lookalikes = advisor.matcher.lookalikes
    return [m.id for m in lookalikes.themed(lookalikes.themes.read(idea), (), groups, None)]


def test_one_shared_word_beside_a_shared_group_is_no_look_alike(
    advisor: Advisor, unthemed: Advisor
) -> None:
    """A forklift licence for refugees shares "Deutsch" and the refugees with the language
    internships of CARE: the bar of before showed it, the strict fallback does not."""
    idea = "Geflüchtete machen bei uns im Lager den Staplerschein, dazu Deutsch fürs Lager."
    assert themed(advisor, idea, ("gefluechtete",)) == []
    assert "care" in [m.id for m in shown(unthemed, idea, "Geflüchtete")]
    assert shown(advisor, idea, "Geflüchtete") == []


def test_a_shared_sub_goal_and_two_telling_words_still_make_a_look_alike(
    advisor: Advisor,
) -> None:
    """No theme of the Schaumburg care project is met whole, but the idea shares its sub-goal
    and two telling words: the fallback shows it."""
    idea = (
        "Altenpflegeheime führen digitale Pflegedokumentation ein, damit Pflegekräfte mehr "
        "Zeit haben und bleiben."
    )
    assert themed(advisor, idea, ("beschaeftigte",)) == []
    [match] = shown(advisor, idea, "Pflegekräfte")
    assert match.id == "pflegekraefte-schaumburg"
    assert match.shared_sub_goals == ("I.7",)
    assert len(match.shared_words) >= 2


def test_a_theme_naming_only_companies_has_not_met_the_ideas_people(advisor: Advisor) -> None:
    """The Jobtour's pupils solve practical tasks at employers: staff doing a practical task
    for their own employer are not alike it by that theme."""
    task = "lösen Praxisaufgaben bei Arbeitgebern der Region."
    pupils = themed(advisor, f"Schülerinnen und Schüler {task}", ("schueler", "unternehmen"))
    assert "jobtour-leine-weser" in pupils
    staff = themed(advisor, f"Mitarbeitende im Büro {task}", ("beschaeftigte", "unternehmen"))
    assert "jobtour-leine-weser" not in staff


def test_a_project_turned_down_on_its_themes_is_not_shown_on_its_text(advisor: Advisor) -> None:
    """Commuters' coworking meets the Create:Hub's theme "Coworking" whole, and the themes
    turn it down (a hub for pupils and founders, not for commuters): the fallback on the texts'
    shared words does not show it after all."""
    idea = (
        "Coworking im alten Bahnhof für Leute, die sonst jeden Tag nach Hannover pendeln: "
        "schnelles Internet, ein paar Arbeitsplätze, damit die Fachkräfte hier wohnen bleiben."
    )
    lookalikes = advisor.matcher.lookalikes
    found = lookalikes.themes.read(idea)
    met = lookalikes.themes.find(found, ("beschaeftigte",))
    assert "create-hub" in {kb_project_id(advisor, position) for position in met}
    assert themed(advisor, idea, ("beschaeftigte",)) == []
    commuters = advisor.matcher.match(idea, "Pendler", ("beschaeftigte",)).projects
    assert "create-hub" not in [m.id for m in commuters]


def kb_project_id(advisor: Advisor, position: int) -> str:
    return advisor.kb.projects[position].id


def test_an_action_field_standing_in_for_sub_goals_is_no_shared_sub_goal(
    advisor: Advisor,
) -> None:
    """The strategy names no sub-goal for the Erzieher initiative, only field I: a hospital's
    crèche for its nurses shares that field and the words "Kita" and "Pflege" with it, which
    is not the shared sub-goal the strict fallback asks for."""
    idea = (
        "Betriebskita am Krankenhaus mit Öffnungszeiten ab 5:30 Uhr bis 22 Uhr, damit unsere "
        "Pflegekräfte im Schichtdienst nicht kündigen oder nur noch Teilzeit machen."
    )
    nurses = advisor.matcher.match(idea, "Pflegekräfte", ("beschaeftigte",)).projects
    assert "fachkraefteinitiative-erzieher" not in [m.id for m in nurses]


def test_the_fallback_shows_no_project_for_other_people_than_the_ideas(advisor: Advisor) -> None:
    """The same crèche shares the hospital, care and I.7 with CARE's internships for refugees:
    a project for other people than the idea's is not alike it, on its text as on its themes."""
    idea = (
        "Betriebskita am Krankenhaus mit Öffnungszeiten ab 5:30 Uhr bis 22 Uhr, damit unsere "
        "Pflegekräfte im Schichtdienst nicht kündigen oder nur noch Teilzeit machen."
    )
    nurses = advisor.matcher.match(idea, "Pflegekräfte", ("beschaeftigte",)).projects
    assert "care" not in [m.id for m in nurses]
    # For refugees, the hospital's internships are what the idea shares with CARE.
    refugees = "Geflüchtete machen ein Praktikum im Krankenhaus und lernen dabei Deutsch."
    assert "care" in [m.id for m in shown(advisor, refugees, "Geflüchtete")]


def test_a_project_for_other_people_is_shown_where_its_themes_tell_the_same_approach(
    advisor: Advisor,
) -> None:
    """Craftsmen trained as energy advisors meet three of the HAWK's themes (its energy-advisor
    training is for architecture students): the approach is the same, so the fallback shows it
    though the people differ."""
    idea = (
        "Weiterbildung für Handwerker zu Wärmepumpen und Energieberatung, Kurse zusammen mit der "
        "HAWK und der Kreishandwerkerschaft. Es gibt viel zu wenig Energieberater."
    )
    crafts = advisor.matcher.match(idea, "Handwerker", ("beschaeftigte",)).projects
    assert "energieberater-hawk" in [m.id for m in crafts]
