"""Hostile knowledge files sent by staff through Telegram: YAML bombs, Python tags, huge and
binary files, wrong encodings, names meant to escape or to inject markup. Each is refused with
a short message that says what is wrong; the live knowledge base (its version, its files in
the data directory, the advice sponsors get) stays exactly as it was.

tests/kb/test_store.py refuses such files at the store; tests/alliance/test_knowledge.py covers
valid, invalid and rolled-back uploads. Here the hostile ones travel the whole way: download,
store, report, Telegram's rules for the answer.
"""

from __future__ import annotations

from pathlib import Path

from bot.kb.stamp import with_stamp
from tests.botapi import NOT_MODIFIED, BotApiServer, BotMessage, TelegramUser
from tests.kb.edits import disk, replace, shipped, shipped_text
from tests.support.bot import IDEA, StartBot

STAFF = 900
REFUSED = "Nichts wurde übernommen"
LIVE_TITLE = "CARE Pflegeintegration"
"""The live version (v1) retitles CARE, the project most similar to the sponsor's idea."""


def live_projects() -> bytes:
    return replace(
        shipped_text("projects.yaml"), "    title: CARE\n", f"    title: {LIVE_TITLE}\n"
    ).encode()


def billion_laughs() -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    return ("\n".join(lines) + "\n").encode()


def many_broken_entries(count: int) -> bytes:
    return ("projects:\n" + "".join(f"  - kaputt{n}\n" for n in range(count))).encode()


def entries(data_dir: Path) -> list[str]:
    """What the data directory holds, but the database (which the dialogs write)."""
    return sorted(p.name for p in data_dir.iterdir() if not p.name.startswith("foerderlotse"))


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def cases(marker: Path) -> list[tuple[str, bytes, str | None, tuple[str, ...]]]:
    """(file name, content, caption, phrases the answer must contain)."""
    python = f"projects: !!python/object/apply:os.system ['touch {marker}']\n".encode()
    return [
        ("target_groups.yaml", billion_laughs(), None, (REFUSED, "anchors and aliases")),
        ("target_groups.yaml", billion_laughs(), "Probelauf", ("anchors and aliases",)),
        ("regions.yaml", b"a: " + b"[" * 5000 + b"]" * 5000, None, (REFUSED, "nesting")),
        ("projects.yaml", python, None, (REFUSED, "python/object/apply")),
        ("rules.yaml", b"rules: !!python/name:os.system\n", None, (REFUSED, "python/name")),
        ("rules.yaml", b"a: !!python/object/new:os.system [x]\n", None, (REFUSED, "python")),
        ("projects.yaml", b"projects: !!binary aGVsbG8=\n", None, (REFUSED,)),
        ("projects.yaml", b"projects: []\n---\nprojects: []\n", None, (REFUSED, "document")),
        ("regions.yaml", shipped_text("regions.yaml").encode("utf-16"), None, (REFUSED, "UTF-16")),
        (
            "regions.yaml",
            shipped_text("regions.yaml").encode("utf-16-le"),
            None,
            (REFUSED, "UTF-8"),
        ),
        (
            "target_groups.yaml",
            shipped_text("target_groups.yaml").encode("latin-1", errors="replace"),
            None,
            (REFUSED, "UTF-8"),
        ),
        ("projects.yaml", PNG, None, (REFUSED, "UTF-8")),
        ("projects.yaml", b"\x00" * 4096, None, (REFUSED,)),
        ("projects.yaml", many_broken_entries(5000), None, (REFUSED, "4980 weitere Probleme")),
        ("bild.png", PNG, None, (REFUSED, "bild.png")),
        ("../../etc/passwd.yaml", shipped("projects.yaml"), None, (REFUSED,)),
        ("<b>fett</b></code>.yaml", shipped("projects.yaml"), None, (REFUSED, "<b>fett</b>")),
    ]


async def upload(
    server: BotApiServer, staff: TelegramUser, name: str, content: bytes, caption: str | None
) -> list[BotMessage]:
    """Send a document; the answer, once the bot has handled it."""
    staff.mark()
    since = len(server.requests)
    update_id = staff.send_document(name, content, caption=caption)
    await server.wait_confirmed(update_id, timeout=30)
    refused = [
        (r.method, r.description)
        for r in server.requests[since:]
        if r.status != 200 and r.description != NOT_MODIFIED
    ]
    assert not refused, refused  # every answer passed Telegram's rules (HTML, length)
    return staff.new_messages


async def test_hostile_uploads_are_refused_and_the_live_knowledge_stays(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path
) -> None:
    marker = tmp_path / "executed"
    async with start_bot(admin_ids=frozenset({STAFF})):
        staff = server.user(STAFF, "Koordination")
        # an exported file names its version and is applied at once
        exported = with_stamp(live_projects(), "v0")
        applied = await upload(server, staff, "projects.yaml", exported, None)
        assert "v1 ist jetzt live" in applied[-1].text
        live = disk(tmp_path)
        data = entries(tmp_path)

        for name, content, caption, expected in cases(marker):
            answer = await upload(server, staff, name, content, caption)
            text = "\n".join(m.text for m in answer)
            case = f"{name} ({len(content)} bytes): {text[:1500]}"
            assert len(answer) == 1, case  # one short answer, however broken the file
            for phrase in expected:
                assert phrase in text, case
            assert "Traceback" not in text and "Entschuldigung" not in text, case

        # a file larger than allowed is refused by its announced size, never downloaded
        downloads = len(server.requests_for("getFile"))
        answer = await upload(server, staff, "projects.yaml", b"#" * (3 * 1024 * 1024), None)
        assert "zu groß" in answer[-1].text
        assert len(server.requests_for("getFile")) == downloads

        assert not server.bot_errors
        assert not marker.exists()
        assert disk(tmp_path) == live
        assert entries(tmp_path) == data  # nothing written beside the knowledge store
        assert not (tmp_path / "etc").exists() and not (tmp_path.parent / "etc").exists()
        version = await say(server, staff, "/kb_version")
        assert "Live: v1" in version and "v1 · " in version
        # sponsors are still advised from the live version
        sponsor = server.user(1001, "Träger")
        for text in ("/start", "Sarstedt", "Bildungsträger", "Geflüchtete Frauen", IDEA, "Titel"):
            await say(server, sponsor, text)
        for text in ("380.000 €", "01/2027", "2 Jahre"):
            await say(server, sponsor, text)
        summary = await say(server, sponsor, "/ueberspringen")
        assert f"{LIVE_TITLE} (Landkreis Hildesheim)" in summary, summary


async def say(server: BotApiServer, user: TelegramUser, text: str) -> str:
    """Send ``text``; the answer, once the bot has handled it."""
    user.mark()
    await server.wait_confirmed(user.send(text))
    return "\n".join(m.text for m in user.new_messages)
