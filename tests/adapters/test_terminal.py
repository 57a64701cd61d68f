"""`python -m bot chat`: the sponsor dialog in a terminal, with piped input.

Subprocess runs check what an operator sees (exit code, no hang at the end of input, the draft
resumed by the next run); they stop before any date-dependent question, since a subprocess runs
on the system clock. The in-process runs use a fixed clock and go all the way to the summary.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from bot.adapters.terminal import chat
from bot.clock import FixedClock
from bot.core.roles import sponsor_help
from bot.runtime import build_runtime
from bot.settings import Settings
from bot.texts.catalog import Language, Msg
from bot.texts.markup import to_plain

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime(2026, 11, 25, 9, 0)


def say(key: str, language: Language = "de", **params: str | int) -> str:
    return to_plain(Msg(key, params), language)


GOODBYE = say("terminal.goodbye")


def run_chat(data_dir: Path, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("TELEGRAM_", "BOT_")) and name not in ("CI",)
    }
    env["BOT_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = str(ROOT)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=data_dir,  # no .env of the developer's checkout
        timeout=60,
        check=False,
    )


def stored_drafts(data_dir: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(data_dir / "foerderlotse.sqlite3") as connection:
        return list(connection.execute("SELECT owner_id, state FROM drafts ORDER BY id"))


def test_piped_dialog_ends_cleanly_and_the_next_run_resumes(tmp_path: Path) -> None:
    # The last line has no newline: it must still be read, then the input ends.
    first = run_chat(tmp_path, "Garbsen\n1\nArbeitslose und Geflüchtete")
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr
    out = first.stdout
    assert say("sponsor.region.prompt") in out
    assert "✓ Bildungsträger" in out
    assert "Verstanden als Zielgruppe: Arbeitslose, Geflüchtete." in out
    idea = say("sponsor.idea.prompt")
    assert idea in out
    assert GOODBYE in out
    assert out.rindex(idea) < out.rindex(GOODBYE), "the last question, then the goodbye"

    [(owner, state)] = stored_drafts(tmp_path)
    assert owner < 0, "the local user never collides with a Telegram id"
    assert '"step":"idea"' in state

    second = run_chat(tmp_path, "")
    assert second.returncode == 0, second.stderr
    assert say("sponsor.resumed") in second.stdout
    assert idea in second.stdout, "the current question is asked again"
    assert say("sponsor.welcome") not in second.stdout
    assert GOODBYE in second.stdout
    assert len(stored_drafts(tmp_path)) == 1


def test_piped_numbers_choose_and_zurueck_goes_back(tmp_path: Path) -> None:
    result = run_chat(tmp_path, "Garbsen\n/zurueck\nSarstedt\n2\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Bisherige Antwort: Garbsen" in out, "/zurueck shows the place question again"
    assert out.count(say("sponsor.region.prompt")) == 2
    assert "Fachkräfte für die Region Hildesheim" in out
    assert "✓ Kammer oder Verband" in out
    assert say("sponsor.target_group.prompt") in out
    assert "[1] Schüler*innen" in out
    assert GOODBYE in out


def test_empty_input_says_goodbye_without_error(tmp_path: Path) -> None:
    result = run_chat(tmp_path, "")
    assert result.returncode == 0, result.stderr
    assert say("sponsor.welcome") in result.stdout
    assert GOODBYE in result.stdout


# --- in process, with a fixed clock -----------------------------------------------------------


async def converse(data_dir: Path, lines: str) -> str:
    runtime = await build_runtime(Settings(data_dir=data_dir), FixedClock(TODAY))
    out = io.StringIO()
    try:
        await chat(runtime, io.StringIO(lines), out)
    finally:
        await runtime.close()
    return out.getvalue()


async def test_a_whole_dialog_to_the_summary(tmp_path: Path) -> None:
    out = await converse(
        tmp_path,
        "\n".join(
            [
                "Rinteln",
                "3",  # Hochschule
                "9",  # Frauen
                "11",  # Geflüchtete
                "15",  # Fertig
                "Wir wollen geflüchteten Frauen ein bezahltes Praktikum in Pflegeheimen mit "
                "begleitendem Deutschkurs anbieten, zusammen mit dem Jobcenter.",
                "/ueberspringen",
                "450000",  # a number, but no button number: an amount
                "Q2/2027",
                "18 Monate",
                "",  # blank lines are ignored
                "/ueberspringen",
            ]
        ),
    )
    assert "✓ Hochschule" in out
    assert "[9] ✓ Frauen" in out
    assert "✓ Frauen, Geflüchtete" in out
    assert say("summary.title") in out
    assert "Gesamtkosten: 450.000 €" in out
    assert "Fachkräfte-Initiative Weserbergland+" in out
    assert "Ihr Projektende: 09/2028" in out
    assert "[1] ✏️ Angabe ändern" in out
    assert out.rstrip().endswith(GOODBYE)


async def test_sprache_switches_to_english_mid_dialog(tmp_path: Path) -> None:
    out = await converse(tmp_path, "Garbsen\n/sprache\n")
    assert say("sponsor.language_set", "en") in out
    after = out[out.index(say("sponsor.language_set", "en")) :]
    assert say("sponsor.organisation.prompt", "en") in after
    assert "[1] Education provider" in after
    assert say("terminal.goodbye", "en") in after


async def test_hilfe_and_abbrechen(tmp_path: Path) -> None:
    out = await converse(tmp_path, "/hilfe\n/abbrechen\nGarbsen\n1\n")
    assert say("sponsor.region.help") in out
    assert say("sponsor.cancelled") in out
    assert say("sponsor.paused") in out, "a paused draft does not take answers"
    assert say("sponsor.resumed") in out, "[1] continues"
    assert say("sponsor.region.prompt") in out[out.index(say("sponsor.resumed")) :]


async def test_entwuerfe_and_neu(tmp_path: Path) -> None:
    out = await converse(tmp_path, "Garbsen\n/neu\nSarstedt\n/entwuerfe\n")
    assert out.count(say("sponsor.welcome")) == 2
    assert say("drafts.list", count=2) in out
    [(_, first), (_, second)] = stored_drafts(tmp_path)
    assert "Garbsen" in first and "Sarstedt" in second


def test_bytes_that_are_not_utf8_are_read_not_crashed_on(tmp_path: Path) -> None:
    """A Latin-1 terminal sends "G\xf6ttingen": understood as Göttingen, nothing crashes."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("TELEGRAM_", "BOT_", "PYTHONIOENCODING"))
    }
    env["BOT_DATA_DIR"] = str(tmp_path)
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input=b"G\xf6ttingen\nHildesheim \xff\xfe\n",
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    out = result.stdout.decode("utf-8", "replace")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in result.stderr.decode("utf-8", "replace")
    assert "Göttingen" in out, "read as Windows-1252, not dropped"
    assert GOODBYE in out
    [(_, state)] = stored_drafts(tmp_path)
    assert "Göttingen" in state


