"""Issue #14, wave 4: advice that generalises beyond the keyword lists. The projects are compared
in the strategy's own words, target groups on a hierarchy (refugees are immigrants, dropouts were
students), a general word agreeing with the sponsor's target group points to its sub-goal, an idea
really like one of the strategy's projects is given that project's sub-goal, and English text is not
read as German."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.advice.advise import Advisor
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KnowledgeError, load_directory
from bot.kb.shipped import shipped_knowledge_dir

# --------------------------------------------------------------------------- the strategy's words


def test_every_project_carries_what_the_strategy_says_about_it(kb: KnowledgeBase) -> None:
    for project in kb.projects:
        assert project.strategy_text, project.id


def test_look_alikes_are_found_on_the_strategys_words_not_only_the_keywords(
    kb: KnowledgeBase,
) -> None:
    """With the team's description, keywords and themes of CARE emptied, what the strategy says
    about it still makes an idea of language learning during a placement alike (where no theme
    is met, the projects' texts are compared)."""
    idea = "Geflüchtete lernen während eines Praktikums im Krankenhaus Deutsch."

    def shown(strategy_text: str | None) -> list[str]:
        care = kb.project("care").model_copy(
            update={
                "description": "CARE.",
                "keywords": [],
                "themes": [],
                "strategy_text": strategy_text,
            }
        )
        projects = tuple(care if p.id == "care" else p for p in kb.projects)
        advisor = Advisor(dataclasses.replace(kb, projects=projects))
        return [p.id for p in advisor.matcher.match(idea, "Geflüchtete").projects]

    assert "care" in shown(kb.project("care").strategy_text)
    assert "care" not in shown(None)


# --------------------------------------------------------------------------- target groups


def test_the_narrower_target_group_is_what_the_idea_is_about(advisor: Advisor) -> None:
    """Students who think of dropping out are dropouts (III.4), not students at large (I.4)."""
    matches = advisor.matcher.match(
        "We help university students who think about dropping out to find an apprenticeship "
        "or a job in local companies.",
        "university dropouts",
    )
    assert "studienabbrecher" in matches.target_groups
    assert "studierende" not in matches.target_groups
    assert matches.fitting[0].id == "III"
    assert matches.fitting[0].sub_goals[0] == "III.4"


def test_both_groups_chosen_from_the_buttons_are_both_meant(advisor: Advisor) -> None:
    matches = advisor.matcher.match(
        "Beratung und Begleitung in den Arbeitsmarkt.", "", ("zugewanderte", "gefluechtete")
    )
    assert {"zugewanderte", "gefluechtete"} <= set(matches.target_groups)


def test_a_broader_group_must_be_a_known_target_group(tmp_path: Path) -> None:
    directory = tmp_path / "knowledge"
    directory.mkdir()
    for source in Path(shipped_knowledge_dir()).glob("*.yaml"):
        (directory / source.name).write_text(source.read_text(encoding="utf-8"), "utf-8")
    groups = directory / "target_groups.yaml"
    text = groups.read_text(encoding="utf-8")
    groups.write_text(text.replace("within: [zugewanderte]", "within: [zugewandert]"), "utf-8")
    with pytest.raises(KnowledgeError) as error:
        load_directory(directory)
    [problem] = error.value.errors
    assert problem.file == "target_groups.yaml"
    assert problem.loc[1:] == ("within", 0)
    assert problem.message.params["id"] == "zugewandert"


def test_a_project_for_the_broader_group_shares_it_less_closely(kb: KnowledgeBase) -> None:
    """Three projects alike in their words: for refugees, for immigrants, for people with
    disabilities. For an idea for refugees, the first is the closest, the second shares a broader
    group, the third none."""
    care = kb.project("care")
    broader = care.model_copy(update={"id": "care-zugewanderte", "target_groups": ["zugewanderte"]})
    # Its themes naming refugees ("Geflüchtete lernen Deutsch beim Praktikum im Krankenhaus")
    # say it is for them; a project for people with disabilities would not carry those.
    own = [t for t in care.themes if not any(w in t for w in ("Geflüchtete", "refugees"))]
    other = care.model_copy(
        update={
            "id": "care-beeintraechtigung",
            "target_groups": ["menschen-mit-beeintraechtigung"],
            "themes": own,
        }
    )
    advisor = Advisor(dataclasses.replace(kb, projects=(*kb.projects, broader, other)))
    matches = advisor.matcher.match(
        "Geflüchtete machen ein Praktikum im Krankenhaus und lernen dabei Deutsch.", "Geflüchtete"
    )
    # The one for people with disabilities shares the words only; it stays out.
    assert [p.id for p in matches.projects] == ["care", "care-zugewanderte"]


# --------------------------------------------------------------------------- sub-goals and fields


def test_a_general_word_agreeing_with_the_stated_target_group_is_a_clear_fit(
    advisor: Advisor,
) -> None:
    """ "Training" alone is too general to present a field; for employees, the group the sponsor
    names, it clearly points to II.2."""
    idea = "Training courses for employees of logistics firms so they keep up with new technology."
    matches = advisor.matcher.match(idea, "employees")
    assert [f.id for f in matches.fitting][:1] == ["II"]
    assert matches.fitting[0].sub_goals[0] == "II.2"
    # Without the answer, the employees the description names agree with it where nothing
    # else tells (wave 6); a text naming nobody it serves still fits nothing.
    assert [f.id for f in advisor.matcher.match(idea).fitting][:1] == ["II"]
    assert not advisor.matcher.match("Training courses on new technology.").fitting
    assert not advisor.matcher.match("Wir machen ein IT-Projekt.", "Unternehmen").fitting


def test_an_idea_like_one_of_the_strategys_projects_serves_that_projects_sub_goal(
    advisor: Advisor,
) -> None:
    """CO2, Agroforst and Flächennutzung are no keywords of I.3, but they are what the
    Zukunftsforum Nienburg (first about I.3) works on."""
    matches = advisor.matcher.match(
        "Landwirte und Handwerker im Kreis wollen zusammen CO2 sparen, mit Agroforst und anderer "
        "Flächennutzung, und die Leute in den Betrieben dafür qualifizieren.",
        "Landwirte und Handwerksbetriebe",
    )
    assert matches.projects[0].id == "zukunftsforum-nienburg"
    assert matches.fitting[0].id == "I"
    assert matches.fitting[0].sub_goals[0] == "I.3"


# --------------------------------------------------------------------------- language


def test_an_english_texts_own_words_are_not_read_as_german_nouns(advisor: Advisor) -> None:
    """Beside the vocabulary, a text's own nouns can be shared ("Balance"); an English text's
    words are no German nouns, only its vocabulary entries (the glossary's English) count."""
    lookalikes = advisor.matcher.lookalikes
    vocabulary = advisor.matcher.vocabulary
    english = "We offer Work-Life Balance coaching to small firms."
    german = "Wir helfen kleinen Firmen bei einer besseren Balance von Arbeit und Familie."
    english_terms = lookalikes.shared_terms._terms(vocabulary.find(english), english)
    german_terms = lookalikes.shared_terms._terms(vocabulary.find(german), german)
    assert ("balanc",) in german_terms
    assert ("balanc",) not in english_terms
    assert set(english_terms) == set(lookalikes.shared_terms.substantive(vocabulary.find(english)))
