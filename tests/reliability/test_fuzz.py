"""Hostile text at every step of the sponsor dialog, over the real Application and Bot API
server: unicode, emoji, 10,000 characters, empty text, control characters, text that looks like
HTML or Markdown. No handler raises, every request passes the server's check of Telegram's
rules (HTML, length), the user's markup is shown as typed, and every reply says what to do.

tests/dialogs/test_properties.py fuzzes the dialog core without Telegram; this file is about
what reaches Telegram. One bot serves all examples of a test (a fresh sponsor per example); the
end of an example is the server's confirmation of the update, which the bot gives only once it
handled it, so nothing waits on the wall clock.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.botapi import NOT_MODIFIED, BotApiServer, BotMessage, TelegramUser
from tests.support.bot import IDEA, StartBot

Action = tuple[Literal["send", "tap"], str]

MAIN: list[tuple[str, Action]] = [
    ("region", ("send", "/start")),
    ("organisation", ("send", "Hameln")),
    ("target_group", ("send", "Bildungsträger")),
    ("idea", ("send", "Arbeitslose")),
    ("title", ("send", IDEA)),
    ("costs", ("send", "Pflegebrücke")),
    ("cap_raises_grant", ("send", "600.000 €")),
    ("justification", ("tap", "Ja")),
    ("start", ("send", "Vier Landkreise mit je einem Standort brauchen mehr Personal.")),
    ("duration", ("send", "03/2027")),
    ("cofinancing", ("send", "24 Monate")),
    ("summary", ("send", "/ueberspringen")),
]
BRANCHES: dict[str, list[tuple[str, Action]]] = {
    "handoff": [
        ("handoff_organisation", ("tap", "Übergeben")),
        ("handoff_person", ("send", "Bildungswerk Hameln e. V.")),
        ("handoff_channel", ("send", "Projektleitung")),
        ("handoff_consent", ("send", "projekt@bildungswerk.example")),
    ],
    "sketch": [
        ("need", ("tap", "vervollständigen")),
        ("goals", ("send", "/ueberspringen")),
        ("participants", ("send", "/ueberspringen")),
        ("partners", ("send", "/ueberspringen")),
        ("spatial_effect", ("send", "/ueberspringen")),
        ("continuation", ("send", "/ueberspringen")),
        ("transferability", ("send", "/ueberspringen")),
    ],
    "thin idea": [("idea_kept", ("send", "Coaching"))],
}


def _paths() -> dict[str, list[Action]]:
    """Every step, and the actions that lead a new sponsor there."""
    paths: dict[str, list[Action]] = {}
    for index, (step, _) in enumerate(MAIN):
        paths[step] = [action for _, action in MAIN[: index + 1]]
    for branch, steps in BRANCHES.items():
        base = paths["idea"] if branch == "thin idea" else paths["summary"]
        for index, (step, _) in enumerate(steps):
            paths[step] = base + [action for _, action in steps[: index + 1]]
    return paths


PATHS = _paths()

MARKUP = [
    "<b>fett</b>",
    "</code>",
    "<code>x",
    "*_",
    "**fett** __kursiv__ `code` ```block```",
    "[Link](https://example.org)",
    '<a href="javascript:alert(1)">x</a>',
    "<script>alert(1)</script>",
    "&amp; &lt; & &#x1F600; &bogus;",
    "<<>>",
    "<i>Hameln</i>",
    "\\*_\\_",
    "<tg-spoiler>x</tg-spoiler><blockquote>",
]
CONTROL = st.characters(categories=["Cc", "Cf", "Zl", "Zp"])
EMOJI = st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF)
hostile_texts = st.one_of(
    st.text(max_size=60),
    st.sampled_from(MARKUP),
    st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=8)), max_size=6).map("".join),
    st.text(EMOJI, min_size=1, max_size=40),
    st.text(CONTROL, min_size=1, max_size=10),
    st.sampled_from(["", " ", "\n\n", "\u200b", "\ufeff"]),
    st.builds(  # 10,000 characters (UTF-16 counts an emoji twice: over Telegram's limit too)
        lambda piece: (piece * 10_000)[:10_000], st.text(min_size=1, max_size=4)
    ),
)
_users = itertools.count(60_000)

GUIDANCE = {"de": ("Bitte", "?"), "en": ("Please", "?")}
APOLOGY = ("Entschuldigung", "Sorry")


@pytest.fixture
async def bot(server: BotApiServer, start_bot: StartBot) -> AsyncIterator[BotApiServer]:
    """One bot for all examples of a test."""
    async with start_bot():
        yield server


async def act(server: BotApiServer, user: TelegramUser, action: Action) -> list[BotMessage]:
    """Send or tap; returns what the bot sent once it has handled the update."""
    user.mark()
    kind, value = action
    update_id = user.send(value) if kind == "send" else user.tap(value)
    await server.wait_confirmed(update_id)
    assert not server.bot_errors, server.bot_errors
    return user.new_messages


def check_requests(server: BotApiServer, since: int) -> None:
    """Every request the bot made was one Telegram accepts (edits that failed are logged by
    the bot and not raised, so the server's answers are checked, not only the handlers)."""
    refused = [
        (r.method, r.description)
        for r in server.requests[since:]
        if r.status != 200 and r.description != NOT_MODIFIED
    ]
    assert not refused, refused


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    step=st.sampled_from(sorted(PATHS)),
    text=hostile_texts,
    language=st.sampled_from(["de", "de", "en"]),
)
async def test_hostile_text_at_every_step(
    bot: BotApiServer, step: str, text: str, language: Literal["de", "en"]
) -> None:
    server = bot
    user = server.user(next(_users), "Fuzz")
    for action in PATHS[step]:
        assert await act(server, user, action), (action, user.transcript)
    if language == "en":
        await act(server, user, ("send", "/sprache"))
    since = len(server.requests)

    replies = await act(server, user, ("send", text))

    check_requests(server, since)
    assert replies, f"no answer to {text!r} at {step}\n{user.transcript}"
    last = replies[-1]
    assert last.buttons or any(word in last.text for word in GUIDANCE[language]), (
        f"the reply to {text!r} at {step} does not say what to do: {last.text!r}"
    )
    assert not any(word in m.text for m in replies for word in APOLOGY), user.transcript
    for message in replies:
        # the sponsor's markup is shown as typed, never interpreted
        for tag in ("<b>fett</b>", "<i>Hameln</i>", "<script>", "<tg-spoiler>"):
            assert tag not in message.html or tag in message.text, (tag, message.html)