async def test_a_number_at_a_question_without_choices_is_an_answer(tmp_path: Path) -> None:
    """Back and skip are commands here, not numbers: "2" participants is not "skip"."""
    lines = [
        "Rinteln",
        "/ueberspringen",
        "Geflüchtete",
        "Wir bieten geflüchteten Menschen ein bezahltes Praktikum in Pflegeheimen mit "
        "begleitendem Deutschkurs an, zusammen mit dem Jobcenter.",
        "/ueberspringen",
        "250.000",
        "01/2027",
        "1",  # at the duration: an answer (asked back: year or month?), not the back button
        "1",  # now a choice is showing: "1 Jahr"
        "/ueberspringen",
        "2",  # the summary's second button: complete the sketch
        "/ueberspringen",
        "/ueberspringen",
        "2",  # participants: two, not "skip"
    ]
    out = await converse(tmp_path, "\n".join(lines))
    assert "  /zurueck  ⬅️ Zurück" in out
    assert "  /ueberspringen  ⏭ Überspringen" in out
    assert "] ⬅️ Zurück" not in out and "] ⏭ Überspringen" not in out
    [(_, state)] = stored_drafts(tmp_path)
    assert '"duration":{"text":"1 Jahr","value":12}' in state
    assert "Meinen Sie 1 Jahr (12 Monate) oder 1 Monat?" in out
    assert '"participants":{"text":"2","value":2}' in state


async def test_shown_commands_press_their_button(tmp_path: Path) -> None:
    out = await converse(tmp_path, "Garbsen\n/zurueck\n/beibehalten\n")
    assert "  /beibehalten  ✔️ Beibehalten" in out
    assert out.count(say("sponsor.organisation.prompt")) == 2, "kept, on to the next question"


