"""Incoming text is cleaned once, where every transport comes in (`routes.incoming.cleaned`,
called by `Conversations.handle`): control characters, zero-width and bidi characters are never
stored, text is NFC; emoji and umlauts stay. An answer of invisible characters only is asked
again."""

from __future__ import annotations

import unicodedata

import pytest

from bot.base.normalize import clean_text
from bot.core.events import Command, Text
from bot.core.updates import Incoming
from bot.routes.incoming import cleaned
from tests.dialogs.conftest import ChatDriver, key_text

RLO = "\u202e"
"""RIGHT-TO-LEFT OVERRIDE: what follows is shown backwards."""
CONTROLS = "\x00\x01\x07\x1b\x7f\x80\x9b"
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u2066\u2069"
FAMILY = "👨\u200d👩\u200d👧"
ENGLAND = "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"


# --- the cleaning itself ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\x00\x01", ""),
        (CONTROLS + INVISIBLE + RLO, ""),
        (f"Pflege{RLO}brücke", "Pflegebrücke"),
        ("Hildes\u200bheim", "Hildesheim"),
        (
            "Zeile 1\r\nZeile 2\rZeile 3\u2028Zeile 4\x85Zeile 5",
            "Zeile 1\nZeile 2\nZeile 3\nZeile 4\nZeile 5",
        ),
        ("a\tb\nc", "a\tb\nc"),
        ("Spalte\x1fzwei", "Spalte zwei"),
        ("Go\u0308ttingen", "Göttingen"),  # NFC: one "ö", as everyone else types it
        ("Grüße aus Bückeburg 🙂👍🏽", "Grüße aus Bückeburg 🙂👍🏽"),
        (f"Familien {FAMILY} und Fachkräfte 👩🏽\u200d💻 🏳️\u200d🌈", None),
        (f"Team {ENGLAND}", None),
    ],
)
def test_what_is_kept_and_what_goes(typed: str, kept: str | None) -> None:
    expected = typed if kept is None else kept
    assert clean_text(typed) == expected
    assert clean_text(expected) == expected, "cleaning twice changes nothing"


def test_nothing_invisible_or_controlling_survives() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    text = clean_text(every)
    left = {unicodedata.category(c) for c in text if c not in "\n\t"}
    assert not left & {"Cc", "Zl", "Zp", "Cs"}
    assert [c for c in text if unicodedata.category(c) == "Cf"] == [], "no joiner alone"
    assert unicodedata.is_normalized("NFC", text)


def test_the_incoming_update_is_cleaned_text_command_and_name() -> None:
    typed = Incoming(1, Text(f"{RLO}Sarstedt\x00"), name=f"Eve{RLO}\u200b")
    clean = cleaned(typed)
    assert clean.event == Text("Sarstedt") and clean.name == "Eve"
    assert cleaned(Incoming(1, Command("language", "\u200ben\x00"))).event == Command(
        "language", "en"
    )
    # A right-to-left keyboard puts a mark before the slash: still the command.
    assert cleaned(Incoming(1, Text("\u200e/zurueck"))).event == Command("back")


# --- through the conversations (Telegram, the terminal) ---------------------------------------


async def to_title(chat: ChatDriver) -> None:
    await chat.command("start")
    for answer in (
        "Sarstedt",
        "Bildungsträger",
        "Geflüchtete Frauen",
        "Wir wollen geflüchteten Frauen ein bezahltes Praktikum in Pflegeheimen mit "
        "begleitendem Deutschkurs anbieten, zusammen mit dem Jobcenter.",
    ):
        await chat.text(answer)
    assert (await chat.state()).step == "title"


async def test_a_title_of_control_characters_is_not_stored_but_asked_again(
    chat: ChatDriver,
) -> None:
    await to_title(chat)
    reply = await chat.text("\x00\x01")
    state = await chat.state()
    assert state.step == "title" and "title" not in state.answers
    assert key_text("sponsor.error.empty") in reply
    assert key_text("sponsor.title.prompt") in reply, "what is needed, not silence"
    assert chat.last_step == "title" and "skip" in chat.actions, "skip still offered"


@pytest.mark.parametrize("invisible", ["\u200b", RLO, "\ufeff\u2060", "\x00\x01\x7f"])
async def test_invisible_answers_at_every_kind_of_question_are_asked_again(
    chat: ChatDriver, invisible: str
) -> None:
    await chat.command("start")
    reply = await chat.text(invisible)
    assert key_text("understanding.place.empty") in reply
    assert key_text("sponsor.region.prompt") in reply
    await chat.text("Sarstedt")
    await chat.text(invisible)  # organisation: free text or a button
    assert (await chat.state()).step == "organisation"
    assert "Bildungsträger" in chat.labels, "the choices stay"


async def test_answers_are_stored_clean_with_emoji_and_umlauts(chat: ChatDriver) -> None:
    await to_title(chat)
    await chat.text(f"Pflege{RLO}brücke\x00 für Familien {FAMILY}\u200b")
    state = await chat.state()
    assert state.answers["title"].text == f"Pflegebrücke für Familien {FAMILY}"


async def test_a_decomposed_umlaut_is_stored_composed(chat: ChatDriver) -> None:
    await chat.command("start")
    await chat.text("Go\u0308ttingen")
    state = await chat.state()
    assert state.answers["region"].text == "Göttingen"


async def test_a_rename_to_control_characters_is_refused(chat: ChatDriver) -> None:
    await to_title(chat)
    draft = await chat.current()
    assert draft is not None
    await chat.press(f"session:rename:{draft.id}")
    reply = await chat.text("\x00\x01\u200b")
    assert key_text("drafts.rename_invalid", max=100) in reply
    await chat.text(f"Neuer{RLO} Titel\x07")
    renamed = await chat.current()
    assert renamed is not None and renamed.title == "Neuer Titel"
