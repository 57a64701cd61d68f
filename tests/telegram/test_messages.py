"""What sponsors see as Telegram renders it: their own text shown literally (never taken as
markup), messages over Telegram's limit split as Telegram counts, and the command menus."""

from __future__ import annotations

from tests.alliance.conftest import (
    ADMINS,
    HILDESHEIM,
    STAFF,
    give_contact_details,
    invite,
    register,
    tap,
)
from tests.botapi import BotApiServer, entity_slice, utf16_len
from tests.support.bot import StartBot, answer, summary_messages

EMOJI = "🤖🧪🔬🧲💻🔧"


async def test_a_summary_longer_than_telegram_allows_is_split(
    server: BotApiServer, start_bot: StartBot
) -> None:
    """Emoji count twice in Telegram's limit (UTF-16): this summary has fewer than 4,096
    characters in Python but more than 4,096 units for Telegram."""
    idea_lines = [
        f"{EMOJI} Robotik-Labor Nummer {n} für Schülerinnen und Schüler" for n in range(12)
    ]
    async with start_bot():
        eve = server.user(1005, "Eve")
        eve.send("/start")
        await eve.expect(2)
        for text in (
            "Hildesheim",
            "Bildungsträger",
            "Schüler",
            "\n".join(idea_lines),
            "🤖" * 150 + " Roboterwerkstatt",
            "800.000 €",
            "Ja",  # the excess raises the grant: the justification is asked (chapter 5)
            "Wir arbeiten in vier Landkreisen mit eigenen Teams. " + EMOJI * 50,
            "09/2027",
            "12 Monate",
        ):
            await answer(eve, text)
        eve.send("30 % Eigenmittel, den Rest trägt der Landkreis " + "💶" * 230)
        summary = await summary_messages(eve)  # with sources, in three parts or more
        await eve.settle()
        assert not server.bot_errors  # the server refuses what Telegram would refuse
        assert sum(utf16_len(m.text) for m in summary) > 4096
        assert all(utf16_len(m.text) <= 4096 for m in summary)
        assert "Zusammenfassung" in summary[0].text
        assert len(summary) >= 2
        assert [m.buttons != [] for m in summary] == [False] * (len(summary) - 1) + [True]
        text = "\n".join(m.text for m in summary)
        assert all(line in text for line in idea_lines[:5])
        assert "Eigenmittel" in text and "So geht es weiter" in text


async def test_a_long_handoff_notification_arrives_split_with_valid_markup(
    server: BotApiServer, start_bot: StartBot
) -> None:
    """The notification quotes the idea in italics; a cut inside the multi-line quote must
    close and reopen the markup, or Telegram refuses the message and the alliance never
    hears of the handoff."""
    idea = "\n".join(
        f"{EMOJI} Schritt {n}: Praktikum und Sprachkurs im Pflegeheim" for n in range(10)
    )
    async with start_bot(admin_ids=ADMINS):
        staff = server.user(STAFF)
        contact = server.user(501)
        sponsor = server.user(1001)
        await register(contact, await invite(staff, HILDESHEIM))
        sponsor.send("/start")
        await sponsor.expect(2)
        for text in ("Sarstedt", "Bildungsträger", "Geflüchtete Frauen", idea, "Pflegebrücke"):
            await answer(sponsor, text)
        for text in ("380.000 €", "01/2027", "2 Jahre"):
            await answer(sponsor, text)
        sponsor.send("/ueberspringen")
        await summary_messages(sponsor)
        await tap(sponsor, "Übergeben")
        await give_contact_details(
            sponsor,
            organisation="Bildungswerk " + "🏥" * 580,
            person="Projektleitung " + "🩺" * 580,
            channel="pflege@bildungswerk.example " + "📞" * 560,
        )
        await tap(sponsor, "Einverstanden")
        *texts, pdf = await contact.expect(3)
        await contact.settle()
        assert pdf.document is not None
        assert not server.bot_errors
        assert all(utf16_len(m.text) <= 4096 for m in texts)
        assert texts[-1].button_texts() == ["✅ Übernehmen", "💬 Rückfrage"]
        shown = "\n".join(m.text for m in texts)
        assert all(line in shown for line in idea.splitlines())
        italic = "\n".join(
            entity_slice(m.text, e) for m in texts for e in m.entities if e["type"] == "italic"
        )
        assert all(line in italic for line in idea.splitlines())  # quoted as the template says


async def test_what_sponsors_type_is_shown_literally_never_as_markup(
    server: BotApiServer, start_bot: StartBot
) -> None:
    """Text that looks like HTML reaches Telegram escaped (the test server parses like
    Telegram and refuses broken markup) and comes back exactly as typed."""
    idea = (
        "Geflüchtete Frauen & <Mütter> machen ein bezahltes Praktikum in Pflegeheimen "
        "&lt;b&gt; und bekommen dazu einen Deutschkurs mit dem Jobcenter."
    )
    title = 'Titel </i><b>fett & "zitiert"'
    async with start_bot():
        user = server.user(7004, "<b>Jörg & Co</b>")
        user.send("/start")
        await user.expect(2)
        for text in ("Sarstedt", '<Verein> & "Co" &amp;', "Geflüchtete Frauen", idea, title):
            await answer(user, text)
        for text in ("380.000 €", "01/2027", "2 Jahre"):
            await answer(user, text)
        user.send("/ueberspringen")
        summary = "\n".join(m.text for m in await summary_messages(user))
        assert idea in summary
        assert title in summary
        assert '<Verein> & "Co" &amp;' in summary
        drafts = await answer(user, "/entwuerfe")
        assert title in drafts.text or any(title[:20] in label for label in drafts.button_texts())
        assert not server.bot_errors
        formatted = [entity_slice(m.text, e) for m in user.messages for e in m.entities]
        assert not [f for f in formatted if "fett" in f or "Mütter" in f or "Verein" in f]
