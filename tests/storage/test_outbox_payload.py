"""The outbox payload is typed (`OutboxPayload`), its stored JSON is what the untyped dicts
wrote before: every writer's row byte for byte (a deferred document's two keys aside, whose
order differs), and the rows of databases written by earlier versions read and written back
unchanged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bot.adapters.telegram.deferred import document_payload as deferred_document
from bot.adapters.telegram.deferred import text_payload as deferred_text
from bot.alliance.desk import Button, payload
from bot.alliance.sketches import sketch_payload
from bot.core.outputs import Document
from bot.procedure.announce import document_payload as case_document
from bot.procedure.announce import text_payload as case_text
from bot.storage.outbox import OutboxPayload
from bot.texts.catalog import Msg
from bot.texts.markup import to_html, to_plain

MIGRATIONS = Path(__file__).parent.parent / "migration"
MESSAGE = Msg("alliance.anonymous")


def _html(language: str = "de") -> str:
    return to_html(MESSAGE, "de" if language == "de" else "en")


def test_every_writer_stores_the_json_of_before() -> None:
    text = _html()
    button = {"label": to_plain(Msg("alliance.button.take"), "de"), "action": "contact:take:7"}
    before_after = [
        (
            {"text": text, "buttons": [], "relay": False},
            payload(MESSAGE, "de"),
        ),
        (
            {"text": text, "buttons": [[button]], "relay": True, "anonymous": text},
            payload(
                MESSAGE,
                "de",
                [[Button(Msg("alliance.button.take"), "contact:take:7")]],
                relay=True,
                anonymous=MESSAGE,
            ),
        ),
        (
            {"text": text, "buttons": [], "relay": False, "alert": True},
            payload(MESSAGE, "de").model_copy(update={"alert": True}),
        ),
        (
            {"sketch": {"handoff": 3, "language": "en"}, "caption": _html("en"), "relay": True},
            sketch_payload(3, MESSAGE, "en"),
        ),
        (
            {"text": text, "buttons": [], "relay": False, "case": None},
            case_text(MESSAGE, "de", None),
        ),
        (
            {"text": text, "buttons": [], "relay": False, "case": 4},
            case_text(MESSAGE, "de", 4),
        ),
        (
            {
                "document": {
                    "filename": "b.pdf",
                    "mime_type": "application/pdf",
                    "content_b64": "JVBE",
                },
                "caption": text,
                "relay": False,
                "case": 4,
            },
            case_document(MESSAGE, "de", 4, "b.pdf", "application/pdf", b"%PD"),
        ),
        ({"text": "<b>x</b>"}, deferred_text("<b>x</b>", None)),
        (
            {"text": "x", "markup": {"inline_keyboard": [[{"text": "a", "callback_data": "b"}]]}},
            deferred_text("x", {"inline_keyboard": [[{"text": "a", "callback_data": "b"}]]}),
        ),
    ]
    for before, typed in before_after:
        assert typed.stored() == json.dumps(before)
        assert OutboxPayload.read(json.dumps(before)).stored() == json.dumps(before)
    document = Document("a.pdf", b"%PD", "application/pdf")
    written = deferred_document(document, "Skizze").stored()
    # Before: {"document": {"content_b64", "filename"}, ...}: the same JSON, keys reordered.
    assert json.loads(written) == {
        "document": {"content_b64": "JVBE", "filename": "a.pdf"},
        "caption": "Skizze",
    }
    assert json.loads(deferred_document(document, None).stored()) == {
        "document": {"content_b64": "JVBE", "filename": "a.pdf"}
    }


def test_a_field_taken_out_is_absent_not_null() -> None:
    with_name = payload(MESSAGE, "de", anonymous=MESSAGE).model_copy(update={"alert": True})
    assert "anonymous" not in json.loads(with_name.without("anonymous", "alert").stored())
    assert with_name.without("alert").anonymous == _html()


@pytest.mark.parametrize("fixture", ["v4.sqlite3", "v9.sqlite3"])
def test_rows_written_by_earlier_versions_read_and_write_back_unchanged(fixture: str) -> None:
    connection = sqlite3.connect(f"file:{MIGRATIONS / fixture}?mode=ro", uri=True)
    try:
        rows = [row[0] for row in connection.execute("SELECT payload FROM outbox")]
    finally:
        connection.close()
    assert rows
    for row in rows:
        assert OutboxPayload.read(row).stored() == row
