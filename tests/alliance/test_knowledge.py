"""Staff keep the knowledge base current from Telegram: a document replaces the knowledge file
of its name once the whole set validates (a dry run only shows the changes), an invalid file
names file, line, entry and field and changes nothing, /kb_version, /kb_zurueck, /kb_export;
and a `python -m bot kb apply` from the command line reaches the running bot."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from bot.kb.models import KNOWLEDGE_FILES
from bot.kb.stamp import with_stamp
from tests.alliance.conftest import ADMINS, STAFF, answer, tap, to_summary
from tests.botapi import BotApiServer, TelegramUser
from tests.kb.edits import disk, edited_projects, replace, shipped, shipped_text
from tests.support.bot import StartBot, summary_messages


def care_renamed(title: str) -> bytes:
    """projects.yaml with the project CARE (similar to the test sponsor's idea) retitled."""
    return replace(
        shipped_text("projects.yaml"), "    title: CARE\n", f"    title: {title}\n"
    ).encode()


async def upload(staff: TelegramUser, name: str, content: bytes, caption: str | None = None) -> str:
    staff.send_document(name, content, caption=caption)
    return "\n".join(m.text for m in await staff.expect())


async def upload_and_confirm(staff: TelegramUser, name: str, content: bytes) -> tuple[str, str]:
    """A file without a version line: its changes are shown, then applied on "Übernehmen"."""
    staff.send_document(name, content)
    [shown] = await staff.expect()
    assert "Übernehmen?" in shown.text, shown.text
    (confirmed,) = await tap(staff, "Übernehmen", shown.message_id)
    return shown.text, confirmed.text


async def similar_projects(sponsor: TelegramUser) -> str:
    """The summary's list of similar projects, for the sponsor's current draft."""
    sponsor.send("/zusammenfassung")
    summary = "\n".join(m.text for m in await summary_messages(sponsor))
    return summary.split("Ähnliche Projekte aus der Strategie")[1].split("Wichtige Termine")[0]


async def test_upload_dry_run_invalid_valid_version_export_and_rollback(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        sponsor = server.user(1001, "Träger")
        await to_summary(sponsor)
        assert "CARE (Landkreis Hildesheim)" in await similar_projects(sponsor)

        version = await answer(staff, "/kb_version")
        assert "Live: v0" in version.text and "Noch keine Änderungen" in version.text
        nothing = await answer(staff, "/kb_zurueck")
        assert "Nichts zurückzurollen" in nothing.text and not nothing.buttons

        # a dry run shows what would be added, changed and removed, and changes nothing
        report = await upload(staff, "projects.yaml", edited_projects(), caption="Probelauf")
        assert "Probelauf: projects.yaml gegen die Live-Version v0" in report
        assert "+ Projekt „Pflegelotsen (Test)“ hinzugefügt" in report
        assert "Titel „Lehrerexkursionen“ → „Lehrerexkursionen 2025“" in report
        assert "− Projekt „Schulberufslotsen“ entfernt" in report
        assert "ohne Bildunterschrift" in report
        assert disk(tmp_path) == {}

        # an invalid file names file, line, entry and field; nothing changes
        broken = replace(shipped_text("projects.yaml"), "[holzminden]", "[nirgendwo]").encode()
        report = await upload(staff, "projects.yaml", broken)
        assert "Wissensbasis ungültig" in report and "Nichts wurde übernommen" in report
        line = broken[: broken.index(b"[nirgendwo]")].count(b"\n") + 1
        assert f"projects.yaml, Zeile {line}" in report
        assert "Eintrag „schulberufslotsen“" in report and "Feld „districts[0]“" in report
        assert "nirgendwo" in report
        for name, content, expected in (
            ("projects.yaml", b"projects:\n  - id: x\n    title: [offen\n", "kein gültiges YAML"),
            ("rules.yaml", b"a: !!python/object/apply:os.system ['echo pwned']\n", "YAML"),
            ("notizen.yaml", b"notizen: hallo\n", "unbekannter Dateiname"),
            ("projects.yaml", b"", "leer"),
        ):
            report = await upload(staff, name, content)
            assert expected in report and "Nichts wurde übernommen" in report, (name, report)
        assert disk(tmp_path) == {}
        assert "Live: v0" in (await answer(staff, "/kb_version")).text

        # a valid file without a version line is shown against the live version and becomes
        # live once its author confirms
        shown, report = await upload_and_confirm(
            staff, "Projects.yml", care_renamed("CARE Pflegeintegration")
        )
        assert "nennt keine Version" in shown and "Live-Version v0" in shown
        assert "~ Projekt „CARE Pflegeintegration“: Titel „CARE“ → „CARE Pflegeintegration“" in (
            shown
        )
        assert "projects.yaml übernommen: v1 ist jetzt live (vorher v0)" in report
        assert "/kb_zurueck" in report
        assert "CARE Pflegeintegration (Landkreis Hildesheim)" in await similar_projects(sponsor)
        version = await answer(staff, "/kb_version")
        assert "Live: v1 (seit 25.11.2026 09:00 UTC, Koordination (telegram:900))" in version.text
        assert (
            "v1 · 25.11.2026 09:00 UTC · Koordination (telegram:900) · projects.yaml: "
            "~ CARE Pflegeintegration (Titel)"
        ) in version.text

        # the live files, each with its version line
        export = await answer(staff, "/kb_export")
        assert f"Die {len(KNOWLEDGE_FILES)} Wissensdateien der Live-Version v1" in export.text
        files = await staff.expect(len(KNOWLEDGE_FILES))
        documents = {m.document.name: m.document.content for m in files if m.document}
        assert set(documents) == set(KNOWLEDGE_FILES)
        assert documents["projects.yaml"] == with_stamp(
            care_renamed("CARE Pflegeintegration"), "v1"
        )
        assert documents["regions.yaml"] == with_stamp(shipped("regions.yaml"), "v1")

        # rolling back asks first; the confirmation names the version
        confirm = await answer(staff, "/kb_zurueck")
        assert "Live ist v1" in confirm.text
        (cancelled,) = await tap(staff, "Abbrechen", confirm.message_id)
        assert "Nichts wurde geändert" in cancelled.text
        assert "Live: v1" in (await answer(staff, "/kb_version")).text
        (rolled,) = await tap(staff, "Zurückrollen", confirm.message_id)
        assert "Zurückgerollt: v0 ist wieder live (vorher v1)" in rolled.text
        assert "CARE (Landkreis Hildesheim)" in await similar_projects(sponsor)
        (stale,) = await tap(staff, "Zurückrollen", confirm.message_id)
        assert "Inzwischen ist v0 live, nicht mehr v1" in stale.text
        assert "Live: v0" in (await answer(staff, "/kb_version")).text
        assert not server.bot_errors


async def test_a_version_survives_a_restart_and_the_command_line_reaches_the_running_bot(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    staff = server.user(STAFF, "Koordination")
    sponsor = server.user(1001, "Träger")
    async with start_bot(admin_ids=ADMINS):
        await to_summary(sponsor)
        _, report = await upload_and_confirm(staff, "projects.yaml", care_renamed("CARE Telegram"))
        assert "v1 ist jetzt live" in report
    async with start_bot(admin_ids=ADMINS):
        assert "CARE Telegram (Landkreis Hildesheim)" in await similar_projects(sponsor)

        # staff apply a file on the server while the bot runs
        path = tmp_path.parent / f"{tmp_path.name}-upload" / "projects.yaml"
        path.parent.mkdir()
        path.write_bytes(care_renamed("CARE Kommandozeile"))
        env = {**os.environ, "BOT_DATA_DIR": str(tmp_path)}
        env.pop("TELEGRAM_BOT_TOKEN", None)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "kb",
            "apply",
            str(path),
            "--based-on",
            "v1",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        out, err = await process.communicate()
        assert process.returncode == 0, out.decode() + err.decode()
        assert "v2 ist jetzt live (vorher v1)" in out.decode()
        assert "CARE Kommandozeile (Landkreis Hildesheim)" in await similar_projects(sponsor)
        version = await answer(staff, "/kb_version")
        assert "Live: v2" in version.text and "cli:" in version.text
