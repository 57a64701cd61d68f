"""Target groups, wave 7 of #12 (understand12g): a trade joined to its learners
("Berufskraftfahrer-Nachwuchs") is what they learn; people who left their profession return to
it, they do not work in it; people a company lacks are what it seeks; Low German young people."""

from __future__ import annotations

import pytest

from bot.kb.knowledge import KnowledgeBase
from bot.understanding.groups.finder import GroupFinder


@pytest.fixture(scope="module")
def finder(kb: KnowledgeBase) -> GroupFinder:
    return GroupFinder(kb.target_groups)


def _groups(finder: GroupFinder, text: str, *, running_text: bool) -> set[str]:
    return {hit.group for hit in finder.find(text, running_text=running_text)}


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        # a trade joined by a hyphen to its learners: what they learn, no employees
        ("Wir wollen Berufskraftfahrer-Nachwuchs für die Region.", set()),
        ("Elektriker-Azubis", {"auszubildende"}),
        # … a trade alone is still people who work in it
        ("Berufskraftfahrer, die sich weiterbilden wollen", {"beschaeftigte"}),
        # people who left their profession return to it; formerly is not now
        ("Wir möchten Pflegefachkräfte, die aus dem Beruf ausgestiegen sind, zurückgewinnen.",
         {"berufsrueckkehrende"}),
        ("ausgestiegene Pflegefachkräfte", {"berufsrueckkehrende"}),
        ("Wiedereinsteigerinnen, die früher in der Pflege gearbeitet haben",
         {"berufsrueckkehrende", "frauen"}),
        # people a company lacks are what it seeks
        ("Moin, wir sind eine Spedition mit 60 LKW. Uns fehlen Fahrer.", set()),
        ("Uns fehlen Fahrer. Wir wollen Langzeitarbeitslose zu Fahrern ausbilden.",
         {"arbeitslose"}),
        ("Jugendliche, denen der Abschluss fehlt", {"schueler"}),
        ("Our drivers are retiring, we need drivers. We train long-term unemployed people.",
         {"arbeitslose"}),
        # the language classes of Lower Saxony's vocational schools for young refugees
        ("Schülerinnen und Schüler der Sprint-Klassen", {"schueler", "gefluechtete"}),
        # Low German
        ("Wi wüllt de jungen Lüüd de Berufe op'n Hoff wiesen.", {"schueler"}),
    ],
)  # fmt: skip
def test_groups_in_running_text(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert _groups(finder, text, running_text=True) == groups


def test_an_answer_naming_former_nurses_names_no_employees(finder: GroupFinder) -> None:
    hits = finder.answer("ausgestiegene Pflegefachkräfte, die wieder einsteigen wollen")
    assert "beschaeftigte" not in {hit.group for hit in hits}


def test_people_working_in_a_sheltered_workshop_have_a_disability(finder: GroupFinder) -> None:
    hits = finder.answer(
        "Beschäftigte aus unserer Werkstatt, die auf den ersten Arbeitsmarkt wollen"
    )
    assert "menschen-mit-beeintraechtigung" in {hit.group for hit in hits}
