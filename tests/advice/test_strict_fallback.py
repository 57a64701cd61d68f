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
