"""Where transcripts of one script on different drivers must say the same.

The conversation service in process is the reference. The engine gives the very same replies
for the steps it plays; Telegram sends the same texts, buttons and documents (it may cut a long
text into several messages, and it shows acknowledgements and ticks as edits, so only new
messages and documents are compared, text with its spacing evened out); the terminal prints
every text and acknowledgement the service gave.
"""

from __future__ import annotations

from tests.support.transcript import Received, Transcript


def _dialog(entries: list[Received]) -> list[tuple[str, str, tuple[tuple[str, ...], ...]]]:
    return [(e.kind, e.text, e.buttons) for e in entries if e.kind in ("message", "edit", "ack")]


def assert_engine_agrees(chat: Transcript, engine: Transcript) -> None:
    reference = chat.by_step()
    for step, entries in engine.by_step().items():
        assert _dialog(entries) == _dialog(reference[step]), (
            f"step {step}: {chat.turns[step].action}"
        )


Sent = tuple[str, list[str], list[tuple[str, str, str]]]


def _sent(transcript: Transcript, entries: list[Received], who: str) -> Sent:
    mine = [e for e in entries if e.who == who]
    texts = transcript.normalise(" ".join(e.text for e in mine if e.kind == "message"))
    labels = [label for e in mine if e.kind == "message" for row in e.buttons for label in row]
    # Telegram names the type of a file by its name's ending (the bot sends none).
    documents = [
        (e.file.name, e.file.digest, " ".join(e.text.split()))
        for e in mine
        if e.kind == "document" and e.file is not None
    ]
    return " ".join(texts.split()), labels, documents


def assert_telegram_agrees(chat: Transcript, telegram: Transcript) -> None:
    reference = chat.by_step()
    for step, entries in telegram.by_step().items():
        for person in chat.people:
            sent = _sent(telegram, entries, person.key)
            expected = _sent(chat, reference[step], person.key)
            assert sent == expected, (
                f"step {step} ({chat.turns[step].action}), what {person.key} was sent:\n"
                f"  in process: {expected}\n  Telegram:   {sent}"
            )


def assert_terminal_agrees(chat: Transcript, terminal: Transcript) -> None:
    reference = chat.by_step()
    for step, entries in terminal.by_step().items():
        screen = "\n".join(e.text for e in entries)
        for entry in reference[step]:
            if entry.kind in ("message", "edit"):
                assert entry.text in screen, (step, entry.text, screen)
            elif entry.kind == "ack":
                assert f"✓ {entry.text}" in screen, (step, entry.text, screen)
