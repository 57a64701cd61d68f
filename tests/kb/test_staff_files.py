"""Files as staff really send them: broken by a colon, written with display names and German
dates, saved as "Projekte neu.yaml", exported and sent back; `kb check` warns about entries
still to be verified. In process, on real files."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import pytest

from bot.adapters import kb_cli
from bot.clock import FixedClock
from bot.kb import report
from bot.kb.filenames import guess_file
from bot.kb.intake import receive
from bot.kb.shipped import shipped_knowledge_dir
from bot.kb.stamp import read_stamp, strip_stamp, with_stamp
from bot.kb.store import Author, FileUpload, KnowledgeStore
from tests.kb.edits import NEW_PROJECT, disk, replace, shipped, shipped_text

STAFF = Author("telegram:101", "Anna Becker")


@pytest.fixture
def store(tmp_path: Path) -> KnowledgeStore:
    return KnowledgeStore(tmp_path / "data", FixedClock(datetime(2025, 3, 1, 9, 30)))


def _line_of(content: bytes, needle: str) -> int:
    lines = content.decode("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


# --- errors that say the fix ------------------------------------------------------------------


def test_a_colon_in_a_title_gets_the_fix_with_its_line_in_german_and_english(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    content = replace(
        shipped_text("projects.yaml"), "    title: CARE\n", "    title: CARE: Pflege verbindet\n"
    ).encode()
    received = receive(store, "projects.yaml", content, STAFF)
    assert received.pending is None and received.applied is None and not received.plan.ok
    line = _line_of(content, "CARE: Pflege")
    german = report.describe_received(received, "de")
    assert f"projects.yaml, Zeile {line}: kein gültiges YAML: " in german
    assert (
        "Das Feld „Titel“ enthält einen Doppelpunkt: setzen Sie den Wert in Anführungszeichen, "
        'also title: "CARE: Pflege verbindet"'
    ) in german
    english = report.describe_received(received, "en")
    assert f"projects.yaml, line {line}: not valid YAML: " in english
    assert (
        "The field “title” contains a colon: put the value in quotation marks, "
        'i.e. title: "CARE: Pflege verbindet"'
    ) in english
    assert not (tmp_path / "data").exists()

    # The fix applied as said: valid.
    fixed = content.replace(b"title: CARE: Pflege verbindet", b'title: "CARE: Pflege verbindet"')
    assert store.plan(FileUpload("projects.yaml", fixed)).ok


@pytest.mark.parametrize(
    ("old", "new", "german", "english"),
    [
        ("    title: CARE\n", "\ttitle: CARE\n", "Tabulator", "tab"),
        ("    title: CARE\n", "    title: 'CARE\n", "Anführungszeichen", "quotation mark"),
        ("[hildesheim]", "[hildesheim", "Klammer", "bracket"),
        ("    title: CARE\n", "    title: @CARE\n", "Sonderzeichen (@)", "special character (@)"),
        ("    title: CARE\n", "   title: CARE\n", "Einrückung", "indentation"),
        ("  - id: care\n", "  - id: Care Projekt\n", "„care-projekt“", "“care-projekt”"),
    ],
    ids=["tab", "quote", "bracket", "at", "indent", "id"],
)
def test_typical_slips_get_their_fix(
    store: KnowledgeStore, old: str, new: str, german: str, english: str
) -> None:
    content = replace(shipped_text("projects.yaml"), old, new).encode()
    plan = store.plan(FileUpload("projects.yaml", content))
    assert not plan.ok
    de, en = report.describe_plan(plan, "de"), report.describe_plan(plan, "en")
    assert "Zeile" in de and "line" in en
    assert german in de and english in en
    assert "Traceback" not in de + en


def test_a_sub_goal_without_its_action_field_says_which_to_add(store: KnowledgeStore) -> None:
    content = (shipped_text("projects.yaml") + NEW_PROJECT + "    sub_goals: [III.6]\n").encode()
    plan = store.plan(FileUpload("projects.yaml", content))
    assert not plan.ok
    assert (
        "Unterziel III.6 gehört zu keinem der genannten Handlungsschwerpunkte: ergänzen Sie "
        in (report.describe_plan(plan, "de"))
    )
    assert "add III to action_fields" in report.describe_plan(plan, "en")


# --- display names and German dates --------------------------------------------------------------


def test_display_names_are_accepted_where_codes_are_expected(store: KnowledgeStore) -> None:
    project = """
  - id: mint-werkstatt
    title: MINT-Werkstatt
    districts: [Hameln-Pyrmont, Landkreis Schaumburg, nienburg]
    target_groups: [Schüler*innen, Lehrkräfte]
    action_fields: [Handlungsschwerpunkt I, III.6]
    sub_goals: [I.6]
    description: Schülerinnen und Schüler bauen in Betrieben.
    source: Koordinierungsstelle, März 2025
