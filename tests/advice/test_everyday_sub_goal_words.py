"""Fresh ideas in sponsors' everyday words get their action field with the sub-goal named
(#14, wave 11): a shared HR service for small firms (IV.2), year-round jobs and rooms for staff
(I.1), leaving school without a certificate (III.2), trying out jobs and careers lessons
(III.3), staff from abroad getting settled (III.6), winning back people who left the region
(field I). Before these words were in knowledge/action_fields.yaml
each such idea was told "nothing clearly fits"."""

from __future__ import annotations

import pytest

from bot.advice.advise import Advisor


@pytest.mark.parametrize(
    ("idea", "group", "field", "goal"),
    [
        (
            "Drei Handwerksbetriebe teilen sich einen Personalservice, der sie zu Einstellungen "
            "und Förderung berät.",
            "Handwerksbetriebe",
            "IV",
            "IV.2",
        ),
        (
            "Campsites on the coast offer year-round contracts and rooms for staff, so seasonal "
            "workers stay.",
            "seasonal workers",
            "I",
            "I.1",
        ),
        (
            "Teenagers who leave school without any qualification get a mentor and a place in a "
            "local firm.",
            "teenagers",
            "III",
            "III.2",
        ),
        (
            "Pupils spend a week where they try out jobs in garages, bakeries and offices.",
            "pupils",
            "III",
            "III.3",
        ),
        (
            "In careers lessons, year 10 work on a real problem a local firm brings.",
            "year 10",
            "III",
            "III.3",
        ),
        (
            "Engineers from abroad and their families get help with getting settled and the "
            "paperwork.",
            "new colleagues",
            "III",
            "III.6",
        ),
    ],
)
def test_an_everyday_word_of_a_sub_goal_gives_its_field(
    advisor: Advisor, idea: str, group: str, field: str, goal: str
) -> None:
    fitting = advisor.matcher.match(idea, group, (), None).fitting
    assert fitting, "nothing clearly fits"
    assert fitting[0].id == field
    assert goal in fitting[0].sub_goals


@pytest.mark.parametrize(
    ("idea", "group"),
    [
        (
            "Ein Rückkehrertag im Rathaus: Betriebe zeigen, welche Jobs es hier gibt und wie man "
            "hier lebt.",
            "Rückkehrer und Schulabgänger",
        ),
        (
            "A day for people who want to come back to the region: local employers show what "
            "jobs there are.",
            "commuters and pupils",
        ),
    ],
)
def test_winning_back_people_who_left_the_region_is_recruitment(
    advisor: Advisor, idea: str, group: str
) -> None:
    # Field I's own words (Abwanderung, Bleibeperspektiven) now name the return too; before,
    # the pupils' or school leavers' sub-goals alone led, or nothing fitted.
    fitting = advisor.matcher.match(idea, group, (), None).fitting
    assert fitting and fitting[0].id == "I"
    assert "rückkehrertag" in fitting[0].words or "come back to the region" in fitting[0].words
