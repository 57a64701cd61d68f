"""Target groups in a list of labelled points (#12, understand12q): a line that starts with its
own label ("- Inhalt: …", "- Where: …") is a sentence of its own, so what a "Zielgruppe" or
"for" line introduces ends with it; the points of a list under one label stay with it."""

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
        (
            "- Zielgruppe: Langzeitarbeitslose über 50\n- Inhalt: Coaching und Praktika in "
            "Logistikbetrieben\n- Laufzeit 2 Jahre ab 04/2027",
            {"arbeitslose", "aeltere"},
        ),
        ("Für wen: Schüler\nWo: Betriebe im Kreis", {"schueler"}),
        ("- For: pupils\n- Where: firms nearby", {"schueler"}),
        # the points under one label are its list
        (
            "Zielgruppe:\n- Jugendliche ohne Abschluss\n- kleine Betriebe",
            {"schueler", "unternehmen"},
        ),
        ("target groups:\n- school leavers\n- small businesses", {"schueler", "unternehmen"}),
    ],
)
def test_a_labelled_line_is_a_sentence(finder: GroupFinder, text: str, groups: set[str]) -> None:
    assert set(finder.groups(text, running_text=True)) == groups