"""
    content = (shipped_text("projects.yaml").rstrip("\n") + "\n" + project).encode()
    plan = store.plan(FileUpload("projects.yaml", content))
    assert plan.ok, report.describe_plan(plan, "de")
    assert plan.kb is not None
    mint = plan.kb.project("mint-werkstatt")
    assert mint.districts == ["hameln-pyrmont", "schaumburg", "nienburg"]
    assert mint.target_groups == ["schueler", "lehrkraefte"]
    assert mint.action_fields == ["I", "III"]
    assert mint.sub_goals == ["I.6", "III.6"]

    # Codes written as names are no change at all.
    renamed = replace(
        shipped_text("projects.yaml"),
        "districts: [hameln-pyrmont, holzminden, nienburg, schaumburg]",
        "districts: [Hameln-Pyrmont, Holzminden, Nienburg/Weser, Schaumburg]",
    )
    same = store.plan(FileUpload("projects.yaml", renamed.encode()))
    assert same.ok and same.change is not None and same.change.empty


def test_german_dates_are_accepted(store: KnowledgeStore) -> None:
    rules = re.sub(r"latest_end: .*", "latest_end: 31.12.2027", shipped_text("rules.yaml"))
    rules = replace(
        rules,
        "steering_group_meetings: []",
        "steering_group_meetings:\n  - date: 15.03.2027\n    source: Koordinierungsstelle\n",
    )
    plan = store.plan(FileUpload("rules.yaml", rules.encode()))
    assert plan.ok and plan.kb is not None, report.describe_plan(plan, "de")
    assert plan.kb.rules.limits.latest_end.isoformat() == "2027-12-31"
    assert [m.date.isoformat() for m in plan.kb.rules.steering_group_meetings] == ["2027-03-15"]

    wrong = replace(rules, "date: 15.03.2027", "date: 31.02.2027")
    refused = store.plan(FileUpload("rules.yaml", wrong.encode()))
    assert not refused.ok
    assert "ungültiges Datum „31.02.2027“: schreiben Sie es als TT.MM.JJJJ" in (
        report.describe_plan(refused, "de")
    )


# --- file names close to a known one ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Projekte neu.yaml", "projects.yaml"),
        ("projects (1).yaml", "projects.yaml"),
        ("Kopie von Regionen.yml", "regions.yaml"),
        ("zielgruppen_2025-03.yaml", "target_groups.yaml"),
        ("action-fields.yaml", "action_fields.yaml"),
        ("projects.yaml.txt", "projects.yaml"),
        ("FAQ neu.yaml", "faq.yaml"),
        ("Häufige Fragen (1).yaml", "faq.yaml"),
        ("notizen.yaml", None),
        ("projekte.pdf", None),
        ("../projects.yaml", None),
    ],
)
def test_a_name_close_to_a_knowledge_files_is_recognised(name: str, expected: str | None) -> None:
    assert guess_file(name, shipped("projects.yaml")) == (
        expected if expected in (None, "projects.yaml") else None
    )
    if expected is not None:
        target = (shipped_knowledge_dir() / expected).read_bytes()
        assert guess_file(name, target) == expected


def test_a_close_file_name_is_confirmed_before_it_replaces_the_file(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    _, files = store.exported_files()
    content = replace(
        files["projects.yaml"].decode(), "    title: CARE\n", "    title: CARE Pflege\n"
    )
    received = receive(store, "Projekte neu.yaml", content.encode(), STAFF)
    assert received.guessed and received.pending is not None and received.applied is None
    assert not received.unversioned  # the version line is there: shown as a plain dry run
    text = report.describe_received(received, "de")
    assert text.startswith("„Projekte neu.yaml“ wird als projects.yaml verstanden.")
    assert "~ Projekt „CARE Pflege“: Titel „CARE“ → „CARE Pflege“" in text
    assert text.endswith("Übernehmen?")
    assert store.live_version() == "v0"
    assert "“projects (1).yaml” is taken as projects.yaml" in report.describe_received(
        receive(store, "projects (1).yaml", content.encode(), STAFF), "en"
    )

    applied = store.confirm(received.pending.token, STAFF)
    assert applied.ok and applied.version == "v1"
    assert store.live().project("care").title == "CARE Pflege"

    unknown = receive(store, "notizen.yaml", content.encode(), STAFF)
    assert unknown.pending is None and not unknown.plan.ok
    assert "unbekannter Dateiname" in report.describe_received(unknown, "de")


# --- exported files carry their version -------------------------------------------------------


def test_an_exported_file_round_trips_its_version(store: KnowledgeStore, tmp_path: Path) -> None:
    first = with_stamp(shipped("projects.yaml") + NEW_PROJECT.encode(), "v0")
    assert receive(store, "projects.yaml", first, STAFF).applied is not None
    assert store.live_version() == "v1"
    assert kb_cli.export(store, tmp_path / "out", io.StringIO()) == 0
    exported = (tmp_path / "out" / "projects.yaml").read_bytes()
    assert exported.startswith(b"# Wissensbasis-Version: v1 ")
    assert read_stamp(exported) == "v1"
    assert strip_stamp(exported) == store.live_files()["projects.yaml"]
    assert with_stamp(exported, "v1") == exported  # stamping again replaces, never doubles

    # Sent back unchanged: nothing to do, no new version, nothing held.
    before = disk(tmp_path / "data")
    same = receive(store, "projects.yaml", exported, STAFF)
    assert same.plan.identical and same.pending is None
    assert disk(tmp_path / "data") == before

    # Editors may add a byte-order mark or move the line below another comment.
    moved = b"\xef\xbb\xbf# meine Notiz\n" + exported
    assert read_stamp(moved) == "v1"
    assert read_stamp(b"projects:\n# Wissensbasis-Version: v9\n") is None


# --- entries still to be verified ---------------------------------------------------------------


def test_kb_check_warns_about_unverified_entries_and_still_succeeds(tmp_path: Path) -> None:
    directory = tmp_path / "kb"
    directory.mkdir()
    for path in shipped_knowledge_dir().iterdir():
        if path.suffix == ".yaml":
            (directory / path.name).write_bytes(path.read_bytes())
    regions = (directory / "regions.yaml").read_text(encoding="utf-8")
    first = regions.index("municipalities_to_verify:")
    regions = regions[:first] + re.sub(
        r"municipalities_to_verify: \w+", "municipalities_to_verify: true", regions[first:], count=1
    )
    (directory / "regions.yaml").write_text(regions, encoding="utf-8")

    out = io.StringIO()
    assert kb_cli.check(directory, out, "de") == 0
    text = out.getvalue()
    assert "Wissensbasis gültig" in text
    assert "noch zu prüfen (Warnungen, die Wissensbasis ist trotzdem gültig)" in text
    assert re.search(
        r"• Landkreis „[^“]+“ \(regions\.yaml\): Gemeindeliste als ungeprüft markiert "
        r"\(municipalities_to_verify\) – Quelle: \S",
        text,
    )

    out = io.StringIO()
    assert kb_cli.check(directory, out, "en") == 0
    assert "municipality list marked as unchecked" in out.getvalue()
