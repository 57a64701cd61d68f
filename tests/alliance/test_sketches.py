"""The Projektskizze as Telegram delivers it: the PDF's text, extracted with pypdf, carries the
sponsor's answers with umlauts and the euro sign intact; the alliance's copy names who submits."""

from __future__ import annotations

import io
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from bot.adapters.terminal import chat
from bot.advice.advise import Advisor
from bot.clock import FixedClock
from bot.core.outputs import Document
from bot.core.plan import Plan
from bot.core.state import DialogState
from bot.export import documents
from bot.export.documents import sketch_documents as rendered
from bot.runtime import build_runtime
from bot.settings import Settings
from bot.texts.catalog import Language
from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    IDEA,
    NOW,
    STAFF,
    hand_over,
    notification,
    pdf_text,
    register_contacts,
    tap,
    to_summary,
)
from tests.botapi import BotApiServer, BotMessage
from tests.support.bot import StartBot, summary_messages

OPEN = "— offen: bitte ergänzen —"


def flat(text: str) -> str:
    """Extracted text with line breaks undone (long answers wrap)."""
    return re.sub(r"\s+", " ", text)


def document(messages: list[BotMessage], suffix: str) -> bytes:
    (found,) = [m.document for m in messages if m.document and m.document.name.endswith(suffix)]
    assert found is not None
    return found.content


