"""Matching with a user's eye: the right words count, look-alike words do not, and a very
similar project in the sponsor's own district is flagged (the strategy wants no
Doppelstrukturen)."""

from __future__ import annotations

from bot.advice.advise import Advisor, project_why
from bot.advice.matching import Matcher
from bot.advice.vocabulary import words
from bot.kb.knowledge import KnowledgeBase
from bot.texts.catalog import render


def test_the_verb_schulen_is_training_not_schools() -> None:
    assert words("Betriebe sollen Mitarbeitende schulen.") == [
        "betrieb",
        "mitarbeitend",
        "schulung",
    ]
    assert words("Projekt an Schulen") == ["schul"]
    # All in lower case the verb cannot be told from the noun: the noun reading stays.
    assert words("mitarbeiter schulen") == ["mitarbeit", "schul"]


def test_training_employees_does_not_suggest_pupils(kb: KnowledgeBase) -> None:
    matches = Matcher(kb).match("Handwerksbetriebe wollen ihre Mitarbeiter in KI schulen.")
    assert "schueler" not in matches.target_groups
    assert matches.action_fields[0].id == "II"
    pupils = Matcher(kb).match("Ein Robotik-Kurs an Schulen")
    assert "schueler" in pupils.target_groups


def test_a_word_inside_a_longer_word_is_not_a_match(kb: KnowledgeBase) -> None:
    # "Sprachkurse" must not meet "Lehrerexkursionen" through the letters "kurs".
    matches = Matcher(kb).match("Sprachkurse am Arbeitsplatz für Geflüchtete in Logistikbetrieben")
    assert "lehrerexkursionen" not in [p.id for p in matches.projects[:3]]
    assert matches.action_fields[0].id == "III"
    assert matches.action_fields[0].sub_goals[0] == "III.6"


def test_a_very_similar_project_in_the_same_district_is_flagged(advisor: Advisor) -> None:
    idea = (
        "Wir wollen neue Pflegekräfte gewinnen und die beschäftigten Pflegekräfte binden: bessere "
        "Arbeitsbedingungen, ein besseres Image des Pflegeberufs, junge Menschen für die Pflege "
        "begeistern."
    )
    here = advisor.matcher.match(idea, district_id="schaumburg").projects[0]
    assert here.id == "pflegekraefte-schaumburg" and here.possible_duplicate
    why = "; ".join(render(m, "de") for m in project_why(here, advisor.kb))
    assert "Doppelstruktur" in why
    elsewhere = advisor.matcher.match(idea, district_id="holzminden").projects[0]
    assert elsewhere.id == "pflegekraefte-schaumburg" and not elsewhere.possible_duplicate
    loosely = advisor.matcher.match("Pflege", district_id="schaumburg").projects
    assert not any(match.possible_duplicate for match in loosely)
