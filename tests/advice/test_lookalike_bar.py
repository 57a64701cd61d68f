"""Issue #14, wave 10: causes of false look-alikes, and the rules against them.

- People a description names beside those the sponsor names when asked whom the idea is for
  (the refugees a training provider used to teach, before its new course for the long-term
  unemployed) meet a project's theme only in a sentence that says the theme's words as well.
- A theme naming only people ("return to work", "Wiedereinstieg nach der Elternzeit") says whom
  a project is for, not what it does: met alone, it makes a look-alike only where the two serve
  the same sub-goal too.
- A target group most projects' themes name (pupils) weighs as a word most projects use: what
  a theme for pupils does tells more than that it is for pupils.
- An English theme word most projects' themes use ("work") weighs as the German one most
  projects' texts use ("Arbeit"), so an English theme weighs as its German wording.
"""

from __future__ import annotations

import pytest

from bot.advice.advise import Advisor
from bot.advice.goals import GoalMatch


def found(
    advisor: Advisor, idea: str, groups: tuple[str, ...], goal: str, stated: tuple[str, ...] = ()
) -> list[str]:
    """The look-alikes of an idea with the target groups and the leading sub-goal given."""
    lookalikes = advisor.matcher.lookalikes
    hits = advisor.matcher.vocabulary.find(idea)
    field = goal.split(".")[0]
    goals = [GoalMatch(goal, field, 1.0, (), (), ())]
    return [m.id for m in lookalikes.find(hits, goals, groups, None, {field}, idea, stated)]


@pytest.mark.parametrize(
    ("before", "now", "same"),
    [
        (
            "Wir hatten bisher Integrationskurse für Geflüchtete.",
            "Neu bieten wir einen Schweißerkurs mit Praktikum für Langzeitarbeitslose an.",
            "Neu bieten wir Geflüchteten einen Schweißerkurs mit Praktikum an.",
        ),
        (
            "Until now we ran language classes for refugees.",
            "Now we offer a welding course with an internship for the long-term unemployed.",
            "Now we offer refugees a welding course with an internship.",
        ),
    ],
)
def test_people_named_in_passing_meet_a_theme_only_in_its_own_sentence(
    advisor: Advisor, before: str, now: str, same: str
) -> None:
    """CARE prepares refugees for work by an internship ("Praktikum für Geflüchtete"): a new
    course for the long-term unemployed of a provider who used to teach refugees is not it."""
    groups = ("gefluechtete", "arbeitslose")
    unemployed = ("arbeitslose",)
    assert "care" not in found(advisor, f"{before} {now}", groups, "III.1", unemployed)
    # Said of the refugees, or with no people named when asked, it is.
    assert "care" in found(advisor, f"{before} {same}", groups, "III.6", unemployed)
    assert "care" in found(advisor, f"{before} {now}", groups, "III.6")


@pytest.mark.parametrize(
    "idea",
    [
        "Rückkehrer arbeiten im Coworking-Space statt zu pendeln.",
        "Returners work in a coworking space instead of commuting.",
    ],
)
def test_a_theme_naming_only_people_needs_a_shared_sub_goal(advisor: Advisor, idea: str) -> None:
    returners = ("berufsrueckkehrende",)
    # A place to work (I.2) is not what Back2Job does for the returners...
    assert "back2job" not in found(advisor, idea, returners, "I.2")
    # ...helping them back into work (III.1) is.
    assert "back2job" in found(advisor, idea, returners, "III.1")


def test_a_group_most_projects_are_for_weighs_as_a_common_word(advisor: Advisor) -> None:
    themes = advisor.matcher.lookalikes.themes
    # Pupils: a common group (half) beside a telling word; teachers: rare, a telling group.
    assert themes.theme("Klimaberufe für Schüler").weight == 1.0 + 0.5
    assert themes.theme("Lehrkräfte besuchen Betriebe").weight == 1.0 + 1.0 + 0.5


def test_an_english_theme_weighs_as_its_german_wording(advisor: Advisor) -> None:
    """ "work" is in most projects' themes as "Arbeit" is in most projects' texts."""
    themes = advisor.matcher.lookalikes.themes
    assert themes.theme("remote work").weight == themes.theme("mobiles Arbeiten").weight == 1.5