async def test_the_sponsor_gets_the_sketch_as_pdf_and_markdown(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot():
        sponsor = server.user(1001, "Träger")
        await to_summary(sponsor, title="Pflegebrücke Größte Städte", costs="380.000 €")
        intro, *files = await tap(sponsor, "Projektskizze", count=3)
        assert "Ihre Projektskizze „Pflegebrücke Größte Städte“ als PDF und als Markdown" in (
            intro.text
        )
        names = [m.document.name for m in files if m.document]
        assert names == [
            "projektskizze_pflegebruecke-groesste-staedte_2026-11-25.pdf",
            "projektskizze_pflegebruecke-groesste-staedte_2026-11-25.md",
        ]
        pdf = document(files, ".pdf")
        assert pdf.startswith(b"%PDF-") and b"SourceSansPro" in pdf  # the packaged font
        text = pdf_text(pdf)
        for expected in (
            "Pflegebrücke Größte Städte",  # ü, ö, ß survive as text
            "Gesamtkosten: 380.000 €",  # and the euro sign
            "Fachkräfte für die Region Hildesheim",
            "Sarstedt",
            "Geflüchtete Frauen",
            "Laufzeit: 24 Monate",
            f"Organisation: {OPEN}",  # asked for only before a handoff: open, and marked so
            f"Ansprechperson: {OPEN}",
        ):
            assert expected in text, expected
        assert IDEA in flat(text)
        assert "üblichen Inhalten solcher Projektskizzen" in flat(text)
        assert "Anteil der förderfähigen Kosten" in flat(text)
        assert "kofinanziert" in flat(text)
        markdown = document(files, ".md").decode("utf-8")
        assert "Pflegebrücke Größte Städte" in markdown and "380.000 €" in markdown

        # the English sketch writes amounts the English way
        sponsor.send("/sprache")
        await summary_messages(sponsor)  # the summary again, in English, in several parts
        _, *files = await tap(sponsor, "Project sketch", count=3)
        english = pdf_text(document(files, ".pdf"))
        assert "EUR 380,000" in english and "Pflegebrücke Größte Städte" in english
        assert not server.bot_errors


async def test_the_alliance_gets_the_pdf_with_who_submits_it(
    server: BotApiServer, start_bot: StartBot
) -> None:
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        contact = server.user(501, "Kontakt Eins", language_code="en")
        sponsor = server.user(1001, "Träger")
        await register_contacts(staff, HILDESHEIM, contact)
        await to_summary(sponsor)
        await hand_over(
            sponsor, "Bildungswerk Müller & Söhne gGmbH", "Jörg-Peter Weiß", "05066 123456"
        )
        _, attachment = await notification(contact)
        assert attachment.document is not None
        assert attachment.document.name.endswith(".pdf")  # the PDF only, as the sponsor was told
        text = pdf_text(attachment.document.content)
        # the contact reads English: the sketch is in the contact's language
        assert "EUR 380,000" in text
        for expected in ("Bildungswerk Müller & Söhne gGmbH", "Jörg-Peter Weiß", "05066 123456"):
            assert expected in text, expected
        assert "Pflegebrücke Hildesheim" in text


def writable(database: Path) -> bool:
    """Whether another connection could start writing now (no write transaction is open)."""
    connection = sqlite3.connect(database, timeout=0)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.rollback()
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()


async def test_the_alliance_pdf_is_rendered_once_per_handoff_outside_the_write_transaction(
    server: BotApiServer, start_bot: StartBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Watched where every Projektskizze is made (the real function, called through)."""
    renderings: list[tuple[Language, bool]] = []
    """Per rendering of the Projektskizze: its language, and whether the database could be
    written meanwhile."""

    def watched(
        state: DialogState,
        advisor: Advisor,
        language: Language,
        today: date,
        plan: Plan | None = None,
    ) -> list[Document]:
        renderings.append((language, writable(tmp_path / "foerderlotse.sqlite3")))
        return rendered(state, advisor, language, today, plan)

    monkeypatch.setattr(documents, "sketch_documents", watched)
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF, "Koordination")
        contacts = [server.user(501 + n, f"Kontakt {n}") for n in range(3)]
        english = server.user(511, "Contact", language_code="en")
        sponsor = server.user(1001, "Träger")
        await register_contacts(staff, HILDESHEIM, *contacts, english)
        await to_summary(sponsor)
        await hand_over(sponsor)
        pdfs = []
        for contact in (*contacts, english):
            _, attachment = await notification(contact)
            assert attachment.document is not None
            assert "Pflegebrücke Hildesheim" in pdf_text(attachment.document.content)
            pdfs.append(attachment.document.content)
        # one rendering per language of the recipients, none while the database was held
        assert sorted(renderings) == [("de", True), ("en", True)]
        assert pdfs[0] == pdfs[1] == pdfs[2] != pdfs[3]
        # what every recipient has is not kept a second time (once the worker recorded it)

        def kept() -> int:
            with sqlite3.connect(tmp_path / "foerderlotse.sqlite3") as connection:
                return int(
                    connection.execute("SELECT COUNT(*) FROM handoff_sketches").fetchone()[0]
                )

        await server.wait_until(lambda: kept() == 0, what="the stored sketches removed")


async def test_the_terminal_writes_the_sketch_files(tmp_path: Path) -> None:
    runtime = await build_runtime(
        Settings(data_dir=tmp_path, telegram_bot_token=None), FixedClock(NOW)
    )
    answers = [
        "Sarstedt",
        "Bildungsträger",
        "Geflüchtete Frauen",
        IDEA,
        "Pflegebrücke Hildesheim",
        "380.000 €",
        "01/2027",
        "2 Jahre",
        "/ueberspringen",
    ]
    out = io.StringIO()
    try:
        await chat(runtime, io.StringIO("\n".join(answers) + "\n"), out)
        summary = out.getvalue()
        (number,) = re.findall(r"\[(\d+)\] 📄 Projektskizze", summary)
        await chat(runtime, io.StringIO(f"{number}\n"), out)
    finally:
        await runtime.close()
    exports = tmp_path / "exports"
    pdf = exports / "projektskizze_pflegebruecke-hildesheim_2026-11-25.pdf"
    markdown = pdf.with_suffix(".md")
    assert f"Gespeichert: {pdf}" in out.getvalue() and f"Gespeichert: {markdown}" in out.getvalue()
    assert "Gesamtkosten: 380.000 €" in pdf_text(pdf.read_bytes())
    assert "Pflegebrücke Hildesheim" in markdown.read_text(encoding="utf-8")
