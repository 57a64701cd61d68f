"""Issue #14, wave 5: each project carries its theme and approach in a few words (`themes`,
written from the strategy's sentences about it), and generic evidence never makes a look-alike
alone: a single shared word counts where it is one of the project's themes (or no other project
uses it, or a target group is shared besides)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.advice.advise import Advisor
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KnowledgeError, load_directory
from bot.kb.shipped import shipped_knowledge_dir


def test_every_project_carries_its_themes(kb: KnowledgeBase) -> None:
    for project in kb.projects:
        assert 1 <= len(project.themes) <= 6, project.id
        assert all(len(theme) <= 80 for theme in project.themes), project.id


def shown(kb: KnowledgeBase, idea: str, without_themes_of: str | None = None) -> list[str]:
    projects = tuple(
        p.model_copy(update={"themes": []}) if p.id == without_themes_of else p for p in kb.projects
    )
    advisor = Advisor(dataclasses.replace(kb, projects=projects))
    return [p.id for p in advisor.matcher.match(idea).projects]


def test_a_single_shared_word_counts_where_it_is_one_of_the_projects_themes(
    kb: KnowledgeBase,
) -> None:
    """Energy efficiency is what the Zukunftsforum Green Building works on (one of its themes);
    the same word in a project that only mentions it would make no look-alike on its own."""
    idea = "Schulungen zur Energieeffizienz für Handwerksbetriebe."
    assert "zukunftsforum-green-building" in shown(kb, idea)
    assert "zukunftsforum-green-building" not in shown(kb, idea, "zukunftsforum-green-building")


def test_a_word_no_other_project_uses_is_enough_beside_a_shared_sub_goal(
    kb: KnowledgeBase,
) -> None:
    """Robotics is what the Robonatives Initiative alone is about: an idea of robotics clubs for
    pupils shares its theme even where its themes are not written down."""
    idea = "Robotik-AGs an Grundschulen, Kinder sollen früh Spaß an Technik bekommen."
    assert "robonatives" in shown(kb, idea, "robonatives")


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
