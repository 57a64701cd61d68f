"""Target groups, wave 10 of #12 (understand12q): people who come with the group or carry out
the project are not whom it is for — partners described by an adjective ("two social workers",
"mit erfahrenen Handwerkern"), the group's own people who come with it ("mit ihren
Praxisanleitern"), staff a company has long been seeking ("wir suchen seit Jahren Azubis",
"looking for apprentices"), the writer's colleague ("mein Kollege"); and a group stays whom the
project is for where its own words go on to say where it comes from ("our apprentices from
Vietnam need support")."""

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
        # partners described by an adjective
        (
            "Together with local employers and two social workers of ours we want to get young "
            "people on benefits into apprenticeships.",
            {"schueler", "arbeitslose"},
        ),
        (
            "Gemeinsam mit erfahrenen Handwerkern wollen wir Jugendliche ohne Abschluss begleiten.",
            {"schueler"},
        ),
        # the group's own people who come with it
        (
            "Ein Stammtisch für Pflege-Azubis mit ihren Praxisanleitern, einmal im Monat.",
            {"auszubildende"},
        ),
        # staff a company seeks
        (
            "wir suchen seit jahren azubis und würden gern praktikumstage machen damit die schüler "
            "das handwerk sehen",
            {"schueler"},
        ),
        (
            "We are a bakery and have been looking for apprentices for years, so we want to run "
            "taster days for pupils.",
            {"schueler"},
        ),
        # the writer's colleague
        (
            "Guten Morgen, mein Kollege hat mich gebeten, Ihnen zu schreiben. Es geht um unser "
            "Projekt für Jugendliche.",
            {"schueler"},
        ),
        # where the group comes from says more of it
        (
            "Unsere Azubis aus Vietnam unterstützen wir in der Berufsschule.",
            {"auszubildende", "zugewanderte"},
        ),
        (
            "Hi, we're a garage in Hameln, and our apprentices from Vietnam need extra support "
            "with the vocational school.",
            {"auszubildende", "zugewanderte"},
        ),
        (
            "Hi, we're an electrical Handwerksbetrieb in Hameln, and our Azubis from Vietnam need "
            "extra support with the Berufsschule.",
            {"auszubildende", "zugewanderte"},
        ),
    ],
)
def test_people_who_come_with_the_group_or_do_the_work(
    finder: GroupFinder, text: str, groups: set[str]
) -> None:
    assert set(finder.groups(text, running_text=True)) == groups


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # what the people named before have, as before
        (
            "Frauen mit Behinderung und Geflüchtete",
            {"frauen", "menschen-mit-beeintraechtigung", "gefluechtete"},
        ),
        # a noun after "mit einem" is no description of the people after it
        (
            "Wir wollen mit einem Träger Langzeitarbeitslosen über 50 den Weg in Arbeit ebnen.",
            {"arbeitslose", "aeltere"},
        ),
        # many colleagues may be whom a project trains
        ("Wir wollen unsere Kollegen in der Pflege weiterbilden.", {"beschaeftigte"}),
        ("Wir suchen für unsere Azubis Wohnungen in der Nähe des Betriebs.", {"auszubildende"}),
        # English names no trainer or colleague the group words know: nothing to leave out
        ("a monthly meet-up for nursing apprentices with their trainers", {"auszubildende"}),
        (
            "Hello, I'm writing on behalf of my colleague, who wants to support apprentices.",
            {"auszubildende"},
        ),
    ],
)
def test_whom_the_project_is_for_stays(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text, running_text=True)) >= groups
