"""A project's theme names only target groups the project serves: staff's changes that bring a
theme naming other people are refused, with the project, the theme, the group and what to do,
in German and English; themes the live knowledge base already has do not block other changes;
the check reads a theme's groups exactly as the look-alike ranking does. In process, on the
real shipped files and a real store (tests/kb/test_theme_groups_botapi.py: over HTTP)."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest

from bot.adapters import kb_cli
from bot.advice.matching import Matcher, vocabulary_of
from bot.advice.theme_groups import stray_themes, theme_check
from bot.advice.themes import groups_named
from bot.clock import FixedClock
from bot.kb import report
from bot.kb.diff import file_content
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import load_directory
from bot.kb.shipped import shipped_knowledge_dir
from bot.kb.store import Author, Edit, EntryEdits, FileUpload, KnowledgeStore
from bot.kb.theme_groups import StrayTheme
from tests.kb.edits import NEW_PROJECT, put, remove_project, replace, shipped_text

# Each test verifies whole knowledge sets with the theme reading of the advice: about 0.5 s of
# CPU a test, left to `make test` so that `make test-fast` stays under a minute.
pytestmark = pytest.mark.slow

STAFF = Author("telegram:101", "Anna Becker")
REFUGEES_AT_WORK = "Geflüchtete besuchen Betriebe"
"""A theme naming refugees (and companies, which every project may name)."""
TEACHERS_THEME = "      - Lehrkräfte besuchen Betriebe\n"
"""A theme of `lehrerexkursionen`, a project for teachers, pupils and companies."""


@pytest.fixture
def store(tmp_path: Path) -> KnowledgeStore:
    return KnowledgeStore(
        tmp_path / "data", FixedClock(datetime(2025, 3, 1, 9, 30)), check=theme_check()
    )


def edited(text: str) -> bytes:
    """`text` with the edits of `tests.kb.edits.edited_projects`: a project added, one
    retitled, one removed."""
    text = replace(text, "    title: Lehrerexkursionen\n", "    title: Lehrerexkursionen 2025\n")
    text = remove_project(text, "schulberufslotsen")
    return (text.rstrip("\n") + "\n" + NEW_PROJECT).encode("utf-8")


def with_theme(after: str, theme: str) -> bytes:
    """The shipped projects.yaml with `theme` added after the theme line `after`."""
    text = replace(shipped_text("projects.yaml"), after, f"{after}      - {theme}\n")
    return text.encode("utf-8")


def test_a_theme_naming_refugees_on_a_project_for_teachers_is_refused_saying_what_to_do(
    store: KnowledgeStore,
) -> None:
    content = with_theme(TEACHERS_THEME, REFUGEES_AT_WORK)
    plan = store.plan(FileUpload("projects.yaml", content))

    assert not plan.ok
    [error] = plan.errors
    assert (error.file, error.entry, error.field) == (
        "projects.yaml",
        "lehrerexkursionen",
        "themes[3]",
    )
    lines = content.decode("utf-8").splitlines()
    assert error.line is not None and REFUGEES_AT_WORK in lines[error.line - 1]
    german = report.describe_plan(plan, "de")
    for said in (
        f"projects.yaml, Zeile {error.line}",
        f"Das Thema „{REFUGEES_AT_WORK}“ des Projekts „Lehrerexkursionen“",
        "nennt die Zielgruppe „Geflüchtete“ (gefluechtete)",
        "target_groups: lehrkraefte, schueler, unternehmen",
        "ergänzen Sie „gefluechtete“ in target_groups",
        "formulieren Sie das Thema ohne sie",
    ):
        assert said in german, said
    english = report.describe_plan(plan, "en")
    for said in (
        f"the theme “{REFUGEES_AT_WORK}” of the project “Lehrerexkursionen”",
        "names the target group “Refugees” (gefluechtete)",
        "add “gefluechtete” to its target_groups",
        "word the theme without them",
    ):
        assert said in english, said
    # refused means refused: nothing became live
    assert store.live_version() == "v0"
    applied = store.apply(FileUpload("projects.yaml", content), based_on="v0", author=STAFF)
    assert not applied.ok and store.live_version() == "v0"


def test_the_same_theme_is_taken_where_the_project_serves_refugees_or_immigrants(
    store: KnowledgeStore,
) -> None:
    # CARE is for refugees; Adelante for immigrants, whom refugees are among.
    for after in ("      - Praktikum für Geflüchtete\n", "      - Anpassungsqualifizierung\n"):
        content = with_theme(after, REFUGEES_AT_WORK)
        plan = store.plan(FileUpload("projects.yaml", content))
        assert plan.ok, report.describe_plan(plan, "de")


def test_taking_a_group_from_a_project_whose_themes_name_it_is_refused(
    store: KnowledgeStore,
) -> None:
    text = shipped_text("projects.yaml")
    care = text.index("  - id: care\n")
    changed = text[:care] + replace(
        text[care:], "    target_groups: [gefluechtete]\n", "    target_groups: [auszubildende]\n"
    )
    plan = store.plan(FileUpload("projects.yaml", changed.encode("utf-8")))

    assert not plan.ok
    assert {error.entry for error in plan.errors} == {"care"}
    assert all(
        "„Geflüchtete“ (gefluechtete)" in report.describe_error(e, "de") for e in plan.errors
    )


def test_a_project_dialog_adding_such_a_theme_is_refused_too(store: KnowledgeStore) -> None:
    kb = store.live()
    [entry] = [p for p in file_content(kb, "projects.yaml")["projects"] if p["id"] == "care"]
    [other] = [p for p in file_content(kb, "projects.yaml")["projects"] if p["id"] == "adelante"]
    teachers = {**other, "themes": [*other["themes"], "Lehrkräfte besuchen Betriebe"]}
    change = EntryEdits("projects.yaml", (Edit("projects", "adelante", teachers),))

    plan = store.plan(change)

    assert not plan.ok
    assert [(e.entry, e.loc[2:]) for e in plan.errors] == [
        ("adelante", ("themes", len(other["themes"])))
    ]
    assert "„Lehrkräfte“ (lehrkraefte)" in report.describe_plan(plan, "de")
    # the project's own people are fine
    refugees = {**entry, "themes": [*entry["themes"], REFUGEES_AT_WORK]}
    assert store.plan(EntryEdits("projects.yaml", (Edit("projects", "care", refugees),))).ok


def test_themes_the_live_knowledge_already_has_do_not_block_other_changes(
    tmp_path: Path,
) -> None:
    # A live version with such a theme, made before the check existed (or shipped with one).
    clock = FixedClock(datetime(2025, 3, 1, 9, 30))
    with_stray = with_theme(TEACHERS_THEME, REFUGEES_AT_WORK)
    unchecked = KnowledgeStore(tmp_path / "data", clock)
    assert put(unchecked, "projects.yaml", with_stray, "telegram:100").ok
    store = KnowledgeStore(tmp_path / "data", clock, check=theme_check())
    live = stray_themes(store.live())
    assert ("lehrerexkursionen", REFUGEES_AT_WORK) in {(s.project, s.theme) for s in live}

    applied = put(store, "projects.yaml", edited(with_stray.decode("utf-8")), STAFF.id)

    assert applied.ok, report.describe_applied(applied, "de")
    assert {s.key for s in stray_themes(store.live())} == {s.key for s in live}


def test_the_check_reads_a_themes_groups_as_the_look_alike_ranking_does() -> None:
    kb = shipped_kb()
    themes = Matcher(kb).lookalikes.themes
    vocabulary = vocabulary_of(kb)
    for project in kb.projects:
        for theme in project.themes:
            assert groups_named(theme, vocabulary) == themes.theme(theme).groups, theme
    for stray in stray_themes(kb):
        assert stray.group in themes.theme(stray.theme).groups
        assert stray.group not in kb.project(stray.project).target_groups


def test_a_project_serves_its_groups_their_kin_companies_and_for_companies_their_staff() -> None:
    kb = shipped_kb()
    strays = {(s.project, s.group) for s in stray_themes(kb)}
    # zuwanderungsberatung, for immigrants, refugees and companies, says "skilled workers"
    assert not {key for key in strays if key[0] == "zuwanderungsberatung"}
    # umsteigen-statt-aussteigen, for university dropouts, speaks of students
    assert not {key for key in strays if key[0] == "umsteigen-statt-aussteigen"}
    # ausbildungslotsen, for pupils and apprentices, names companies
    assert not {key for key in strays if key[0] == "ausbildungslotsen"}


KNOWN_STRAYS = {
    ("business4school", "entrepreneurs in the classroom", "gruendende"),
    ("pflegekraefte-schaumburg", "Azubis in der Pflege", "auszubildende"),
    ("fachkraefteinitiative-erzieher", "childcare workers", "beschaeftigte"),
    ("fachkraefteinitiative-erzieher", "Personal für Kitas gewinnen", "beschaeftigte"),
    ("fachkraefteinitiative-erzieher", "Personal für Kindertagesstätten gewinnen", "beschaeftigte"),
    ("fachkraefteinitiative-erzieher", "early years staff", "beschaeftigte"),
    ("fachkraefteinitiative-erzieher", "nursery teachers", "lehrkraefte"),
}
"""The shipped themes naming people their project is not for. Rewording them from the strategy
left the tuning figures unchanged but cost one held-out look-alike (branch looks14n), so they
stay until a rewording passes; no new one may join them (a developer's edit of projects.yaml
passes no store's check). Five of the twelve the check came with (wave 10) were misreadings,
gone since a theme names people only by their own words (looks14o): "Schulen",
"Schulgebäude" are no pupils, "business people teach" no teachers. All but one of these name
people the project does not list: "nursery teachers" (Erzieher*innen) are read as teachers
for their last word, a job title of two words the reading does not tell."""


def test_the_shipped_knowledge_has_no_theme_naming_other_people_but_the_known_ones() -> None:
    assert {s.key for s in stray_themes(shipped_kb())} == KNOWN_STRAYS


def test_a_theme_about_schools_or_teaching_names_no_pupils_or_teachers() -> None:
    """The green-building forum, for companies, renovates schools; in business4school,
    business people teach: neither the building nor the verb are people."""
    kb = shipped_kb()
    vocabulary = vocabulary_of(kb)
    for theme in ("Sanierung von Schulen", "Schulgebäude sanieren", "Schulen ökologisch bauen"):
        assert theme in kb.project("zukunftsforum-green-building").themes
        assert "schueler" not in groups_named(theme, vocabulary)
    assert "lehrkraefte" not in groups_named("business people teach at school", vocabulary)
    # kb check's warnings are the known ones, none of them a school or a verb
    out = io.StringIO()
    assert kb_cli.check(shipped_knowledge_dir(), out, "en") == 0
    assert f"Themes naming a target group their project is not for ({len(KNOWN_STRAYS)};" in (
        out.getvalue()
    )
    assert "Schulgebäude" not in out.getvalue()


def test_kb_check_lists_the_themes_as_warnings_and_still_succeeds(knowledge_copy: Path) -> None:
    projects = knowledge_copy / "projects.yaml"
    projects.write_bytes(with_theme(TEACHERS_THEME, REFUGEES_AT_WORK))
    found: list[StrayTheme] = stray_themes(load_directory(knowledge_copy))
    assert ("lehrerexkursionen", "gefluechtete") in {(s.project, s.group) for s in found}
    out = io.StringIO()
    assert kb_cli.check(knowledge_copy, out, "de") == 0
    text = out.getvalue()
    assert f"Themen, die eine Zielgruppe nennen, für die ihr Projekt nicht ist ({len(found)};" in (
        text
    )
    for stray in found:
        assert f"• „{stray.theme}“ (projects.yaml, {stray.project}): nennt „" in text
    out = io.StringIO()
    assert kb_cli.check(knowledge_copy, out, "en") == 0
    assert f"Themes naming a target group their project is not for ({len(found)};" in (
        out.getvalue()
    )


def shipped_kb() -> KnowledgeBase:
    """The shipped knowledge base (validated once per process)."""
    return load_directory(shipped_knowledge_dir())
