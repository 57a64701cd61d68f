"""organisation_kinds.yaml: the words sponsors use for kinds of organisation are knowledge staff
keep. The loader refuses a kind the dialog does not offer, a malformed entry, a word under two
kinds and a compound part of several words, in German and English; a word staff add is
understood at the organisation question (tests/kb/test_organisation_kinds_botapi.py: the same
through a staff upload over the Bot API)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.advice.advise import Advisor
from bot.clock import FixedClock
from bot.dialogs.answers import ORGANISATION_KINDS
from bot.dialogs.engine import DialogEngine
from bot.dialogs.sponsor import SPONSOR_DIALOG
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KnowledgeError, load_directory
from bot.kb.models import OrganisationKindId
from bot.kb.store import KnowledgeStore
from bot.texts.catalog import render
from bot.understanding.organisations import KINDS, organisation_in, organisation_kind
from tests.dialogs.conftest import DialogDriver, walk_to
from tests.kb.edits import check, edited_projects, put, replace_in_file

FILE = "organisation_kinds.yaml"


def test_every_kind_of_the_dialog_has_its_words(kb: KnowledgeBase) -> None:
    assert sorted(kind.id.value for kind in kb.organisation_kinds) == sorted(KINDS)
    assert tuple(value for value, _, _ in ORGANISATION_KINDS) == KINDS
    assert all(kind.words for kind in kb.organisation_kinds)


@pytest.mark.parametrize(
    ("old", "new", "english", "german"),
    [
        ("  - id: care\n", "  - id: pflege\n", "invalid value", "ungültiger Wert"),
        ("  - id: care\n", "  - id: other\n", "kind “care” is missing", "Art „care“ fehlt"),
        ("  - id: care\n", "  - id: other\n", "“other” occurs twice", "„other“ kommt doppelt vor"),
        (
            "  - id: employment\n    words:\n",
            "  - id: employment\n    word:\n",
            "unknown field",
            "unbekanntes Feld",
        ),
        (
            "  - id: employment\n    words:\n",
            "  - id: employment\n    words:\n      -\n",
            "text is expected",
            "Text erwartet",
        ),
        (
            "      - ambulante pflege\n",
            "      - ambulante pflege\n      - Kita\n",
            "“kita” is also listed under “care”",
            "„kita“ steht auch bei „care“",
        ),
        (
            "      - kanzlei  # Steuerkanzlei",
            "      - steuer kanzlei  # Steuerkanzlei",
            "“steuer kanzlei”: the start or end of a compound is a single word",
            "„steuer kanzlei“: ein Wortanfang oder Wortende ist ein einzelnes Wort",
        ),
    ],
)  # fmt: skip
def test_broken_entries_are_refused_in_german_and_english(
    knowledge_copy: Path, old: str, new: str, english: str, german: str
) -> None:
    replace_in_file(knowledge_copy / FILE, old, new)
    with pytest.raises(KnowledgeError) as caught:
        load_directory(knowledge_copy)
    errors = caught.value.errors
    assert all(error.file == FILE for error in errors), errors
    assert any(english in render(error.message, "en") for error in errors), errors
    assert any(german in render(error.message, "de") for error in errors), errors
    code, output = check(knowledge_copy)
    assert code == 1
    assert f"{FILE}, line" in output and english in output
    assert "Traceback" not in output


def test_words_are_folded_as_the_reader_folds_them(knowledge_copy: Path) -> None:
    replace_in_file(
        knowledge_copy / FILE, "      - ambulante pflege\n", "      - Ambulante  Pflege\n"
    )
    kb = load_directory(knowledge_copy)
    care = next(kind for kind in kb.organisation_kinds if kind.id is OrganisationKindId.CARE)
    assert "ambulante pflege" in care.words


def with_hospice(knowledge_copy: Path) -> KnowledgeBase:
    """The shipped knowledge with a word staff add: "Hospiz" (as they write it) is care."""
    replace_in_file(
        knowledge_copy / FILE,
        "      - ambulante pflege\n",
        "      - ambulante pflege\n      - Hospiz\n",
    )
    return load_directory(knowledge_copy, "v1")


def test_a_word_staff_add_is_read_by_the_understanding(
    kb: KnowledgeBase, knowledge_copy: Path
) -> None:
    added = with_hospice(knowledge_copy)
    assert organisation_kind("Hospiz am Deister", kb) is None
    assert organisation_kind("Hospiz am Deister", added) == "care"
    assert organisation_kind("Leitung des Hospizes", added) == "care", "genitive, as any word"
    found = organisation_in("Hallo, wir sind ein Hospiz in Hameln.", added)
    assert found is not None and found.kind == "care"
    assert organisation_in("Hallo, wir sind ein Hospiz in Hameln.", kb) is None


@pytest.mark.parametrize(("added", "kind"), [(False, "other"), (True, "care")])
def test_a_word_staff_add_is_understood_at_the_organisation_question(
    kb: KnowledgeBase, knowledge_copy: Path, clock: FixedClock, added: bool, kind: str
) -> None:
    knowledge = with_hospice(knowledge_copy) if added else kb
    driver = DialogDriver.started(DialogEngine(SPONSOR_DIALOG, Advisor(knowledge), clock))
    walk_to(driver, "organisation")
    driver.text("Hospiz am Deister")
    assert driver.value("organisation") == kind


def test_a_version_stored_before_the_file_existed_is_completed_with_the_shipped_one(
    tmp_path: Path,
) -> None:
    store = KnowledgeStore(tmp_path / "data", FixedClock(datetime(2025, 3, 1, 9, 30)))
    assert put(store, "projects.yaml", edited_projects(), "cli:anna").ok
    version = tmp_path / "data" / "knowledge" / "versions" / "0001"
    (version / FILE).unlink()  # as written by a release without organisation_kinds.yaml
    reopened = KnowledgeStore(tmp_path / "data", FixedClock(datetime(2025, 3, 1, 9, 30)))
    assert reopened.live_version() == "v1"
    assert reopened.live().project("pflegelotsen-test")
    assert organisation_kind("Sozialstation", reopened.live()) == "care"