async def test_help_shows_the_choices_again_and_numbers_still_choose(tmp_path: Path) -> None:
    out = await converse(tmp_path, "Garbsen\n1\n/hilfe\n9\n15\n")
    after_help = out[out.index(say("sponsor.target_group.help")) :]
    assert "[9] Frauen" in after_help
    assert "[9] ✓ Frauen" in after_help, "9 ticked a group instead of becoming its text"
    [(_, state)] = stored_drafts(tmp_path)
    assert '"target_group":{"text":"Frauen","value":{"ids":["frauen"],"text":""}}' in state


async def test_english_shows_english_commands(tmp_path: Path) -> None:
    out = await converse(tmp_path, "/sprache en\nGarbsen\n")
    assert "  /back  ⬅️ Back" in out
    assert "  /skip  ⏭ Skip" in out


async def test_control_characters_are_no_answer_and_a_marked_command_is_one(
    tmp_path: Path,
) -> None:
    """Cleaned where every transport comes in: "\\x00\\x01" is asked again (never stored), and
    "/zurueck" behind a left-to-right mark still goes back."""
    out = await converse(tmp_path, "\x00\x01\nGar\u202ebsen\x07\n\u200e/zurueck\n")
    assert say("understanding.place.empty") in out
    assert out.count(say("sponsor.region.prompt")) == 3, "welcome, asked again, went back"
    [(_, state)] = stored_drafts(tmp_path)
    assert '"region":{"text":"Garbsen"' in state
    assert "\\u0000" not in state and "\\u202e" not in state


async def test_the_english_commands_work_in_the_terminal(tmp_path: Path) -> None:
    """The commands English texts and Telegram's English menu name."""
    out = await converse(tmp_path, "/language en\n/help\nGarbsen\n/back\n/privacy\n/drafts\n")
    assert to_plain(sponsor_help(), "en") in out
    assert out.count(say("sponsor.region.prompt", "en")) >= 3, "language, help, back"
    assert "What is stored:" in out
    assert say("drafts.list", "en", count=1) in out
    assert say("roles.unknown_command", "en") not in out


async def test_erasure_removes_the_files_saved_for_the_person_too(tmp_path: Path) -> None:
    idea = (
        "Wir wollen geflüchteten Frauen ein bezahltes Praktikum in Pflegeheimen mit "
        "begleitendem Deutschkurs anbieten, zusammen mit dem Jobcenter Rinteln."
    )
    steps = ["Rinteln", "3", "9", "15", idea, "Brückenjahr Rinteln", "450000", "Q2/2027"]
    summary = [*steps, "18 Monate", "/ueberspringen"]
    out = await converse(tmp_path, "\n".join([*summary, "3", "/export"]))
    exports = tmp_path / "exports"
    saved = sorted(p.suffix for p in exports.iterdir())
    assert saved == [".json", ".md", ".pdf"], out
    assert any("Brückenjahr Rinteln" in p.read_text() for p in exports.glob("*.md"))

    # a later run: the erasure finds the files of the earlier one
    out = await converse(tmp_path, "/loeschen\n1\n")
    assert say("privacy.erased", count="1 Entwurf") in out
    assert list(exports.iterdir()) == []
    for name in ("foerderlotse.sqlite3", "foerderlotse.sqlite3-wal"):
        path = tmp_path / name
        content = path.read_bytes() if path.exists() else b""
        assert b"Jobcenter Rinteln" not in content and "Brückenjahr".encode() not in content


async def test_the_summary_keeps_its_numbers_after_the_projektskizze(tmp_path: Path) -> None:
    """The Projektskizze's notice asks nothing: the summary's buttons above it stay pressable
    by their numbers, as they stay tappable in Telegram (review11: "4" after "3" was answered
    "Bitte nutzen Sie die Schaltflächen …")."""
    idea = (
        "Wir wollen geflüchteten Frauen ein bezahltes Praktikum in Pflegeheimen mit "
        "begleitendem Deutschkurs anbieten, zusammen mit dem Jobcenter Rinteln."
    )
    steps = ["Rinteln", "3", "9", "15", idea, "Brückenjahr Rinteln", "450000", "Q2/2027"]
    summary = [*steps, "18 Monate", "/ueberspringen"]
    out = await converse(tmp_path, "\n".join([*summary, "3", "4"]))
    after = out[out.index(say("export.sent", title="Brückenjahr Rinteln")) :]
    assert say("sponsor.summary.use_buttons") not in after
    assert say("handoff.intro.handoff") in after, after
